/**
 * A month's policy as the rules read it: the learner rules in force, the rates (asked of the policy
 * the first time a rule needs one, so a question the tables do not answer fails as it always has:
 * MissingRateError), and the dated variant of each rule in force (rule.ts), shared by every month
 * of one policy period. `Months` finds a row's month by its index.
 */
import { daysInMonth, yearMonthKeyAt } from '../../calendar.ts';
import type { LearnerRules } from '../policy.ts';
import type { Batch } from './batch.ts';
import { monthAt } from './months.ts';
import { type Answers, ask, type BookAnswers, compositions, KEY_STRIDE, monthAnswers, rulesIn } from './policy-cache.ts';
import { type Formula, formulaIn, type Rule } from './rule.ts';

// Imported bindings read once: the hot path reads module constants.
const STRIDE = KEY_STRIDE;

export class Month {
  readonly rules: LearnerRules;
  readonly days: number;
  /** The formula of each rule in force (rule.ts): one array for every month of a policy period (`Months.periodOf`). */
  readonly formulas: readonly Formula[];
  /** Per rate key (composition × KEY_STRIDE + slot): its rate row (`BookAnswers.rows`; -1: not asked yet), amount, and the last month the same answer holds for. */
  rows: Int32Array;
  amounts: Float64Array;
  until: Int32Array;

  constructor(
    readonly index: number,
    batch: Batch,
    formulas: readonly Formula[],
    private readonly answers: BookAnswers,
  ) {
    this.rules = rulesIn(batch.rules, index);
    this.days = daysInMonth(monthAt(index));
    this.formulas = formulas;
    const known = monthAnswers(answers, index);
    this.rows = known.rows;
    this.amounts = known.amounts;
    this.until = known.until;
  }

  private known(answers: Answers): void {
    this.rows = answers.rows;
    this.amounts = answers.amounts;
    this.until = answers.until;
  }

  /** The rate key of slot `slot` of composition `c`; its row and amount are in `rows` and `amounts`. */
  rate(c: number, slot: number): number {
    const k = c * STRIDE + slot;
    if (k < this.rows.length && this.rows[k]! >= 0) return k;
    this.known(ask(this.answers, this.index, k));
    return k;
  }

  /** The amount of slot `slot` of composition `c`. */
  rateAmount(c: number, slot: number): number {
    const k = this.rate(c, slot);
    return this.amounts[k]!;
  }

  /** The last month in which the answer for slot `slot` of composition `c` is the same (policy-cache.ts `Answers`). */
  rateUntil(c: number, slot: number): number {
    const k = this.rate(c, slot);
    return this.until[k]!;
  }

  /** The rate row (`BookAnswers.rows`) of slot `slot` of composition `c`. */
  rateRow(c: number, slot: number): number {
    const k = this.rate(c, slot);
    return this.rows[k]!;
  }
}

/**
 * The months of a run, by index: a rule finds a row's month as `at[rowMonth[row] - base]` (a
 * small table, in cache, so that rows of one household's consecutive months can be determined
 * together). Months in which every rule has the same formula in force share one `formulas` array:
 * a policy period. The rates already asked of every month are in one table too (`rateAmount`),
 * so that a rule reads a row's rate without going through its month.
 */
export class Months {
  base = 0;
  at: (Month | undefined)[] = [];
  /** Rate amounts by month and key, at (index - base) × keys + key (`Month.rate`); NaN: not asked yet. */
  amounts = new Float64Array(0);
  /** Per made month (at index - base): the last month from it on in which the learner rules are the same (`Month.rules`). */
  rulesUntil = new Int32Array(0);
  /** The last month each answer in `amounts` holds for (policy-cache.ts `Answers`), at the same place. */
  until = new Int32Array(0);
  /** Rate keys per month in `amounts`: every composition interned when the table was made. */
  keys = 0;
  private readonly periods: (readonly Formula[])[] = [];
  /** How many of `at` are made. */
  private made = 0;
  /** Months made since `amounts` was last written (their rates are not in it yet), and the base it was written for. */
  private readonly pending: number[] = [];
  private tabledBase = 0;

  constructor(
    private readonly batch: Batch,
    private readonly rules: readonly Rule[],
  ) {}

  /** The month of index `index`. */
  of(index: number): Month {
    const m = this.at[index - this.base];
    return m ?? this.add(index);
  }

  /** Makes every month first..last (a run's months: its formulas read each row's month from `at` and its rates from `amounts`). */
  cover(first: number, last: number): void {
    const keys = compositions() * STRIDE;
    const covered = first >= this.base && last < this.base + this.at.length && this.made === this.at.length;
    if (covered && this.pending.length === 0 && this.keys === keys) return;
    for (let index = first; index <= last; index++) this.of(index);
    this.table(keys);
  }

  /**
   * The amount of slot `slot` of composition `c` in month `index` (a covered month): from the
   * table, or asked of the month (`Month.rate`, MissingRateError when the tables have no answer)
   * the first time, exactly when the month itself would ask.
   */
  rateAmount(index: number, c: number, slot: number): number {
    const k = c * STRIDE + slot;
    const at = (index - this.base) * this.keys + k;
    const known = k < this.keys ? this.amounts[at]! : Number.NaN;
    if (!Number.isNaN(known)) return known;
    const amount = this.at[index - this.base]!.rateAmount(c, slot);
    if (k < this.keys) {
      this.amounts[at] = amount;
      this.until[at] = this.at[index - this.base]!.rateUntil(c, slot);
    }
    return amount;
  }

  /**
   * The last month in which the amount of slot `slot` of composition `c` is the one of month
   * `index` (a covered month; asked as `rateAmount` asks).
   */
  rateUntil(index: number, c: number, slot: number): number {
    const k = c * STRIDE + slot;
    const at = (index - this.base) * this.keys + k;
    if (k < this.keys && !Number.isNaN(this.amounts[at]!)) return this.until[at]!;
    return this.at[index - this.base]!.rateUntil(c, slot);
  }

  /**
   * The rates table of every made month, from what each has already asked: the months made since
   * it was written are added to it (a household determined month by month adds one at a time), and
   * it is written again, with room for as many months again, when it has no room for them, months
   * were made before its first, or compositions were interned since.
   */
  private table(keys: number): void {
    const months = this.at.length;
    if (keys === this.keys && this.tabledBase === this.base && months * keys <= this.amounts.length) {
      for (const index of this.pending) this.write(index - this.base);
    } else {
      this.amounts = new Float64Array(Math.max(months * 2, 16) * keys).fill(Number.NaN);
      this.until = new Int32Array(this.amounts.length);
      this.keys = keys;
      this.tabledBase = this.base;
      for (let i = 0; i < months; i++) this.write(i);
    }
    this.pending.length = 0;
    this.sameRules();
  }

  /** `rulesUntil` of every made month, from the last back. */
  private sameRules(): void {
    const { at, base } = this;
    if (this.rulesUntil.length < at.length) this.rulesUntil = new Int32Array(Math.max(at.length * 2, 16));
    const until = this.rulesUntil;
    for (let i = at.length - 1; i >= 0; i--) {
      const m = at[i];
      const later = at[i + 1];
      until[i] = m !== undefined && later !== undefined && later.rules === m.rules ? until[i + 1]! : base + i;
    }
  }

  /** Month `at[i]`'s rates already asked, into the table. */
  private write(i: number): void {
    const m = this.at[i];
    if (!m) return;
    const { keys, amounts, until } = this;
    for (let k = 0; k < keys && k < m.rows.length; k++)
      if (m.rows[k]! >= 0) {
        amounts[i * keys + k] = m.amounts[k]!;
        until[i * keys + k] = m.until[k]!;
      }
  }

  private add(index: number): Month {
    if (this.at.length === 0) this.base = index;
    else if (index < this.base) {
      this.at = [...new Array<undefined>(this.base - index), ...this.at];
      this.base = index;
    }
    const m = new Month(index, this.batch, this.periodOf(index), this.batch.answers);
    this.at[index - this.base] = m;
    this.made += 1;
    this.pending.push(index);
    return m;
  }

  /** The formulas in force in month `index`: the array of its period (the same array for each month with the same formulas). */
  private periodOf(index: number): readonly Formula[] {
    const key = yearMonthKeyAt(index);
    const formulas = this.rules.map((r) => formulaIn(r, key));
    const known = this.periods.find((p) => p.every((f, i) => f === formulas[i]));
    if (known) return known;
    this.periods.push(formulas);
    return formulas;
  }
}
