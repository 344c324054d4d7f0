/**
 * An official's own work, for the home page (docs/access-control.md): "My caseload", the people
 * whose open plan items or open case they hold, and "Recently viewed", the people they opened
 * lately. Both are paged on the server; people the user may no longer read (above their clearance,
 * or off their reach since; a live break-glass grant opens them) are left out in the database, so a
 * page's total counts only the people its pages show, and every person listed is recorded in the
 * access log.
 */
import { type CaseloadRow, caseloadPage, type RecentRow, recentlyReadPage } from '../store/repos/my-work.ts';
import { recordAccess } from './access-log.ts';
import type { Actor, AppContext } from './context.ts';
import { authorize } from './permissions.ts';
import { accessDecisions, readerWithGrants } from './person-access.ts';

export const MY_WORK_PAGE_MAX = 50;
export const CASELOAD_PLAN_STATUSES = ['open', 'active', 'closed', 'exited', 'none'] as const;

const pageOf = (query: { limit?: number | undefined; offset?: number | undefined }, fallback: number) => ({
  limit: Math.min(Math.max(query.limit ?? fallback, 1), MY_WORK_PAGE_MAX),
  offset: Math.max(query.offset ?? 0, 0),
});

/**
 * Logs each row's person as listed, on the basis that lets the actor read them; the database left out
 * those they may not read, and a row whose read the decision refuses now (a grant that has just
 * expired) is left out here too.
 */
async function readable<T extends { id: string }>(ctx: AppContext, actor: Actor, rows: readonly T[]): Promise<T[]> {
  const decisions = await accessDecisions(
    ctx,
    actor,
    rows.map((r) => r.id),
  );
  const kept = rows.filter((r) => decisions.get(r.id)?.allowed === true);
  await recordAccess(
    ctx,
    ctx.db,
    actor,
    kept.map((r) => {
      const d = decisions.get(r.id);
      return d?.allowed
        ? { personId: r.id, what: 'search-result' as const, basis: d.basis, breakGlassReason: d.breakGlassReason }
        : { personId: r.id, what: 'search-result' as const, basis: 'search' as const, breakGlassReason: null };
    }),
  );
  return kept;
}

const personOf = (r: CaseloadRow | RecentRow) => ({ id: r.id, reference: r.reference, givenName: r.given_name, familyName: r.family_name });

const pageInfo = (limit: number, offset: number, total: number) => ({
  limit,
  offset,
  total,
  nextOffset: offset + limit < total ? offset + limit : null,
});

/** My caseload: soonest next due date first, filtered by the person's current plan status and a due date. */
export async function myCaseload(
  ctx: AppContext,
  actor: Actor,
  query: {
    planStatus?: (typeof CASELOAD_PLAN_STATUSES)[number] | undefined;
    dueBy?: string | undefined;
    limit?: number | undefined;
    offset?: number | undefined;
  },
) {
  authorize(actor, 'plan.read');
  const { limit, offset } = pageOf(query, 20);
  const rows = await caseloadPage(ctx.db, {
    reader: readerWithGrants(ctx, actor),
    planStatus: query.planStatus,
    dueBy: query.dueBy,
    limit,
    offset,
  });
  const kept = await readable(ctx, actor, rows);
  return {
    people: kept.map((r) => ({
      person: personOf(r),
      nextDueOn: r.next_due,
      plan: r.plan_id ? { id: r.plan_id, reference: r.plan_reference ?? '', status: r.plan_status ?? '' } : null,
      openCase: r.case_id ? { id: r.case_id, reference: r.case_reference ?? '' } : null,
    })),
    page: pageInfo(limit, offset, rows[0]?.total ?? 0),
  };
}

/** The people I opened lately, most recent first. */
export async function recentlyViewed(ctx: AppContext, actor: Actor, query: { limit?: number | undefined; offset?: number | undefined }) {
  authorize(actor, 'person.read');
  const { limit, offset } = pageOf(query, 5);
  const rows = await recentlyReadPage(ctx.db, readerWithGrants(ctx, actor), limit, offset);
  const kept = await readable(ctx, actor, rows);
  return {
    people: kept.map((r) => ({
      person: personOf(r),
      viewedAt: (r.last_read instanceof Date ? r.last_read : new Date(r.last_read)).toISOString(),
    })),
    page: pageInfo(limit, offset, rows[0]?.total ?? 0),
  };
}
