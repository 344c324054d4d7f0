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
import { type Batch, type Columns, GROUPS, Group, NEVER } from '../engine/batch.ts';
import { type Codes, RuleCode } from '../engine/codes.ts';
import type { Months } from '../engine/month.ts';
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

function incomeIn(c: Columns, runs: Int32Array, n: number, months: Months, out: Codes): void {
  const {
    rowHousehold,
    rowMonth,
    rowL0,
    rowL1,
    groupStart,
    groupIdx,
    evFirst,
    evLast,
    evAmount,
    evPeriodTotal,
    evEarnings,
    evPerson,
    lPerson,
    lFullTime,
    exempt,
    rowExempt,
    hhEvStart,
  } = c;
  const { income: list, resources } = out;
  const { at, base, rulesUntil } = months;
  for (let k = 0; k < n; k++) {
    const from = runs[k]!;
    const to = runs[k + 1]!;
    const g = rowHousehold[from]! * GROUP_STRIDE + RESOURCES;
    const start = groupStart[g]!;
    const end = groupStart[g + 1]!;
    if (start === end) continue;
    const l0 = rowL0[from]!;
    const l1 = rowL1[from]!;
    const first = hhEvStart[rowHousehold[from]!]!;
    // A stretch of the run's months (consecutive) at a time, in which the records in force, their
    // amounts, the learner rules and the scholarship exemptions stay the same: one component per
    // record in force for the whole stretch, and one sum for each of its rows.
    for (let row = from; row < to; ) {
      const index = rowMonth[row]!;
      const rules = at[index - base]!.rules;
      const exemptAt = rowExempt[row]!;
      // The first month after the stretch: where a record starts or ends, a scholarship's odd cents
      // stop, or the learner rules change.
      let next = Math.min(index + (to - row), rulesUntil[index - base]! + 1);
      list.reserve(end - start);
      let sum = 0;
      for (let i = start; i < end; i++) {
        const e = groupIdx[i]!;
        const firstMonth = evFirst[e]!;
        if (firstMonth > index) {
          if (firstMonth < next) next = firstMonth;
          continue;
        }
        if (index > evLast[e]!) continue;
        if (evLast[e]! < next) next = evLast[e]! + 1;
        let rule = IN_FULL;
        let amount = evAmount[e]!;
        if (evPeriodTotal[e]) {
          rule = SCHOLARSHIP;
          const whole = amount - exempt[exemptAt + e - first]!;
          const spread = spreadMonths(c, e);
          const offset = index - firstMonth;
          amount = share(whole, spread, offset);
          // The first months take the odd cents: the amount changes after the last of them.
          const odd = Math.abs(whole) % spread;
          if (offset < odd && firstMonth + odd < next) next = firstMonth + odd;
        } else if (evEarnings[e]) {
          const person = evPerson[e]!;
          const earner = lPerson[l0] === person ? l0 : l1 >= 0 && lPerson[l1] === person ? l1 : -1;
          if (earner >= 0 && lFullTime[earner] && rules.fullTimeEarningsExempt) {
            rule = EARNINGS_EXEMPT;
            amount = 0;
          }
        }
        list.add(rule, e, amount);
        sum += amount;
      }
      // The stretch's rows: up to `next`, and while the row's exemptions are the same.
      const stop = row + (next - index);
      resources[row]! += sum;
      let r = row + 1;
      while (r < stop && rowExempt[r] === exemptAt) resources[r++]! += sum;
      list.stretch(row, r);
      row = r;
    }
  }
}

export const income: Rule = { id: 'income', formulas: [{ from: null, formula: incomeIn }] };

export const explainIncome: Explain = ({ b, c, codes, row }, out): void => {
  const list = codes.income;
  for (let j = list.firstOf(row); j < list.n && list.row[j]! <= row && row < list.to[j]!; j++)
    out.push(incomeComponent(b, c, row, list.rule[j]!, list.evidence[j]!, list.amount[j]!));
};

function incomeComponent(b: Batch, c: Columns, row: number, code: RuleCode, index: number, amount: number): Component {
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
  switch (code) {
    case RuleCode.Scholarship: {
      const exemption = exemptionOf(c, row, index) as Money;
      const whole = (e.amount ?? ZERO) as Money;
      const countable = subtract(whole, exemption);
      const rule =
        countable === ZERO
          ? `Scholarship: ${formatMoney(whole)} within its exemption (${formatMoney(exemption)} of what is left this academic year): wholly exempt, nothing counts (our reading of the scholarship exemption)`
          : `Scholarship: ${formatMoney(whole)} less ${formatMoney(exemption)} exempt = ${formatMoney(countable)} countable, spread over ${spreadMonths(c, index)} months (first months take the odd cents)`;
      return { ...base, code: 'income', amount: amount as Money, rule };
    }
    case RuleCode.EarningsExempt:
      return { ...base, code: 'income', amount: amount as Money, rule: "A full-time learner's employment earnings are fully exempt" };
    default:
      return {
        ...base,
        code: 'income',
        amount: amount as Money,
        rule: `${type.label}${e.subtype ? ` (${e.subtype})` : ''}: counts in full`,
      };
  }
}
