/**
 * E04 Two Attending: when spouses/partners both get learner benefits for overlapping training, the
 * household's benefits are split exactly in half between their cases for the overlapping months.
 *
 * - E04.01 Manually Entered Evidence: the listed evidence types count "exactly half" on each case
 *   (not private-vehicle travel; special diet benefit only for infant formula).
 * - E04.01 Benefits Issued Automatically: each case computes the whole household's automatic benefit
 *   from the rate table, and a Director Approval cost adjustment of minus half is entered ("if the
 *   Core Essential for 2 adults is $646, then $323 will need to be entered as a negative amount").
 *   We name each adjustment after the benefit it adjusts (the E04 page calls the Core Essential one a
 *   "Core Shelter Adjustment").
 * - Halves conserve the whole: `splitInHalf` gives the first learner ceil(x/2) and the second the
 *   rest, so learner A + learner B = the household amount, to the cent, for every benefit and month.
 *
 * Which learner is "first" (and so takes an odd cent): the one whose training starts first; on the
 * same day, the one whose person id sorts first. E04 makes the second learner's coordinator
 * responsible for coordinating.
 */

import { type Component, isAutomatic, type MonthResult } from '../benefits/components.ts';
import type { Attendance } from '../benefits/household-month.ts';
import { summarise } from '../benefits/household-month.ts';
import { compareDates } from '../calendar.ts';
import { cents, formatMoney, type Money, negate, splitInHalf } from '../money.ts';

/** The first and second learner of a two-attending household (see the module comment). */
export function orderLearners(a: Attendance, b: Attendance): readonly [first: Attendance, second: Attendance] {
  const byStart = compareDates(a.training.start, b.training.start);
  if (byStart !== 0) return byStart < 0 ? [a, b] : [b, a];
  return a.personId <= b.personId ? [a, b] : [b, a];
}

const half = (amount: Money, share: 'first' | 'second') => splitInHalf(amount)[share === 'first' ? 0 : 1];

/** One learner's case for a two-attending month, from the household's month; `note` is added to each E04 explanation. */
function caseComponents(household: MonthResult, share: 'first' | 'second', self: string, other: string, note: string): Component[] {
  const out: Component[] = [];
  for (const c of household.components) {
    if (isAutomatic(c.code)) {
      // The case shows the whole benefit, then minus the other learner's half.
      const otherHalf = half(c.amount, share === 'first' ? 'second' : 'first');
      out.push(c, {
        code: 'director-approval-cost-adjustment',
        kind: 'need',
        adjusts: c.code,
        amount: negate(otherHalf),
        rule: `E04 Benefits Issued Automatically: Director Approval cost adjustment, minus half of ${formatMoney(c.amount)}${note}`,
        source: `E04.01; ${c.code} ${formatMoney(c.amount)} split ${formatMoney(half(c.amount, 'first'))} / ${formatMoney(half(c.amount, 'second'))}`,
        splits: false,
      });
    } else if (c.splits) {
      out.push({
        ...c,
        amount: half(c.amount, share),
        rule: `E04.01 Manually Entered Evidence: exactly half of ${formatMoney(c.amount)} (${c.rule})${note}`,
      });
    } else {
      // Not split (private-vehicle travel, special diet other than infant formula, a cost
      // adjustment): it stays whole on the case of the learner it names; evidence naming neither
      // learner goes whole to the first learner's case (our rule, docs/policy/e04-two-attending.md).
      const mine = c.personId === self || (c.personId !== other && share === 'first');
      const whose =
        c.personId === self
          ? `on ${self}'s own case`
          : `on the first learner's case (it names neither learner: docs/policy/e04-two-attending.md)`;
      if (mine) out.push({ ...c, rule: `Not split: ${c.whyNotSplit ?? 'not on the E04.01 list'}; whole ${whose} (${c.rule})` });
    }
  }
  return out;
}

/** Our own rule's page: the carry is Waypoint's, not E04's. */
const CARRY_SOURCE = 'docs/policy/e04-two-attending.md "Negative balance"';

export interface SplitMonth {
  readonly first: MonthResult;
  readonly second: MonthResult;
}

/**
 * E04: the household's month split between the first and the second learner's cases. Entitlement
 * is never below zero, so a case whose countable resources exceed its needs would otherwise stop at
 * zero while the partner's case kept its whole half, and the household would be overpaid. Its
 * negative balance is carried to the partner's case instead, so learner A + learner B = the
 * household entitlement, once, in every month (Waypoint's own rule, not E04's:
 * docs/policy/e04-two-attending.md "Negative balance").
 */
export function splitMonth(household: MonthResult, first: string, second: string, note = ''): SplitMonth {
  const a = caseComponents(household, 'first', first, second, note);
  const b = caseComponents(household, 'second', second, first, note);
  const net = (components: readonly Component[]) => summarise(household.month, components);
  const aNet = net(a).needs - net(a).countableResources;
  const bNet = net(b).needs - net(b).countableResources;
  const carry = (from: Component[], to: Component[], balance: number) => {
    const amount = cents(-balance);
    from.push({
      code: 'two-attending-balance',
      kind: 'need',
      amount,
      rule: "Waypoint rule (not E04): this case's negative balance is carried to the partner's case, so the household is paid its entitlement once",
      source: `${CARRY_SOURCE}; case balance ${formatMoney(cents(balance))}`,
      splits: false,
    });
    to.push({
      code: 'two-attending-balance',
      kind: 'need',
      amount: negate(amount),
      rule: "Waypoint rule (not E04): the partner's case has a negative balance, carried here so the household is paid its entitlement once",
      source: `${CARRY_SOURCE}; partner's case balance ${formatMoney(cents(balance))}`,
      splits: false,
    });
  };
  // A month the household is not eligible in pays nothing on either case: nothing to carry.
  const eligible = !household.components.some((c) => c.disqualifies);
  if (eligible && aNet < 0 && bNet > 0) carry(a, b, aNet);
  else if (eligible && bNet < 0 && aNet > 0) carry(b, a, bNet);
  return { first: summarise(household.month, a), second: summarise(household.month, b) };
}

/**
 * E04 partially exempt evidence: "(Actual Amount – Exemption Amount) / 2 + Exemption = Amount
 * Entered", e.g. a $5,000 scholarship with a $3,500 exemption is entered as $4,250 on each case.
 * The half of the countable part follows the same odd-cent rule as every other split.
 */
export function partialExemptionAmount(actual: Money, exemption: Money, share: 'first' | 'second'): Money {
  return cents(half(cents(actual - exemption), share) + exemption);
}
