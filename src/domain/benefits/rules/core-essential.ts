/**
 * Core Essential (docs/policy/learner-benefits.md "A month's entitlement"): the rate for the
 * household's composition, the adults' rate plus each child's. In the month training starts, when it
 * starts after the day the learner rules name (the 10th) and does not also end that month, it is
 * pro-rated: days attended over days in the month, rounded half-up to the cent. With two learners
 * attending, the earlier start decides; a month either training ends in is paid in full.
 */
import { cents, formatMoney, type Money, multiplyRatio } from '../../money.ts';
import type { Component } from '../components.ts';
import type { Columns } from '../engine/batch.ts';
import { type Codes, RuleCode } from '../engine/codes.ts';
import type { Month } from '../engine/month.ts';
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
const BY_COMPOSITION = RuleCode.CoreEssential;
const PRORATED = RuleCode.CoreEssentialProrated;

function coreEssentialIn(c: Columns, row: number, m: Month, out: Codes): void {
  const adults = c.rowAdults[row]!;
  const children = c.rowChildren[row]!;
  const adultKey = m.rate(CORE_ESSENTIAL, ADULT_SLOTS + adults);
  const childKey = children > 0 ? m.rate(CORE_ESSENTIAL, CHILD) : -1;
  const adultRow = m.rows[adultKey]!;
  const childRow = childKey < 0 ? -1 : m.rows[childKey]!;
  const amount = m.amounts[adultKey]! + (childKey < 0 ? 0 : m.amounts[childKey]! * children);
  const l0 = c.rowL0[row]!;
  const l1 = c.rowL1[row]!;
  const earliest = l1 >= 0 && c.lStartOrdinal[l1]! < c.lStartOrdinal[l0]! ? l1 : l0;
  const endsThisMonth = c.lEndMonth[l0] === m.index || (l1 >= 0 && c.lEndMonth[l1] === m.index);
  const startDay = c.lStartDay[earliest]!;
  if (c.lStartMonth[earliest] === m.index && !endsThisMonth && startDay > m.rules.prorateCoreEssentialAfterDay) {
    const prorated = halfUp(amount, m.days - startDay + 1, m.days);
    out.emit(PRORATED, adultRow, childRow, children, earliest, prorated);
    out.essential = prorated;
    return;
  }
  out.emit(BY_COMPOSITION, adultRow, childRow, children, -1, amount);
  out.essential = amount;
}

export const coreEssential: Rule = { id: 'core-essential', formulas: [{ from: null, formula: coreEssentialIn }] };

export const explainCoreEssential: Explain = ({ b, c, codes, component: i, month }): Component => {
  const [adultRow, childRow, children] = [codes.rateA[i]!, codes.rateB[i]!, codes.count[i]!];
  const source = compositionSource(b, adultRow, childRow, children);
  if (codes.rule[i] === RuleCode.CoreEssential) {
    return {
      code: 'core-essential',
      kind: 'need',
      amount: codes.amount[i] as Money,
      rule: 'Core Essential by household composition (rate table)',
      source,
      splits: true,
    };
  }
  const learner = codes.evidence[i]!;
  const attended = month.days - c.lStartDay[learner]! + 1;
  const after = month.rules.prorateCoreEssentialAfterDay;
  return {
    code: 'core-essential',
    kind: 'need',
    amount: codes.amount[i] as Money,
    rule: `Core Essential pro-rated: training starts ${b.attendance[learner]!.training.start.toString()}, after the ${after}th: ${attended}/${month.days} of ${formatMoney(cents(compositionAmount(b, adultRow, childRow, children)))}, rounded half-up`,
    source,
    splits: true,
  };
};
