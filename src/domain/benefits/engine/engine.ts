/**
 * The engine: runs the rules (rules/*.ts) over the rows of a batch, month by month, in typed
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
import { Month } from './month.ts';
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
 * stays in the processor's cache from one rule to the next.
 */
const BLOCK = 512;

/** A run: the batch, its codes, and the months' policy as the rules asked for it. */
export class Run {
  readonly codes: Codes;
  private readonly months = new Map<number, Month>();
  private determined = 0;

  /** `codes`: arrays of an earlier run to write into (cleared first), instead of new ones. */
  constructor(
    readonly batch: Batch,
    codes?: Codes,
  ) {
    codes?.clear();
    this.codes = codes ?? new Codes(Math.max(batch.rows, 16));
  }

  month(index: number): Month {
    let m = this.months.get(index);
    if (!m) this.months.set(index, (m = new Month(index, this.batch, RULES, this.batch.answers)));
    return m;
  }

  /** The batch's columns as they are now (a column grows into a new array as rows are added). */
  columns(): Columns {
    return new Columns(this.batch);
  }

  /**
   * Determines rows from..to - 1 (by default, the rows added since the last call): each run of rows
   * of one month at once, rule after rule (each rule's formula loops over the run's rows), then each
   * row's entitlement. Determining rows again forgets the components of later rows too.
   */
  determine(from = this.determined, to = this.batch.rows): void {
    const c = this.columns();
    const out = this.codes;
    out.reserveRows(to);
    out.forgetFrom(from);
    this.determined = to;
    const { rowMonth } = c;
    for (let start = from; start < to; ) {
      const index = rowMonth[start]!;
      let end = start + 1;
      while (end < to && rowMonth[end] === index) end++;
      const m = this.month(index);
      const f = m.formulas;
      for (let block = start; block < end; block += BLOCK) {
        const blockEnd = Math.min(block + BLOCK, end);
        out.needs.fill(0, block, blockEnd);
        out.resources.fill(0, block, blockEnd);
        out.disqualified.fill(0, block, blockEnd);
        for (let r = 0; r < f.length; r++) f[r]!(c, block, blockEnd, m, out);
        const { needs, resources, entitlement, disqualified } = out;
        for (let row = block; row < blockEnd; row++) {
          const net = needs[row]! - resources[row]!;
          entitlement[row] = disqualified[row] || net < 0 ? 0 : net;
        }
      }
      start = end;
    }
  }
}
