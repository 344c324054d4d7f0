/**
 * Core Shelter (docs/policy/learner-benefits.md "A month's entitlement"): the rate for the housing
 * situation and the household's composition, limited to the actual shelter cost when one is
 * recorded. In the month of a move, the home at the end of the month (the latest to start) decides.
 */
import { formatMoney, type Money } from '../../money.ts';
import { type Columns, GROUPS, Group, NEVER } from '../engine/batch.ts';
import type { Codes } from '../engine/codes.ts';
import type { Months } from '../engine/month.ts';
import { ADULTS, CHILD_KEY } from '../engine/policy-cache.ts';
import type { Explain, Rule } from '../engine/rule.ts';
import { compositionAmount, compositionSource } from './rate-text.ts';

const GROUP_STRIDE = GROUPS + 1;
const SHELTERS = Group.Shelters;
const CHILD = CHILD_KEY;
const ADULT_SLOTS = ADULTS;

function coreShelterIn(c: Columns, runs: Int32Array, n: number, months: Months, out: Codes): void {
  const { rowHousehold, rowMonth, rowAdults, rowChildren, groupStart, groupIdx, evFirst, evLast, evShelter, evAmount, evHasAmount } = c;
  const { shelter: amounts, shelterEvidence, needs } = out;
  // No Core Shelter unless a shelter record with a composition is in force: written where there is
  // none (not the block's rows at once, then most of them again: each row's codes written once).
  for (let k = 0; k < n; k++) {
    const from = runs[k]!;
    const to = runs[k + 1]!;
    const g = rowHousehold[from]! * GROUP_STRIDE + SHELTERS;
    const start = groupStart[g]!;
    const end = groupStart[g + 1]!;
    if (start === end) {
      amounts.fill(0, from, to);
      shelterEvidence.fill(-1, from, to);
      continue;
    }
    // The run's composition: the same in all its months.
    const adults = ADULT_SLOTS + rowAdults[from]!;
    const children = rowChildren[from]!;
    // A stretch of the run's months (consecutive) at a time, with the same record in force throughout.
    for (let row = from; row < to; ) {
      const first = rowMonth[row]!;
      // The record of the home at the end of the month, and the last month it still is: until it
      // ends, or a record earlier in the group (a later start) starts.
      let shelter = -1;
      let last = NEVER;
      for (let i = start; i < end; i++) {
        const e = groupIdx[i]!;
        if (evFirst[e]! <= first && first <= evLast[e]!) {
          shelter = e;
          if (evLast[e]! < last) last = evLast[e]!;
          break;
        }
        if (evFirst[e]! > first && evFirst[e]! - 1 < last) last = evFirst[e]! - 1;
      }
      const stop = Math.min(to, row + (last - first) + 1);
      const table = shelter < 0 ? -1 : evShelter[shelter]!;
      if (table < 0) {
        for (; row < stop; row++) {
          amounts[row] = 0;
          shelterEvidence[row] = -1;
        }
        continue;
      }
      const capped = evHasAmount[shelter] === 1;
      const cost = evAmount[shelter]!;
      // Within it, a stretch at a time in which the rates do not change: one amount for all of it
      // (a loop: a run's stretch is too short for TypedArray.fill's call to pay).
      while (row < stop) {
        const index = rowMonth[row]!;
        let rate = months.rateAmount(index, table, adults);
        let until = months.rateUntil(index, table, adults);
        if (children > 0) {
          rate += months.rateAmount(index, table, CHILD) * children;
          until = Math.min(until, months.rateUntil(index, table, CHILD));
        }
        const amount = capped && cost < rate ? cost : rate;
        const same = Math.min(stop, row + (until - index) + 1);
        for (; row < same; row++) {
          amounts[row] = amount;
          shelterEvidence[row] = shelter;
          needs[row]! += amount;
        }
      }
    }
  }
}

export const coreShelter: Rule = { id: 'core-shelter', formulas: [{ from: null, formula: coreShelterIn }] };

export const explainCoreShelter: Explain = ({ b, c, codes, row, month }, out): void => {
  const index = codes.shelterEvidence[row]!;
  if (index < 0) return;
  const table = c.evShelter[index]!;
  const children = c.rowChildren[row]!;
  const adultRow = month.rateRow(table, ADULT_SLOTS + c.rowAdults[row]!);
  const childRow = children > 0 ? month.rateRow(table, CHILD) : -1;
  const e = b.evidence[index]!;
  const capped = e.amount !== null && e.amount < compositionAmount(b, adultRow, childRow, children);
  out.push({
    code: 'core-shelter',
    kind: 'need',
    amount: codes.shelter[row] as Money,
    rule: capped
      ? 'Core Shelter: the rate, limited to the actual shelter cost'
      : 'Core Shelter by housing situation and household composition (rate table)',
    source: `${compositionSource(b, adultRow, childRow, children)}; ${e.label}${capped ? `: actual cost ${formatMoney(e.amount!)}` : ''}`,
    evidenceId: e.id,
    splits: true,
  });
};
