/**
 * Access by caseload (docs/access-control.md): every use case that reads a person's data calls
 * `readPerson` (or `readPeople`) where it loads the person. It loads the facts (the person's
 * caseload links, office, sensitivity; the user's office, team, clearance, break-glass grants),
 * lets the domain decide (src/domain/access/access.ts), refuses with NOT_ON_CASELOAD or
 * ABOVE_SENSITIVITY_CLEARANCE, and records the read in the access log. Every use case that changes a
 * person's data calls `writePerson` (or `writePeople`): the same rules without break-glass.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { checkBreakGlassReason, decideAccess, decideWriteAccess, type AccessDecision, type AccessFacts } from '../domain/access/access.ts';
import { rowsOf, type Queryable } from '../store/db.ts';
import { breakGlassGrants, persons } from '../store/schema.ts';
import { recordAccess, type ReadKind } from './access-log.ts';
import { recordAudit } from './audit.ts';
import { type Actor, type AppContext, timestamp } from './context.ts';
import { AppError, assertNoRefusals } from './errors.ts';
import { authorize } from './permissions.ts';
import { LEARNER_PROGRAM } from './benefits/program.ts';

/** A break-glass grant lasts this long (docs/access-control.md "Break-glass"). */
export const BREAK_GLASS_MINUTES = 60;

const idList = (ids: readonly string[]): SQL => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

/**
 * The users whose caseload a person is on: who registered them, opened their case, assessed them,
 * created their plan, owns one of their plan items, coordinates their learner case, or holds an
 * open task about them.
 */
const caseloadLinks = (ids: SQL): SQL => sql`
  select p.id as person_id, p.created_by as user_id from persons p where p.id in (${ids})
  union all select c.person_id, c.opened_by from integrated_cases c where c.person_id in (${ids})
  union all select c.person_id, a.assessor_id from assessments a join integrated_cases c on c.id = a.case_id where c.person_id in (${ids})
  union all select sp.person_id, sp.created_by from service_plans sp where sp.person_id in (${ids})
  union all select sp.person_id, pi.owner_id from plan_items pi join service_plans sp on sp.id = pi.plan_id where sp.person_id in (${ids})
  union all select d.person_id, d.coordinator_id from product_delivery_cases d where d.person_id in (${ids})
  union all select t.person_id, t.assignee_id from tasks t where t.person_id in (${ids}) and t.status = 'open'`;

interface FactsRow {
  id: string;
  sensitivity: number;
  clearance: number;
  own: boolean;
  office: boolean;
  team: boolean;
  learner: boolean;
  grant_reason: string | null;
}

/** The access facts of each existing person of `ids` for the actor (missing people are absent). */
export async function accessFacts(ctx: AppContext, q: Queryable, actor: Actor, ids: readonly string[]): Promise<Map<string, AccessFacts>> {
  if (ids.length === 0) return new Map();
  const list = idList([...new Set(ids)]);
  const now = timestamp(ctx.clock).toISOString();
  const rows = rowsOf<FactsRow>(
    await q.execute(sql`
      with links as (${caseloadLinks(list)}),
      me as (select id, office_code, team_code, clearance from users where id = ${actor.userId}::uuid)
      select t.id, t.sensitivity, me.clearance,
        exists (select 1 from links l where l.person_id = t.id and l.user_id = me.id) as own,
        exists (select 1 from links l join users lu on lu.id = l.user_id where l.person_id = t.id and lu.office_code = me.office_code) as office,
        (me.team_code is not null and exists (select 1 from links l join users lu on lu.id = l.user_id where l.person_id = t.id and lu.team_code = me.team_code)) as team,
        exists (
          select 1 from product_delivery_cases d left join users cu on cu.id = d.coordinator_id
          where d.person_id = t.id and d.program = ${LEARNER_PROGRAM} and (t.office_code = me.office_code or cu.office_code = me.office_code)
        ) as learner,
        (select g.reason from break_glass_grants g where g.user_id = me.id and g.person_id = t.id and g.expires_at > ${now}::timestamptz order by g.expires_at desc limit 1) as grant_reason
      from persons t cross join me
      where t.id in (${list})`),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        roles: actor.roles,
        clearance: Number(r.clearance),
        sensitivity: Number(r.sensitivity),
        ownCaseload: r.own === true,
        officeCaseload: r.office === true,
        teamCaseload: r.team === true,
        learnerCaseInOffice: r.learner === true,
        breakGlassReason: r.grant_reason,
      },
    ]),
  );
}

/** The actor's access to each existing person of `ids` (for the search's hit list). */
export async function accessDecisions(ctx: AppContext, actor: Actor, ids: readonly string[]): Promise<Map<string, AccessDecision>> {
  const facts = await accessFacts(ctx, ctx.db, actor, ids);
  return new Map([...facts].map(([id, f]) => [id, decideAccess(f)]));
}

function refuse(decision: Extract<AccessDecision, { allowed: false }>, personId: string): never {
  const r = decision.refusal;
  throw new AppError(r.code, r.detail, { rule: r.rule, facts: { ...r.facts, personId } });
}

/**
 * Checks the actor may read the people's data and records each read (`what`) in the access log.
 * Throws NOT_FOUND for a missing person, NOT_ON_CASELOAD or ABOVE_SENSITIVITY_CLEARANCE otherwise.
 */
export async function readPeople(ctx: AppContext, actor: Actor, personIds: readonly string[], what: ReadKind, q: Queryable = ctx.db): Promise<void> {
  const ids = [...new Set(personIds)];
  const facts = await accessFacts(ctx, q, actor, ids);
  const decisions = ids.map((id) => {
    const f = facts.get(id);
    if (!f) throw AppError.notFound('person', id);
    const decision = decideAccess(f);
    if (!decision.allowed) refuse(decision, id);
    return { personId: id, decision };
  });
  await recordAccess(ctx, q, actor, decisions.map(({ personId, decision }) => ({ personId, what, basis: decision.basis, breakGlassReason: decision.breakGlassReason })));
}

export const readPerson = (ctx: AppContext, actor: Actor, personId: string, what: ReadKind, q: Queryable = ctx.db): Promise<void> =>
  readPeople(ctx, actor, [personId], what, q);

/**
 * Checks the actor may change the people's data (docs/access-control.md "Writes"): the read rules
 * without break-glass. Throws NOT_FOUND, NOT_ON_CASELOAD or ABOVE_SENSITIVITY_CLEARANCE and changes
 * nothing; call it inside the write's transaction, where the person id is known. Not access-logged:
 * the write itself is audited. System jobs (no actor) do not call it.
 */
export async function writePeople(ctx: AppContext, actor: Actor, personIds: readonly string[], q: Queryable = ctx.db): Promise<void> {
  const ids = [...new Set(personIds)];
  const facts = await accessFacts(ctx, q, actor, ids);
  for (const id of ids) {
    const f = facts.get(id);
    if (!f) throw AppError.notFound('person', id);
    const decision = decideWriteAccess(f);
    if (!decision.allowed) refuse(decision, id);
  }
}

export const writePerson = (ctx: AppContext, actor: Actor, personId: string, q: Queryable = ctx.db): Promise<void> => writePeople(ctx, actor, [personId], q);

/**
 * Break-glass: a read outside the caseload, with a stated reason. Grants the actor access to the
 * person for BREAK_GLASS_MINUTES; every read under it is logged with the reason and flagged for
 * review. Sensitivity still applies: a grant never opens a record above the actor's clearance.
 */
export async function breakGlass(ctx: AppContext, actor: Actor, personId: string, input: { reason: string }) {
  authorize(actor, 'person.break-glass');
  assertNoRefusals(checkBreakGlassReason(input.reason));
  const reason = input.reason.trim();
  return ctx.db.transaction(async (tx) => {
    const facts = (await accessFacts(ctx, tx, actor, [personId])).get(personId);
    if (!facts) throw AppError.notFound('person', personId);
    const decision = decideAccess({ ...facts, breakGlassReason: null });
    if (!decision.allowed && decision.refusal.code !== 'NOT_ON_CASELOAD') refuse(decision, personId);
    const now = ctx.clock.now();
    const expiresAt = now.add({ minutes: BREAK_GLASS_MINUTES });
    const [grant] = await tx
      .insert(breakGlassGrants)
      .values({ userId: actor.userId, personId, reason, grantedAt: toDate(now), expiresAt: toDate(expiresAt) })
      .returning();
    await recordAudit(tx, actor, { action: 'person.break-glass', recordType: 'person', recordId: personId, after: { grantId: grant!.id, reason, expiresAt: expiresAt.toString() } });
    const [person] = await tx.select({ reference: persons.reference }).from(persons).where(eq(persons.id, personId));
    return {
      personId,
      reference: person!.reference,
      reason,
      expiresAt: expiresAt.toString(),
      /** Already reachable without breaking the glass (the grant is recorded all the same). */
      alreadyOnCaseload: decision.allowed,
    };
  });
}

const toDate = (instant: Temporal.Instant) => new Date(instant.epochMilliseconds);
