/**
 * Needs from evidence (docs/policy/learner-benefits.md "A month's entitlement"): Additional Shelter,
 * Child Care, Extraordinary Training Travel, NCBS Replacement Benefit, Special Diet Benefit,
 * Additional Health Benefits and Director Approval count their amount, in full, in every month they
 * are in force, once approved. Whether E04 splits each is E04.01's list (evidence.ts).
 */
import { type Money, ZERO } from '../../money.ts';
import { type Columns, GROUPS, Group } from '../engine/batch.ts';
import { type Codes, RuleCode } from '../engine/codes.ts';
import type { Months } from '../engine/month.ts';
import type { Explain, Rule } from '../engine/rule.ts';
import { notSplitReason } from '../evidence.ts';

const GROUP_STRIDE = GROUPS + 1;
const NEEDS = Group.Needs;
const EVIDENCE_NEED = RuleCode.EvidenceNeed;

function evidenceNeedsIn(c: Columns, runs: Int32Array, n: number, _months: Months, out: Codes): void {
  const { rowHousehold, rowMonth, groupStart, groupIdx, evFirst, evLast, evAmount } = c;
  const { evidenceNeeds: list, needs } = out;
  for (let k = 0; k < n; k++) {
    const from = runs[k]!;
    const to = runs[k + 1]!;
    const g = rowHousehold[from]! * GROUP_STRIDE + NEEDS;
    const start = groupStart[g]!;
    const end = groupStart[g + 1]!;
    if (start === end) continue;
    // A stretch of the run's months (consecutive) at a time, with the same records in force
    // throughout: one component per record for the whole stretch, and one sum for each of its rows.
    for (let row = from; row < to; ) {
      const index = rowMonth[row]!;
      // The first month after the stretch: where a record starts or ends.
      let next = index + (to - row);
      list.reserve(end - start);
      let sum = 0;
      for (let i = start; i < end; i++) {
        const e = groupIdx[i]!;
        if (evFirst[e]! > index) {
          if (evFirst[e]! < next) next = evFirst[e]!;
          continue;
        }
        if (index > evLast[e]!) continue;
        if (evLast[e]! < next) next = evLast[e]! + 1;
        list.add(EVIDENCE_NEED, e, evAmount[e]!);
        sum += evAmount[e]!;
      }
      const stop = row + (next - index);
      list.stretch(row, stop);
      for (; row < stop; row++) needs[row]! += sum;
    }
  }
}

export const evidenceNeeds: Rule = { id: 'evidence-needs', formulas: [{ from: null, formula: evidenceNeedsIn }] };

export const explainEvidenceNeed: Explain = ({ b, c, codes, row }, out): void => {
  const list = codes.evidenceNeeds;
  for (let j = list.firstOf(row); j < list.n && list.row[j]! <= row && row < list.to[j]!; j++) {
    const index = list.evidence[j]!;
    const e = b.evidence[index]!;
    const type = b.evType[index]!;
    const splits = c.evSplits[index] === 1;
    out.push({
      code: e.type,
      kind: 'need',
      amount: (e.amount ?? ZERO) as Money,
      rule: `${type.label} (amount-based evidence)`,
      source: e.label,
      evidenceId: e.id,
      personId: e.personId,
      splits,
      ...(!splits && { whyNotSplit: notSplitReason(type, e.subtype) }),
    });
  }
};
