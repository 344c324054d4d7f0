/**
 * Settling a learner case's issued months against the determination in force (docs/policy/payments.md):
 * what was issued is frozen, so a shortfall is paid as arrears (an underpayment) and an excess raises
 * a debt at once (an overpayment: E05 M7082, repayable benefits are not appealable, E06 M7083), with
 * its repayment agreement brought forward at 60 days. It runs in the transaction of every new
 * determination version (`storePlans`), and after each month issued (app/payments.ts).
 */
import { Temporal } from 'temporal-polyfill';
import { addDays, formatDate, type PlainDate } from '../../domain/calendar.ts';
import { cents, toDecimalString } from '../../domain/money.ts';
import { type DeterminationVersion, dueIn, settlement } from '../../domain/payments/issuing.ts';
import { AGREEMENT_BRING_FORWARD_DAYS } from '../../domain/payments/recovery.ts';
import type { Queryable } from '../../store/db.ts';
import { type DebtRow, debtsOf, insertDebt, insertPayment, paymentsOf, versionsWithMonths } from '../../store/repos/payments.ts';
import { recordAudit } from '../audit.ts';
import type { Actor } from '../context.ts';
import { createTasks } from '../tasks.ts';
import { loadPdc } from './snapshot.ts';

const money = (c: number) => toDecimalString(cents(c));

/** A case's stored determination versions as the issuing rules read them (domain/payments/issuing.ts). */
export const versionsOf = (rows: Awaited<ReturnType<typeof versionsWithMonths>>): DeterminationVersion[] =>
  rows.map((v) => ({
    version: v.version,
    determinedOn: Temporal.PlainDate.from(v.determinedOn),
    months: v.months.map((m) => ({ month: m.month, entitlementCents: m.entitlementCents, held: m.held })),
  }));

/**
 * Settles every issued month of a case against the determination in force on `today`: a shortfall
 * is paid as arrears, an excess raises a debt (linked to the version in force, with a task to follow
 * up its repayment agreement at 60 days). What was issued, paid as arrears and raised as debts
 * before is counted, so settling again changes nothing.
 */
export async function settleCase(q: Queryable, actor: Actor | null, pdcId: string, today: PlainDate) {
  const rows = await versionsWithMonths(q, pdcId);
  const latestRow = rows.at(-1);
  if (!latestRow) return { arrears: 0, debts: 0 };
  const latest = versionsOf(rows).at(-1);
  const paid = await paymentsOf(q, pdcId);
  const issuedMonths = [...new Set(paid.filter((p) => p.kind === 'issue').map((p) => p.month))];
  if (issuedMonths.length === 0) return { arrears: 0, debts: 0 };
  const raised = await debtsOf(q, pdcId);
  let arrears = 0;
  const newDebts: DebtRow[] = [];
  for (const month of issuedMonths) {
    const settled =
      paid.filter((p) => p.month === month).reduce((t, p) => t + p.grossCents, 0) -
      raised.filter((d) => d.month === month).reduce((t, d) => t + d.amountCents, 0);
    const s = settlement(settled, dueIn(latest, month));
    if (s?.kind === 'underpayment') {
      await insertPayment(q, {
        pdcId,
        month,
        kind: 'arrears',
        issueDate: formatDate(today),
        determinationId: latestRow.id,
        grossCents: s.amountCents,
        deductionCents: 0,
        netCents: s.amountCents,
      });
      arrears += 1;
    } else if (s?.kind === 'overpayment') {
      newDebts.push(
        await insertDebt(q, { pdcId, month, amountCents: s.amountCents, determinationId: latestRow.id, raisedOn: formatDate(today) }),
      );
    }
  }
  if (newDebts.length > 0) {
    const pdc = await loadPdc(q, pdcId);
    await createTasks(
      q,
      actor,
      newDebts.map((d) => ({
        kind: 'repayment-agreement',
        title: `Repayment agreement for the ${d.month} overpayment on ${pdc.reference}`,
        detail: `If the signed repayment agreement has not come back, follow up; recovery then proceeds without it (E06, M7083; ${AGREEMENT_BRING_FORWARD_DAYS}-day bring-forward).`,
        ...(pdc.coordinatorId ? { assigneeId: pdc.coordinatorId } : { assigneeRole: 'learner-benefits-coordinator' as const }),
        personId: pdc.personId,
        recordType: 'debt',
        recordId: d.id,
        dueOn: formatDate(addDays(today, AGREEMENT_BRING_FORWARD_DAYS)),
        dedupeKey: `repayment-agreement:${d.id}`,
      })),
    );
  }
  if (arrears > 0 || newDebts.length > 0)
    await recordAudit(q, actor, {
      action: 'pdc.settle',
      recordType: 'pdc',
      recordId: pdcId,
      after: { arrears, debts: newDebts.map((d) => ({ id: d.id, month: d.month, amount: money(d.amountCents) })) },
    });
  return { arrears, debts: newDebts.length };
}
