/**
 * Tasks: work for a person or a role's queue, created by the rules (closure due, review, a
 * personal-information change for a learner). A task with a dedupe key exists at most once while
 * open (a partial unique index), so rules and jobs can run twice, even at once, without duplicates.
 */

import { Temporal } from 'temporal-polyfill';
import { checkCompleteTask, decisionOf } from '../domain/tasks/decisions.ts';
import type { Queryable } from '../store/db.ts';
import { personById } from '../store/repos/people.ts';
import {
  closeOpenTasks,
  countOpenTasksOf,
  type DueWindows,
  insertTasks,
  openTaskAssignee,
  type TaskFilter,
  type TaskRow,
  type TaskSort,
  taskById,
  taskFacets,
  taskPage,
  updateTaskVersioned,
} from '../store/repos/tasks.ts';
import { userById } from '../store/repos/users.ts';
import { recordAudit } from './audit.ts';
import { type Actor, type AppContext, timestamp } from './context.ts';
import { AppError, assertNoRefusals } from './errors.ts';
import { authorize, can } from './permissions.ts';
import { readerOf, writePerson } from './person-access.ts';
import { isRole, type Role } from './roles.ts';
import { type TeamList, teamListCondition } from './team.ts';
import { expectUpdated } from './versioning.ts';

export interface NewTask {
  readonly kind: string;
  readonly title: string;
  readonly detail?: string;
  readonly assigneeId?: string | null;
  readonly assigneeRole?: Role | null;
  readonly personId?: string | null;
  readonly recordType?: string | null;
  readonly recordId?: string | null;
  readonly dueOn: string;
  readonly dedupeKey?: string | null;
}

/** Creates the task unless an open one with the same dedupe key exists (audited). Returns it, or null. */
export async function createTask(q: Queryable, actor: Actor | null, task: NewTask) {
  const [id] = await createTasks(q, actor, [task]);
  return id ? ((await taskById(q, id)) ?? null) : null;
}

/**
 * `createTask` for many tasks (batch work): one statement, each unless an open one with its dedupe
 * key exists, writing the audit event of each created; returns the ids of those created.
 */
export async function createTasks(q: Queryable, actor: Actor | null, list: readonly NewTask[]): Promise<string[]> {
  if (list.length === 0) return [];
  return insertTasks(
    q,
    actor?.userId ?? null,
    list.map((task) => ({
      kind: task.kind,
      title: task.title,
      detail: task.detail ?? '',
      assignee_id: task.assigneeId ?? null,
      assignee_role: task.assigneeRole ?? null,
      person_id: task.personId ?? null,
      record_type: task.recordType ?? null,
      record_id: task.recordId ?? null,
      due_on: task.dueOn,
      dedupe_key: task.dedupeKey ?? null,
    })),
  );
}

/** Completes every open task about a record (e.g. a plan's closure task when the plan closes). */
/** `actor` null: Waypoint itself (a scheduled job) completed them. */
export async function completeTasksFor(
  q: Queryable,
  actor: Actor | null,
  recordType: string,
  recordId: string,
  kinds: readonly string[],
  at: Date,
) {
  return closeTasksFor(q, actor, recordType, recordId, kinds, 'completed', at);
}

/** Cancels every open task about a record that no longer applies (e.g. a closure task once an item is added). */
export async function cancelTasksFor(
  q: Queryable,
  actor: Actor | null,
  recordType: string,
  recordId: string,
  kinds: readonly string[],
  at: Date,
) {
  return closeTasksFor(q, actor, recordType, recordId, kinds, 'cancelled', at);
}

/** Who holds the open closure task of a plan (R03.1: they are responsible for closing it), if anyone. */
export async function closureTaskHolder(q: Queryable, planId: string): Promise<string | null> {
  return openTaskAssignee(q, 'service_plan', planId, 'plan-closure');
}

async function closeTasksFor(
  q: Queryable,
  actor: Actor | null,
  recordType: string,
  recordId: string,
  kinds: readonly string[],
  status: 'completed' | 'cancelled',
  at: Date,
) {
  const done = await closeOpenTasks(q, { recordType, recordId, kinds }, { status, at, by: actor?.userId ?? null });
  for (const t of done)
    await recordAudit(q, actor, {
      action: `task.${status === 'completed' ? 'complete' : 'cancel'}`,
      recordType: 'task',
      recordId: t.id,
      after: { status: t.status },
    });
  return done.length;
}

/** The due windows a worklist filters by: overdue (before today), this week (today to Sunday), later. */
export const DUE_WINDOWS = ['overdue', 'this-week', 'later'] as const;
export type DueWindow = (typeof DUE_WINDOWS)[number];

export interface TaskListQuery {
  readonly status?: 'open' | 'completed' | undefined;
  readonly scope?: 'mine' | 'all' | undefined;
  readonly queue?: string | undefined;
  readonly type?: string | undefined;
  readonly due?: DueWindow | undefined;
  readonly sort?: TaskSort | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
  /** One of the team dashboard's lists (src/app/team.ts). */
  readonly list?: TeamList | undefined;
}

const dueRange = (due: DueWindow | undefined, w: DueWindows) => {
  if (due === 'overdue') return { to: Temporal.PlainDate.from(w.today).subtract({ days: 1 }).toString() };
  if (due === 'this-week') return { from: w.today, to: w.weekEnd };
  if (due === 'later') return { from: Temporal.PlainDate.from(w.weekEnd).add({ days: 1 }).toString() };
  return undefined;
};

/** A worklist page: the tasks, how many match in all, and how many each filter value would show. */
export async function listTasks(ctx: AppContext, actor: Actor, query: TaskListQuery) {
  authorize(actor, 'task.read');
  const scope = query.scope ?? 'mine';
  if (scope === 'all' && !actor.roles.includes('supervisor')) {
    throw new AppError('FORBIDDEN', 'Only a supervisor can see every worklist.', {
      field: 'scope',
      rule: 'Waypoint permissions: task.read all',
    });
  }
  const todayDate = ctx.clock.today();
  const windows: DueWindows = { today: todayDate.toString(), weekEnd: todayDate.add({ days: 7 - todayDate.dayOfWeek }).toString() };
  const filter: TaskFilter = {
    status: query.status ?? 'open',
    worklist: scope === 'mine' ? actor : null,
    queue: query.queue,
    kind: query.type,
    due: dueRange(query.due, windows),
    only: query.list ? teamListCondition(ctx, query.list) : undefined,
    reader: readerOf(actor),
  };
  const page = { sort: query.sort ?? 'due', limit: query.limit ?? 50, offset: query.offset ?? 0 };
  const { rows, total } = await taskPage(ctx.db, filter, page);
  const counts = await taskFacets(ctx.db, filter, windows);
  return { tasks: rows.map((row) => taskView(row, windows.today)), total, limit: page.limit, offset: page.offset, counts };
}

const taskView = ({ t, assigneeName, person }: Awaited<ReturnType<typeof taskPage>>['rows'][number], today: string) => ({
  id: t.id,
  kind: t.kind,
  title: t.title,
  detail: t.detail,
  assignee: t.assigneeId ? { id: t.assigneeId, displayName: assigneeName ?? '' } : null,
  assigneeRole: t.assigneeRole,
  person: person?.id ? person : null,
  recordType: t.recordType,
  recordId: t.recordId,
  // A task that stands for a decision ends only through it: the worklist opens the decision instead of a plain "complete".
  decision: decisionOf(t.kind),
  dueOn: t.dueOn,
  overdue: t.status === 'open' && t.dueOn < today,
  status: t.status,
  createdAt: t.createdAt.toISOString(),
  version: t.version,
});

export async function countOpenTasks(ctx: AppContext, actor: Actor): Promise<number> {
  authorize(actor, 'task.read');
  return countOpenTasksOf(ctx.db, actor, readerOf(actor));
}

async function loadTask(q: Queryable, id: string) {
  const row = await taskById(q, id);
  if (!row) throw AppError.notFound('task', id);
  return row;
}

const isAssignee = (actor: Actor, t: TaskRow) =>
  t.assigneeId === actor.userId || (t.assigneeId === null && actor.roles.includes(t.assigneeRole as Role));

export async function completeTask(ctx: AppContext, actor: Actor, id: string, input: { version: number }) {
  authorize(actor, 'task.read');
  return ctx.db.transaction(async (tx) => {
    const before = await loadTask(tx, id);
    if (before.status !== 'open') throw new AppError('TASK_NOT_OPEN', `This task is already ${before.status}.`);
    if (!can(actor, 'task.work')) {
      throw new AppError('NOT_TASK_ASSIGNEE', 'Tasks are worked by caseworkers, specialists and supervisors; this role only reads them.', {
        rule: 'Waypoint permissions: task.work',
      });
    }
    if (!isAssignee(actor, before) && !actor.roles.includes('supervisor')) {
      throw new AppError('NOT_TASK_ASSIGNEE', 'Only the person the task is assigned to (or a supervisor) can complete it.');
    }
    if (before.personId) await writePerson(ctx, actor, before.personId, tx);
    assertNoRefusals(checkCompleteTask(before));
    const after = expectUpdated(
      await updateTaskVersioned(tx, id, input.version, {
        status: 'completed',
        completedAt: timestamp(ctx.clock),
        completedBy: actor.userId,
      }),
      'task',
      id,
      input.version,
    );
    await recordAudit(tx, actor, {
      action: 'task.complete',
      recordType: 'task',
      recordId: id,
      before: { status: before.status },
      after: { status: after.status },
    });
    return after;
  });
}

/** A supervisor assigns any open task; anyone may take an unassigned task from their role's queue. */
export async function assignTask(ctx: AppContext, actor: Actor, id: string, input: { version: number; assigneeId: string }) {
  authorize(actor, 'task.read');
  return ctx.db.transaction(async (tx) => {
    const before = await loadTask(tx, id);
    if (before.status !== 'open') throw new AppError('TASK_NOT_OPEN', `This task is already ${before.status}.`);
    const takingFromQueue = input.assigneeId === actor.userId && isAssignee(actor, before);
    if (!takingFromQueue && !can(actor, 'task.assign')) {
      throw new AppError('FORBIDDEN', 'Only a supervisor can assign a task to someone else.', {
        rule: 'Waypoint permissions: task.assign',
      });
    }
    // Taking or assigning a task about a person puts them on the assignee's caseload: only within the actor's reach.
    if (before.personId) await writePerson(ctx, actor, before.personId, tx);
    const assignee = await userById(tx, input.assigneeId);
    if (!assignee?.active) throw new AppError('NOT_FOUND', `No active user with id ${input.assigneeId}.`, { field: 'assigneeId' });
    if (!can({ userId: assignee.id, displayName: assignee.displayName, roles: assignee.roles.filter(isRole) }, 'task.work')) {
      throw new AppError(
        'ASSIGNEE_CANNOT_WORK_TASKS',
        `${assignee.displayName} cannot work tasks (auditors and administrators only read them).`,
        { field: 'assigneeId', rule: 'Waypoint permissions: task.work' },
      );
    }
    const person = before.personId ? await personById(tx, before.personId) : undefined;
    if (person && person.sensitivity > assignee.clearance) {
      throw new AppError(
        'ASSIGNEE_CANNOT_WORK_TASKS',
        `${assignee.displayName} cannot work this task: the person's record has sensitivity level ${person.sensitivity}, above their clearance ${assignee.clearance}.`,
        { field: 'assigneeId', rule: 'Waypoint access control: sensitivity' },
      );
    }
    const after = expectUpdated(
      await updateTaskVersioned(tx, id, input.version, { assigneeId: input.assigneeId }),
      'task',
      id,
      input.version,
    );
    await recordAudit(tx, actor, {
      action: 'task.assign',
      recordType: 'task',
      recordId: id,
      before: { assigneeId: before.assigneeId },
      after: { assigneeId: after.assigneeId },
    });
    return after;
  });
}
