/**
 * Liquid assets (docs/policy/learner-benefits.md "Liquid assets", our reading of "liquid assets must
 * be below 3 × monthly core benefits + $10,000"): an eligibility test, month by month. The
 * household's approved assets in force in the month, held together, are compared with the learner
 * rules' multiple of that month's core benefits (Core Essential + Core Shelter) plus their
 * allowance: below it nothing counts; at or above it the household is not eligible that month
 * (entitlement $0). Nothing is deducted: assets are not income.
 */
import { add, cents, formatMoney, type Money, ZERO } from '../../money.ts';
import { type Columns, GROUPS, Group, inForce } from '../engine/batch.ts';
import { AssetTest, type Codes } from '../engine/codes.ts';
import type { Months } from '../engine/month.ts';
import type { Explain, Rule } from '../engine/rule.ts';
import type { LearnerRules } from '../policy.ts';

const GROUP_STRIDE = GROUPS + 1;
const ASSETS = Group.Assets;
const NONE = AssetTest.None;
// Imported bindings read once: the hot loop calls module constants, not the importing module's getters.
const toCents = cents;

function liquidAssetsIn(c: Columns, runs: Int32Array, n: number, months: Months, out: Codes): void {
  const { rowHousehold, rowMonth, groupStart, groupIdx, evFirst, evLast, evAmount } = c;
  const { assets, essential, shelter, disqualified } = out;
  const { at, base } = months;
  // No test unless approved assets are in force: the block's rows at once, then the runs with assets.
  assets.fill(NONE, runs[0]!, runs[n]!);
  for (let k = 0; k < n; k++) {
    const from = runs[k]!;
    const to = runs[k + 1]!;
    const g = rowHousehold[from]! * GROUP_STRIDE + ASSETS;
    const start = groupStart[g]!;
    const end = groupStart[g + 1]!;
    if (start === end) continue;
    // The limit of the last row tested, and what it was worked out from: the same core benefits
    // under the same learner rules (most of a run's months) give the same limit.
    let limitCore = Number.NaN;
    let limitRules: LearnerRules | null = null;
    let limit = 0;
    for (let row = from; row < to; row++) {
      const index = rowMonth[row]!;
      let held = 0;
      let any = false;
      for (let i = start; i < end; i++) {
        const e = groupIdx[i]!;
        if (!(evFirst[e]! <= index && index <= evLast[e]!)) continue;
        held += evAmount[e]!;
        any = true;
      }
      if (!any) continue;
      // Core benefits: Core Essential and Core Shelter (zero when there is none), determined before this rule.
      const core = essential[row]! + shelter[row]!;
      const rules = at[index - base]!.rules;
      if (core !== limitCore || rules !== limitRules) {
        // The limit in cents: both parts are whole cents, and so is their sum (money.ts `add`).
        limit = toCents(toCents(core * rules.liquidAssetMultipleOfCoreBenefits) + rules.liquidAssetAllowance);
        limitCore = core;
        limitRules = rules;
      }
      const eligible = held < limit;
      assets[row] = eligible ? AssetTest.Eligible : AssetTest.NotEligible;
      if (!eligible) disqualified[row] = 1;
    }
  }
}

export const liquidAssets: Rule = { id: 'liquid-assets', formulas: [{ from: null, formula: liquidAssetsIn }] };

export const explainLiquidAssets: Explain = ({ b, c, codes, row, month }, out): void => {
  const test = codes.assets[row] as AssetTest;
  if (test === AssetTest.None) return;
  const g = c.rowHousehold[row]! * GROUP_STRIDE + ASSETS;
  const counting = [];
  for (let j = c.groupStart[g]!, end = c.groupStart[g + 1]!; j < end; j++)
    if (inForce(c, c.groupIdx[j]!, month.index)) counting.push(b.evidence[c.groupIdx[j]!]!);
  const held = counting.reduce((s, e) => add(s, e.amount ?? ZERO), ZERO);
  const core = (codes.essential[row]! + codes.shelter[row]!) as Money;
  const { liquidAssetMultipleOfCoreBenefits: multiple, liquidAssetAllowance: allowance } = month.rules;
  const limit = add(cents(core * multiple), allowance);
  const eligible = test === AssetTest.Eligible;
  const text = `liquid assets must be below ${multiple} × monthly core benefits (${formatMoney(core)}) + ${formatMoney(allowance)} = ${formatMoney(limit)}`;
  out.push({
    code: 'assets',
    kind: 'resource',
    amount: ZERO,
    rule: eligible
      ? `Liquid assets held ${formatMoney(held)}: eligible, nothing counts (${text})`
      : `Liquid assets held ${formatMoney(held)}: not eligible this month, entitlement $0.00 (${text})`,
    source: counting.map((e) => e.label).join('; '),
    ...(counting.length === 1 && { evidenceId: counting[0]!.id, personId: counting[0]!.personId }),
    splits: true,
    ...(!eligible && { disqualifies: true }),
  });
};
