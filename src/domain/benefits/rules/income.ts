/**
 * Income, a countable resource (docs/policy/learner-benefits.md "A month's entitlement"): a
 * scholarship's countable part (its amount less its exemption, scholarship-exemption.ts) is spread
 * evenly over the months of its period, the first months taking the odd cents; a full-time
 * learner's own employment earnings are fully exempt (learner rules: fullTimeEarningsExempt);
 * any other income counts in full in every month it is in force.
 */
import { monthsOf } from '../../calendar.ts';
import { formatMoney, subtract, ZERO, type Money } from '../../money.ts';
import type { Component } from '../components.ts';
import { notSplitReason } from '../evidence.ts';
import { Group, GROUPS, inForce, NEVER, type Batch } from '../engine/batch.ts';
import { RuleCode, type Codes } from '../engine/codes.ts';
import type { Month } from '../engine/month.ts';
import type { Explain, Rule } from '../engine/rule.ts';

/** The months a scholarship is spread over: every month with a day of its period (open-ended: RangeError from monthsOf). */
const spreadMonths = (b: Batch, e: number) => (b.evLast.a[e] === NEVER ? monthsOf(b.evidence[e]!.period).length : b.evLast.a[e]! - b.evFirst.a[e]! + 1);

/** Share `offset` of `whole` over `months` equal parts, the first parts taking the odd cents (money.ts `allocate`). */
function share(whole: number, months: number, offset: number): number {
  const abs = Math.abs(whole);
  const base = Math.floor(abs / months);
  const part = base + (offset < abs - base * months ? 1 : 0);
  return whole < 0 ? -part : part;
}

const exemptionOf = (b: Batch, row: number, e: number) => b.exempt.a[b.rowExempt.a[row]! + e - b.hhEvStart.a[b.rowHousehold.a[row]!]!]!;

function incomeIn(b: Batch, row: number, m: Month, out: Codes): void {
  const g = b.rowHousehold.a[row]! * (GROUPS + 1) + Group.Resources;
  for (let i = b.groupStart.a[g]!, end = b.groupStart.a[g + 1]!; i < end; i++) {
    const e = b.groupIdx.a[i]!;
    if (!inForce(b, e, m.index)) continue;
    if (b.evPeriodTotal.a[e]) {
      const offset = m.index - b.evFirst.a[e]!;
      out.emit(RuleCode.Scholarship, -1, -1, offset, e, share(b.evAmount.a[e]! - exemptionOf(b, row, e), spreadMonths(b, e), offset));
      continue;
    }
    if (b.evEarnings.a[e] && m.rules.fullTimeEarningsExempt) {
      const l0 = b.rowL0.a[row]!;
      const l1 = b.rowL1.a[row]!;
      const person = b.evPerson.a[e]!;
      const earner = b.lPerson.a[l0] === person ? l0 : l1 >= 0 && b.lPerson.a[l1] === person ? l1 : -1;
      if (earner >= 0 && b.lFullTime.a[earner]) {
        out.emit(RuleCode.EarningsExempt, -1, -1, 0, e, 0);
        continue;
      }
    }
    out.emit(RuleCode.IncomeInFull, -1, -1, 0, e, b.evAmount.a[e]!);
  }
}

export const income: Rule = { id: 'income', formulas: [{ from: null, formula: incomeIn }] };

export const explainIncome: Explain = ({ b, codes, component: i, row }): Component => {
  const index = codes.evidence.a[i]!;
  const e = b.evidence[index]!;
  const type = b.evType[index]!;
  const splits = b.evSplits.a[index] === 1;
  const base = { kind: 'resource' as const, source: e.label, evidenceId: e.id, personId: e.personId, splits, ...(!splits && { whyNotSplit: notSplitReason(type, e.subtype) }) };
  const amount = codes.amount.a[i] as Money;
  switch (codes.rule.a[i]) {
    case RuleCode.Scholarship: {
      const exemption = exemptionOf(b, row, index) as Money;
      const whole = (e.amount ?? ZERO) as Money;
      const countable = subtract(whole, exemption);
      const rule =
        countable === ZERO
          ? `Scholarship: ${formatMoney(whole)} within its exemption (${formatMoney(exemption)} of what is left this academic year): wholly exempt, nothing counts (our reading: docs/policy/learner-benefits.md)`
          : `Scholarship: ${formatMoney(whole)} less ${formatMoney(exemption)} exempt = ${formatMoney(countable)} countable, spread over ${spreadMonths(b, index)} months (first months take the odd cents)`;
      return { ...base, code: 'income', amount, rule };
    }
    case RuleCode.EarningsExempt:
      return { ...base, code: 'income', amount, rule: "A full-time learner's employment earnings are fully exempt" };
    default:
      return { ...base, code: 'income', amount, rule: `${type.label}${e.subtype ? ` (${e.subtype})` : ''}: counts in full` };
  }
};
