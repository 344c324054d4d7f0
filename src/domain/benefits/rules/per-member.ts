/**
 * Benefits paid per eligible household member (docs/policy/learner-benefits.md "A month's
 * entitlement", needs issued automatically): Handicap Benefit per person with a disability record,
 * Special Diet per person with a special diet need, Child Care - Babysitting per child needing it.
 * The rate times the number of different people the facts in force that month name (a record naming
 * nobody counts as one person). Facts count whether or not they are approved.
 */
import { cents, type Money } from '../../money.ts';
import { type Columns, GROUPS, Group } from '../engine/batch.ts';
import { Table, tableOf } from '../engine/policy-cache.ts';
import type { Explain, Formula, Rule } from '../engine/rule.ts';
import { rateText } from './rate-text.ts';

const GROUP_STRIDE = GROUPS + 1;

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

/** The per-member benefits in the order their codes are kept (codes.ts `members`). */
export const PER_MEMBER = [Table.HandicapBenefit, Table.SpecialDiet, Table.ChildCareBabysitting] as const;

const perMember =
  (group: Group, table: Table): Formula =>
  (c, from, to, months, out) => {
    const counts = out.members[PER_MEMBER.indexOf(table as (typeof PER_MEMBER)[number])]!;
    const needs = out.needs;
    const { at, base } = months;
    const { rowHousehold, rowMonth, groupStart } = c;
    for (let row = from; row < to; row++) {
      const g = rowHousehold[row]! * GROUP_STRIDE + group;
      const index = rowMonth[row]!;
      const members = groupStart[g] === groupStart[g + 1] ? 0 : peopleInForce(c, row, group, index);
      counts[row] = members;
      if (members > 0) needs[row]! += at[index - base]!.rateAmount(table, 0) * members;
    }
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

/** The component of the per-member benefit of rate table `table` (one of `PER_MEMBER`). */
export const explainPerMember =
  (table: (typeof PER_MEMBER)[number]): Explain =>
  ({ b, codes, row, month }, out): void => {
    const members = codes.members[PER_MEMBER.indexOf(table)]![row]!;
    if (members === 0) return;
    const rate = b.rateRows[month.rateRow(table, 0)]!;
    out.push({
      code: tableOf(table),
      kind: 'need',
      amount: cents((rate.amount * members) as Money),
      rule: `${rate.tableLabel}: ${members} eligible ${members === 1 ? 'person' : 'people'} (rate table)`,
      source: `${members} × ${rateText(rate)}`,
      splits: true,
    });
  };
