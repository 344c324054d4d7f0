/**
 * Core Essential (docs/policy/learner-benefits.md "A month's entitlement"): the rate for the
 * household's composition, the adults' rate plus each child's. In the month training starts, when it
 * starts after the day the learner rules name (the 10th) and does not also end that month, it is
 * pro-rated: days attended over days in the month, rounded half-up to the cent. With two learners
 * attending, the earlier start decides; a month either training ends in is paid in full.
 */
import { cents, formatMoney, multiplyRatio, type Money } from '../../money.ts';
import type { Component } from '../components.ts';
import { CHILD_KEY, Table, type Batch } from '../engine/batch.ts';
import { RuleCode, type Codes } from '../engine/codes.ts';
import type { Month } from '../engine/month.ts';
import type { Explain, Rule } from '../engine/rule.ts';
import { compositionAmount, compositionSource } from './rate-text.ts';

/** amount × n / d rounded half-up, exactly (plain arithmetic while it is exact). */
function halfUp(amount: number, n: number, d: number): number {
  const product = amount * n;
  if (amount < 0 || !Number.isSafeInteger(product)) return multiplyRatio(cents(amount), n, d, 'half-up');
  const q = Math.floor(product / d);
  return 2 * (product - q * d) >= d ? q + 1 : q;
}

function coreEssentialIn(b: Batch, row: number, m: Month, out: Codes): void {
  const adults = b.rowAdults.a[row]!;
  const children = b.rowChildren.a[row]!;
  const adultRow = m.rate(Table.CoreEssential, adults);
  const childRow = children > 0 ? m.rate(Table.CoreEssential, CHILD_KEY) : -1;
  const amount = compositionAmount(b, adultRow, childRow, children);
  const l0 = b.rowL0.a[row]!;
  const l1 = b.rowL1.a[row]!;
  const earliest = l1 >= 0 && b.lStartOrdinal.a[l1]! < b.lStartOrdinal.a[l0]! ? l1 : l0;
  const endsThisMonth = b.lEndMonth.a[l0] === m.index || (l1 >= 0 && b.lEndMonth.a[l1] === m.index);
  const startDay = b.lStartDay.a[earliest]!;
  if (b.lStartMonth.a[earliest] === m.index && !endsThisMonth && startDay > m.rules.prorateCoreEssentialAfterDay) {
    const prorated = halfUp(amount, m.days - startDay + 1, m.days);
    out.emit(RuleCode.CoreEssentialProrated, adultRow, childRow, children, earliest, prorated);
    out.essential = prorated;
    return;
  }
  out.emit(RuleCode.CoreEssential, adultRow, childRow, children, -1, amount);
  out.essential = amount;
}

export const coreEssential: Rule = { id: 'core-essential', formulas: [{ from: null, formula: coreEssentialIn }] };

export const explainCoreEssential: Explain = ({ b, codes, component: i, month }): Component => {
  const [adultRow, childRow, children] = [codes.rateA.a[i]!, codes.rateB.a[i]!, codes.count.a[i]!];
  const source = compositionSource(b, adultRow, childRow, children);
  if (codes.rule.a[i] === RuleCode.CoreEssential) {
    return { code: 'core-essential', kind: 'need', amount: codes.amount.a[i] as Money, rule: 'Core Essential by household composition (rate table)', source, splits: true };
  }
  const learner = codes.evidence.a[i]!;
  const attended = month.days - b.lStartDay.a[learner]! + 1;
  const after = month.rules.prorateCoreEssentialAfterDay;
  return {
    code: 'core-essential',
    kind: 'need',
    amount: codes.amount.a[i] as Money,
    rule: `Core Essential pro-rated: training starts ${b.attendance[learner]!.training.start.toString()}, after the ${after}th: ${attended}/${month.days} of ${formatMoney(cents(compositionAmount(b, adultRow, childRow, children)))}, rounded half-up`,
    source,
    splits: true,
  };
};
