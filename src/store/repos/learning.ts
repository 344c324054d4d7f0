/** Learner program rules (issue 16): the person's funded trainings with their streams, and training exceptions. */
import { and, asc, desc, eq, isNotNull, isNull, ne, or } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { planItems, productDeliveryCases, servicePlans, subGoals, trainingExceptions } from '../schema.ts';
import { updateVersioned } from '../versioned.ts';
import { LEARNER_PROGRAM } from './product-delivery-cases.ts';

export type ExceptionRow = typeof trainingExceptions.$inferSelect;

/** Every training a learner case of the person funds (its dates are the case's training dates), oldest first. */
export async function fundedTrainingsOf(q: Queryable, personId: string) {
  return q
    .select({
      pdcId: productDeliveryCases.id,
      pdcReference: productDeliveryCases.reference,
      planItemId: planItems.id,
      planId: planItems.planId,
      stream: planItems.learningStream,
      start: productDeliveryCases.trainingStart,
      end: productDeliveryCases.trainingEnd,
      lowLiteracy: productDeliveryCases.lowLiteracy,
    })
    .from(productDeliveryCases)
    .innerJoin(planItems, eq(planItems.id, productDeliveryCases.planItemId))
    .where(
      and(
        eq(productDeliveryCases.personId, personId),
        eq(productDeliveryCases.program, LEARNER_PROGRAM),
        isNotNull(productDeliveryCases.trainingStart),
        isNotNull(productDeliveryCases.trainingEnd),
      ),
    )
    .orderBy(asc(productDeliveryCases.trainingStart));
}

export async function insertException(q: Queryable, values: typeof trainingExceptions.$inferInsert): Promise<ExceptionRow> {
  const [row] = await q.insert(trainingExceptions).values(values).returning();
  return row!;
}

export async function exceptionById(q: Queryable, id: string): Promise<ExceptionRow | undefined> {
  const [row] = await q.select().from(trainingExceptions).where(eq(trainingExceptions.id, id));
  return row;
}

export async function exceptionsOfPerson(q: Queryable, personId: string): Promise<ExceptionRow[]> {
  return q.select().from(trainingExceptions).where(eq(trainingExceptions.personId, personId)).orderBy(desc(trainingExceptions.createdAt));
}

/** The oldest approved, unused exception of this kind for the person (locked: it is about to be used). */
export async function approvedException(q: Queryable, personId: string, kind: string): Promise<ExceptionRow | undefined> {
  const [row] = await q
    .select()
    .from(trainingExceptions)
    .where(and(eq(trainingExceptions.personId, personId), eq(trainingExceptions.kind, kind), eq(trainingExceptions.status, 'approved')))
    .orderBy(asc(trainingExceptions.createdAt))
    .limit(1)
    .for('update');
  return row;
}

export async function updateExceptionVersioned(
  q: Queryable,
  id: string,
  version: number,
  values: Partial<typeof trainingExceptions.$inferInsert>,
) {
  return updateVersioned(q, trainingExceptions, id, version, values);
}

/**
 * The training items of a plan (ISTHB s.44 plan limits), with the dates that count: a funded item's
 * learner case training dates, otherwise its expected dates; items completed as cancelled left out.
 */
export async function planTrainingsOf(q: Queryable, planId: string) {
  return q
    .select({
      planItemId: planItems.id,
      expectedStart: planItems.expectedStart,
      expectedEnd: planItems.expectedEnd,
      courseLoadPercent: planItems.courseLoadPercent,
      pdcId: productDeliveryCases.id,
      trainingStart: productDeliveryCases.trainingStart,
      trainingEnd: productDeliveryCases.trainingEnd,
    })
    .from(planItems)
    .innerJoin(subGoals, eq(subGoals.id, planItems.subGoalId))
    .leftJoin(productDeliveryCases, eq(productDeliveryCases.planItemId, planItems.id))
    .where(
      and(eq(planItems.planId, planId), eq(subGoals.type, 'training'), or(isNull(planItems.outcome), ne(planItems.outcome, 'cancelled'))),
    )
    .orderBy(asc(planItems.expectedStart));
}

/** The person's plans (id, reference, status), oldest first: the counter shows each plan's months. */
export async function plansOfPerson(q: Queryable, personId: string) {
  return q
    .select({ id: servicePlans.id, reference: servicePlans.reference, status: servicePlans.status })
    .from(servicePlans)
    .where(eq(servicePlans.personId, personId))
    .orderBy(asc(servicePlans.createdAt));
}

/** Whether an exception of `kind` was used by a training item of this plan (the plan was let through). */
export async function planHasUsedException(q: Queryable, planId: string, kind = 'subsequent-training'): Promise<boolean> {
  const rows = await q
    .select({ id: trainingExceptions.id })
    .from(trainingExceptions)
    .innerJoin(planItems, eq(planItems.id, trainingExceptions.usedByRecordId))
    .where(and(eq(planItems.planId, planId), eq(trainingExceptions.kind, kind), eq(trainingExceptions.status, 'used')))
    .limit(1);
  return rows.length > 0;
}
