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

  /** Determines rows from..to - 1 (by default, the rows added since the last call). */
  determine(from = this.determined, to = this.batch.rows): void {
    const c = this.columns();
    const out = this.codes;
    out.reserveRows(to);
    this.determined = Math.max(this.determined, to);
    let m: Month | undefined;
    for (let row = from; row < to; row++) {
      const index = c.rowMonth[row]!;
      if (m?.index !== index) m = this.month(index);
      const f = m.formulas;
      out.rowNeeds = 0;
      out.rowResources = 0;
      out.disqualified = false;
      out.essential = 0;
      out.shelter = Number.NaN;
      out.rowStart[row] = out.n;
      // One call site per rule, so that each stays monomorphic.
      f[0]!(c, row, m, out);
      f[1]!(c, row, m, out);
      f[2]!(c, row, m, out);
      f[3]!(c, row, m, out);
      f[4]!(c, row, m, out);
      f[5]!(c, row, m, out);
      f[6]!(c, row, m, out);
      f[7]!(c, row, m, out);
      out.rowEnd[row] = out.n;
      const net = out.rowNeeds - out.rowResources;
      out.needs[row] = out.rowNeeds;
      out.resources[row] = out.rowResources;
      out.entitlement[row] = out.disqualified || net < 0 ? 0 : net;
    }
  }
}
