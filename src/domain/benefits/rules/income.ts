/**
 * Income, a countable resource (docs/policy/learner-benefits.md "A month's entitlement"): a
 * scholarship's countable part (its amount less its exemption, scholarship-exemption.ts) is spread
 * evenly over the months of its period, the first months taking the odd cents; a full-time
 * learner's own employment earnings are fully exempt (learner rules: fullTimeEarningsExempt);
 * any other income counts in full in every month it is in force.
 */
import { monthsOf } from '../../calendar.ts';
import { formatMoney, type Money, subtract, ZERO } from '../../money.ts';
import type { Component } from '../components.ts';
import { type Columns, GROUPS, Group, NEVER } from '../engine/batch.ts';
import { type Codes, RuleCode } from '../engine/codes.ts';
import type { Month } from '../engine/month.ts';
import type { Explain, Rule } from '../engine/rule.ts';
import { notSplitReason } from '../evidence.ts';

/** The months a scholarship is spread over: every month with a day of its period (open-ended: RangeError from monthsOf). */
const spreadMonths = (c: Columns, e: number) =>
  c.evLast[e] === OPEN ? monthsOf(c.batch.evidence[e]!.period).length : c.evLast[e]! - c.evFirst[e]! + 1;

/** Share `offset` of `whole` over `months` equal parts, the first parts taking the odd cents (money.ts `allocate`). */
function share(whole: number, months: number, offset: number): number {
  const abs = Math.abs(whole);
  const base = Math.floor(abs / months);
  const part = base + (offset < abs - base * months ? 1 : 0);
  return whole < 0 ? -part : part;
}

const exemptionOf = (c: Columns, row: number, e: number) => c.exempt[c.rowExempt[row]! + e - c.hhEvStart[c.rowHousehold[row]!]!]!;

const GROUP_STRIDE = GROUPS + 1;
const RESOURCES = Group.Resources;
const OPEN = NEVER;
const SCHOLARSHIP = RuleCode.Scholarship;
const EARNINGS_EXEMPT = RuleCode.EarningsExempt;
const IN_FULL = RuleCode.IncomeInFull;

function incomeIn(c: Columns, row: number, m: Month, out: Codes): void {
  const g = c.rowHousehold[row]! * GROUP_STRIDE + RESOURCES;
  for (let i = c.groupStart[g]!, end = c.groupStart[g + 1]!; i < end; i++) {
    const e = c.groupIdx[i]!;
    if (!(c.evFirst[e]! <= m.index && m.index <= c.evLast[e]!)) continue;
    if (c.evPeriodTotal[e]) {
      const offset = m.index - c.evFirst[e]!;
      out.emit(SCHOLARSHIP, -1, -1, offset, e, share(c.evAmount[e]! - exemptionOf(c, row, e), spreadMonths(c, e), offset));
      continue;
    }
    if (c.evEarnings[e] && m.rules.fullTimeEarningsExempt) {
      const l0 = c.rowL0[row]!;
      const l1 = c.rowL1[row]!;
      const person = c.evPerson[e]!;
      const earner = c.lPerson[l0] === person ? l0 : l1 >= 0 && c.lPerson[l1] === person ? l1 : -1;
      if (earner >= 0 && c.lFullTime[earner]) {
        out.emit(EARNINGS_EXEMPT, -1, -1, 0, e, 0);
        continue;
      }
    }
    out.emit(IN_FULL, -1, -1, 0, e, c.evAmount[e]!);
  }
}

export const income: Rule = { id: 'income', formulas: [{ from: null, formula: incomeIn }] };

export const explainIncome: Explain = ({ b, c, codes, component: i, row }): Component => {
  const index = codes.evidence[i]!;
  const e = b.evidence[index]!;
  const type = b.evType[index]!;
  const splits = c.evSplits[index] === 1;
  const base = {
    kind: 'resource' as const,
    source: e.label,
    evidenceId: e.id,
    personId: e.personId,
    splits,
    ...(!splits && { whyNotSplit: notSplitReason(type, e.subtype) }),
  };
  const amount = codes.amount[i] as Money;
  switch (codes.rule[i]) {
    case RuleCode.Scholarship: {
      const exemption = exemptionOf(c, row, index) as Money;
      const whole = (e.amount ?? ZERO) as Money;
      const countable = subtract(whole, exemption);
      const rule =
        countable === ZERO
          ? `Scholarship: ${formatMoney(whole)} within its exemption (${formatMoney(exemption)} of what is left this academic year): wholly exempt, nothing counts (our reading of the scholarship exemption)`
          : `Scholarship: ${formatMoney(whole)} less ${formatMoney(exemption)} exempt = ${formatMoney(countable)} countable, spread over ${spreadMonths(c, index)} months (first months take the odd cents)`;
      return { ...base, code: 'income', amount, rule };
    }
    case RuleCode.EarningsExempt:
      return { ...base, code: 'income', amount, rule: "A full-time learner's employment earnings are fully exempt" };
    default:
      return { ...base, code: 'income', amount, rule: `${type.label}${e.subtype ? ` (${e.subtype})` : ''}: counts in full` };
  }
};
