/** Tasks: one open task per dedupe key (a partial unique index), worklists by assignee or role queue. */
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { persons, tasks, users } from '../schema.ts';
import { updateVersioned } from '../versioned.ts';
import { personInReach, type Reader } from './access.ts';
import { insertJsonRows } from './json-rows.ts';
import { uuidIn } from './uuid-list.ts';

export type TaskRow = typeof tasks.$inferSelect;
type NewTaskRow = typeof tasks.$inferInsert;

/** Whose worklist: tasks assigned to the user, or unassigned in one of their roles' queues. */
export interface Worklist {
  readonly userId: string;
  readonly roles: readonly string[];
}
const worklistOf = (w: Worklist) =>
  or(eq(tasks.assigneeId, w.userId), and(isNull(tasks.assigneeId), inArray(tasks.assigneeRole, [...w.roles])));

/** The tasks with these ids (in no particular order). */
export async function tasksByIds(q: Queryable, ids: readonly string[]): Promise<TaskRow[]> {
  return ids.length ? q.select().from(tasks).where(uuidIn(tasks.id, ids)) : [];
}

export async function taskById(q: Queryable, id: string): Promise<TaskRow | undefined> {
  const [row] = await q.select().from(tasks).where(eq(tasks.id, id));
  return row;
}

/** Who holds the open task of a kind about a record, if anyone. */
export async function openTaskAssignee(q: Queryable, recordType: string, recordId: string, kind: string): Promise<string | null> {
  const [row] = await q
    .select({ assigneeId: tasks.assigneeId })
    .from(tasks)
    .where(and(eq(tasks.recordType, recordType), eq(tasks.recordId, recordId), eq(tasks.kind, kind), eq(tasks.status, 'open')));
  return row?.assigneeId ?? null;
}

/** Closes (completed or cancelled) the open tasks of these kinds about a record; the closed rows. */
export async function closeOpenTasks(
  q: Queryable,
  about: { recordType: string; recordId: string; kinds: readonly string[] },
  close: { status: 'completed' | 'cancelled'; at: Date; by: string | null },
): Promise<TaskRow[]> {
  return q
    .update(tasks)
    .set({ status: close.status, completedAt: close.at, completedBy: close.by, version: sql`${tasks.version} + 1` })
    .where(
      and(
        eq(tasks.recordType, about.recordType),
        eq(tasks.recordId, about.recordId),
        eq(tasks.status, 'open'),
        inArray(tasks.kind, [...about.kinds]),
      ),
    )
    .returning();
}

/** Which tasks a worklist shows: status, whose, and the filters chosen (queue = the task's role queue, kind, due window). */
export interface TaskFilter {
  readonly status: string;
  readonly worklist: Worklist | null;
  readonly queue?: string | undefined;
  readonly kind?: string | undefined;
  /** Due on or after `from` and on or before `to` (ISO dates), either end open. */
  readonly due?: { readonly from?: string; readonly to?: string } | undefined;
  /** A further condition: one of the team dashboard's lists. */
  readonly only?: SQL | undefined;
  /** Whose reach the list is shown in: a task about a person outside it is left out (docs/access-control.md "Tasks and queues"). */
  readonly reader: Reader;
}

/** A task about no person, or about one within the reader's reach. */
const inReach = (reader: Reader) => or(isNull(tasks.personId), personInReach(tasks.personId, reader));

/** The due windows: overdue before today, this week from today to `weekEnd`, later after it. */
export interface DueWindows {
  readonly today: string;
  readonly weekEnd: string;
}

export type TaskSort = 'due' | 'created' | 'title';

const whereOf = (f: TaskFilter, without?: 'queue' | 'kind' | 'due') =>
  and(
    eq(tasks.status, f.status),
    f.worklist ? worklistOf(f.worklist) : undefined,
    f.queue && without !== 'queue' ? eq(tasks.assigneeRole, f.queue) : undefined,
    f.kind && without !== 'kind' ? eq(tasks.kind, f.kind) : undefined,
    f.due?.from && without !== 'due' ? gte(tasks.dueOn, f.due.from) : undefined,
    f.due?.to && without !== 'due' ? lte(tasks.dueOn, f.due.to) : undefined,
    f.only,
    inReach(f.reader),
  );

const ORDER = {
  due: [asc(tasks.dueOn), asc(tasks.createdAt)],
  created: [desc(tasks.createdAt)],
  title: [asc(tasks.title), asc(tasks.dueOn)],
} as const;

/** One page of tasks, with assignee name and person, and how many match in all. */
export async function taskPage(q: Queryable, filter: TaskFilter, page: { sort: TaskSort; limit: number; offset: number }) {
  const rows = await q
    .select({
      t: tasks,
      assigneeName: users.displayName,
      person: { id: persons.id, reference: persons.reference, givenName: persons.givenName, familyName: persons.familyName },
    })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .leftJoin(persons, eq(persons.id, tasks.personId))
    .where(whereOf(filter))
    .orderBy(...ORDER[page.sort], asc(tasks.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await q.select({ n: count() }).from(tasks).where(whereOf(filter));
  return { rows, total: Number(total?.n ?? 0) };
}

/**
 * How many tasks each filter value would show, the other filters kept (so every count is what
 * choosing that value gives): by queue, by kind, by due window.
 */
export async function taskFacets(q: Queryable, filter: TaskFilter, windows: DueWindows) {
  const byQueue = await q
    .select({ value: tasks.assigneeRole, n: count() })
    .from(tasks)
    .where(whereOf(filter, 'queue'))
    .groupBy(tasks.assigneeRole);
  const byKind = await q.select({ value: tasks.kind, n: count() }).from(tasks).where(whereOf(filter, 'kind')).groupBy(tasks.kind);
  const bucket = sql<string>`case when ${tasks.dueOn} < ${windows.today} then 'overdue' when ${tasks.dueOn} <= ${windows.weekEnd} then 'this-week' else 'later' end`;
  // Grouped by position: the window's bounds are parameters, so the same expression repeated would not match.
  const byDue = await q.select({ value: bucket, n: count() }).from(tasks).where(whereOf(filter, 'due')).groupBy(sql`1`);
  const counted = (rows: { value: string | null; n: number }[]) => rows.map((r) => ({ value: r.value, count: Number(r.n) }));
  return { queue: counted(byQueue), type: counted(byKind), due: counted(byDue) };
}

/** How many open tasks the worklist holds, those about people outside the reader's reach left out. */
export async function countOpenTasksOf(q: Queryable, worklist: Worklist, reader: Reader): Promise<number> {
  const [row] = await q
    .select({ n: count() })
    .from(tasks)
    .where(and(eq(tasks.status, 'open'), worklistOf(worklist), inReach(reader)));
  return Number(row?.n ?? 0);
}

export async function updateTaskVersioned(q: Queryable, id: string, version: number, values: Partial<NewTaskRow>) {
  return updateVersioned(q, tasks, id, version, values);
}

/**
 * Inserts the tasks in one statement, each unless an open task has its dedupe key, with the audit
 * event of each inserted (`task.create` by the actor, null: Waypoint itself); the ids of those inserted.
 */
export async function insertTasks(
  q: Queryable,
  actorId: string | null,
  rows: readonly Readonly<Record<string, unknown>>[],
): Promise<string[]> {
  const ids = await insertJsonRows<{ id: string }>(
    q,
    'tasks',
    {
      kind: 'text',
      title: 'text',
      detail: 'text',
      assignee_id: 'uuid',
      assignee_role: 'text',
      person_id: 'uuid',
      record_type: 'text',
      record_id: 'text',
      due_on: 'date',
      dedupe_key: 'text',
    },
    rows,
    {
      onConflict: "(dedupe_key) where status = 'open' do nothing",
      returning: 'id::text',
      audit: { of: tasks, actorId, action: 'task.create', recordType: 'task' },
    },
  );
  return ids.map((r) => r.id);
}
