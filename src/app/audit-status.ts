/**
 * The audit chain's status for auditors (docs/audit-integrity.md): the same read-only check as
 * `waypoint audit verify`, with the last sealed event. It seals nothing and changes nothing.
 */
import { lastSealedEvent } from '../store/repos/audit-chain.ts';
import { verifyAuditChain } from './audit-verify.ts';
import type { Actor, AppContext } from './context.ts';
import { authorize } from './permissions.ts';

/** Problems listed in the answer; the count says how many there are in all. */
const PROBLEMS_SHOWN = 20;

export async function auditChainStatus(ctx: AppContext, actor: Actor) {
  authorize(actor, 'audit.search');
  const [verification, last] = [await verifyAuditChain(ctx.db), await lastSealedEvent(ctx.db)];
  return {
    ok: verification.ok,
    events: verification.events,
    sealed: verification.sealed,
    pending: verification.pending,
    checkpoints: verification.checkpoints,
    checkpointedSize: verification.checkpointedSize,
    lastSealed: last && { seq: last.seq, chainIndex: last.chainIndex, at: last.at.toISOString() },
    problemCount: verification.problems.length,
    problems: verification.problems.slice(0, PROBLEMS_SHOWN).map((p) => p.problem),
  };
}
