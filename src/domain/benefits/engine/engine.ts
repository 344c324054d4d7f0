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
import type { Batch } from './batch.ts';
import { Codes } from './codes.ts';
import { Month } from './month.ts';
import type { Rule } from './rule.ts';

/** The rules in the order a month's components are listed: automatic benefits, need evidence, resources, then the asset test. */
export const RULES: readonly Rule[] = [coreEssential, coreShelter, handicapBenefit, specialDiet, childCareBabysitting, evidenceNeeds, income, liquidAssets];

/** A run: the batch, its codes, and the months' policy as the rules asked for it. */
export class Run {
  readonly codes: Codes;
  private readonly months = new Map<number, Month>();

  constructor(readonly batch: Batch) {
    this.codes = new Codes(Math.max(batch.rows, 16));
  }

  month(index: number): Month {
    let m = this.months.get(index);
    if (!m) this.months.set(index, (m = new Month(index, this.batch, RULES)));
    return m;
  }

  /** Determines rows from..to - 1 (rows added since the last call, by default). */
  determine(from = this.codes.rowEnd.n, to = this.batch.rows): void {
    const b = this.batch;
    const out = this.codes;
    for (const c of [out.rowStart, out.rowEnd, out.needs, out.resources, out.entitlement]) {
      c.reserve(to);
      c.n = Math.max(c.n, to);
    }
    let m: Month | undefined;
    for (let row = from; row < to; row++) {
      const index = b.rowMonth.a[row]!;
      if (m?.index !== index) m = this.month(index);
      const f = m.formulas;
      out.rowNeeds = 0;
      out.rowResources = 0;
      out.disqualified = false;
      out.essential = 0;
      out.shelter = Number.NaN;
      out.rowStart.a[row] = out.rule.n;
      // One call site per rule, so each stays monomorphic.
      f[0]!(b, row, m, out);
      f[1]!(b, row, m, out);
      f[2]!(b, row, m, out);
      f[3]!(b, row, m, out);
      f[4]!(b, row, m, out);
      f[5]!(b, row, m, out);
      f[6]!(b, row, m, out);
      f[7]!(b, row, m, out);
      out.rowEnd.a[row] = out.rule.n;
      const net = out.rowNeeds - out.rowResources;
      out.needs.a[row] = out.rowNeeds;
      out.resources.a[row] = out.rowResources;
      out.entitlement.a[row] = out.disqualified || net < 0 ? 0 : net;
    }
  }
}
