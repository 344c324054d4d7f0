/**
 * Benefits paid per eligible household member (docs/policy/learner-benefits.md "A month's
 * entitlement", needs issued automatically): Handicap Benefit per person with a disability record,
 * Special Diet per person with a special diet need, Child Care - Babysitting per child needing it.
 * The rate times the number of different people the facts in force that month name (a record naming
 * nobody counts as one person). Facts count whether or not they are approved.
 */
import { cents, type Money } from '../../money.ts';
import type { Component } from '../components.ts';
import { type Columns, GROUPS, Group } from '../engine/batch.ts';
import { RuleCode } from '../engine/codes.ts';
import { Table, tableOf } from '../engine/policy-cache.ts';
import type { Explain, Formula, Rule } from '../engine/rule.ts';
import { rateText } from './rate-text.ts';

const GROUP_STRIDE = GROUPS + 1;
const PER_MEMBER = RuleCode.PerMember;

/** The number of different people the facts of group `group` in force in the month name. */
function peopleInForce(c: Columns, row: number, group: Group, month: number): number {
  const g = c.rowHousehold[row]! * GROUP_STRIDE + group;
  const start = c.groupStart[g]!;
  let people = 0;
  for (let i = start, end = c.groupStart[g + 1]!; i < end; i++) {
    const e = c.groupIdx[i]!;
    if (!(c.evFirst[e]! <= month && month <= c.evLast[e]!)) continue;
    let counted = false;
    for (let j = start; j < i && !counted; j++) {
      const f = c.groupIdx[j]!;
      counted = c.evFirst[f]! <= month && month <= c.evLast[f]! && c.evPerson[f] === c.evPerson[e];
    }
    if (!counted) people += 1;
  }
  return people;
}

const perMember =
  (group: Group, table: Table): Formula =>
  (c, row, m, out) => {
    const members = peopleInForce(c, row, group, m.index);
    if (members === 0) return;
    const key = m.rate(table, 0);
    out.emit(PER_MEMBER, m.rows[key]!, table, members, -1, m.amounts[key]! * members);
  };

export const handicapBenefit: Rule = {
  id: 'handicap-benefit',
  formulas: [{ from: null, formula: perMember(Group.Disability, Table.HandicapBenefit) }],
};
export const specialDiet: Rule = {
  id: 'special-diet',
  formulas: [{ from: null, formula: perMember(Group.SpecialDietNeed, Table.SpecialDiet) }],
};
export const childCareBabysitting: Rule = {
  id: 'child-care-babysitting',
  formulas: [{ from: null, formula: perMember(Group.Babysitting, Table.ChildCareBabysitting) }],
};

export const explainPerMember: Explain = ({ b, codes, component: i }): Component => {
  const row = b.rateRows[codes.rateA[i]!]!;
  const members = codes.count[i]!;
  return {
    code: tableOf(codes.rateB[i]!),
    kind: 'need',
    amount: cents(codes.amount[i] as Money),
    rule: `${row.tableLabel}: ${members} eligible ${members === 1 ? 'person' : 'people'} (rate table)`,
    source: `${members} × ${rateText(row)}`,
    splits: true,
  };
};
