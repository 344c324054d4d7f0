/**
 * The engine: runs the rules (rules/*.ts) over the rows of a batch, block by block, in typed
 * arrays. Each row's components come out as codes (codes.ts) with the row's needs, countable
 * resources and entitlement: needs minus countable resources, never below zero, and zero in a month
 * an eligibility test fails (docs/policy/learner-benefits.md "A month's entitlement"). One household
 * or a million, it is the same loop.
 */
import { coreEssential } from '../rules/core-essential.ts';
import { coreShelter } from '../rules/core-shelter.ts';
import { evidenceNeeds } from '../rules/evidence-need.ts';
import { income } from '../rules/income.ts';
import { liquidAssets } from '../rules/liquid-assets.ts';
import { childCareBabysitting, handicapBenefit, specialDiet } from '../rules/per-member.ts';
import { type Batch, Columns, runOf } from './batch.ts';
import { Codes } from './codes.ts';
import { type Month, Months } from './month.ts';
import type { Rule } from './rule.ts';

/** The rules in the order a month's components are listed: automatic benefits, need evidence, resources, then the asset test. */
export const RULES: readonly Rule[] = [
  coreEssential,
  coreShelter,
  handicapBenefit,
  specialDiet,
  childCareBabysitting,
  evidenceNeeds,
  income,
  liquidAssets,
];

/**
 * Runs determined together, rule after rule (`Batch.runStart`: one household's consecutive months):
 * few enough that what the rules read and write for them (the rows' columns and their households'
 * evidence, some 1,500 rows at the bench's population) stays in the processor's cache from one rule
 * to the next, and enough that each rule's work per block (its call, its fills) is spread over
 * many rows: 128 runs took 5-8% less CPU than 32 (A/B medians, docs/scaling.md).
 */
const BLOCK = 128;

/** A run: the batch, its codes, and the months' policy as the rules asked for it. */
export class Run {
  readonly codes: Codes;
  private readonly months: Months;
  private determined = 0;
  /** The block's runs as the formulas read them (rule.ts `Formula`). */
  private readonly bounds = new Int32Array(BLOCK + 1);

  /** `codes`: arrays of an earlier run to write into (cleared first), instead of new ones. */
  constructor(
    readonly batch: Batch,
    codes?: Codes,
  ) {
    codes?.clear();
    this.codes = codes ?? new Codes(Math.max(batch.rows, 16));
    this.months = new Months(batch, RULES);
  }

  month(index: number): Month {
    return this.months.of(index);
  }

  /** The batch's columns as they are now (a column grows into a new array as rows are added). */
  columns(): Columns {
    return new Columns(this.batch);
  }

  /**
   * Determines rows from..to - 1 (by default, the rows added since the last call), in order, a
   * block of runs at a time (each run one household's consecutive months, cut where a policy
   * period ends: each rule has one formula in force in all the block's months), rule after rule
   * (each rule's formula loops over the block's runs, and within a run over stretches of months in
   * which its facts do not change: rule.ts `Formula`), then each row's entitlement. Determining
   * rows again forgets the components of later rows too (and cuts a stretch that holds `from`).
   */
  determine(from = this.determined, to = this.batch.rows): void {
    const c = this.columns();
    const out = this.codes;
    out.reserveRows(to);
    out.forgetFrom(from);
    this.determined = to;
    const { rowMonth } = c;
    const months = this.months;
    const bounds = this.bounds;
    const starts = this.batch.runStart.a;
    const runs = this.batch.runStart.n;
    const rows = this.batch.rows;
    let k = from < to ? runOf(this.batch, from) : 0;
    for (let row = from; row < to; ) {
      const first = row;
      const f = months.of(rowMonth[row]!).formulas;
      let n = 0;
      bounds[0] = row;
      while (row < to && n < BLOCK) {
        const runEnd = Math.min(k + 1 < runs ? starts[k + 1]! : rows, to);
        // A run's months are consecutive, and a policy period is a range of months: its first and last months tell whether it is cut.
        const firstMonth = rowMonth[row]!;
        months.cover(firstMonth, rowMonth[runEnd - 1]!);
        const { at, base } = months;
        if (at[firstMonth - base]!.formulas !== f) break;
        let end = runEnd;
        if (at[rowMonth[end - 1]! - base]!.formulas !== f) for (end = row + 1; at[rowMonth[end]! - base]!.formulas === f; ) end++;
        bounds[++n] = end;
        row = end;
        if (end === runEnd) k++;
      }
      const { needs, resources, disqualified } = out;
      needs.fill(0, first, row);
      resources.fill(0, first, row);
      disqualified.fill(0, first, row);
      for (let r = 0; r < f.length; r++) f[r]!(c, bounds, n, months, out);
      const { entitlement } = out;
      for (let i = first; i < row; i++) {
        const net = needs[i]! - resources[i]!;
        entitlement[i] = disqualified[i] !== 0 || net < 0 ? 0 : net;
      }
    }
  }
}
