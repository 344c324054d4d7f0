/**
 * Liquid assets (docs/policy/learner-benefits.md "Liquid assets", our reading of "liquid assets must
 * be below 3 × monthly core benefits + $10,000"): an eligibility test, month by month. The
 * household's approved assets in force in the month, held together, are compared with the learner
 * rules' multiple of that month's core benefits (Core Essential + Core Shelter) plus their
 * allowance: below it nothing counts; at or above it the household is not eligible that month
 * (entitlement $0). Nothing is deducted: assets are not income.
 */
import { add, cents, formatMoney, ZERO, type Money } from '../../money.ts';
import type { Component } from '../components.ts';
import { Group, GROUPS, inForce, type Batch } from '../engine/batch.ts';
import { RuleCode, type Codes } from '../engine/codes.ts';
import type { Month } from '../engine/month.ts';
import type { Explain, Rule } from '../engine/rule.ts';

function liquidAssetsIn(b: Batch, row: number, m: Month, out: Codes): void {
  const g = b.rowHousehold.a[row]! * (GROUPS + 1) + Group.Assets;
  let held = 0;
  let first = -1;
  for (let i = b.groupStart.a[g]!, end = b.groupStart.a[g + 1]!; i < end; i++) {
    const e = b.groupIdx.a[i]!;
    if (!inForce(b, e, m.index)) continue;
    held += b.evAmount.a[e]!;
    if (first < 0) first = e;
  }
  if (first < 0) return;
  const core = out.shelter === out.shelter ? out.essential + out.shelter : out.essential;
  const limit = add(cents(core * m.rules.liquidAssetMultipleOfCoreBenefits), m.rules.liquidAssetAllowance);
  const eligible = held < limit;
  out.emit(RuleCode.LiquidAssets, -1, eligible ? 1 : 0, core, first, 0);
  if (!eligible) out.disqualified = true;
}

export const liquidAssets: Rule = { id: 'liquid-assets', formulas: [{ from: null, formula: liquidAssetsIn }] };

export const explainLiquidAssets: Explain = ({ b, codes, component: i, row, month }): Component => {
  const g = b.rowHousehold.a[row]! * (GROUPS + 1) + Group.Assets;
  const counting = [];
  for (let j = b.groupStart.a[g]!, end = b.groupStart.a[g + 1]!; j < end; j++) if (inForce(b, b.groupIdx.a[j]!, month.index)) counting.push(b.evidence[b.groupIdx.a[j]!]!);
  const held = counting.reduce((s, e) => add(s, e.amount ?? ZERO), ZERO);
  const core = codes.count.a[i] as Money;
  const { liquidAssetMultipleOfCoreBenefits: multiple, liquidAssetAllowance: allowance } = month.rules;
  const limit = add(cents(core * multiple), allowance);
  const eligible = codes.rateB.a[i] === 1;
  const test = `liquid assets must be below ${multiple} × monthly core benefits (${formatMoney(core)}) + ${formatMoney(allowance)} = ${formatMoney(limit)}`;
  return {
    code: 'assets',
    kind: 'resource',
    amount: ZERO,
    rule: eligible ? `Liquid assets held ${formatMoney(held)}: eligible, nothing counts (${test})` : `Liquid assets held ${formatMoney(held)}: not eligible this month, entitlement $0.00 (${test})`,
    source: counting.map((e) => e.label).join('; '),
    ...(counting.length === 1 && { evidenceId: counting[0]!.id, personId: counting[0]!.personId }),
    splits: true,
    ...(!eligible && { disqualifies: true }),
  };
};
