/** Integrated cases and their assessments. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { assessments, integratedCases, users } from '../schema.ts';
import { updateVersioned } from '../versioned.ts';

export type CaseRow = typeof integratedCases.$inferSelect;
export type AssessmentRow = typeof assessments.$inferSelect;
export type NewAssessment = typeof assessments.$inferInsert;

export async function caseById(q: Queryable, id: string): Promise<CaseRow | undefined> {
  const [row] = await q.select().from(integratedCases).where(eq(integratedCases.id, id));
  return row;
}

/** A person's cases (or the one case), oldest first. */
export async function casesBy(q: Queryable, by: { personId: string } | { caseId: string }): Promise<CaseRow[]> {
  return q
    .select()
    .from(integratedCases)
    .where('personId' in by ? eq(integratedCases.personId, by.personId) : eq(integratedCases.id, by.caseId))
    .orderBy(asc(integratedCases.openedOn), asc(integratedCases.createdAt));
}

export async function insertCase(q: Queryable, values: typeof integratedCases.$inferInsert): Promise<CaseRow> {
  const [row] = await q.insert(integratedCases).values(values).returning();
  return row!;
}

export async function updateCaseVersioned(q: Queryable, id: string, version: number, values: Partial<typeof integratedCases.$inferInsert>) {
  return updateVersioned(q, integratedCases, id, version, values);
}

/** The assessments of these cases, oldest first, with the assessor's name. */
export async function assessmentsOfCases(q: Queryable, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return q
    .select({ a: assessments, assessorName: users.displayName })
    .from(assessments)
    .innerJoin(users, eq(users.id, assessments.assessorId))
    .where(inArray(assessments.caseId, [...caseIds]))
    .orderBy(asc(assessments.startedOn), asc(assessments.createdAt));
}

export async function assessmentById(q: Queryable, id: string): Promise<AssessmentRow | undefined> {
  const [row] = await q.select().from(assessments).where(eq(assessments.id, id));
  return row;
}

/** An assessment's case and the person it is about. */
export async function assessmentOwner(q: Queryable, id: string): Promise<{ caseId: string; personId: string } | undefined> {
  const [row] = await q
    .select({ caseId: assessments.caseId, personId: integratedCases.personId })
    .from(assessments)
    .innerJoin(integratedCases, eq(integratedCases.id, assessments.caseId))
    .where(eq(assessments.id, id));
  return row;
}

export async function insertAssessment(q: Queryable, values: NewAssessment): Promise<AssessmentRow> {
  const [row] = await q.insert(assessments).values(values).returning();
  return row!;
}

export async function updateAssessmentVersioned(q: Queryable, id: string, version: number, values: Partial<NewAssessment>) {
  return updateVersioned(q, assessments, id, version, values);
}

/** The newest completed assessment of a case that found this Primary Need. */
export async function latestCompletedAssessment(q: Queryable, caseId: string, primaryNeed: string): Promise<{ id: string } | undefined> {
  const [row] = await q
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(eq(assessments.caseId, caseId), eq(assessments.status, 'completed'), eq(assessments.primaryNeed, primaryNeed)))
    .orderBy(desc(assessments.completedOn), desc(assessments.createdAt))
    .limit(1);
  return row;
}
