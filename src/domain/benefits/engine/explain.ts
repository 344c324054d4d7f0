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
  const month = run.month(b.rowMonth.a[row]!);
  const out: Component[] = [];
  for (let i = codes.rowStart.a[row]!, end = codes.rowEnd.a[row]!; i < end; i++) out.push(EXPLAIN[codes.rule.a[i] as RuleCode]({ b, codes, component: i, row, month }));
  return out;
}

/** A determined row as a month's result (month: "YYYY-MM"). */
export function monthResultOf(run: Run, row: number, month: string): MonthResult {
  const c = run.codes;
  return { month, components: explainRow(run, row), needs: cents(c.needs.a[row]!), countableResources: cents(c.resources.a[row]!), entitlement: cents(c.entitlement.a[row]!) };
}
