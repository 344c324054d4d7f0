/**
 * Needs from evidence (docs/policy/learner-benefits.md "A month's entitlement"): Additional Shelter,
 * Child Care, Extraordinary Training Travel, NCBS Replacement Benefit, Special Diet Benefit,
 * Additional Health Benefits and Director Approval count their amount, in full, in every month they
 * are in force, once approved. Whether E04 splits each is E04.01's list (evidence.ts).
 */
import { type Money, ZERO } from '../../money.ts';
import type { Component } from '../components.ts';
import { type Columns, GROUPS, Group } from '../engine/batch.ts';
import { type Codes, RuleCode } from '../engine/codes.ts';
import type { Month } from '../engine/month.ts';
import type { Explain, Rule } from '../engine/rule.ts';
import { notSplitReason } from '../evidence.ts';

const GROUP_STRIDE = GROUPS + 1;
const NEEDS = Group.Needs;
const EVIDENCE_NEED = RuleCode.EvidenceNeed;

function evidenceNeedsIn(c: Columns, row: number, m: Month, out: Codes): void {
  const g = c.rowHousehold[row]! * GROUP_STRIDE + NEEDS;
  for (let i = c.groupStart[g]!, end = c.groupStart[g + 1]!; i < end; i++) {
    const e = c.groupIdx[i]!;
    if (c.evFirst[e]! <= m.index && m.index <= c.evLast[e]!) out.emit(EVIDENCE_NEED, -1, -1, 0, e, c.evAmount[e]!);
  }
}

export const evidenceNeeds: Rule = { id: 'evidence-needs', formulas: [{ from: null, formula: evidenceNeedsIn }] };

export const explainEvidenceNeed: Explain = ({ b, c, codes, component: i }): Component => {
  const index = codes.evidence[i]!;
  const e = b.evidence[index]!;
  const type = b.evType[index]!;
  const splits = c.evSplits[index] === 1;
  return {
    code: e.type,
    kind: 'need',
    amount: (e.amount ?? ZERO) as Money,
    rule: `${type.label} (amount-based evidence)`,
    source: e.label,
    evidenceId: e.id,
    personId: e.personId,
    splits,
    ...(!splits && { whyNotSplit: notSplitReason(type, e.subtype) }),
  };
};
