/**
 * Core Shelter (docs/policy/learner-benefits.md "A month's entitlement"): the rate for the housing
 * situation and the household's composition, limited to the actual shelter cost when one is
 * recorded. In the month of a move, the home at the end of the month (the latest to start) decides.
 */
import { formatMoney, type Money } from '../../money.ts';
import type { Component } from '../components.ts';
import { CHILD_KEY, Group, GROUPS, inForce, type Batch } from '../engine/batch.ts';
import { RuleCode, type Codes } from '../engine/codes.ts';
import type { Month } from '../engine/month.ts';
import type { Explain, Rule } from '../engine/rule.ts';
import { compositionAmount, compositionSource } from './rate-text.ts';

function coreShelterIn(b: Batch, row: number, m: Month, out: Codes): void {
  const g = b.rowHousehold.a[row]! * (GROUPS + 1) + Group.Shelters;
  let shelter = -1;
  for (let i = b.groupStart.a[g]!, end = b.groupStart.a[g + 1]!; i < end; i++) {
    const e = b.groupIdx.a[i]!;
    if (inForce(b, e, m.index)) {
      shelter = e;
      break;
    }
  }
  const table = shelter < 0 ? -1 : b.evShelter.a[shelter]!;
  if (table < 0) return;
  const children = b.rowChildren.a[row]!;
  const adultRow = m.rate(table, b.rowAdults.a[row]!);
  const childRow = children > 0 ? m.rate(table, CHILD_KEY) : -1;
  const rate = compositionAmount(b, adultRow, childRow, children);
  const cost = b.evAmount.a[shelter]!;
  const amount = b.evHasAmount.a[shelter] && cost < rate ? cost : rate;
  out.emit(RuleCode.CoreShelter, adultRow, childRow, children, shelter, amount);
  out.shelter = amount;
}

export const coreShelter: Rule = { id: 'core-shelter', formulas: [{ from: null, formula: coreShelterIn }] };

export const explainCoreShelter: Explain = ({ b, codes, component: i }): Component => {
  const [adultRow, childRow, children] = [codes.rateA.a[i]!, codes.rateB.a[i]!, codes.count.a[i]!];
  const e = b.evidence[codes.evidence.a[i]!]!;
  const capped = e.amount !== null && e.amount < compositionAmount(b, adultRow, childRow, children);
  return {
    code: 'core-shelter',
    kind: 'need',
    amount: codes.amount.a[i] as Money,
    rule: capped ? 'Core Shelter: the rate, limited to the actual shelter cost' : 'Core Shelter by housing situation and household composition (rate table)',
    source: `${compositionSource(b, adultRow, childRow, children)}; ${e.label}${capped ? `: actual cost ${formatMoney(e.amount!)}` : ''}`,
    evidenceId: e.id,
    splits: true,
  };
};
