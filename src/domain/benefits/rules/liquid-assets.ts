/**
 * Liquid assets (docs/policy/learner-benefits.md "Liquid assets", our reading of "liquid assets must
 * be below 3 × monthly core benefits + $10,000"): an eligibility test, month by month. The
 * household's approved assets in force in the month, held together, are compared with the learner
 * rules' multiple of that month's core benefits (Core Essential + Core Shelter) plus their
 * allowance: below it nothing counts; at or above it the household is not eligible that month
 * (entitlement $0). Nothing is deducted: assets are not income.
 */
import { add, cents, formatMoney, type Money, ZERO } from '../../money.ts';
import type { Component } from '../components.ts';
import { type Columns, GROUPS, Group, inForce } from '../engine/batch.ts';
import { type Codes, RuleCode } from '../engine/codes.ts';
import type { Month } from '../engine/month.ts';
import type { Explain, Rule } from '../engine/rule.ts';

const GROUP_STRIDE = GROUPS + 1;
const ASSETS = Group.Assets;
const LIQUID_ASSETS = RuleCode.LiquidAssets;

function liquidAssetsIn(c: Columns, row: number, m: Month, out: Codes): void {
  const g = c.rowHousehold[row]! * GROUP_STRIDE + ASSETS;
  let held = 0;
  let first = -1;
  for (let i = c.groupStart[g]!, end = c.groupStart[g + 1]!; i < end; i++) {
    const e = c.groupIdx[i]!;
    if (!(c.evFirst[e]! <= m.index && m.index <= c.evLast[e]!)) continue;
    held += c.evAmount[e]!;
    if (first < 0) first = e;
  }
  if (first < 0) return;
  const core = !Number.isNaN(out.shelter) ? out.essential + out.shelter : out.essential;
  const limit = add(cents(core * m.rules.liquidAssetMultipleOfCoreBenefits), m.rules.liquidAssetAllowance);
  const eligible = held < limit;
  out.emit(LIQUID_ASSETS, -1, eligible ? 1 : 0, core, first, 0);
  if (!eligible) out.disqualified = true;
}

export const liquidAssets: Rule = { id: 'liquid-assets', formulas: [{ from: null, formula: liquidAssetsIn }] };

export const explainLiquidAssets: Explain = ({ b, c, codes, component: i, row, month }): Component => {
  const g = c.rowHousehold[row]! * GROUP_STRIDE + ASSETS;
  const counting = [];
  for (let j = c.groupStart[g]!, end = c.groupStart[g + 1]!; j < end; j++)
    if (inForce(c, c.groupIdx[j]!, month.index)) counting.push(b.evidence[c.groupIdx[j]!]!);
  const held = counting.reduce((s, e) => add(s, e.amount ?? ZERO), ZERO);
  const core = codes.count[i] as Money;
  const { liquidAssetMultipleOfCoreBenefits: multiple, liquidAssetAllowance: allowance } = month.rules;
  const limit = add(cents(core * multiple), allowance);
  const eligible = codes.rateB[i] === 1;
  const test = `liquid assets must be below ${multiple} × monthly core benefits (${formatMoney(core)}) + ${formatMoney(allowance)} = ${formatMoney(limit)}`;
  return {
    code: 'assets',
    kind: 'resource',
    amount: ZERO,
    rule: eligible
      ? `Liquid assets held ${formatMoney(held)}: eligible, nothing counts (${test})`
      : `Liquid assets held ${formatMoney(held)}: not eligible this month, entitlement $0.00 (${test})`,
    source: counting.map((e) => e.label).join('; '),
    ...(counting.length === 1 && { evidenceId: counting[0]!.id, personId: counting[0]!.personId }),
    splits: true,
    ...(!eligible && { disqualifies: true }),
  };
};
