/** An official's caseload: their open plan items (on current plans) and their open tasks. */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { planItems, servicePlans, tasks } from '../schema.ts';

/** Moves the open items of current plans and the open tasks from one official to another; the ids moved. */
export async function moveCaseload(q: Queryable, fromUserId: string, toUserId: string): Promise<{ planItems: string[]; tasks: string[] }> {
  const editablePlans = q
    .select({ id: servicePlans.id })
    .from(servicePlans)
    .where(inArray(servicePlans.status, ['open', 'active']));
  const items = await q
    .update(planItems)
    .set({ ownerId: toUserId, version: sql`${planItems.version} + 1` })
    .where(and(eq(planItems.ownerId, fromUserId), isNull(planItems.outcome), inArray(planItems.planId, editablePlans)))
    .returning({ id: planItems.id });
  const moved = await q
    .update(tasks)
    .set({ assigneeId: toUserId, version: sql`${tasks.version} + 1` })
    .where(and(eq(tasks.assigneeId, fromUserId), eq(tasks.status, 'open')))
    .returning({ id: tasks.id });
  return { planItems: items.map((i) => i.id), tasks: moved.map((t) => t.id) };
}
