/**
 * Caseload transfer: when an official leaves, a supervisor moves their open plan items and open
 * tasks to another official in one audited step. Nothing is lost: the counts moved are recorded.
 */
import { moveCaseload } from '../store/repos/caseloads.ts';
import { userById } from '../store/repos/users.ts';
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
    const from = await userById(tx, input.fromUserId);
    if (!from) throw new AppError('NOT_FOUND', `No user with id ${input.fromUserId}.`, { field: 'fromUserId' });
    const to = await userById(tx, input.toUserId);
    if (!to?.active || !to.roles.some((r) => r === 'authorized-official' || r === 'supervisor')) {
      throw new AppError('NOT_FOUND', 'The caseload goes to an active Authorized Official or supervisor.', { field: 'toUserId' });
    }
    const moved = await moveCaseload(tx, from.id, to.id);
    const summary = {
      from: { id: from.id, displayName: from.displayName },
      to: { id: to.id, displayName: to.displayName },
      planItems: moved.planItems,
      tasks: moved.tasks,
    };
    await recordAudit(tx, actor, {
      action: 'caseload.transfer',
      recordType: 'user',
      recordId: from.id,
      before: { ownerId: from.id },
      after: summary,
    });
    return { planItemsMoved: moved.planItems.length, tasksMoved: moved.tasks.length, from: summary.from, to: summary.to };
  });
}
