/**
 * Benefits paid per eligible household member (docs/policy/learner-benefits.md "A month's
 * entitlement", needs issued automatically): Handicap Benefit per person with a disability record,
 * Special Diet per person with a special diet need, Child Care - Babysitting per child needing it.
 * The rate times the number of different people the facts in force that month name (a record naming
 * nobody counts as one person). Facts count whether or not they are approved.
 */
import { cents, type Money } from '../../money.ts';
import { type Columns, GROUPS, Group, NEVER } from '../engine/batch.ts';
import { KEY_STRIDE, Table, tableOf } from '../engine/policy-cache.ts';
import type { Explain, Formula, Rule } from '../engine/rule.ts';
import { rateText } from './rate-text.ts';

const GROUP_STRIDE = GROUPS + 1;
const STRIDE = KEY_STRIDE;

/**
 * Facts of one benefit up to which the people are told apart by comparing each fact with the ones
 * before it (no allocation); beyond, by a set of the people seen, so that a household with thousands of
 * facts is counted in time linear in them.
 */
const FEW_FACTS = 32;

/** The number of different people the facts groupIdx[start..end - 1] in force in the month name. */
function peopleInForce(c: Columns, start: number, end: number, month: number): number {
  const { groupIdx, evFirst, evLast, evPerson } = c;
  if (end - start > FEW_FACTS) {
    const named = new Set<number>();
    for (let i = start; i < end; i++) {
      const e = groupIdx[i]!;
      if (evFirst[e]! <= month && month <= evLast[e]!) named.add(evPerson[e]!);
    }
    return named.size;
  }
  let people = 0;
  for (let i = start; i < end; i++) {
    const e = groupIdx[i]!;
    if (!(evFirst[e]! <= month && month <= evLast[e]!)) continue;
    let counted = false;
    for (let j = start; j < i && !counted; j++) {
      const f = groupIdx[j]!;
      counted = evFirst[f]! <= month && month <= evLast[f]! && evPerson[f] === evPerson[e];
    }
    if (!counted) people += 1;
  }
  return people;
}

/** The first month after `month` in which one of the facts groupIdx[start..end - 1] starts or has ended. */
function nextChange(c: Columns, start: number, end: number, month: number): number {
  const { groupIdx, evFirst, evLast } = c;
  let next = NEVER;
  for (let i = start; i < end; i++) {
    const e = groupIdx[i]!;
    const change = evFirst[e]! > month ? evFirst[e]! : evLast[e]! >= month ? evLast[e]! + 1 : NEVER;
    if (change < next) next = change;
  }
  return next;
}

/** The per-member benefits in the order their codes are kept (codes.ts `members`). */
export const PER_MEMBER = [Table.HandicapBenefit, Table.SpecialDiet, Table.ChildCareBabysitting] as const;

const perMember = (group: Group, table: (typeof PER_MEMBER)[number]): Formula => {
  const which = PER_MEMBER.indexOf(table);
  return (c, runs, n, months, out) => {
    const counts = out.members[which]!;
    const needs = out.needs;
    const { base, amounts: rates, keys } = months;
    const { rowHousehold, rowMonth, groupStart } = c;
    // Nobody counted unless facts are in force: the block's rows at once, then the runs with such facts.
    counts.fill(0, runs[0]!, runs[n]!);
    for (let k = 0; k < n; k++) {
      const from = runs[k]!;
      const to = runs[k + 1]!;
      const g = rowHousehold[from]! * GROUP_STRIDE + group;
      const start = groupStart[g]!;
      const end = groupStart[g + 1]!;
      if (start === end) continue;
      // The people counted, worked out again only where a fact starts or ends (the run's months are consecutive).
      let members = 0;
      let next = -1;
      for (let row = from; row < to; row++) {
        const index = rowMonth[row]!;
        if (index >= next) {
          members = peopleInForce(c, start, end, index);
          next = nextChange(c, start, end, index);
        }
        counts[row] = members;
        if (members > 0) {
          let rate = rates[(index - base) * keys + table * STRIDE]!;
          if (Number.isNaN(rate)) rate = months.rateAmount(index, table, 0);
          needs[row]! += rate * members;
        }
      }
    }
  };
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
