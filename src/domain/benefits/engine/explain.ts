/** A row's components and totals rendered from its codes (each rule renders its own, rules/*.ts). */
import { cents } from '../../money.ts';
import type { Component, MonthResult } from '../components.ts';
import { explainCoreEssential } from '../rules/core-essential.ts';
import { explainCoreShelter } from '../rules/core-shelter.ts';
import { explainEvidenceNeed } from '../rules/evidence-need.ts';
import { explainIncome } from '../rules/income.ts';
import { explainLiquidAssets } from '../rules/liquid-assets.ts';
import { explainPerMember } from '../rules/per-member.ts';
import { RuleCode } from './codes.ts';
import type { Run } from './engine.ts';
import type { Explain } from './rule.ts';

const EXPLAIN: Record<RuleCode, Explain> = {
  [RuleCode.CoreEssential]: explainCoreEssential,
  [RuleCode.CoreEssentialProrated]: explainCoreEssential,
  [RuleCode.CoreShelter]: explainCoreShelter,
  [RuleCode.PerMember]: explainPerMember,
  [RuleCode.EvidenceNeed]: explainEvidenceNeed,
  [RuleCode.Scholarship]: explainIncome,
  [RuleCode.EarningsExempt]: explainIncome,
  [RuleCode.IncomeInFull]: explainIncome,
  [RuleCode.LiquidAssets]: explainLiquidAssets,
};

/** The components of a determined row. */
export function explainRow(run: Run, row: number): Component[] {
  const { batch: b, codes } = run;
  const c = run.columns();
  const month = run.month(c.rowMonth[row]!);
  const out: Component[] = [];
  for (let i = codes.rowStart[row]!, end = codes.rowEnd[row]!; i < end; i++)
    out.push(EXPLAIN[codes.rule[i] as RuleCode]({ b, c, codes, component: i, row, month }));
  return out;
}

/** A determined row as a month's result (month: "YYYY-MM"). */
export function monthResultOf(run: Run, row: number, month: string): MonthResult {
  const c = run.codes;
  return {
    month,
    components: explainRow(run, row),
    needs: cents(c.needs[row]!),
    countableResources: cents(c.resources[row]!),
    entitlement: cents(c.entitlement[row]!),
  };
}
