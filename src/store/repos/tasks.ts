/** Tasks: one open task per dedupe key (a partial unique index), worklists by assignee or role queue. */
import { and, asc, count, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { persons, tasks, users } from '../schema.ts';
import { updateVersioned } from '../versioned.ts';

export type TaskRow = typeof tasks.$inferSelect;
type NewTaskRow = typeof tasks.$inferInsert;

/** Whose worklist: tasks assigned to the user, or unassigned in one of their roles' queues. */
export interface Worklist {
  readonly userId: string;
  readonly roles: readonly string[];
}
const worklistOf = (w: Worklist) =>
  or(eq(tasks.assigneeId, w.userId), and(isNull(tasks.assigneeId), inArray(tasks.assigneeRole, [...w.roles])));

/** Inserts the task unless an open one with the same dedupe key exists; null then. */
export async function insertTaskOnce(q: Queryable, values: NewTaskRow): Promise<TaskRow | null> {
  const [row] = await q
    .insert(tasks)
    .values(values)
    .onConflictDoNothing({ target: tasks.dedupeKey, where: sql`${tasks.status} = 'open'` })
    .returning();
  return row ?? null;
}

/** The tasks with these ids (in no particular order). */
export async function tasksByIds(q: Queryable, ids: readonly string[]): Promise<TaskRow[]> {
  return ids.length
    ? q
        .select()
        .from(tasks)
        .where(inArray(tasks.id, [...ids]))
    : [];
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

/** Tasks in a status (of one worklist, or every one), by due date, with assignee name and person. */
export async function taskList(q: Queryable, status: string, worklist: Worklist | null, limit: number, offset = 0, only?: SQL) {
  return q
    .select({
      t: tasks,
      assigneeName: users.displayName,
      person: { id: persons.id, reference: persons.reference, givenName: persons.givenName, familyName: persons.familyName },
    })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .leftJoin(persons, eq(persons.id, tasks.personId))
    .where(and(eq(tasks.status, status), worklist ? worklistOf(worklist) : undefined, only))
    .orderBy(asc(tasks.dueOn), asc(tasks.createdAt), asc(tasks.id))
    .limit(limit)
    .offset(offset);
}

export async function countOpenTasksOf(q: Queryable, worklist: Worklist): Promise<number> {
  const [row] = await q
    .select({ n: count() })
    .from(tasks)
    .where(and(eq(tasks.status, 'open'), worklistOf(worklist)));
  return Number(row?.n ?? 0);
}

export async function updateTaskVersioned(q: Queryable, id: string, version: number, values: Partial<NewTaskRow>) {
  return updateVersioned(q, tasks, id, version, values);
}
