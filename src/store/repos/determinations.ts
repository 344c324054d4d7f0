/** Determinations of a learner case: versions, their months, and the payment differences between versions. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { preparedOn, type Queryable } from '../db.ts';
import {
  determinationEvidenceVersions,
  determinationMonths,
  determinations,
  evidenceVersions,
  paymentDifferences,
  payments,
} from '../schema.ts';
import { uuidIn } from './uuid-list.ts';

export type DeterminationRow = typeof determinations.$inferSelect;
export type DeterminationMonthRow = typeof determinationMonths.$inferSelect;
/** A stored month without its version's id: what a case page and the API's month view read. */
export type StoredMonth = Omit<DeterminationMonthRow, 'determinationId'>;
type NewMonth = Omit<typeof determinationMonths.$inferInsert, 'determinationId'>;
type NewDifference = Omit<typeof paymentDifferences.$inferInsert, 'pdcId' | 'determinationId'>;

/** The case's newest determination with its months; null before the first. */
export async function latestDeterminationOf(
  q: Queryable,
  pdcId: string,
): Promise<(DeterminationRow & { months: DeterminationMonthRow[] }) | null> {
  const [latest] = await q
    .select()
    .from(determinations)
    .where(eq(determinations.pdcId, pdcId))
    .orderBy(desc(determinations.version))
    .limit(1);
  if (!latest) return null;
  const months = await q
    .select()
    .from(determinationMonths)
    .where(eq(determinationMonths.determinationId, latest.id))
    .orderBy(determinationMonths.month);
  return { ...latest, months };
}

/** Stores a determination version with its months and the differences it makes; the new row. */
export async function insertDetermination(
  q: Queryable,
  values: typeof determinations.$inferInsert,
  months: readonly NewMonth[],
  differences: readonly NewDifference[],
): Promise<DeterminationRow> {
  const [row] = await q.insert(determinations).values(values).returning();
  if (months.length > 0) await q.insert(determinationMonths).values(months.map((m) => ({ ...m, determinationId: row!.id })));
  if (differences.length > 0)
    await q.insert(paymentDifferences).values(differences.map((d) => ({ ...d, pdcId: values.pdcId, determinationId: row!.id })));
  return row!;
}

/** The case's payment differences, in the order they were recorded. */
export async function differencesOf(q: Queryable, pdcId: string) {
  return preparedOn(q, 'waypoint_differences_of', (q, name) =>
    q
      .select()
      .from(paymentDifferences)
      .where(eq(paymentDifferences.pdcId, sql.placeholder('pdcId')))
      .orderBy(paymentDifferences.createdAt, paymentDifferences.month)
      .prepare(name),
  ).execute({ pdcId });
}

/** The differences recorded by versions after `afterVersion`, with the version of each. */
export async function differencesAfterVersion(q: Queryable, pdcId: string, afterVersion: number) {
  return q
    .select({ d: paymentDifferences, version: determinations.version })
    .from(paymentDifferences)
    .innerJoin(determinations, eq(determinations.id, paymentDifferences.determinationId))
    .where(and(eq(paymentDifferences.pdcId, pdcId), sql`${determinations.version} > ${afterVersion}`))
    .orderBy(determinations.version, paymentDifferences.month);
}

/** The months the case's current determination holds; null when it has no determination yet. */
export async function heldMonthsOfLatest(q: Queryable, pdcId: string): Promise<string[] | null> {
  const [latest] = await q
    .select({ id: determinations.id })
    .from(determinations)
    .where(eq(determinations.pdcId, pdcId))
    .orderBy(desc(determinations.version))
    .limit(1);
  if (!latest) return null;
  const rows = await q
    .select({ month: determinationMonths.month })
    .from(determinationMonths)
    .where(and(eq(determinationMonths.determinationId, latest.id), eq(determinationMonths.held, true)))
    .orderBy(determinationMonths.month);
  return rows.map((r) => r.month);
}

/** Those of these cases that have a determination. */
export async function determinedAmong(q: Queryable, pdcIds: readonly string[]): Promise<string[]> {
  if (pdcIds.length === 0) return [];
  return (await q.selectDistinct({ pdcId: determinations.pdcId }).from(determinations).where(uuidIn(determinations.pdcId, pdcIds))).map(
    (d) => d.pdcId,
  );
}

/**
 * Every month of every version of the case (oldest version first), with what the version changed in
 * that month if anything: the rows of the determinations export.
 */
export async function determinationMonthsOfCase(q: Queryable, pdcId: string) {
  return q
    .select({
      version: determinations.version,
      determinedOn: determinations.determinedOn,
      reason: determinations.reason,
      month: determinationMonths.month,
      needsCents: determinationMonths.needsCents,
      resourcesCents: determinationMonths.resourcesCents,
      entitlementCents: determinationMonths.entitlementCents,
      held: determinationMonths.held,
      previousCents: paymentDifferences.previousCents,
      differenceCents: paymentDifferences.differenceCents,
      kind: paymentDifferences.kind,
    })
    .from(determinations)
    .innerJoin(determinationMonths, eq(determinationMonths.determinationId, determinations.id))
    .leftJoin(
      paymentDifferences,
      and(eq(paymentDifferences.determinationId, determinations.id), eq(paymentDifferences.month, determinationMonths.month)),
    )
    .where(eq(determinations.pdcId, pdcId))
    .orderBy(determinations.version, determinationMonths.month);
}

/** Links determination versions to the evidence versions whose change they follow (migration 0021). */
export async function insertDeterminationCauses(q: Queryable, rows: readonly { determinationId: string; evidenceVersionId: string }[]) {
  if (rows.length > 0)
    await q
      .insert(determinationEvidenceVersions)
      .values([...rows])
      .onConflictDoNothing();
}

/** The evidence versions each of these determination versions follows, by version number. */
export async function causesOfDeterminations(q: Queryable, determinationIds: readonly string[]) {
  if (determinationIds.length === 0) return [];
  return q
    .select({
      determinationId: determinationEvidenceVersions.determinationId,
      id: evidenceVersions.id,
      evidenceId: evidenceVersions.evidenceId,
      number: evidenceVersions.number,
      kind: evidenceVersions.kind,
    })
    .from(determinationEvidenceVersions)
    .innerJoin(evidenceVersions, eq(evidenceVersions.id, determinationEvidenceVersions.evidenceVersionId))
    .where(inArray(determinationEvidenceVersions.determinationId, [...determinationIds]))
    .orderBy(evidenceVersions.evidenceId, evidenceVersions.number);
}

/** Which of these cases have a month issued (the ones a new determination settles). */
export async function casesWithIssuedMonths(q: Queryable, pdcIds: readonly string[]): Promise<string[]> {
  if (pdcIds.length === 0) return [];
  const rows = await q
    .selectDistinct({ id: payments.pdcId })
    .from(payments)
    .where(and(inArray(payments.pdcId, [...pdcIds]), eq(payments.kind, 'issue')));
  return rows.map((r) => r.id);
}
