/** Product delivery cases (learner income support): the one definition of a live learner case, and the queries on cases. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { preparedOn, type Queryable } from '../db.ts';
import { persons, productDeliveryCases, users } from '../schema.ts';
import { updateVersioned } from '../versioned.ts';
import { uuidIn } from './uuid-list.ts';

export type PdcRow = typeof productDeliveryCases.$inferSelect;
export type NewPdc = typeof productDeliveryCases.$inferInsert;

/** The benefit program of a learner product delivery case. */
export const LEARNER_PROGRAM = 'learner-income-support';
/** A case is live while open (not yet determined) or active (determined); closed ones are history. */
export const LIVE_STATUSES = ['open', 'active'] as const;

/** The ONE definition of a live learner case: learner income support, open or active. */
export const liveLearnerCase = () =>
  and(eq(productDeliveryCases.program, LEARNER_PROGRAM), inArray(productDeliveryCases.status, [...LIVE_STATUSES]));

/** The live learner cases of these people. */
export async function liveLearnerCasesOf(q: Queryable, personIds: readonly string[]): Promise<PdcRow[]> {
  if (personIds.length === 0) return [];
  return q
    .select()
    .from(productDeliveryCases)
    .where(and(uuidIn(productDeliveryCases.personId, personIds), liveLearnerCase()));
}

/** Whether the person has any live case (of any program): they use another service. */
export async function hasLiveCase(q: Queryable, personId: string): Promise<boolean> {
  const rows = await q
    .select({ id: productDeliveryCases.id })
    .from(productDeliveryCases)
    .where(and(eq(productDeliveryCases.personId, personId), inArray(productDeliveryCases.status, [...LIVE_STATUSES])))
    .limit(1);
  return rows.length > 0;
}

/** Ids of these people's determined (active) cases: those a household change reassesses. */
export async function determinedCaseIdsOf(q: Queryable, personIds: readonly string[]): Promise<string[]> {
  if (personIds.length === 0) return [];
  const rows = await q
    .select({ id: productDeliveryCases.id })
    .from(productDeliveryCases)
    .where(and(inArray(productDeliveryCases.personId, [...personIds]), eq(productDeliveryCases.status, 'active')));
  return rows.map((r) => r.id);
}

export async function pdcById(q: Queryable, id: string, options: { lock?: boolean } = {}): Promise<PdcRow | undefined> {
  const [row] = options.lock
    ? await preparedOn(q, 'waypoint_pdc_by_id_for_update', (q, name) => pdcByIdQuery(q).for('update').prepare(name)).execute({ id })
    : await preparedOn(q, 'waypoint_pdc_by_id', (q, name) => pdcByIdQuery(q).prepare(name)).execute({ id });
  return row;
}

const pdcByIdQuery = (q: Queryable) =>
  q
    .select()
    .from(productDeliveryCases)
    .where(eq(productDeliveryCases.id, sql.placeholder('id')));

/** A person's cases, newest first. */
export async function pdcsOfPerson(q: Queryable, personId: string): Promise<PdcRow[]> {
  return q
    .select()
    .from(productDeliveryCases)
    .where(eq(productDeliveryCases.personId, personId))
    .orderBy(desc(productDeliveryCases.createdAt));
}

/** The person behind each of these cases. */
export async function personIdsOfPdcs(q: Queryable, pdcIds: readonly string[]): Promise<string[]> {
  if (pdcIds.length === 0) return [];
  const rows = await q
    .select({ personId: productDeliveryCases.personId })
    .from(productDeliveryCases)
    .where(inArray(productDeliveryCases.id, [...pdcIds]));
  return rows.map((r) => r.personId);
}

/** The case funding a plan item, if any. */
export async function pdcOfPlanItem(q: Queryable, planItemId: string): Promise<PdcRow | undefined> {
  const [row] = await q.select().from(productDeliveryCases).where(eq(productDeliveryCases.planItemId, planItemId));
  return row;
}

/** The cases funding any of these plan items. */
export async function pdcsOfPlanItems(q: Queryable, planItemIds: readonly string[]): Promise<PdcRow[]> {
  if (planItemIds.length === 0) return [];
  return q
    .select()
    .from(productDeliveryCases)
    .where(inArray(productDeliveryCases.planItemId, [...planItemIds]));
}

/** Cases with their learner (name, reference) and coordinator's name. */
export async function pdcsWithPeople(q: Queryable, pdcIds: readonly string[]) {
  if (pdcIds.length === 0) return [];
  return q
    .select({
      pdc: productDeliveryCases,
      givenName: persons.givenName,
      familyName: persons.familyName,
      reference: persons.reference,
      coordinator: users.displayName,
    })
    .from(productDeliveryCases)
    .innerJoin(persons, eq(persons.id, productDeliveryCases.personId))
    .leftJoin(users, eq(users.id, productDeliveryCases.coordinatorId))
    .where(inArray(productDeliveryCases.id, [...pdcIds]));
}

export async function insertPdc(q: Queryable, values: NewPdc): Promise<PdcRow> {
  const [row] = await q.insert(productDeliveryCases).values(values).returning();
  return row!;
}

export async function updatePdcVersioned(q: Queryable, id: string, version: number, values: Partial<NewPdc>) {
  return updateVersioned(q, productDeliveryCases, id, version, values);
}

/** An open case becomes active with its first determination (no change when already active). */
/** Open cases become active with their first determination (one statement for many). */
export async function markPdcsDetermined(q: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await q
    .update(productDeliveryCases)
    .set({ status: 'active', version: sql`${productDeliveryCases.version} + 1` })
    .where(and(inArray(productDeliveryCases.id, [...ids]), eq(productDeliveryCases.status, 'open')));
}
