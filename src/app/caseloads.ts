/**
 * Caseload transfer: when an official leaves, a supervisor moves their open plan items and open
 * tasks to another official in one audited step. Nothing is lost: the counts moved are recorded.
 */
import { itemLabel } from '../policy/plan-items.ts';
import type { Queryable } from '../store/db.ts';
import { type CaseloadPage, caseloadOf, moveCaseload } from '../store/repos/caseloads.ts';
import { userById } from '../store/repos/users.ts';
import { recordAudit } from './audit.ts';
import type { Actor, AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { authorize } from './permissions.ts';
import { readPeople } from './person-access.ts';

/** A page of a caseload list: the first 50 unless asked otherwise. */
export interface CaseloadPaging {
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

/** The official giving the caseload and the one receiving it, checked. */
async function parties(q: Queryable, input: { fromUserId: string; toUserId: string }) {
  if (input.fromUserId === input.toUserId) {
    throw new AppError('INVALID_FORMAT', 'Choose a different official to receive the caseload.', { field: 'toUserId' });
  }
  const from = await userById(q, input.fromUserId);
  if (!from) throw new AppError('NOT_FOUND', `No user with id ${input.fromUserId}.`, { field: 'fromUserId' });
  const to = await userById(q, input.toUserId);
  if (!to?.active || !to.roles.some((r) => r === 'authorized-official' || r === 'supervisor')) {
    throw new AppError('NOT_FOUND', 'The caseload goes to an active Authorized Official or supervisor.', { field: 'toUserId' });
  }
  return { from, to };
}

/** A caseload page as the API shows it: item names from the catalogue; the people on it read (and logged). */
async function shownCaseload(ctx: AppContext, actor: Actor, page: CaseloadPage) {
  const people = [...page.planItems.map((i) => i.personId), ...page.tasks.flatMap((t) => (t.personId ? [t.personId] : []))];
  if (people.length > 0) await readPeople(ctx, actor, people, 'service-plans');
  return {
    planItemCount: page.planItemCount,
    taskCount: page.taskCount,
    planItems: page.planItems.map(({ type, customName, ...item }) => ({ ...item, name: itemLabel(ctx.planItems, type, customName) })),
    tasks: page.tasks,
  };
}

const pageOf = (paging: CaseloadPaging) => ({ limit: Math.min(paging.limit ?? 50, 200), offset: paging.offset ?? 0 });

/** What a transfer would move, changing nothing: the counts and a page of each list, with references. */
export async function previewCaseloadTransfer(
  ctx: AppContext,
  actor: Actor,
  input: { fromUserId: string; toUserId: string } & CaseloadPaging,
) {
  authorize(actor, 'caseload.transfer');
  const { from, to } = await parties(ctx.db, input);
  const page = await caseloadOf(ctx.db, from.id, pageOf(input));
  return {
    from: { id: from.id, displayName: from.displayName },
    to: { id: to.id, displayName: to.displayName },
    ...(await shownCaseload(ctx, actor, page)),
  };
}

/** The actor's own caseload: the open plan items they own and their open tasks (where moved work is found). */
export async function myCaseload(ctx: AppContext, actor: Actor, paging: CaseloadPaging) {
  authorize(actor, 'plan.read');
  return shownCaseload(ctx, actor, await caseloadOf(ctx.db, actor.userId, pageOf(paging)));
}

export async function transferCaseload(ctx: AppContext, actor: Actor, input: { fromUserId: string; toUserId: string }) {
  authorize(actor, 'caseload.transfer');
  return ctx.db.transaction(async (tx) => {
    const { from, to } = await parties(tx, input);
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
