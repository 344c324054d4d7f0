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

const CORE_ESSENTIAL = Table.CoreEssential;
const CHILD = CHILD_KEY;
const ADULT_SLOTS = ADULTS;

function coreEssentialIn(c: Columns, from: number, to: number, months: Months, out: Codes): void {
  const { rowMonth, rowAdults, rowChildren, rowL0, rowL1, lStartOrdinal, lStartMonth, lEndMonth, lStartDay } = c;
  const { essential, essentialProratedBy, needs } = out;
  const { at, base } = months;
  // The rate of the last month and composition seen (neighbouring rows often share them).
  let last: Month | undefined;
  let lastAdults = -1;
  let lastChildren = -1;
  let rate = 0;
  for (let row = from; row < to; row++) {
    const m = at[rowMonth[row]! - base]!;
    const adults = rowAdults[row]!;
    const children = rowChildren[row]!;
    if (m !== last || adults !== lastAdults || children !== lastChildren) {
      rate = m.rateAmount(CORE_ESSENTIAL, ADULT_SLOTS + adults);
      if (children > 0) rate += m.rateAmount(CORE_ESSENTIAL, CHILD) * children;
      last = m;
      lastAdults = adults;
      lastChildren = children;
    }
    let amount = rate;
    const l0 = rowL0[row]!;
    const l1 = rowL1[row]!;
    const earliest = l1 >= 0 && lStartOrdinal[l1]! < lStartOrdinal[l0]! ? l1 : l0;
    let proratedBy = -1;
    const index = m.index;
    if (lStartMonth[earliest] === index && lStartDay[earliest]! > m.rules.prorateCoreEssentialAfterDay) {
      const endsThisMonth = lEndMonth[l0] === index || (l1 >= 0 && lEndMonth[l1] === index);
      if (!endsThisMonth) {
        const days = m.days;
        amount = halfUp(amount, days - lStartDay[earliest]! + 1, days);
        proratedBy = earliest;
      }
    }
    essential[row] = amount;
    essentialProratedBy[row] = proratedBy;
    needs[row]! += amount;
  }
}

export const coreEssential: Rule = { id: 'core-essential', formulas: [{ from: null, formula: coreEssentialIn }] };

export const explainCoreEssential: Explain = ({ b, c, codes, row, month }, out): void => {
  const children = c.rowChildren[row]!;
  const adultRow = month.rateRow(CORE_ESSENTIAL, ADULT_SLOTS + c.rowAdults[row]!);
  const childRow = children > 0 ? month.rateRow(CORE_ESSENTIAL, CHILD) : -1;
  const source = compositionSource(b, adultRow, childRow, children);
  const learner = codes.essentialProratedBy[row]!;
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
