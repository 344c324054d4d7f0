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
import { type Batch, Columns } from './batch.ts';
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
 * Rows determined together, rule after rule: few enough that what the rules read and write for them
 * (the rows' columns and their households' evidence) stays in the processor's cache from one rule to
 * the next.
 */
const BLOCK = 256;

/** A run: the batch, its codes, and the months' policy as the rules asked for it. */
export class Run {
  readonly codes: Codes;
  private readonly months: Months;
  private determined = 0;

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
   * block of rows at a time (rows of one policy period: each rule has one formula in force in all
   * their months), rule after rule (each rule's formula loops over the block's rows), then each
   * row's entitlement. Rows are best in household order, each household's months together: its
   * evidence is then read from the cache by every rule and month. Determining rows again forgets
   * the components of later rows too.
   */
  determine(from = this.determined, to = this.batch.rows): void {
    const c = this.columns();
    const out = this.codes;
    out.reserveRows(to);
    out.forgetFrom(from);
    this.determined = to;
    const { rowMonth } = c;
    const months = this.months;
    for (let start = from; start < to; ) {
      const f = months.of(rowMonth[start]!).formulas;
      const limit = Math.min(start + BLOCK, to);
      let end = start + 1;
      for (let index = rowMonth[start]!; end < limit; end++) {
        // Neighbouring rows are mostly consecutive months of one household: the month table is asked only when the month changes.
        if (rowMonth[end] !== index && months.of((index = rowMonth[end]!)).formulas !== f) break;
      }
      out.needs.fill(0, start, end);
      out.resources.fill(0, start, end);
      out.disqualified.fill(0, start, end);
      for (let r = 0; r < f.length; r++) f[r]!(c, start, end, months, out);
      const { needs, resources, entitlement, disqualified } = out;
      for (let row = start; row < end; row++) {
        const net = needs[row]! - resources[row]!;
        entitlement[row] = disqualified[row] || net < 0 ? 0 : net;
      }
      start = end;
    }
  }
}
