/**
 * Core Shelter (docs/policy/learner-benefits.md "A month's entitlement"): the rate for the housing
 * situation and the household's composition, limited to the actual shelter cost when one is
 * recorded. In the month of a move, the home at the end of the month (the latest to start) decides.
 */
import { formatMoney, type Money } from '../../money.ts';
import type { Component } from '../components.ts';
import { type Columns, GROUPS, Group } from '../engine/batch.ts';
import { type Codes, RuleCode } from '../engine/codes.ts';
import type { Month } from '../engine/month.ts';
import { ADULTS, CHILD_KEY } from '../engine/policy-cache.ts';
import type { Explain, Rule } from '../engine/rule.ts';
import { compositionAmount, compositionSource } from './rate-text.ts';

const GROUP_STRIDE = GROUPS + 1;
const SHELTERS = Group.Shelters;
const CHILD = CHILD_KEY;
const ADULT_SLOTS = ADULTS;
const CORE_SHELTER = RuleCode.CoreShelter;

function coreShelterIn(c: Columns, row: number, m: Month, out: Codes): void {
  const g = c.rowHousehold[row]! * GROUP_STRIDE + SHELTERS;
  let shelter = -1;
  for (let i = c.groupStart[g]!, end = c.groupStart[g + 1]!; i < end; i++) {
    const e = c.groupIdx[i]!;
    if (c.evFirst[e]! <= m.index && m.index <= c.evLast[e]!) {
      shelter = e;
      break;
    }
  }
  const table = shelter < 0 ? -1 : c.evShelter[shelter]!;
  if (table < 0) return;
  const children = c.rowChildren[row]!;
  const adultKey = m.rate(table, ADULT_SLOTS + c.rowAdults[row]!);
  const childKey = children > 0 ? m.rate(table, CHILD) : -1;
  const rate = m.amounts[adultKey]! + (childKey < 0 ? 0 : m.amounts[childKey]! * children);
  const cost = c.evAmount[shelter]!;
  const amount = c.evHasAmount[shelter] && cost < rate ? cost : rate;
  out.emit(CORE_SHELTER, m.rows[adultKey]!, childKey < 0 ? -1 : m.rows[childKey]!, children, shelter, amount);
  out.shelter = amount;
}

export const coreShelter: Rule = { id: 'core-shelter', formulas: [{ from: null, formula: coreShelterIn }] };

export const explainCoreShelter: Explain = ({ b, codes, component: i }): Component => {
  const [adultRow, childRow, children] = [codes.rateA[i]!, codes.rateB[i]!, codes.count[i]!];
  const e = b.evidence[codes.evidence[i]!]!;
  const capped = e.amount !== null && e.amount < compositionAmount(b, adultRow, childRow, children);
  return {
    code: 'core-shelter',
    kind: 'need',
    amount: codes.amount[i] as Money,
    rule: capped
      ? 'Core Shelter: the rate, limited to the actual shelter cost'
      : 'Core Shelter by housing situation and household composition (rate table)',
    source: `${compositionSource(b, adultRow, childRow, children)}; ${e.label}${capped ? `: actual cost ${formatMoney(e.amount!)}` : ''}`,
    evidenceId: e.id,
    splits: true,
  };
};
