/** Service plans (R03), their sub-goals and plan items. */
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { planItems, servicePlans, subGoals } from '../schema.ts';
import { updateVersioned } from '../versioned.ts';

export type PlanRow = typeof servicePlans.$inferSelect;
export type SubGoalRow = typeof subGoals.$inferSelect;
export type ItemRow = typeof planItems.$inferSelect;

export async function planById(q: Queryable, id: string, options: { lock?: boolean } = {}): Promise<PlanRow | undefined> {
  const base = q.select().from(servicePlans).where(eq(servicePlans.id, id));
  const [row] = options.lock ? await base.for('update') : await base;
  return row;
}

/** A plan's sub-goals in the order they were added. */
export async function subGoalsOfPlan(q: Queryable, planId: string): Promise<SubGoalRow[]> {
  return q.select().from(subGoals).where(eq(subGoals.planId, planId)).orderBy(asc(subGoals.createdAt));
}

/** A plan's items by expected start. */
export async function itemsOfPlan(q: Queryable, planId: string): Promise<ItemRow[]> {
  return q.select().from(planItems).where(eq(planItems.planId, planId)).orderBy(asc(planItems.expectedStart), asc(planItems.createdAt));
}

/** The person's plans, newest first (the list view's columns). */
export async function plansOfPerson(q: Queryable, personId: string) {
  return q
    .select({
      id: servicePlans.id,
      reference: servicePlans.reference,
      status: servicePlans.status,
      goal: servicePlans.goal,
      createdOn: servicePlans.createdOn,
      closedOn: servicePlans.closedOn,
    })
    .from(servicePlans)
    .where(eq(servicePlans.personId, personId))
    .orderBy(desc(servicePlans.createdAt));
}

/** A plan item with its plan and sub-goal type, locked: what funding it with a learner case checks. */
export async function planItemForFunding(q: Queryable, itemId: string) {
  const [row] = await q
    .select({ item: planItems, plan: servicePlans, subGoalType: subGoals.type })
    .from(planItems)
    .innerJoin(servicePlans, eq(servicePlans.id, planItems.planId))
    .innerJoin(subGoals, eq(subGoals.id, planItems.subGoalId))
    .where(eq(planItems.id, itemId))
    .for('update');
  return row;
}

/** A plan is current while open or active (not closed or exited). */
const CURRENT = ['open', 'active'];

export async function countCurrentPlans(q: Queryable): Promise<number> {
  const [row] = await q.select({ total: sql<number>`count(*)::int` }).from(servicePlans).where(inArray(servicePlans.status, CURRENT));
  return Number(row?.total ?? 0);
}

/** Ids of current plans after `afterId`, in id order (keyset paging). */
export async function currentPlanIdsAfter(q: Queryable, afterId: string, limit: number): Promise<string[]> {
  const rows = await q
    .select({ id: servicePlans.id })
    .from(servicePlans)
    .where(and(inArray(servicePlans.status, CURRENT), gt(servicePlans.id, afterId)))
    .orderBy(asc(servicePlans.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Records a current plan's exit; null when it was no longer current (another run won). */
export async function exitCurrentPlan(q: Queryable, id: string, exitedOn: string): Promise<PlanRow | null> {
  const [row] = await q
    .update(servicePlans)
    .set({ status: 'exited', exitedOn, version: sql`${servicePlans.version} + 1` })
    .where(and(eq(servicePlans.id, id), inArray(servicePlans.status, CURRENT)))
    .returning();
  return row ?? null;
}

export async function insertPlan(q: Queryable, values: typeof servicePlans.$inferInsert): Promise<PlanRow> {
  const [row] = await q.insert(servicePlans).values(values).returning();
  return row!;
}

export async function updatePlanVersioned(q: Queryable, id: string, version: number, values: Partial<typeof servicePlans.$inferInsert>) {
  return updateVersioned(q, servicePlans, id, version, values);
}

export async function insertSubGoal(q: Queryable, values: typeof subGoals.$inferInsert): Promise<SubGoalRow> {
  const [row] = await q.insert(subGoals).values(values).returning();
  return row!;
}

export async function itemById(q: Queryable, id: string): Promise<ItemRow | undefined> {
  const [row] = await q.select().from(planItems).where(eq(planItems.id, id));
  return row;
}

export async function insertPlanItem(q: Queryable, values: typeof planItems.$inferInsert): Promise<ItemRow> {
  const [row] = await q.insert(planItems).values(values).returning();
  return row!;
}

export async function updateItemVersioned(q: Queryable, id: string, version: number, values: Partial<typeof planItems.$inferInsert>) {
  return updateVersioned(q, planItems, id, version, values);
}

/** Completes an item at the version read, numbering the completion (`completedSeq`: who completed last, R03 rule 6). */
export async function completeItemVersioned(q: Queryable, id: string, version: number, values: Partial<typeof planItems.$inferInsert>) {
  return updateVersioned(q, planItems, id, version, {
    ...values,
    completedSeq: sql`nextval('plan_item_completion_seq')` as unknown as number,
  });
}
