/**
 * The auditors' search of the access log (docs/access-control.md "Access log"): by actor, person and
 * date range, newest first, a page at a time; a person the reader may not read is withheld.
 */
import { accessLogRows } from '../store/repos/access-log.ts';
import type { Actor, AppContext } from './context.ts';
import { dateRange } from './date-range.ts';
import { authorize } from './permissions.ts';
import { accessDecisions } from './person-access.ts';

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

/**
 * An auditor's search of the access log, newest first, `limit` rows a page (keyset paging on seq).
 * An entry about a person the reader may not read (above their clearance; for a role with a caseload,
 * also outside their reach) keeps who read, when, what and on what basis, and that a person was read
 * (their id, as the audit search keeps a record id); the person's reference and the break-glass
 * reason are withheld (null) and `withheld` says why, as the audit search withholds
 * (docs/access-control.md "Access log"). The log's own entries are not access-logged reads.
 */
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
  const access = await accessDecisions(
    ctx,
    actor,
    page.map(({ log }) => log.personId),
  );
  return {
    entries: page.map(({ log, actorName, actorUsername, reference }) => {
      const entry = {
        seq: log.seq,
        at: log.at.toISOString(),
        actor: { id: log.actorId, username: actorUsername, displayName: actorName },
        what: log.what,
        basis: log.basis,
        breakGlass: log.breakGlass,
        reviewStatus: log.reviewStatus,
      };
      const decision = access.get(log.personId);
      if (decision?.allowed !== false) return { ...entry, person: { id: log.personId, reference }, reason: log.reason };
      return {
        ...entry,
        person: { id: log.personId, reference: null },
        reason: null,
        withheld: {
          code: decision.refusal.code,
          detail: `The person read is withheld (their reference, and a break-glass read's reason): you may not read them. ${decision.refusal.detail}`,
        },
      };
    }),
    page: { limit, more: rows.length > limit, nextBefore: rows.length > limit ? page[page.length - 1]!.log.seq : null },
  };
}
