/** A row's components and totals rendered from its codes (each rule renders its own, rules/*.ts). */
import { cents } from '../../money.ts';
import type { Component, MonthResult } from '../components.ts';
import { explainCoreEssential } from '../rules/core-essential.ts';
import { explainCoreShelter } from '../rules/core-shelter.ts';
import { explainEvidenceNeed } from '../rules/evidence-need.ts';
import { explainIncome } from '../rules/income.ts';
import { explainLiquidAssets } from '../rules/liquid-assets.ts';
import { explainPerMember } from '../rules/per-member.ts';
import type { Run } from './engine.ts';
import { Table } from './policy-cache.ts';
import type { Explain } from './rule.ts';

/** Each rule's renderer, in the order of the rules (engine.ts `RULES`): the order a month's components are listed. */
const EXPLAIN: readonly Explain[] = [
  explainCoreEssential,
  explainCoreShelter,
  explainPerMember(Table.HandicapBenefit),
  explainPerMember(Table.SpecialDiet),
  explainPerMember(Table.ChildCareBabysitting),
  explainEvidenceNeed,
  explainIncome,
  explainLiquidAssets,
];

/** The components of a determined row. */
export function explainRow(run: Run, row: number): Component[] {
  const { batch: b, codes } = run;
  const c = run.columns();
  const x = { b, c, codes, row, month: run.month(c.rowMonth[row]!) };
  const out: Component[] = [];
  for (const explain of EXPLAIN) explain(x, out);
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
