/**
 * A rule: a pure function of the month's policy and one row's facts that emits its component's
 * amount and provenance codes (codes.ts), and renders that component's explanation from the codes.
 * A rule that changes on a date has one formula per date it changed on (as OpenFisca's
 * `formula_YYYY_MM`): each formula says from which month it applies, and the engine picks the one in
 * force for each month, never an `if` on dates inside a formula.
 */
import type { Component } from '../components.ts';
import type { Batch, Columns } from './batch.ts';
import type { Codes } from './codes.ts';
import type { Month } from './month.ts';

export type Formula = (c: Columns, row: number, m: Month, out: Codes) => void;

export interface DatedFormula {
  /** The first month ("YYYY-MM") it applies to; null: since before any policy data. */
  readonly from: string | null;
  readonly formula: Formula;
}

export interface Rule {
  readonly id: string;
  /** In order of `from`. */
  readonly formulas: readonly DatedFormula[];
}

/** The formula of `rule` in force in month `key` ("YYYY-MM"). */
export function formulaIn(rule: Rule, key: string): Formula {
  let found: Formula | undefined;
  for (const f of rule.formulas) if (f.from === null || f.from <= key) found = f.formula;
  if (!found) throw new RangeError(`Rule ${rule.id} has no formula in force in ${key}.`);
  return found;
}

/** What rendering one component reads: the batch, the codes, the component and its row. */
export interface Explaining {
  readonly b: Batch;
  readonly c: Columns;
  readonly codes: Codes;
  readonly component: number;
  readonly row: number;
  readonly month: Month;
}

export type Explain = (x: Explaining) => Component;
