/**
 * Needs from evidence (docs/policy/learner-benefits.md "A month's entitlement"): Additional Shelter,
 * Child Care, Extraordinary Training Travel, NCBS Replacement Benefit, Special Diet Benefit,
 * Additional Health Benefits and Director Approval count their amount, in full, in every month they
 * are in force, once approved. Whether E04 splits each is E04.01's list (evidence.ts).
 */
import { ZERO, type Money } from '../../money.ts';
import type { Component } from '../components.ts';
import { notSplitReason } from '../evidence.ts';
import { Group, GROUPS, inForce, type Batch } from '../engine/batch.ts';
import { RuleCode, type Codes } from '../engine/codes.ts';
import type { Month } from '../engine/month.ts';
import type { Explain, Rule } from '../engine/rule.ts';

function evidenceNeedsIn(b: Batch, row: number, m: Month, out: Codes): void {
  const g = b.rowHousehold.a[row]! * (GROUPS + 1) + Group.Needs;
  for (let i = b.groupStart.a[g]!, end = b.groupStart.a[g + 1]!; i < end; i++) {
    const e = b.groupIdx.a[i]!;
    if (inForce(b, e, m.index)) out.emit(RuleCode.EvidenceNeed, -1, -1, 0, e, b.evAmount.a[e]!);
  }
}

export const evidenceNeeds: Rule = { id: 'evidence-needs', formulas: [{ from: null, formula: evidenceNeedsIn }] };

export const explainEvidenceNeed: Explain = ({ b, codes, component: i }): Component => {
  const index = codes.evidence.a[i]!;
  const e = b.evidence[index]!;
  const type = b.evType[index]!;
  const splits = b.evSplits.a[index] === 1;
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
