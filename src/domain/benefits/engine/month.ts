/**
 * A month's policy as the rules read it: the learner rules in force, the rates (asked of the policy
 * the first time a rule needs one, so a question the tables do not answer fails as it always has:
 * MissingRateError), and the dated variant of each rule in force (rule.ts).
 */
import { daysInMonth, yearMonthKeyAt } from '../../calendar.ts';
import type { LearnerRules } from '../policy.ts';
import type { Batch } from './batch.ts';
import { monthAt } from './months.ts';
import { ask, type BookAnswers, KEY_STRIDE, monthAnswers, rulesIn } from './policy-cache.ts';
import { type Formula, formulaIn, type Rule } from './rule.ts';

// Imported bindings read once: the hot path reads module constants.
const STRIDE = KEY_STRIDE;

export class Month {
  readonly rules: LearnerRules;
  readonly days: number;
  readonly formulas: Formula[];
  /** Per rate key (composition × KEY_STRIDE + slot): its rate row (`BookAnswers.rows`; -1: not asked yet) and amount. */
  rows: Int32Array;
  amounts: Float64Array;

  constructor(
    readonly index: number,
    batch: Batch,
    rules: readonly Rule[],
    private readonly answers: BookAnswers,
  ) {
    this.rules = rulesIn(batch.rules, index);
    this.days = daysInMonth(monthAt(index));
    const key = yearMonthKeyAt(index);
    this.formulas = rules.map((r) => formulaIn(r, key));
    const known = monthAnswers(answers, index);
    this.rows = known.rows;
    this.amounts = known.amounts;
  }

  /** The rate key of slot `slot` of composition `c`; its row and amount are in `rows` and `amounts`. */
  rate(c: number, slot: number): number {
    const k = c * STRIDE + slot;
    if (k < this.rows.length && this.rows[k]! >= 0) return k;
    const known = ask(this.answers, this.index, k);
    this.rows = known.rows;
    this.amounts = known.amounts;
    return k;
  }

  /** The amount of slot `slot` of composition `c`. */
  rateAmount(c: number, slot: number): number {
    const k = this.rate(c, slot);
    return this.amounts[k]!;
  }

  /** The rate row (`BookAnswers.rows`) of slot `slot` of composition `c`. */
  rateRow(c: number, slot: number): number {
    const k = this.rate(c, slot);
    return this.rows[k]!;
  }
}
