/** Learner program rules (issue 16): the person's funded trainings with their streams, and training exceptions. */
import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { planItems, productDeliveryCases, trainingExceptions } from '../schema.ts';
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

/** Whether an R08 exception was used by a training item of this plan (the plan was let through). */
export async function planHasUsedException(q: Queryable, planId: string): Promise<boolean> {
  const rows = await q
    .select({ id: trainingExceptions.id })
    .from(trainingExceptions)
    .innerJoin(planItems, eq(planItems.id, trainingExceptions.usedByRecordId))
    .where(and(eq(planItems.planId, planId), eq(trainingExceptions.kind, 'subsequent-training'), eq(trainingExceptions.status, 'used')))
    .limit(1);
  return rows.length > 0;
}
