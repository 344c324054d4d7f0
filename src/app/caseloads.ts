/**
 * Caseload transfer: when an official leaves, a supervisor moves their open plan items and open
 * tasks to another official in one audited step. Nothing is lost: the counts moved are recorded.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { planItems, servicePlans, tasks, users } from '../store/schema.ts';
import { recordAudit } from './audit.ts';
import type { Actor, AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { authorize } from './permissions.ts';

export async function transferCaseload(ctx: AppContext, actor: Actor, input: { fromUserId: string; toUserId: string }) {
  authorize(actor, 'caseload.transfer');
  if (input.fromUserId === input.toUserId) {
    throw new AppError('INVALID_FORMAT', 'Choose a different official to receive the caseload.', { field: 'toUserId' });
  }
  return ctx.db.transaction(async (tx) => {
    const [from] = await tx.select().from(users).where(eq(users.id, input.fromUserId));
    if (!from) throw new AppError('NOT_FOUND', `No user with id ${input.fromUserId}.`, { field: 'fromUserId' });
    const [to] = await tx.select().from(users).where(and(eq(users.id, input.toUserId), eq(users.active, true)));
    if (!to || !to.roles.some((r) => r === 'authorized-official' || r === 'supervisor')) {
      throw new AppError('NOT_FOUND', 'The caseload goes to an active Authorized Official or supervisor.', { field: 'toUserId' });
    }
    const editablePlans = tx.select({ id: servicePlans.id }).from(servicePlans).where(inArray(servicePlans.status, ['open', 'active']));
    const items = await tx
      .update(planItems)
      .set({ ownerId: to.id, version: sql`${planItems.version} + 1` })
      .where(and(eq(planItems.ownerId, from.id), isNull(planItems.outcome), inArray(planItems.planId, editablePlans)))
      .returning({ id: planItems.id });
    const moved = await tx
      .update(tasks)
      .set({ assigneeId: to.id, version: sql`${tasks.version} + 1` })
      .where(and(eq(tasks.assigneeId, from.id), eq(tasks.status, 'open')))
      .returning({ id: tasks.id });
    const summary = { from: { id: from.id, displayName: from.displayName }, to: { id: to.id, displayName: to.displayName }, planItems: items.map((i) => i.id), tasks: moved.map((t) => t.id) };
    await recordAudit(tx, actor, { action: 'caseload.transfer', recordType: 'user', recordId: from.id, before: { ownerId: from.id }, after: summary });
    return { planItemsMoved: items.length, tasksMoved: moved.length, from: summary.from, to: summary.to };
  });
}
