/**
 * Recovery of overpayments (docs/policy/payments.md; E05 M7082, E06 M7083 in
 * docs/policy/learner-program-rules.md). An overpayment in an issued month becomes a debt on the
 * case at once (repayable benefits are not appealable). It is recovered by deduction from the
 * case's later payments at the recovery rate (a policy figure, src/policy/data/recovery.json), the
 * oldest debt first, never more than is owed or than the payment, and never below zero. Signed
 * adjustments change what is owed; a wrong one is reversed (with a reason) by its exact opposite.
 */
import { addDays, compareDates, type PlainDate } from '../calendar.ts';
import { cents, clampAtZero, type Money, min, multiplyRatio, subtract } from '../money.ts';

/** E06 (M7083): without the signed agreement, the coordinator follows up this many days later. */
export const AGREEMENT_BRING_FORWARD_DAYS = 60;

export interface Debt {
  readonly id: string;
  /** The month overpaid, and the amount (positive). */
  readonly month: string;
  readonly amountCents: number;
}

/** The debts an overpayment raises: one per overpaid month, for the amount overpaid. */
export function debtsFromChanges(
  changes: readonly { readonly month: string; readonly differenceCents: number; readonly kind: string }[],
): { month: string; amountCents: number }[] {
  return changes.filter((c) => c.kind === 'overpayment').map((c) => ({ month: c.month, amountCents: -c.differenceCents }));
}

/**
 * The deduction from one month's payment at `rateBasisPoints` (1/100 of a percent) of the payment,
 * rounded down to the cent (in the learner's favour), no more than is owed, never below zero.
 */
export function deductionFrom(paymentCents: number, outstandingCents: number, rateBasisPoints: number): Money {
  const atRate = multiplyRatio(clampAtZero(cents(paymentCents)), rateBasisPoints, 10_000, 'floor');
  return clampAtZero(min(atRate, clampAtZero(cents(outstandingCents))));
}

/** How a deduction is shared among the debts: the oldest first, each up to what it still owes. */
export function allocateDeduction(
  deductionCents: number,
  outstanding: readonly { readonly debtId: string; readonly outstandingCents: number }[],
): { debtId: string; amountCents: number }[] {
  let left = cents(deductionCents);
  const out: { debtId: string; amountCents: number }[] = [];
  for (const d of outstanding) {
    if (left <= 0) break;
    const take = min(left, clampAtZero(cents(d.outstandingCents)));
    if (take > 0) out.push({ debtId: d.debtId, amountCents: take });
    left = subtract(left, take);
  }
  return out;
}

export interface Adjustment {
  readonly id: string;
  /** Signed: positive raises what is owed, negative lowers it. */
  readonly amountCents: number;
  readonly reason: string;
  /** The adjustment this one reverses, if it is a reversal. */
  readonly reversesId: string | null;
}

export type ReversalRefusal = 'ALREADY_REVERSED' | 'REVERSAL_OF_REVERSAL' | 'REASON_REQUIRED';

/** The reversal of an adjustment: its exact opposite, with the reason; refused when it cannot be reversed. */
export function reversalOf(
  adjustment: Adjustment,
  all: readonly Adjustment[],
  reason: string,
): { ok: true; value: Omit<Adjustment, 'id'> } | { ok: false; reason: ReversalRefusal } {
  if (reason.trim() === '') return { ok: false, reason: 'REASON_REQUIRED' };
  if (adjustment.reversesId !== null) return { ok: false, reason: 'REVERSAL_OF_REVERSAL' };
  if (all.some((a) => a.reversesId === adjustment.id)) return { ok: false, reason: 'ALREADY_REVERSED' };
  return { ok: true, value: { amountCents: -adjustment.amountCents, reason: reason.trim(), reversesId: adjustment.id } };
}

/** What a debt still owes: its amount plus its adjustments minus what was recovered. */
export function outstandingOf(debt: Debt, recoveredCents: readonly number[], adjustmentCents: readonly number[]): Money {
  let owed = cents(debt.amountCents);
  for (const a of adjustmentCents) owed = cents(owed + a);
  for (const r of recoveredCents) owed = subtract(owed, cents(r));
  return owed;
}

/** An adjustment may not leave a debt owing less than nothing (nor be zero). */
export function adjustmentRefusal(outstandingCents: number, amountCents: number): 'ZERO_ADJUSTMENT' | 'BELOW_ZERO' | null {
  if (amountCents === 0) return 'ZERO_ADJUSTMENT';
  return outstandingCents + amountCents < 0 ? 'BELOW_ZERO' : null;
}

export type AgreementState =
  | { readonly state: 'signed'; readonly receivedOn: PlainDate }
  | { readonly state: 'awaiting'; readonly bringForwardOn: PlainDate }
  | { readonly state: 'proceed-without'; readonly bringForwardOn: PlainDate };

/**
 * E06 (M7083): the repayment agreement of a debt raised on `raisedOn`. Signed once received; until
 * then it is awaited and brought forward at 60 days, after which (our reading) recovery proceeds
 * without it, as the manual says the evidence is then applied without it.
 */
export function agreementState(raisedOn: PlainDate, receivedOn: PlainDate | null, today: PlainDate): AgreementState {
  if (receivedOn !== null) return { state: 'signed', receivedOn };
  const bringForwardOn = addDays(raisedOn, AGREEMENT_BRING_FORWARD_DAYS);
  return compareDates(today, bringForwardOn) < 0 ? { state: 'awaiting', bringForwardOn } : { state: 'proceed-without', bringForwardOn };
}

/** Whether deductions may be taken: the agreement is signed, or its bring-forward date has passed. */
export const mayRecover = (s: AgreementState) => s.state !== 'awaiting';
