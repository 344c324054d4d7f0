/**
 * A supervisor's view of the work (the team dashboard): each official's open caseload, and the open
 * tasks waiting on someone, counted by what they wait for. Each is one set-based statement.
 */
import { and, arrayOverlaps, asc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { planItems, servicePlans, tasks, users } from '../schema.ts';
import { personInReach, type Reader } from './access.ts';

/** One of the dashboard's task lists: tasks of some kinds, or tasks due before a day. */
export interface TaskListFilter {
  readonly kinds?: readonly string[];
  readonly dueBefore?: string;
}

/** The condition on open tasks a list stands for. */
export function taskListCondition(filter: TaskListFilter): SQL | undefined {
  return and(
    filter.kinds ? inArray(tasks.kind, [...filter.kinds]) : undefined,
    filter.dueBefore ? lt(tasks.dueOn, filter.dueBefore) : undefined,
  );
}

/**
 * How many open tasks each list holds, in one pass over the open tasks; as in the lists themselves
 * (store/repos/tasks.ts), a task about a person outside the reader's reach is not counted.
 */
export async function openTaskCounts<K extends string>(
  q: Queryable,
  lists: Readonly<Record<K, TaskListFilter>>,
  reader: Reader,
): Promise<Record<K, number>> {
  const names = Object.keys(lists) as K[];
  const columns = Object.fromEntries(
    names.map((name) => [name, sql<number>`(count(*) filter (where ${taskListCondition(lists[name]) ?? sql`true`}))::int`]),
  ) as Record<K, SQL<number>>;
  const [row] = (await q
    .select(columns)
    .from(tasks)
    .where(and(eq(tasks.status, 'open'), or(isNull(tasks.personId), personInReach(tasks.personId, reader))))) as Record<string, unknown>[];
  return Object.fromEntries(names.map((name) => [name, Number(row?.[name] ?? 0)])) as Record<K, number>;
}

export interface OfficialCaseloadRow {
  readonly id: string;
  readonly displayName: string;
  readonly planItems: number;
  readonly tasks: number;
}

/** Active officials (Authorized Officials and supervisors) with their open plan items and open tasks, by name; one page. */
export async function officialCaseloads(
  q: Queryable,
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: OfficialCaseloadRow[] }> {
  const officials = and(eq(users.active, true), arrayOverlaps(users.roles, ['authorized-official', 'supervisor']));
  const openItems = q
    .select({ ownerId: planItems.ownerId, items: sql<number>`count(*)::int`.as('open_item_count') })
    .from(planItems)
    .innerJoin(servicePlans, eq(servicePlans.id, planItems.planId))
    .where(and(isNull(planItems.outcome), inArray(servicePlans.status, ['open', 'active'])))
    .groupBy(planItems.ownerId)
    .as('open_items');
  const openTasks = q
    .select({ assigneeId: tasks.assigneeId, tasks: sql<number>`count(*)::int`.as('open_task_count') })
    .from(tasks)
    .where(eq(tasks.status, 'open'))
    .groupBy(tasks.assigneeId)
    .as('open_tasks');
  const [total] = await q.select({ n: sql<number>`count(*)::int` }).from(users).where(officials);
  const rows = await q
    .select({
      id: users.id,
      displayName: users.displayName,
      planItems: sql<number>`coalesce(${openItems.items}, 0)`,
      tasks: sql<number>`coalesce(${openTasks.tasks}, 0)`,
    })
    .from(users)
    .leftJoin(openItems, eq(openItems.ownerId, users.id))
    .leftJoin(openTasks, eq(openTasks.assigneeId, users.id))
    .where(officials)
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(page.limit)
    .offset(page.offset);
  return {
    total: Number(total?.n ?? 0),
    rows: rows.map((r) => ({ ...r, planItems: Number(r.planItems), tasks: Number(r.tasks) })),
  };
}
