/**
 * Benefits paid per eligible household member (docs/policy/learner-benefits.md "A month's
 * entitlement", needs issued automatically): Handicap Benefit per person with a disability record,
 * Special Diet per person with a special diet need, Child Care - Babysitting per child needing it.
 * The rate times the number of different people the facts in force that month name (a record naming
 * nobody counts as one person). Facts count whether or not they are approved.
 */
import { cents, type Money } from '../../money.ts';
import type { Component } from '../components.ts';
import { Group, GROUPS, inForce, Table, type Batch } from '../engine/batch.ts';
import { RuleCode, type Codes } from '../engine/codes.ts';
import type { Month } from '../engine/month.ts';
import type { Explain, Formula, Rule } from '../engine/rule.ts';
import { rateText } from './rate-text.ts';

/** The number of different people the facts of group `group` in force in the month name. */
function peopleInForce(b: Batch, row: number, group: Group, month: number): number {
  const g = b.rowHousehold.a[row]! * (GROUPS + 1) + group;
  const start = b.groupStart.a[g]!;
  let people = 0;
  for (let i = start, end = b.groupStart.a[g + 1]!; i < end; i++) {
    const e = b.groupIdx.a[i]!;
    if (!inForce(b, e, month)) continue;
    let counted = false;
    for (let j = start; j < i && !counted; j++) {
      const f = b.groupIdx.a[j]!;
      counted = inForce(b, f, month) && b.evPerson.a[f] === b.evPerson.a[e];
    }
    if (!counted) people += 1;
  }
  return people;
}

const perMember =
  (group: Group, table: Table): Formula =>
  (b, row, m, out) => {
    const members = peopleInForce(b, row, group, m.index);
    if (members === 0) return;
    const rate = m.rate(table, 0);
    out.emit(RuleCode.PerMember, rate, table, members, -1, b.rateAmount.a[rate]! * members);
  };

export const handicapBenefit: Rule = { id: 'handicap-benefit', formulas: [{ from: null, formula: perMember(Group.Disability, Table.HandicapBenefit) }] };
export const specialDiet: Rule = { id: 'special-diet', formulas: [{ from: null, formula: perMember(Group.SpecialDietNeed, Table.SpecialDiet) }] };
export const childCareBabysitting: Rule = { id: 'child-care-babysitting', formulas: [{ from: null, formula: perMember(Group.Babysitting, Table.ChildCareBabysitting) }] };

export const explainPerMember: Explain = ({ b, codes, component: i }: { b: Batch; codes: Codes; component: number; month: Month }): Component => {
  const row = b.rateRows[codes.rateA.a[i]!]!;
  const members = codes.count.a[i]!;
  return {
    code: b.compositionTable[codes.rateB.a[i]!]!,
    kind: 'need',
    amount: cents(codes.amount.a[i] as Money),
    rule: `${row.tableLabel}: ${members} eligible ${members === 1 ? 'person' : 'people'} (rate table)`,
    source: `${members} × ${rateText(row)}`,
    splits: true,
  };
};
