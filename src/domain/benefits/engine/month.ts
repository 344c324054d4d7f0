/**
 * A month's policy as the rules read it: the learner rules in force, the rates (asked of the policy
 * the first time a rule needs one, so a question the tables do not answer fails as it always has:
 * MissingRateError), and the dated variant of each rule in force (rule.ts).
 */
import { daysInMonth, yearMonthAt, yearMonthKeyAt } from '../../calendar.ts';
import type { LearnerRules } from '../policy.ts';
import { CHILD_KEY, KEY_STRIDE, type Batch } from './batch.ts';
import { formulaIn, type Formula, type Rule } from './rule.ts';

/** The key of slot `slot` of a composition: 0 the prefix itself, 1..15 adults, 16 each child. */
function keyOf(prefix: string, slot: number): string {
  if (slot === 0) return prefix;
  if (slot === CHILD_KEY) return `${prefix}each child`;
  return `${prefix}${slot === 1 ? '1 adult' : `${slot} adults`}`;
}

export class Month {
  readonly rules: LearnerRules;
  readonly days: number;
  readonly formulas: Formula[];
  private rateRows: Int32Array;

  constructor(
    readonly index: number,
    private readonly batch: Batch,
    rules: readonly Rule[],
  ) {
    this.rules = batch.rules(yearMonthAt(index));
    this.days = daysInMonth(yearMonthAt(index));
    const key = yearMonthKeyAt(index);
    this.formulas = rules.map((r) => formulaIn(r, key));
    this.rateRows = new Int32Array(Math.max(batch.compositionTable.length, 4) * KEY_STRIDE).fill(-1);
  }

  /** The rate row (Batch.rateRows index) of slot `slot` of composition `c` in this month. */
  rate(c: number, slot: number): number {
    const k = c * KEY_STRIDE + slot;
    if (k < this.rateRows.length) {
      const known = this.rateRows[k]!;
      if (known >= 0) return known;
    } else {
      const grown = new Int32Array(Math.max(k + 1, this.rateRows.length * 2)).fill(-1);
      grown.set(this.rateRows);
      this.rateRows = grown;
    }
    const b = this.batch;
    return (this.rateRows[k] = b.rateRow(b.rates(b.compositionTable[c]!, keyOf(b.compositionPrefix[c]!, slot), yearMonthAt(this.index))));
  }
}
