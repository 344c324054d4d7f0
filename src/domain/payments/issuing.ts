/**
 * Issuing a case's months (docs/policy/payments.md; issue dates: docs/policy/issued-months.md, IS5056).
 * A month is issued on its issue date (two banking days before its 1st), once, and what was issued
 * is frozen: a later change to an issued month is an over- or underpayment (payment-changes.ts),
 * never a change to the payment.
 *
 * Our reading of which amount is issued: the amount of the determination version that later
 * differences are compared against. A version determined before the month's issue date only changes
 * the scheduled amount; one determined on or after it labels its change an over- or underpayment
 * against the version before. So the issued amount is the month's entitlement in the last version
 * that was the case's first, or was determined before the issue date, or found the month held or
 * absent in the version before it. A month held in the version in force is not issued yet.
 */

import { issueDate } from '../benefits/issue-schedule.ts';
import type { DeterminedMonth } from '../benefits/payment-changes.ts';
import { compareDates, type PlainDate, parseYearMonth } from '../calendar.ts';

export interface DeterminationVersion {
  readonly version: number;
  readonly determinedOn: PlainDate;
  readonly months: readonly DeterminedMonth[];
}

export interface MonthToIssue {
  readonly month: string;
  readonly issueDate: PlainDate;
  /** The version whose amount is issued, and that amount. */
  readonly version: number;
  readonly entitlementCents: number;
}

const issueDateOf = (month: string) => {
  const parsed = parseYearMonth(month);
  if (!parsed.ok) throw new RangeError(`Not a benefit month: ${month}`);
  return issueDate(parsed.value);
};

/**
 * The amount a month is issued at, and from which version, given the case's versions in order; null
 * when the version in force holds the month, or no version ever scheduled it unheld.
 */
export function issuedAmount(versions: readonly DeterminationVersion[], month: string): MonthToIssue | null {
  const latest = versions.at(-1);
  if (!latest || latest.months.find((m) => m.month === month)?.held) return null;
  const date = issueDateOf(month);
  let base: MonthToIssue | null = null;
  versions.forEach((v, i) => {
    const own = v.months.find((m) => m.month === month);
    const before = i === 0 ? undefined : versions[i - 1]!.months.find((m) => m.month === month);
    const resets = i === 0 || compareDates(v.determinedOn, date) < 0 || before === undefined || before.held;
    if (resets) base = own && !own.held ? { month, issueDate: date, version: v.version, entitlementCents: own.entitlementCents } : null;
  });
  return base;
}

/**
 * The months of a case to issue by `today`: every month a version scheduled, not held now, whose
 * issue date has come and that is not issued already (`issued`: the months already paid). Nothing is
 * issued twice, and no month whose date has come is left out.
 */
export function monthsToIssue(versions: readonly DeterminationVersion[], issued: ReadonlySet<string>, today: PlainDate): MonthToIssue[] {
  const months = [...new Set(versions.flatMap((v) => v.months.map((m) => m.month)))].sort();
  return months
    .filter((m) => !issued.has(m) && compareDates(issueDateOf(m), today) <= 0)
    .map((m) => issuedAmount(versions, m))
    .filter((m): m is MonthToIssue => m !== null);
}

/**
 * Settling an issued month against what the rules now say is due for it (the version in force; zero
 * when the month is no longer in it): the issued amount is frozen, so a shortfall is an underpayment
 * (paid as arrears) and an excess an overpayment (a debt, recovery.ts). `settledCents` is what was
 * issued plus arrears already paid minus debts already raised for the month.
 */
export function settlement(settledCents: number, dueCents: number): { kind: 'underpayment' | 'overpayment'; amountCents: number } | null {
  const difference = dueCents - settledCents;
  if (difference === 0) return null;
  return difference > 0 ? { kind: 'underpayment', amountCents: difference } : { kind: 'overpayment', amountCents: -difference };
}

/** What is due for a month by the version in force: its entitlement, zero when it has gone. */
export function dueIn(latest: DeterminationVersion | undefined, month: string): number {
  return latest?.months.find((m) => m.month === month)?.entitlementCents ?? 0;
}
