/**
 * The access log (docs/access-control.md "Access log"): one row for every read of a person's data,
 * whoever reads it (auditors too): the actor, the person, what was read, when, on what basis, and,
 * for a break-glass read, the reason and a review flag. Auditors search it by actor, person and
 * date range, a page at a time (access-log-search.ts). Rows are never deleted (a trigger refuses
 * DELETE, migration 0015).
 */
import type { AccessBasis } from '../domain/access/access.ts';
import type { Queryable } from '../store/db.ts';
import { insertAccessReads } from '../store/repos/access-log.ts';
import { type Actor, type AppContext, timestamp } from './context.ts';

/** What was read: the person's record or a part of their file. */
export const READ_KINDS = [
  'person',
  'household',
  'readiness',
  'interactions',
  'case',
  'assessment',
  'service-plans',
  'service-plan',
  'agreement',
  'pdcs',
  'evidence',
  'determinations',
  'payments',
  'preview',
  'two-attending',
  'search-result',
  'audit',
  'learning-streams',
] as const;
export type ReadKind = (typeof READ_KINDS)[number];

export interface AccessRead {
  readonly personId: string;
  readonly what: ReadKind;
  /**
   * How the read was allowed; 'search-result' rows of people outside the caseload say 'search', and
   * a finance officer's export of a whole payment run says 'payment-run'.
   */
  readonly basis: AccessBasis | 'search' | 'payment-run';
  readonly breakGlassReason: string | null;
}

export async function recordAccess(ctx: AppContext, q: Queryable, actor: Actor, reads: readonly AccessRead[]): Promise<void> {
  if (reads.length === 0 || ctx.seeding) return;
  const at = timestamp(ctx.clock);
  const rows = reads.map((r) => ({
    at,
    actorId: actor.userId,
    personId: r.personId,
    what: r.what,
    basis: r.basis,
    breakGlass: r.basis === 'break-glass',
    reason: r.breakGlassReason,
    reviewStatus: r.basis === 'break-glass' ? 'pending' : 'not-required',
  }));
  // Outside a transaction the rows share a group commit; inside one they stay with its other statements.
  if (q === ctx.db) await ctx.accessLog.write(rows);
  else await insertAccessReads(q, rows);
}
