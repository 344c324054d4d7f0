/**
 * Core Essential (docs/policy/learner-benefits.md "A month's entitlement"): the rate for the
 * household's composition, the adults' rate plus each child's. In the month training starts, when it
 * starts after the day the learner rules name (the 10th) and does not also end that month, it is
 * pro-rated: days attended over days in the month, rounded half-up to the cent. With two learners
 * attending, the earlier start decides; a month either training ends in is paid in full.
 */
import { cents, formatMoney, type Money, multiplyRatio } from '../../money.ts';
import type { Columns } from '../engine/batch.ts';
import type { Codes } from '../engine/codes.ts';
import type { Month, Months } from '../engine/month.ts';
import { ADULTS, CHILD_KEY, Table } from '../engine/policy-cache.ts';
import type { Explain, Rule } from '../engine/rule.ts';
import { compositionAmount, compositionSource } from './rate-text.ts';

/** amount × n / d rounded half-up, exactly (plain arithmetic while it is exact). */
function halfUp(amount: number, n: number, d: number): number {
  const product = amount * n;
  if (amount < 0 || !Number.isSafeInteger(product)) return multiplyRatio(cents(amount), n, d, 'half-up');
  const q = Math.floor(product / d);
  return 2 * (product - q * d) >= d ? q + 1 : q;
}

/**
 * The learner whose start pro-rates Core Essential in month `month` of a row with learners `l0` and
 * `l1` (-1: none; not kept per row, asked again when the row is explained): the earlier start, when
 * it is in this month, after the learner rules' day, and no learner's training also ends this month.
 */
function proratedBy(c: Columns, l0: number, l1: number, month: Month): number {
  const { lStartOrdinal, lStartMonth, lEndMonth, lStartDay } = c;
  const earliest = l1 >= 0 && lStartOrdinal[l1]! < lStartOrdinal[l0]! ? l1 : l0;
  if (lStartMonth[earliest] !== month.index) return -1;
  const endsThisMonth = lEndMonth[l0] === month.index || (l1 >= 0 && lEndMonth[l1] === month.index);
  return lStartDay[earliest]! > month.rules.prorateCoreEssentialAfterDay && !endsThisMonth ? earliest : -1;
}

const CORE_ESSENTIAL = Table.CoreEssential;
const CHILD = CHILD_KEY;
const ADULT_SLOTS = ADULTS;

function coreEssentialIn(c: Columns, runs: Int32Array, n: number, months: Months, out: Codes): void {
  const { rowMonth, rowAdults, rowChildren, rowL0, rowL1, lStartOrdinal, lStartMonth, lStartDay } = c;
  const { essential, needs } = out;
  const { at, base } = months;
  for (let k = 0; k < n; k++) {
    const from = runs[k]!;
    const to = runs[k + 1]!;
    // The run's composition (the same in all its months) and learners: with two attending, the earlier start decides.
    const adults = ADULT_SLOTS + rowAdults[from]!;
    const children = rowChildren[from]!;
    const l0 = rowL0[from]!;
    const l1 = rowL1[from]!;
    const earliest = l1 >= 0 && lStartOrdinal[l1]! < lStartOrdinal[l0]! ? l1 : l0;
    // A stretch of the run's months (consecutive) at a time in which the rates do not change: one
    // amount for all of it (a loop: a run's stretch is too short for TypedArray.fill's call to pay).
    for (let row = from; row < to; ) {
      const index = rowMonth[row]!;
      let amount = months.rateAmount(index, CORE_ESSENTIAL, adults);
      let last = months.rateUntil(index, CORE_ESSENTIAL, adults);
      if (children > 0) {
        amount += months.rateAmount(index, CORE_ESSENTIAL, CHILD) * children;
        last = Math.min(last, months.rateUntil(index, CORE_ESSENTIAL, CHILD));
      }
      const stop = Math.min(to, row + (last - index) + 1);
      for (; row < stop; row++) {
        essential[row] = amount;
        needs[row]! += amount;
      }
    }
    // The month training starts, when it is the run's.
    const startMonth = lStartMonth[earliest]!;
    const first = rowMonth[from]!;
    if (startMonth >= first && startMonth - first < to - from) {
      const row = from + (startMonth - first);
      const month = at[startMonth - base]!;
      if (proratedBy(c, l0, l1, month) === earliest) {
        const full = essential[row]!;
        const part = halfUp(full, month.days - lStartDay[earliest]! + 1, month.days);
        essential[row] = part;
        // Whole cents: exact.
        needs[row]! += part - full;
      }
    }
  }
}

export const coreEssential: Rule = { id: 'core-essential', formulas: [{ from: null, formula: coreEssentialIn }] };

export const explainCoreEssential: Explain = ({ b, c, codes, row, month }, out): void => {
  const children = c.rowChildren[row]!;
  const adultRow = month.rateRow(CORE_ESSENTIAL, ADULT_SLOTS + c.rowAdults[row]!);
  const childRow = children > 0 ? month.rateRow(CORE_ESSENTIAL, CHILD) : -1;
  const source = compositionSource(b, adultRow, childRow, children);
  const learner = proratedBy(c, c.rowL0[row]!, c.rowL1[row]!, month);
  if (learner < 0) {
    out.push({
      code: 'core-essential',
      kind: 'need',
      amount: codes.essential[row] as Money,
      rule: 'Core Essential by household composition (rate table)',
      source,
      splits: true,
    });
    return;
  }
  const attended = month.days - c.lStartDay[learner]! + 1;
  const after = month.rules.prorateCoreEssentialAfterDay;
  out.push({
    code: 'core-essential',
    kind: 'need',
    amount: codes.essential[row] as Money,
    rule: `Core Essential pro-rated: training starts ${b.attendance[learner]!.training.start.toString()}, after the ${after}th: ${attended}/${month.days} of ${formatMoney(cents(compositionAmount(b, adultRow, childRow, children)))}, rounded half-up`,
    source,
    splits: true,
  });
};
