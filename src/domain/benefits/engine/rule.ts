/**
 * A rule: a pure function of each month's policy and the facts of rows, that writes each row's
 * amount and provenance codes (codes.ts); the rule's file also renders a row's components from the
 * codes (explain.ts lists the renderers in the rules' order). The engine runs each rule over a
 * block of runs at once (one loop per rule and block, column by column): a run is one household's
 * consecutive months, so a formula reads the household's facts once per run and finds each row's
 * month in `months`.
 * A rule that changes on a date has one formula per date it changed on (as OpenFisca's
 * `formula_YYYY_MM`): each formula says from which month it applies, and the engine gives a formula
 * only rows of months it is in force in (a block never spans two policy periods), never an `if` on
 * dates inside a formula.
 */
import type { Component } from '../components.ts';
import type { Batch, Columns } from './batch.ts';
import type { Codes } from './codes.ts';
import type { Month, Months } from './month.ts';

/**
 * Determines runs of rows, all in months in which this formula is in force: run k is rows
 * `runs[k]` to `runs[k + 1] - 1` (k < n), one household's consecutive months with the same learners
 * attending and the same composition (`Batch.runStart`), each row in its month (`months.at[rowMonth[row] - months.base]`).
 * What holds for the whole run (the household's evidence groups, the learners' facts) is read once
 * per run, and what holds for a stretch of its months (the records in force, their amounts) once
 * per stretch: a rule that lists a component per evidence record lists it once for the stretch
 * (codes.ts `ComponentList`) and adds one sum to each of the stretch's rows. Adds each row's
 * amounts to `out.needs` or `out.resources` and writes the rule's codes.
 */
export type Formula = (c: Columns, runs: Int32Array, n: number, months: Months, out: Codes) => void;

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

/** What rendering a row's components reads: the batch, its columns, the codes, the row and its month. */
export interface Explaining {
  readonly b: Batch;
  readonly c: Columns;
  readonly codes: Codes;
  readonly row: number;
  readonly month: Month;
}

/** Renders a rule's components of a determined row from its codes, in order, onto `out` (none when the rule yields none there). */
export type Explain = (x: Explaining, out: Component[]) => void;
