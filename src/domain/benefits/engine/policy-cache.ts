/**
 * The policy's answers, asked once per rate book (or rules function) and month and shared by every
 * run that uses the same policy: lookups are pure (policy.ts), and asking the effective-dated
 * tables again for every household would be most of the work for one household. Rate keys are
 * compositions (a table and a key prefix, interned here) times a slot (KEY_STRIDE): the prefix
 * itself, 1..15 adults, each child. The only module-level state in the domain
 * (src/domain/purity.test.ts allows it in this folder only).
 */
import { monthIndex, type PlainYearMonth, storedDate } from '../../calendar.ts';
import type { LearnerRules, RateBook, RateRow } from '../policy.ts';
import { monthAt, NEVER } from './months.ts';

type RulesOf = (month: PlainYearMonth) => LearnerRules;

/** Rate keys per composition: the prefix alone at 0, n adults (0..15) at ADULTS + n, each child at CHILD_KEY. */
export const ADULTS = 1;
export const MAX_ADULTS = 15;
export const CHILD_KEY = ADULTS + MAX_ADULTS + 1;
export const KEY_STRIDE = CHILD_KEY + 1;

/** Compositions every run has, in this order (interned below, first). */
export enum Table {
  CoreEssential = 0,
  HandicapBenefit = 1,
  SpecialDiet = 2,
  ChildCareBabysitting = 3,
}

const compositionIds = new Map<string, number>();
const tables: string[] = [];
const prefixes: string[] = [];

/** The composition id of a rate table and key prefix (`${prefix}1 adult`, ..., `${prefix}each child`). */
export function composition(table: string, prefix: string): number {
  const name = `${table}\u0000${prefix}`;
  let id = compositionIds.get(name);
  if (id === undefined) {
    compositionIds.set(name, (id = tables.length));
    tables.push(table);
    prefixes.push(prefix);
  }
  return id;
}
composition('core-essential', '');
composition('handicap-benefit', 'each eligible person');
composition('special-diet', 'each person');
composition('child-care-babysitting', 'each child');

/** How many compositions are interned (rate keys are below compositions() × KEY_STRIDE). */
export const compositions = () => tables.length;

/** The rate table a composition reads (its component's code for the per-member benefits). */
export const tableOf = (c: number) => tables[c]!;

/** The key of slot `slot` of composition `c`. */
function keyOf(c: number, slot: number): string {
  const prefix = prefixes[c]!;
  if (slot === 0) return prefix;
  if (slot === CHILD_KEY) return `${prefix}each child`;
  const adults = slot - ADULTS;
  return `${prefix}${adults === 1 ? '1 adult' : `${adults} adults`}`;
}

/**
 * A month's answers per key: the row id (-1: not asked yet), its amount, and the last month index
 * the same answer holds for (the month of the row's `effectiveTo`; the month itself when the row
 * does not say).
 */
export interface Answers {
  rows: Int32Array;
  amounts: Float64Array;
  until: Int32Array;
}

/** A rate book's answers: its rows (by id), and per month index its answers. */
export interface BookAnswers {
  readonly book: RateBook;
  readonly rows: RateRow[];
  readonly ids: Map<RateRow, number>;
  readonly months: Map<number, Answers>;
}

const books = new WeakMap<RateBook, BookAnswers>();

export function answersOf(book: RateBook): BookAnswers {
  let answers = books.get(book);
  if (!answers) books.set(book, (answers = { book, rows: [], ids: new Map(), months: new Map() }));
  return answers;
}

/** The keys of a month, asked of the book as the rules need them (`ask`). */
export function monthAnswers(answers: BookAnswers, index: number): Answers {
  let m = answers.months.get(index);
  if (!m) answers.months.set(index, (m = sized(tables.length * KEY_STRIDE)));
  return m;
}

const sized = (size: number): Answers => ({
  rows: new Int32Array(size).fill(-1),
  amounts: new Float64Array(size),
  until: new Int32Array(size),
});

/** The last month index in which `row`, the answer for month `index`, is still the answer. */
function lastMonthOf(row: RateRow, index: number): number {
  if (row.effectiveTo === undefined) return index;
  if (row.effectiveTo === null) return NEVER;
  return Math.max(index, monthIndex(storedDate(row.effectiveTo)));
}

/** Asks the book for key k of month `index` (MissingRateError when it has none: nothing is kept then). */
export function ask(answers: BookAnswers, index: number, k: number): Answers {
  let m = monthAnswers(answers, index);
  if (k >= m.rows.length) {
    const more = sized(Math.max(k + 1, m.rows.length * 2, tables.length * KEY_STRIDE));
    more.rows.set(m.rows);
    more.amounts.set(m.amounts);
    more.until.set(m.until);
    answers.months.set(index, (m = more));
  }
  const c = Math.floor(k / KEY_STRIDE);
  const row = answers.book(tables[c]!, keyOf(c, k - c * KEY_STRIDE), monthAt(index));
  let id = answers.ids.get(row);
  if (id === undefined) {
    answers.ids.set(row, (id = answers.rows.length));
    answers.rows.push(row);
  }
  m.rows[k] = id;
  m.amounts[k] = row.amount;
  m.until[k] = lastMonthOf(row, index);
  return m;
}

/** The learner rules in force in a month index. */
const rules = new WeakMap<RulesOf, Map<number, LearnerRules>>();
export function rulesIn(of: RulesOf, index: number): LearnerRules {
  let known = rules.get(of);
  if (!known) rules.set(of, (known = new Map()));
  let r = known.get(index);
  if (!r) known.set(index, (r = of(monthAt(index))));
  return r;
}
