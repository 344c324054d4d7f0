/**
 * The access log (docs/access-control.md "Access log"): one row for every read of a person's data,
 * whoever reads it (auditors too): the actor, the person, what was read, when, on what basis, and,
 * for a break-glass read, the reason and a review flag. Auditors search it by actor, person and
 * date range, a page at a time. Rows are never deleted (a trigger refuses DELETE, migration 0015).
 */
import type { AccessBasis } from '../domain/access/access.ts';
import type { Queryable } from '../store/db.ts';
import { accessLogRows, insertAccessReads } from '../store/repos/access-log.ts';
import { type Actor, type AppContext, timestamp } from './context.ts';
import { dateRange } from './date-range.ts';
import { authorize } from './permissions.ts';

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

export const ACCESS_LOG_PAGE_MAX = 200;

export interface AccessLogFilter {
  readonly actorId?: string | undefined;
  readonly personId?: string | undefined;
  /** The person's reference (P-000009), as an alternative to their id. */
  readonly reference?: string | undefined;
  /** Inclusive calendar dates, in the ministry's time zone (UTC when unset). */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly breakGlass?: boolean | undefined;
  readonly limit?: number | undefined;
  /** The `seq` of the last row of the previous page: the next page has older rows. */
  readonly before?: number | undefined;
}

/** An auditor's search of the access log, newest first, `limit` rows a page (keyset paging on seq). */
export async function searchAccessLog(ctx: AppContext, actor: Actor, filter: AccessLogFilter) {
  authorize(actor, 'access-log.read');
  const range = dateRange(filter.from, filter.to, 'Waypoint access log search');
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), ACCESS_LOG_PAGE_MAX);
  const rows = await accessLogRows(
    ctx.db,
    {
      actorId: filter.actorId,
      personId: filter.personId,
      reference: filter.reference?.trim().toUpperCase() || undefined,
      from: range.from,
      until: range.until,
      breakGlass: filter.breakGlass,
      beforeSeq: filter.before,
    },
    limit + 1,
  );
  const page = rows.slice(0, limit);
  return {
    entries: page.map(({ log, actorName, actorUsername, reference }) => ({
      seq: log.seq,
      at: log.at.toISOString(),
      actor: { id: log.actorId, username: actorUsername, displayName: actorName },
      person: { id: log.personId, reference },
      what: log.what,
      basis: log.basis,
      breakGlass: log.breakGlass,
      reason: log.reason,
      reviewStatus: log.reviewStatus,
    })),
    page: { limit, more: rows.length > limit, nextBefore: rows.length > limit ? page[page.length - 1]!.log.seq : null },
  };
}
