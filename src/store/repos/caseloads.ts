/** An official's caseload: their open plan items (on current plans) and their open tasks; what a transfer moves. */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { persons, planItems, servicePlans, tasks } from '../schema.ts';

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

/** One open plan item of a caseload, with what finds it again: its plan and the person. */
export interface CaseloadItemRow {
  readonly id: string;
  readonly type: string;
  readonly customName: string | null;
  readonly expectedEnd: string;
  readonly planId: string;
  readonly planReference: string;
  readonly personId: string;
  readonly personName: string;
}

/** One open task of a caseload, with the record it is about. */
export interface CaseloadTaskRow {
  readonly id: string;
  readonly title: string;
  readonly dueOn: string;
  readonly recordType: string | null;
  readonly recordId: string | null;
  readonly personId: string | null;
  readonly personName: string | null;
}

export interface CaseloadPage {
  readonly planItemCount: number;
  readonly taskCount: number;
  readonly planItems: CaseloadItemRow[];
  readonly tasks: CaseloadTaskRow[];
}

const openItemsOf = (ownerId: string) =>
  and(eq(planItems.ownerId, ownerId), isNull(planItems.outcome), inArray(servicePlans.status, ['open', 'active']));

/**
 * What `moveCaseload` would move for the official (the same conditions): the counts, and the
 * first `limit` of each list from `offset`, soonest due first.
 */
export async function caseloadOf(q: Queryable, ownerId: string, page: { limit: number; offset: number }): Promise<CaseloadPage> {
  const personName = sql<string>`${persons.givenName} || ' ' || ${persons.familyName}`;
  const [itemCount] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(planItems)
    .innerJoin(servicePlans, eq(servicePlans.id, planItems.planId))
    .where(openItemsOf(ownerId));
  const [taskCount] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(tasks)
    .where(and(eq(tasks.assigneeId, ownerId), eq(tasks.status, 'open')));
  const items = await q
    .select({
      id: planItems.id,
      type: planItems.type,
      customName: planItems.customName,
      expectedEnd: planItems.expectedEnd,
      planId: servicePlans.id,
      planReference: servicePlans.reference,
      personId: persons.id,
      personName,
    })
    .from(planItems)
    .innerJoin(servicePlans, eq(servicePlans.id, planItems.planId))
    .innerJoin(persons, eq(persons.id, servicePlans.personId))
    .where(openItemsOf(ownerId))
    .orderBy(asc(planItems.expectedEnd), asc(planItems.id))
    .limit(page.limit)
    .offset(page.offset);
  const openTasks = await q
    .select({
      id: tasks.id,
      title: tasks.title,
      dueOn: tasks.dueOn,
      recordType: tasks.recordType,
      recordId: tasks.recordId,
      personId: tasks.personId,
      personName: sql<string | null>`case when ${persons.id} is null then null else ${personName} end`,
    })
    .from(tasks)
    .leftJoin(persons, eq(persons.id, tasks.personId))
    .where(and(eq(tasks.assigneeId, ownerId), eq(tasks.status, 'open')))
    .orderBy(asc(tasks.dueOn), asc(tasks.id))
    .limit(page.limit)
    .offset(page.offset);
  return { planItemCount: Number(itemCount?.n ?? 0), taskCount: Number(taskCount?.n ?? 0), planItems: items, tasks: openTasks };
}
