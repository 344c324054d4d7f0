/**
 * What a new determination changes, month by month, and what each change is
 * (docs/policy/issued-months.md, our reading of the learner policy "a difference against what was
 * already determined is an overpayment or an underpayment"):
 * - a first determination is an initial determination: there is nothing to compare it with;
 * - a month already issued (issue-schedule.ts) whose entitlement changes is an overpayment (less
 *   than was issued) or an underpayment (more);
 * - a month not yet issued (its issue date is still to come, or it was held, or it was not in the
 *   previous determination) has only a change in its scheduled amount.
 */
import type { PlainDate } from '../calendar.ts';
import { parseYearMonth } from '../calendar.ts';
import { add, cents, type Money, subtract, ZERO } from '../money.ts';
import { issueDateReached } from './issue-schedule.ts';

export type DifferenceKind = 'overpayment' | 'underpayment' | 'scheduled-change';

/** A month of the determination in force before the change. */
export interface DeterminedMonth {
  readonly month: string;
  readonly entitlementCents: number;
  /** Held months are not issued (two-attending/hold.ts). */
  readonly held: boolean;
}

export interface NextMonth {
  readonly month: string;
  readonly entitlementCents: number;
}

export interface PaymentChange {
  readonly month: string;
  readonly previousCents: number;
  readonly nextCents: number;
  /** next - previous. */
  readonly differenceCents: number;
  readonly kind: DifferenceKind;
}

const yearMonth = (key: string) => {
  const parsed = parseYearMonth(key);
  if (!parsed.ok) throw new RangeError(`Not a benefit month: ${key}`);
  return parsed.value;
};

/** A month was issued when the determination in force had it, did not hold it, and its issue date has come. */
export function wasIssued(previous: DeterminedMonth | undefined, today: PlainDate): boolean {
  return previous !== undefined && !previous.held && issueDateReached(yearMonth(previous.month), today);
}

/** The kind of a non-zero difference in a month, given whether the month was issued. */
export function kindOf(differenceCents: number, issued: boolean): DifferenceKind {
  if (!issued) return 'scheduled-change';
  return differenceCents > 0 ? 'underpayment' : 'overpayment';
}

/**
 * The months whose entitlement differs between the determination in force (`null`: none yet, so the
 * next one is initial) and the next, each with its kind, as of `today`.
 */
export function paymentChanges(
  previous: readonly DeterminedMonth[] | null,
  next: readonly NextMonth[],
  today: PlainDate,
): { readonly initial: boolean; readonly changes: PaymentChange[] } {
  if (previous === null) return { initial: true, changes: [] };
  const before = new Map(previous.map((m) => [m.month, m]));
  const after = new Map(next.map((m) => [m.month, m.entitlementCents]));
  const months = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: PaymentChange[] = [];
  for (const month of months) {
    const was = before.get(month);
    const previousCents = was?.entitlementCents ?? 0;
    const nextCents = after.get(month) ?? 0;
    const differenceCents = subtract(cents(nextCents), cents(previousCents)) as number;
    if (differenceCents === 0) continue;
    changes.push({ month, previousCents, nextCents, differenceCents, kind: kindOf(differenceCents, wasIssued(was, today)) });
  }
  return { initial: false, changes };
}

export interface ChangeTotals {
  /** Sum of the overpayments (negative or zero). */
  readonly overpayments: Money;
  /** Sum of the underpayments (positive or zero). */
  readonly underpayments: Money;
  /** Net change in scheduled amounts. */
  readonly scheduledChanges: Money;
}

/** Totals of a set of changes by kind (a version's, or a preview's). */
export function changeTotals(changes: readonly { readonly differenceCents: number; readonly kind: DifferenceKind }[]): ChangeTotals {
  let overpayments = ZERO;
  let underpayments = ZERO;
  let scheduledChanges = ZERO;
  for (const c of changes) {
    const amount = cents(c.differenceCents);
    if (c.kind === 'overpayment') overpayments = add(overpayments, amount);
    else if (c.kind === 'underpayment') underpayments = add(underpayments, amount);
    else scheduledChanges = add(scheduledChanges, amount);
  }
  return { overpayments, underpayments, scheduledChanges };
}
