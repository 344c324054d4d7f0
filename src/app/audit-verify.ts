/**
 * `waypoint audit verify` (docs/audit-integrity.md): recomputes the keyed hash chain of every sealed
 * event, checks every signed checkpoint of this database's trail in the checkpoint file, and checks
 * that the database still holds each checkpointed event with the same head. It names the first
 * event that was altered, rehashed, reordered or forged, and any range of events removed (one, the
 * newest, or all of them). Unsealed events are reported as pending, never as verified.
 * Read-only: it seals nothing, so a forged unsealed event is judged before any sealer could chain it.
 */
import type { Db } from '../store/db.ts';
import { auditEventCounts, sealedEventsAfter, unsealedBefore } from '../store/repos/audit-chain.ts';
import { chainHash, GENESIS, trailName } from './audit-chain.ts';
import { type Checkpoint, checkpointSignatureValid, readCheckpoints } from './audit-checkpoints.ts';
import { type AuditKeys, auditConfig, loadAuditKeys } from './audit-keys.ts';

export interface AuditProblem {
  /** The event's chain position, when it has one. */
  readonly chainIndex: number | null;
  /** The event's sequence number; null for a missing range or a checkpoint problem. */
  readonly seq: number | null;
  readonly problem: string;
}

export interface AuditVerification {
  /** Every event in the table, sealed or not. */
  readonly events: number;
  readonly sealed: number;
  /** Unsealed events: written, not yet chained; not verified. */
  readonly pending: number;
  /** Valid checkpoints of this trail, and the newest one's tree size. */
  readonly checkpoints: number;
  readonly checkpointedSize: number;
  readonly ok: boolean;
  readonly problems: readonly AuditProblem[];
}

/** How long a transaction may stay open: an unsealed event older than this before the newest checkpoint was not written by the application. */
export const PENDING_GRACE_MS = 10 * 60 * 1000;
const PAGE = 5000;

/** Checkpoints of this trail: the valid ones, and a problem for each whose signature fails. */
function checkpointsOf(keys: AuditKeys, trail: string, problems: AuditProblem[]): Checkpoint[] {
  const valid: Checkpoint[] = [];
  for (const { line, checkpoint } of readCheckpoints(keys.checkpointsFile)) {
    if (!checkpoint)
      problems.push({ chainIndex: null, seq: null, problem: `checkpoint file line ${line} is not a checkpoint (damaged or edited)` });
    else if (checkpoint.trail !== trail) continue;
    else if (!checkpointSignatureValid(keys, checkpoint))
      problems.push({
        chainIndex: null,
        seq: null,
        problem: `checkpoint file line ${line} (${checkpoint.treeSize} events, ${checkpoint.time}) has no valid signature (forged or edited)`,
      });
    else valid.push(checkpoint);
  }
  return valid;
}

const missing = (from: number, to: number, why: string): AuditProblem => ({
  chainIndex: from,
  seq: null,
  problem: from === to ? `event ${from} of the chain is missing (${why})` : `events ${from} to ${to} of the chain are missing (${why})`,
});

/**
 * Verifies this database's audit trail. `keys` default to the configured ones (WAYPOINT_AUDIT_DIR
 * etc.); without keys, sealed events cannot be verified and are reported as a problem.
 */
export async function verifyAuditChain(
  db: Db,
  keys: AuditKeys | null = loadAuditKeys(auditConfig(), { create: false }),
): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const trail = await trailName(db);
  const checkpoints = keys ? checkpointsOf(keys, trail, problems) : [];
  const heads = new Map<number, Checkpoint[]>();
  for (const c of checkpoints) heads.set(c.treeSize, [...(heads.get(c.treeSize) ?? []), c]);
  const newest = checkpoints.reduce<Checkpoint | null>((n, c) => (!n || c.treeSize > n.treeSize ? c : n), null);

  let sealed = 0;
  let expected = 1;
  let prevHash = GENESIS;
  for (let after = 0; ; ) {
    const rows = await sealedEventsAfter(db, after, PAGE);
    for (const row of rows) {
      const index = Number(row.chain_index);
      const seq = Number(row.seq);
      sealed += 1;
      if (!keys) {
        if (sealed === 1)
          problems.push({
            chainIndex: index,
            seq,
            problem: 'the audit keys are not available here: sealed events cannot be verified (see WAYPOINT_AUDIT_DIR)',
          });
        continue;
      }
      if (index !== expected) problems.push(missing(expected, index - 1, `deleted; the chain goes on at event ${index}, seq ${seq}`));
      else if (row.prev_hash !== prevHash)
        problems.push({ chainIndex: index, seq, problem: 'link to the previous event is broken (reordered, or an event was replaced)' });
      if (chainHash(keys.chainKey, row.prev_hash ?? '', index, row) !== row.hash) {
        problems.push({
          chainIndex: index,
          seq,
          problem: 'event content does not match its keyed hash (altered, reordered, forged, or rehashed without the key)',
        });
      }
      for (const c of heads.get(index) ?? []) {
        if (c.head !== row.hash)
          problems.push({
            chainIndex: index,
            seq,
            problem: `differs from the signed checkpoint of ${c.time} (${c.treeSize} events): the chain was rewritten from here or earlier`,
          });
      }
      expected = index + 1;
      prevHash = row.hash ?? '';
    }
    if (rows.length < PAGE) break;
    after = Number(rows[rows.length - 1]!.chain_index);
  }
  const last = expected - 1;
  if (newest && newest.treeSize > last) {
    problems.push(
      missing(
        last + 1,
        newest.treeSize,
        `deleted; the signed checkpoint of ${newest.time} covers ${newest.treeSize} events, the database holds ${last === 0 ? 'none' : `up to ${last}`}`,
      ),
    );
  }
  if (keys && sealed > 0 && !newest)
    problems.push({
      chainIndex: null,
      seq: null,
      problem: `no signed checkpoint of this trail in ${keys.checkpointsFile}: the end of the trail cannot be verified`,
    });

  const counts = await auditEventCounts(db);
  const pending = counts.pending;
  if (counts.events === 0 && !newest)
    problems.push({
      chainIndex: null,
      seq: null,
      problem: 'the audit trail is empty: no events and no signed checkpoint (a database in use always has events)',
    });
  if (newest && pending > 0) {
    const cutoff = new Date(Date.parse(newest.time) - PENDING_GRACE_MS);
    const stale = await unsealedBefore(db, cutoff, 50);
    for (const s of stale) {
      problems.push({
        chainIndex: null,
        seq: Number(s.seq),
        problem: `unsealed, yet dated ${s.at}, before the checkpoint of ${newest.time} that would have sealed it: inserted behind the application (forged)`,
      });
    }
  }
  return {
    events: counts.events,
    sealed,
    pending,
    checkpoints: checkpoints.length,
    checkpointedSize: newest?.treeSize ?? 0,
    ok: problems.length === 0,
    problems,
  };
}
