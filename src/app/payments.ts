/**
 * Payments and debts of learner cases (docs/policy/payments.md): the application received date (E15),
 * issuing months whose issue date has come (once each, frozen), settling an issued month against
 * the determination in force (arrears for an underpayment, a debt for an overpayment), recovery by
 * deduction from later payments, the repayment agreement (E06) and signed adjustments with reversals.
 */
import { Temporal } from 'temporal-polyfill';
import { issueDate } from '../domain/benefits/issue-schedule.ts';
import type { DifferenceKind } from '../domain/benefits/payment-changes.ts';
import { compareDates, formatDate, type PlainDate } from '../domain/calendar.ts';
import { cents, toDecimalString } from '../domain/money.ts';
import { monthsToIssue } from '../domain/payments/issuing.ts';
import {
  adjustmentRefusal,
  agreementState,
  allocateDeduction,
  deductionFrom,
  mayRecover,
  outstandingOf,
  reversalOf,
} from '../domain/payments/recovery.ts';
import { loadRecoveryPolicy } from '../policy/recovery.ts';
import type { Queryable } from '../store/db.ts';
import { causesOfDeterminations, differencesOf } from '../store/repos/determinations.ts';
import {
  type AdjustmentRow,
  adjustmentById,
  adjustmentsOf,
  debtById,
  debtsOf,
  determinedPdcIds,
  insertAdjustment,
  insertPayment,
  insertRecoveries,
  paymentRun,
  paymentRuns,
  paymentsOf,
  recoveriesOf,
  updateDebtAgreement,
  versionsWithMonths,
} from '../store/repos/payments.ts';
import { updatePdcVersioned } from '../store/repos/product-delivery-cases.ts';
import { recordAccess } from './access-log.ts';
import { recordAudit } from './audit.ts';
import { reassessHousehold } from './benefits/determinations.ts';
import { settleCase, versionsOf } from './benefits/settlement.ts';
import { loadPdc } from './benefits/snapshot.ts';
import type { Actor, AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { type Created, claimKey, keyedWrite } from './idempotency.ts';
import { authorize, can } from './permissions.ts';
import { readerOf, readPeople, readPerson, writePerson } from './person-access.ts';
import { expectUpdated } from './versioning.ts';

const RECOVERY = loadRecoveryPolicy();
const day = (s: string) => Temporal.PlainDate.from(s);
const money = (c: number) => toDecimalString(cents(c));

// --- E15: the application received date -----------------------------------------------------------

/**
 * Records (or clears, with null) the date the case's application was received, and reassesses the
 * case: months before the month it was received are not paid (E15, rules/late-application.ts).
 */
export async function recordApplicationReceived(
  ctx: AppContext,
  actor: Actor,
  pdcId: string,
  input: { version: number; receivedOn: string | null },
) {
  authorize(actor, 'evidence.write');
  return ctx.db.transaction(async (tx) => {
    const before = await loadPdc(tx, pdcId, { lock: true });
    await writePerson(ctx, actor, before.personId, tx);
    if (before.status === 'closed') throw new AppError('PDC_NOT_OPEN', `${before.reference} is closed.`);
    if (input.receivedOn !== null) {
      const received = day(input.receivedOn);
      if (compareDates(received, ctx.clock.today()) > 0)
        throw new AppError('DATE_IN_FUTURE', 'The application cannot have been received after today.', { field: 'receivedOn' });
      if (before.trainingEnd && compareDates(received, day(before.trainingEnd)) > 0)
        throw new AppError(
          'APPLICATION_AFTER_TRAINING',
          `The application was received after the training ended (${before.trainingEnd}); there is nothing to pay.`,
          {
            field: 'receivedOn',
            rule: 'E15 late applications (M7092)',
          },
        );
    }
    const after = expectUpdated(
      await updatePdcVersioned(tx, pdcId, input.version, { applicationReceivedOn: input.receivedOn }),
      'product delivery case',
      pdcId,
      input.version,
    );
    await recordAudit(tx, actor, {
      action: 'pdc.application-received',
      recordType: 'pdc',
      recordId: pdcId,
      before: { applicationReceivedOn: before.applicationReceivedOn },
      after: { applicationReceivedOn: after.applicationReceivedOn },
    });
    const outcome = await reassessHousehold(ctx, tx, actor, pdcId, 'Application received date recorded (E15 late applications)');
    return {
      pdc: { id: after.id, reference: after.reference, applicationReceivedOn: after.applicationReceivedOn, version: after.version },
      reassessed: { changed: outcome.changed, version: outcome.version, initial: outcome.initial, differences: outcome.differences },
    };
  });
}

// --- Issuing and settling --------------------------------------------------------------------------

export interface IssueOutcome {
  readonly issued: number;
  readonly arrears: number;
  readonly debts: number;
  readonly recoveredCents: number;
}

async function outstandingDebts(q: Queryable, pdcId: string, today: PlainDate) {
  const all = await debtsOf(q, pdcId);
  const ids = all.map((d) => d.id);
  const recovered = await recoveriesOf(q, ids);
  const adjusted = await adjustmentsOf(q, ids);
  return all.map((d) => ({
    debt: d,
    outstandingCents: outstandingOf(
      { id: d.id, month: d.month, amountCents: d.amountCents },
      recovered.filter((r) => r.debtId === d.id).map((r) => r.amountCents),
      adjusted.filter((a) => a.debtId === d.id).map((a) => a.amountCents),
    ) as number,
    recoverable: mayRecover(agreementState(day(d.raisedOn), d.agreementReceivedOn ? day(d.agreementReceivedOn) : null, today)),
  }));
}

/**
 * Issues every month of a case whose issue date has come by today and that is not issued yet, at
 * the amount the rules say (domain/payments/issuing.ts), each with a deduction towards recoverable
 * debts at the recovery rate; then settles the case. Nothing is issued twice (a unique index).
 */
export async function issueCase(ctx: AppContext, q: Queryable, pdcId: string): Promise<IssueOutcome> {
  const today = ctx.clock.today();
  await loadPdc(q, pdcId, { lock: true });
  const rows = await versionsWithMonths(q, pdcId);
  const versions = versionsOf(rows);
  const issued = new Set((await paymentsOf(q, pdcId)).filter((p) => p.kind === 'issue').map((p) => p.month));
  const rate = RECOVERY(today).deductionRateBasisPoints;
  let count = 0;
  let recoveredCents = 0;
  const made = [];
  for (const m of monthsToIssue(versions, issued, today)) {
    const owed = (await outstandingDebts(q, pdcId, today)).filter((d) => d.recoverable && d.outstandingCents > 0);
    const total = owed.reduce((t, d) => t + d.outstandingCents, 0);
    const deduction = deductionFrom(m.entitlementCents, total, rate) as number;
    const payment = await insertPayment(q, {
      pdcId,
      month: m.month,
      kind: 'issue',
      issueDate: formatDate(m.issueDate),
      determinationId: rows.find((r) => r.version === m.version)!.id,
      grossCents: m.entitlementCents,
      deductionCents: deduction,
      netCents: m.entitlementCents - deduction,
    });
    if (!payment) continue;
    count += 1;
    const shares = allocateDeduction(
      deduction,
      owed.map((d) => ({ debtId: d.debt.id, outstandingCents: d.outstandingCents })),
    );
    await insertRecoveries(
      q,
      shares.map((s) => ({ debtId: s.debtId, paymentId: payment.id, amountCents: s.amountCents })),
    );
    recoveredCents += deduction;
    made.push({ month: m.month, gross: money(m.entitlementCents), deduction: money(deduction), version: m.version });
    await settleCase(q, null, pdcId, today);
  }
  if (made.length > 0) await recordAudit(q, null, { action: 'pdc.issue', recordType: 'pdc', recordId: pdcId, after: { payments: made } });
  const settled = await settleCase(q, null, pdcId, today);
  return { issued: count, arrears: settled.arrears, debts: settled.debts, recoveredCents };
}

/** The cases the issue job examines: every case with a determination, in id order. */
export const casesToIssue = (ctx: AppContext): Promise<string[]> => determinedPdcIds(ctx.db);

// --- Reading --------------------------------------------------------------------------------------

const KIND_TEXT: Record<string, string> = { issue: 'Issued', arrears: 'Arrears (underpayment)' };

/** A case's payments, debts (with what caused them and how they are recovered), newest last. */
export async function getPayments(ctx: AppContext, actor: Actor, pdcId: string) {
  authorize(actor, 'benefits.read');
  const pdc = await loadPdc(ctx.db, pdcId);
  await readPerson(ctx, actor, pdc.personId, 'payments');
  const today = ctx.clock.today();
  const paid = await paymentsOf(ctx.db, pdcId);
  const rows = await versionsWithMonths(ctx.db, pdcId);
  const versionOf = new Map(rows.map((r) => [r.id, r]));
  const debts = await outstandingDebts(ctx.db, pdcId, today);
  const ids = debts.map((d) => d.debt.id);
  const recoveries = await recoveriesOf(ctx.db, ids);
  const adjustments = await adjustmentsOf(ctx.db, ids);
  const differences = await differencesOf(ctx.db, pdcId);
  const causes = await causesOfDeterminations(ctx.db, [...new Set(debts.map((d) => d.debt.determinationId))]);
  const paymentMonth = new Map(paid.map((p) => [p.id, p.month]));
  return {
    pdcId,
    asOf: formatDate(today),
    applicationReceivedOn: pdc.applicationReceivedOn,
    recoveryRate: { basisPoints: RECOVERY(today).deductionRateBasisPoints, reference: RECOVERY(today).reference },
    payments: paid.map((p) => ({
      id: p.id,
      month: p.month,
      kind: p.kind as 'issue' | 'arrears',
      kindText: KIND_TEXT[p.kind] ?? p.kind,
      issueDate: p.issueDate,
      version: versionOf.get(p.determinationId)?.version ?? null,
      gross: money(p.grossCents),
      deduction: money(p.deductionCents),
      net: money(p.netCents),
    })),
    debts: debts.map(({ debt: d, outstandingCents }) => {
      const cause = versionOf.get(d.determinationId);
      const month = cause?.months.find((m) => m.month === d.month);
      const state = agreementState(day(d.raisedOn), d.agreementReceivedOn ? day(d.agreementReceivedOn) : null, today);
      return {
        id: d.id,
        month: d.month,
        amount: money(d.amountCents),
        outstanding: money(outstandingCents),
        raisedOn: d.raisedOn,
        version: d.version,
        agreement: {
          state: state.state,
          receivedOn: d.agreementReceivedOn,
          bringForwardOn: state.state === 'signed' ? null : formatDate(state.bringForwardOn),
        },
        // Lineage: the determination version that made the month due less, its differences for the
        // month, and the evidence its components came from.
        cause: {
          version: cause?.version ?? null,
          reason: cause?.reason ?? '',
          determinedOn: cause?.determinedOn ?? null,
          differences: differences
            .filter((x) => x.month === d.month)
            .map((x) => ({
              version: versionOf.get(x.determinationId)?.version ?? null,
              kind: x.kind as DifferenceKind,
              difference: money(x.differenceCents),
            })),
          evidenceIds: [
            ...new Set(((month?.components ?? []) as { evidenceId?: string }[]).flatMap((c) => (c.evidenceId ? [c.evidenceId] : []))),
          ],
          // The evidence versions whose change the version follows (applied, approved or rejected).
          evidenceVersions: causes
            .filter((c) => c.determinationId === d.determinationId)
            .map((c) => ({ id: c.id, evidenceId: c.evidenceId, number: c.number, kind: c.kind as 'original' | 'correction' | 'change' })),
        },
        recoveries: recoveries
          .filter((r) => r.debtId === d.id)
          .map((r) => ({ id: r.id, fromMonth: paymentMonth.get(r.paymentId) ?? null, amount: money(r.amountCents) })),
        adjustments: adjustments
          .filter((a) => a.debtId === d.id)
          .map((a) => ({
            id: a.id,
            amount: money(a.amountCents),
            reason: a.reason,
            reversesId: a.reversesId,
            reversed: adjustments.some((b) => b.reversesId === a.id),
            createdAt: a.createdAt.toISOString(),
          })),
      };
    }),
    nextIssue: nextIssueOf(rows.at(-1)?.months.map((m) => m.month) ?? [], new Set(paid.map((p) => p.month)), today),
  };
}

function nextIssueOf(months: readonly string[], issued: ReadonlySet<string>, today: PlainDate) {
  const next = months.find((m) => !issued.has(m) && compareDates(issueDate(Temporal.PlainYearMonth.from(m)), today) > 0);
  return next ? { month: next, issueDate: formatDate(issueDate(Temporal.PlainYearMonth.from(next))) } : null;
}

// --- Repayment agreement and adjustments ------------------------------------------------------------

async function debtForWrite(ctx: AppContext, q: Queryable, actor: Actor, debtId: string) {
  const debt = await debtById(q, debtId, { lock: true });
  if (!debt) throw AppError.notFound('debt', debtId);
  const pdc = await loadPdc(q, debt.pdcId);
  await writePerson(ctx, actor, pdc.personId, q);
  return { debt, pdc };
}

/** E06: the signed repayment agreement came back on this date; its bring-forward task is done. */
export async function recordAgreement(ctx: AppContext, actor: Actor, debtId: string, input: { version: number; receivedOn: string }) {
  authorize(actor, 'evidence.write');
  return ctx.db.transaction(async (tx) => {
    const { debt } = await debtForWrite(ctx, tx, actor, debtId);
    if (compareDates(day(input.receivedOn), ctx.clock.today()) > 0)
      throw new AppError('DATE_IN_FUTURE', 'The agreement cannot have been received after today.', { field: 'receivedOn' });
    const after = await updateDebtAgreement(tx, debtId, input.version, input.receivedOn);
    if (!after) throw AppError.staleVersion('debt', input.version, debt.version);
    await recordAudit(tx, actor, {
      action: 'debt.agreement',
      recordType: 'debt',
      recordId: debtId,
      before: { agreementReceivedOn: debt.agreementReceivedOn },
      after: { agreementReceivedOn: after.agreementReceivedOn },
    });
    return { id: after.id, version: after.version, agreementReceivedOn: after.agreementReceivedOn };
  });
}

/**
 * A signed adjustment to what a debt owes (positive raises it), with its reason. With an
 * Idempotency-Key (app/idempotency.ts), a retry of the same adjustment by the same author is
 * answered with the one already made, `replayed`, once the person's write access is checked again;
 * the key is claimed under the debt's lock, before the insert that makes the adjustment with the id
 * it was claimed for.
 */
export async function adjustDebt(
  ctx: AppContext,
  actor: Actor,
  debtId: string,
  input: { amountCents: number; reason: string },
  idempotencyKey?: string | undefined,
): Promise<Created<{ id: string; amount: string; reason: string }>> {
  authorize(actor, 'evidence.approve');
  const write = keyedWrite('debt.adjust', idempotencyKey, { debtId, amountCents: input.amountCents, reason: input.reason });
  return ctx.db.transaction(async (tx) => {
    const { debt } = await debtForWrite(ctx, tx, actor, debtId);
    const shown = (row: AdjustmentRow) => ({ id: row.id, amount: money(row.amountCents), reason: row.reason });
    const claim = await claimKey(tx, actor, write);
    if (claim?.replayed) return { made: shown((await adjustmentById(tx, claim.id))!), replayed: true };
    const [current] = (await outstandingDebts(tx, debt.pdcId, ctx.clock.today())).filter((d) => d.debt.id === debtId);
    const refusal = adjustmentRefusal(current!.outstandingCents, input.amountCents);
    if (refusal)
      throw new AppError(
        'ADJUSTMENT_REFUSED',
        refusal === 'ZERO_ADJUSTMENT' ? 'An adjustment changes the debt by some amount.' : 'The debt cannot owe less than nothing.',
        { field: 'amount' },
      );
    const row = await insertAdjustment(tx, {
      ...(claim && { id: claim.id }),
      debtId,
      amountCents: input.amountCents,
      reason: input.reason,
      reversesId: null,
      createdBy: actor.userId,
    });
    await recordAudit(tx, actor, {
      action: 'debt.adjust',
      recordType: 'debt',
      recordId: debtId,
      after: shown(row),
    });
    return { made: shown(row), replayed: false };
  });
}

/** Reverses an adjustment with a reason: its exact opposite, linked to it; once only. */
export async function reverseAdjustment(ctx: AppContext, actor: Actor, adjustmentId: string, input: { reason: string }) {
  authorize(actor, 'evidence.approve');
  return ctx.db.transaction(async (tx) => {
    const adjustment = await adjustmentById(tx, adjustmentId);
    if (!adjustment) throw AppError.notFound('adjustment', adjustmentId);
    await debtForWrite(ctx, tx, actor, adjustment.debtId);
    const all = await adjustmentsOf(tx, [adjustment.debtId]);
    const r = reversalOf(adjustment, all, input.reason);
    if (!r.ok) {
      if (r.reason === 'REASON_REQUIRED') throw new AppError('REQUIRED', 'Say why the adjustment is reversed.', { field: 'reason' });
      throw new AppError(
        'ALREADY_REVERSED',
        r.reason === 'ALREADY_REVERSED' ? 'This adjustment is already reversed.' : 'A reversal cannot itself be reversed.',
        {
          field: 'id',
        },
      );
    }
    const row = await insertAdjustment(tx, { debtId: adjustment.debtId, ...r.value, createdBy: actor.userId });
    await recordAudit(tx, actor, {
      action: 'debt.adjustment-reversed',
      recordType: 'debt',
      recordId: adjustment.debtId,
      after: { id: row.id, reverses: adjustmentId, amount: money(row.amountCents), reason: row.reason },
    });
    return { id: row.id, amount: money(row.amountCents), reason: row.reason, reversesId: adjustmentId };
  });
}

// --- A payment run's export --------------------------------------------------------------------------

export const PAYMENT_RUN_COLUMNS = [
  { key: 'issueDate', header: 'Issue date' },
  { key: 'pdcReference', header: 'Learner case' },
  { key: 'personReference', header: 'Person' },
  { key: 'month', header: 'Benefit month' },
  { key: 'kind', header: 'Kind' },
  { key: 'gross', header: 'Gross' },
  { key: 'deduction', header: 'Deduction (recovery)' },
  { key: 'net', header: 'Net paid' },
] as const;

/** Which payments an export of a run holds: all of them, or those to the people within the reader's reach. */
export type PaymentRunScope = 'whole' | 'within-reach';

const scopeOf = (actor: Actor): PaymentRunScope => (can(actor, 'payment.export-whole-run') ? 'whole' : 'within-reach');

/** How many payment runs a list answers at most, and by default. */
export const PAYMENT_RUNS_MAX = 100;
export const PAYMENT_RUNS_DEFAULT = 24;

/**
 * The payment runs, newest first: each issue date with how many payments it holds and their net
 * total, whole or within the reader's reach as their export would hold them. Counts and totals
 * only, no person's data: nothing to access-log.
 */
export async function listPaymentRuns(ctx: AppContext, actor: Actor, limit = PAYMENT_RUNS_DEFAULT) {
  authorize(actor, 'payment.export');
  const scope = scopeOf(actor);
  const runs = await paymentRuns(ctx.db, scope === 'whole' ? null : readerOf(actor), limit);
  return { scope, runs: runs.map((r) => ({ issueDate: r.issueDate, payments: r.payments, net: money(r.netCents) })) };
}

/**
 * The payments issued on a date (a payment run), one row each, for the export (audited). A finance
 * officer (`payment.export-whole-run`) exports the whole run: a run left partial would pay someone
 * nothing. Each person they export is access-logged as a read of their payments on the basis
 * `payment-run` (their role reaches no one's record). Anyone else exports the payments to the
 * people within their reach, each an access-logged read by caseload (docs/access-control.md).
 */
export async function exportPaymentRun(ctx: AppContext, actor: Actor, issueDateText: string) {
  authorize(actor, 'payment.export');
  const scope = scopeOf(actor);
  const rows = await paymentRun(ctx.db, issueDateText, scope === 'whole' ? null : readerOf(actor));
  const personIds = [...new Set(rows.map((r) => r.personId))];
  if (scope === 'whole') {
    const reads = personIds.map((personId) => ({
      personId,
      what: 'payments' as const,
      basis: 'payment-run' as const,
      breakGlassReason: null,
    }));
    await recordAccess(ctx, ctx.db, actor, reads);
  } else {
    await readPeople(ctx, actor, personIds, 'payments');
  }
  await recordAudit(ctx.db, actor, {
    action: 'payment-run.export',
    recordType: 'payment-run',
    recordId: issueDateText,
    after: { payments: rows.length, scope },
  });
  return {
    scope,
    rows: rows.map((r) => ({
      issueDate: r.issueDate,
      pdcReference: r.pdcReference,
      personReference: r.personReference,
      month: r.month,
      kind: KIND_TEXT[r.kind] ?? r.kind,
      gross: money(r.grossCents),
      deduction: money(r.deductionCents),
      net: money(r.netCents),
    })),
  };
}
