/**
 * The facts access by caseload rests on (docs/access-control.md), for one user and some people:
 * their caseload links, office, team and learner-case office, sensitivity, and live break-glass grants.
 */
import { getTableName, is, SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { executeNamed, type Queryable } from '../db.ts';
import { breakGlassGrants } from '../schema.ts';
import { LEARNER_PROGRAM } from './product-delivery-cases.ts';

/**
 * The users whose caseload a person is on: who registered them, opened their case, assessed them,
 * created their plan, owns one of their plan items, coordinates their learner case, or holds an
 * open task about them. `about(column)` is the condition naming the people, on each source's
 * person column.
 */
const caseloadLinks = (about: (personColumn: string) => string) => `
  select p.id as person_id, p.created_by as user_id from persons p where ${about('p.id')}
  union all select c.person_id, c.opened_by from integrated_cases c where ${about('c.person_id')}
  union all select c.person_id, a.assessor_id from assessments a join integrated_cases c on c.id = a.case_id where ${about('c.person_id')}
  union all select sp.person_id, sp.created_by from service_plans sp where ${about('sp.person_id')}
  union all select sp.person_id, pi.owner_id from plan_items pi join service_plans sp on sp.id = pi.plan_id where ${about('sp.person_id')}
  union all select d.person_id, d.coordinator_id from product_delivery_cases d where ${about('d.person_id')}
  union all select t.person_id, t.assignee_id from tasks t where ${about('t.person_id')} and t.status = 'open'`;

/**
 * The access facts of the people `ids` (a uuid[] expression). Parameters: $1 the user (or `user`, a
 * uuid expression), $3 now (for grants), $4 the learner program. Run on every read and write of a
 * person's data, as a named prepared statement (planning it cost more than running it), alone or
 * inside a larger read.
 */
export const accessFactsQuery = (ids: string, user = '$1::uuid') => `
  with links as (${caseloadLinks((column) => `${column} = any(${ids})`)}),
  me as (select id, office_code, team_code, clearance from users where id = ${user})
  select t.id, t.sensitivity, me.clearance,
    exists (select 1 from links l where l.person_id = t.id and l.user_id = me.id) as own,
    exists (select 1 from links l join users lu on lu.id = l.user_id where l.person_id = t.id and lu.office_code = me.office_code) as office,
    (me.team_code is not null and exists (select 1 from links l join users lu on lu.id = l.user_id where l.person_id = t.id and lu.team_code = me.team_code)) as team,
    exists (
      select 1 from product_delivery_cases d left join users cu on cu.id = d.coordinator_id
      where d.person_id = t.id and d.program = $4 and (t.office_code = me.office_code or cu.office_code = me.office_code)
    ) as learner,
    (select g.reason from break_glass_grants g where g.user_id = me.id and g.person_id = t.id and g.expires_at > $3::timestamptz order by g.expires_at desc limit 1) as grant_reason
  from persons t cross join me
  where t.id = any(${ids})`;

/** $2: the people (uuid[]). */
const ACCESS_FACTS = accessFactsQuery('$2::uuid[]');

export interface AccessFactsRow {
  id: string;
  sensitivity: number;
  clearance: number;
  own: boolean;
  office: boolean;
  team: boolean;
  learner: boolean;
  grant_reason: string | null;
}

/** One row per existing person of `ids`: what the access rules need about them and the user (at `now`, for grants). */
export async function accessFactRows(q: Queryable, userId: string, ids: readonly string[], now: Date): Promise<AccessFactsRow[]> {
  if (ids.length === 0) return [];
  return executeNamed<AccessFactsRow>(q, 'waypoint_access_facts', ACCESS_FACTS, [
    userId,
    [...new Set(ids)],
    now.toISOString(),
    LEARNER_PROGRAM,
  ]);
}

export async function insertBreakGlassGrant(q: Queryable, values: typeof breakGlassGrants.$inferInsert) {
  const [row] = await q.insert(breakGlassGrants).values(values).returning();
  return row!;
}

/** The column with its table's name, so that it names the outer row inside a subquery (Drizzle leaves it bare in a one-table select). */
const qualified = (column: AnyPgColumn) => sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;

/**
 * Whose reach a list is shown in: the user, and the bases their roles reach people by (the
 * domain's `reachOf`: 'auditor', 'own-caseload', 'office-caseload', 'team-caseload', 'learner-case').
 */
export interface Reader {
  readonly userId: string;
  readonly reach: ReadonlySet<string>;
  /**
   * For a list that counts the reader's live break-glass grants (the home page's caseload and recently
   * viewed, docs/access-control.md "Lists"): a grant unexpired at this instant opens the person, as
   * `decideAccess` lets it for a role that may break the glass. Unset: grants do not count.
   */
  readonly breakGlassAt?: Date | undefined;
}

/**
 * The condition "the reader may read the person `person` names" for a list filtered in SQL (a
 * worklist): the person's sensitivity within the reader's clearance, and a caseload, office or team
 * link, or a learner case of the office, as far as the reader's reach goes; break-glass grants count
 * only for a reader with `breakGlassAt` (otherwise a list is not a break-glass read). It is
 * `decideAccess` over the facts of `accessFactsQuery`, written as one condition:
 * test/integration/task-queue-access.test.ts checks that the two agree. `person` is a column, or the
 * SQL of one under an alias (`sql\`p.id\``).
 */
export function personInReach(person: AnyPgColumn | SQL, reader: Reader): SQL {
  const has = (basis: string) => reader.reach.has(basis);
  const linked = [
    has('own-caseload') ? 'l.user_id = me.id' : null,
    has('office-caseload') ? 'lu.office_code = me.office_code' : null,
    has('team-caseload') ? '(me.team_code is not null and lu.team_code = me.team_code)' : null,
  ].filter((test) => test !== null);
  const tests = [
    has('auditor') ? 'true' : null,
    linked.length
      ? `exists (select 1 from (${caseloadLinks((column) => `${column} = rp.id`)}) l join users lu on lu.id = l.user_id where ${linked.join(' or ')})`
      : null,
    has('learner-case')
      ? `exists (select 1 from product_delivery_cases d left join users cu on cu.id = d.coordinator_id
          where d.person_id = rp.id and d.program = '${LEARNER_PROGRAM}' and (rp.office_code = me.office_code or cu.office_code = me.office_code))`
      : null,
  ]
    .filter((test) => test !== null)
    .map((test) => sql.raw(test));
  if (reader.breakGlassAt)
    tests.push(sql`exists (select 1 from break_glass_grants g
      where g.user_id = me.id and g.person_id = rp.id and g.expires_at > ${reader.breakGlassAt.toISOString()}::timestamptz)`);
  if (tests.length === 0) return sql`false`;
  const column = is(person, SQL) ? person : qualified(person);
  return sql`exists (select 1 from persons rp join users me on me.id = ${reader.userId}
    where rp.id = ${column} and rp.sensitivity <= me.clearance and (${sql.join(tests, sql` or `)}))`;
}
