/** Payments issued to learner cases, and the debts, deductions and adjustments of overpayments (docs/policy/payments.md). */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import {
  debtAdjustments,
  debtRecoveries,
  debts,
  determinationMonths,
  determinations,
  payments,
  persons,
  productDeliveryCases,
} from '../schema.ts';
import { personInReach, type Reader } from './access.ts';

export type PaymentRow = typeof payments.$inferSelect;
export type DebtRow = typeof debts.$inferSelect;
export type AdjustmentRow = typeof debtAdjustments.$inferSelect;

/** Every determination version of a case, oldest first, with its months (what issuing reads). */
export async function versionsWithMonths(q: Queryable, pdcId: string) {
  const versions = await q.select().from(determinations).where(eq(determinations.pdcId, pdcId)).orderBy(asc(determinations.version));
  if (versions.length === 0) return [];
  const months = await q
    .select()
    .from(determinationMonths)
    .where(
      inArray(
        determinationMonths.determinationId,
        versions.map((v) => v.id),
      ),
    )
    .orderBy(determinationMonths.month);
  return versions.map((v) => ({ ...v, months: months.filter((m) => m.determinationId === v.id) }));
}

/** The cases that have a determination (the issue job's candidates), in id order. */
export async function determinedPdcIds(q: Queryable): Promise<string[]> {
  const rows = await q.selectDistinct({ id: determinations.pdcId }).from(determinations).orderBy(determinations.pdcId);
  return rows.map((r) => r.id);
}

export async function paymentsOf(q: Queryable, pdcId: string): Promise<PaymentRow[]> {
  return q.select().from(payments).where(eq(payments.pdcId, pdcId)).orderBy(asc(payments.month), asc(payments.createdAt));
}

/** Inserts a payment; for a month's issue, nothing when the month is already issued (null then). */
export async function insertPayment(q: Queryable, values: typeof payments.$inferInsert): Promise<PaymentRow | null> {
  const [row] = await q.insert(payments).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function debtsOf(q: Queryable, pdcId: string): Promise<DebtRow[]> {
  return q.select().from(debts).where(eq(debts.pdcId, pdcId)).orderBy(asc(debts.createdAt), asc(debts.month));
}

export async function debtById(q: Queryable, id: string, options: { lock?: boolean } = {}): Promise<DebtRow | null> {
  const query = q.select().from(debts).where(eq(debts.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function insertDebt(q: Queryable, values: typeof debts.$inferInsert): Promise<DebtRow> {
  const [row] = await q.insert(debts).values(values).returning();
  return row!;
}

export async function updateDebtAgreement(q: Queryable, id: string, version: number, receivedOn: string): Promise<DebtRow | null> {
  const [row] = await q
    .update(debts)
    .set({ agreementReceivedOn: receivedOn, version: sql`${debts.version} + 1` })
    .where(and(eq(debts.id, id), eq(debts.version, version)))
    .returning();
  return row ?? null;
}

export async function recoveriesOf(q: Queryable, debtIds: readonly string[]) {
  if (debtIds.length === 0) return [];
  return q
    .select()
    .from(debtRecoveries)
    .where(inArray(debtRecoveries.debtId, [...debtIds]))
    .orderBy(asc(debtRecoveries.createdAt));
}

export async function insertRecoveries(q: Queryable, rows: readonly (typeof debtRecoveries.$inferInsert)[]) {
  if (rows.length > 0) await q.insert(debtRecoveries).values([...rows]);
}

export async function adjustmentsOf(q: Queryable, debtIds: readonly string[]): Promise<AdjustmentRow[]> {
  if (debtIds.length === 0) return [];
  return q
    .select()
    .from(debtAdjustments)
    .where(inArray(debtAdjustments.debtId, [...debtIds]))
    .orderBy(asc(debtAdjustments.createdAt));
}

export async function adjustmentById(q: Queryable, id: string): Promise<AdjustmentRow | null> {
  const [row] = await q.select().from(debtAdjustments).where(eq(debtAdjustments.id, id));
  return row ?? null;
}

export async function insertAdjustment(q: Queryable, values: typeof debtAdjustments.$inferInsert): Promise<AdjustmentRow> {
  const [row] = await q.insert(debtAdjustments).values(values).returning();
  return row!;
}

/**
 * A payment run: every payment issued on a date, with its case and person reference, for the export;
 * a payment to a person outside the reader's reach is left out (docs/access-control.md).
 */
/**
 * The payment runs (the dates payments were issued on), newest first, each with how many payments
 * and their net total, counting the payments to the people within the reader's reach, or all of
 * them when `reader` is null.
 */
export async function paymentRuns(q: Queryable, reader: Reader | null, limit: number) {
  return q
    .select({
      issueDate: payments.issueDate,
      payments: sql<number>`count(*)::int`,
      netCents: sql<number>`sum(${payments.netCents})::bigint`.mapWith(Number),
    })
    .from(payments)
    .innerJoin(productDeliveryCases, eq(productDeliveryCases.id, payments.pdcId))
    .where(reader ? personInReach(productDeliveryCases.personId, reader) : undefined)
    .groupBy(payments.issueDate)
    .orderBy(desc(payments.issueDate))
    .limit(limit);
}

/** The payments issued on a date, to the people within the reader's reach, or to anyone when `reader` is null (the whole run). */
export async function paymentRun(q: Queryable, issueDate: string, reader: Reader | null) {
  return q
    .select({
      id: payments.id,
      pdcReference: productDeliveryCases.reference,
      personReference: persons.reference,
      month: payments.month,
      kind: payments.kind,
      issueDate: payments.issueDate,
      grossCents: payments.grossCents,
      deductionCents: payments.deductionCents,
      netCents: payments.netCents,
      personId: persons.id,
    })
    .from(payments)
    .innerJoin(productDeliveryCases, eq(productDeliveryCases.id, payments.pdcId))
    .innerJoin(persons, eq(persons.id, productDeliveryCases.personId))
    .where(and(eq(payments.issueDate, issueDate), reader ? personInReach(productDeliveryCases.personId, reader) : undefined))
    .orderBy(asc(productDeliveryCases.reference), asc(payments.month), asc(payments.kind));
}
