/**
 * An official's own work, for their home page: the people on their caseload (they own an open item
 * of a current plan, or opened the person's open case) and the people they read most recently. Each
 * is filtered by the reader's reach here (`personInReach`, with their live break-glass grants), so that
 * a page's total counts only the people its pages show (docs/access-control.md "Lists").
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '../db.ts';
import { personInReach, type Reader } from './access.ts';

export interface CaseloadRow {
  id: string;
  reference: string;
  given_name: string;
  family_name: string;
  next_due: string | null;
  plan_id: string | null;
  plan_reference: string | null;
  plan_status: string | null;
  case_id: string | null;
  case_reference: string | null;
  total: number;
}

export interface CaseloadQuery {
  /** The user whose caseload it is, and whose reach it is shown in. */
  readonly reader: Reader;
  /** A plan status, or 'none' for people with no plan yet. */
  readonly planStatus?: string | undefined;
  /** Only people whose next due date is on or before this date. */
  readonly dueBy?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** One page of the user's caseload, soonest next due date first, with the filtered total on each row. */
export async function caseloadPage(q: Queryable, query: CaseloadQuery): Promise<CaseloadRow[]> {
  const userId = query.reader.userId;
  const filters: SQL[] = [personInReach(sql`p.id`, query.reader)];
  if (query.planStatus === 'none') filters.push(sql`plan.status is null`);
  else if (query.planStatus) filters.push(sql`plan.status = ${query.planStatus}`);
  if (query.dueBy) filters.push(sql`m.next_due <= ${query.dueBy}::date`);
  const rows = rowsOf<CaseloadRow>(
    await q.execute(sql`
      with links as (
        select sp.person_id, min(pi.expected_end) as next_due
          from plan_items pi join service_plans sp on sp.id = pi.plan_id
         where pi.owner_id = ${userId}::uuid and pi.outcome is null and sp.status in ('open', 'active')
         group by sp.person_id
        union all
        select ic.person_id, null from integrated_cases ic where ic.opened_by = ${userId}::uuid and ic.status = 'open'
      ), m as (select person_id, min(next_due) as next_due from links group by person_id)
      select p.id, p.reference, p.given_name, p.family_name, m.next_due::text as next_due,
             plan.id as plan_id, plan.reference as plan_reference, plan.status as plan_status,
             ic.id as case_id, ic.reference as case_reference, (count(*) over ())::int as total
        from m join persons p on p.id = m.person_id
        left join lateral (
          select id, reference, status from service_plans s where s.person_id = p.id order by s.created_on desc, s.created_at desc limit 1
        ) plan on true
        left join integrated_cases ic on ic.person_id = p.id and ic.status = 'open'
       where ${sql.join(filters, sql` and `)}
       order by m.next_due asc nulls last, lower(p.family_name), lower(p.given_name), p.id
       limit ${query.limit} offset ${query.offset}`),
  );
  return rows.map((r) => ({ ...r, total: Number(r.total) }));
}

export interface RecentRow {
  id: string;
  reference: string;
  given_name: string;
  family_name: string;
  last_read: Date | string;
  total: number;
}

/**
 * The people the reader opened (reads of the person's record) and may still read, most recent first
 * (by log order: instants can tie), a page at a time, with the total on each row.
 */
export async function recentlyReadPage(q: Queryable, reader: Reader, limit: number, offset: number): Promise<RecentRow[]> {
  const rows = rowsOf<RecentRow>(
    await q.execute(sql`
      with r as (
        select person_id, max(at) as last_read, max(seq) as last_seq from access_log
         where actor_id = ${reader.userId}::uuid and what = 'person'
         group by person_id
      )
      select p.id, p.reference, p.given_name, p.family_name, r.last_read, (count(*) over ())::int as total
        from r join persons p on p.id = r.person_id
       where ${personInReach(sql`p.id`, reader)}
       order by r.last_seq desc
       limit ${limit} offset ${offset}`),
  );
  return rows.map((r) => ({ ...r, total: Number(r.total) }));
}
