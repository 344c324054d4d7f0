/**
 * Rates and learner rules by integer month, asked of the policy once (policy.ts: "the domain asks;
 * the policy layer answers from effective-dated tables"; lookups are pure). Kept per RateBook and
 * per rules function, so every determination that uses the same policy shares them.
 *
 * Rows that read the same (table, label, key, effective date, amount, placeholder) are one `Rate`
 * whatever the month, so the components built from a rate (rateText, compositions, per-member
 * benefits) are built once and reused across months and households.
 */
import { yearMonthAt } from '../../calendar.ts';
import { add, cents, formatMoney, ZERO, type Money } from '../../money.ts';
import type { Component } from '../components.ts';
import type { LearnerRules, RateBook, RateRow } from '../policy.ts';

/** A rate row as explanations cite it. */
export interface Rate {
  readonly row: RateRow;
  /** rateText(row): "table, key, rate effective date: $amount". */
  readonly text: string;
  /** Compositions with this row as the adults' rate: by the children's rate, then by number of children. */
  readonly compositions: Map<Rate | null, Composition[]>;
  /** Per-member benefits (household-month.ts `perMember`) by number of eligible people. */
  readonly perMember: Component[];
}

/** Core Essential or Core Shelter for a household composition: the adults' rate plus each child's. */
export interface Composition {
  readonly amount: Money;
  readonly source: string;
  /** The Core Essential component of this composition, when not pro-rated (built when first asked). */
  essential: Component | null;
}

export const rateText = (row: RateRow, what = row.key) =>
  row.effectiveFrom === 'what-if'
    ? `${row.tableLabel}, ${what}, what-if rate for this calculation: ${formatMoney(row.amount)}`
    : `${row.tableLabel}, ${what}, rate effective ${row.effectiveFrom}: ${formatMoney(row.amount)}${row.placeholder ? ' (placeholder rate)' : ''}`;

/** The rate keys of a composition table: `${prefix}1 adult`, `${prefix}2 adults`..., `${prefix}each child`. */
export interface CompositionKeys {
  readonly prefix: string;
  readonly adults: string[];
  readonly child: string;
}

const compositionKeys = new Map<string, CompositionKeys>();
export function keysOf(prefix: string): CompositionKeys {
  let keys = compositionKeys.get(prefix);
  if (!keys) compositionKeys.set(prefix, (keys = { prefix, adults: [], child: `${prefix}each child` }));
  return keys;
}
const adultsKey = (keys: CompositionKeys, adults: number) =>
  (keys.adults[adults] ??= `${keys.prefix}${adults === 1 ? '1 adult' : `${adults} adults`}`);

export class RateCache {
  /** table -> key -> month index -> rate. */
  private readonly byTable = new Map<string, Map<string, Map<number, Rate>>>();
  private readonly canonical = new Map<string, Rate>();

  constructor(private readonly book: RateBook) {}

  /** The rate in force in the month (the book throws MissingRateError when none is). */
  rate(table: string, key: string, index: number): Rate {
    let byKey = this.byTable.get(table);
    if (!byKey) this.byTable.set(table, (byKey = new Map()));
    let byMonth = byKey.get(key);
    if (!byMonth) byKey.set(key, (byMonth = new Map()));
    let rate = byMonth.get(index);
    if (!rate) byMonth.set(index, (rate = this.canonicalOf(table, this.book(table, key, yearMonthAt(index)))));
    return rate;
  }

  private canonicalOf(table: string, row: RateRow): Rate {
    const id = JSON.stringify([table, row.tableLabel, row.key, row.effectiveFrom, row.amount, row.placeholder]);
    let rate = this.canonical.get(id);
    if (!rate) this.canonical.set(id, (rate = { row, text: rateText(row), compositions: new Map(), perMember: [] }));
    return rate;
  }

  /** The Core Essential or Core Shelter for a household: the adults' rate plus each child's. */
  composition(table: string, keys: CompositionKeys, adults: number, children: number, index: number): Composition {
    const adultRate = this.rate(table, adultsKey(keys, adults), index);
    const childRate = children > 0 ? this.rate(table, keys.child, index) : null;
    let byChildren = adultRate.compositions.get(childRate);
    if (!byChildren) adultRate.compositions.set(childRate, (byChildren = []));
    let composition = byChildren[children];
    if (!composition) {
      const amount = add(adultRate.row.amount, childRate ? cents(childRate.row.amount * children) : ZERO);
      const source = childRate ? `${adultRate.text} + ${children} × ${childRate.text}` : adultRate.text;
      byChildren[children] = composition = { amount, source, essential: null };
    }
    return composition;
  }
}

const rateCaches = new WeakMap<RateBook, RateCache>();
export function rateCacheOf(book: RateBook): RateCache {
  let cache = rateCaches.get(book);
  if (!cache) rateCaches.set(book, (cache = new RateCache(book)));
  return cache;
}

type RulesOf = (month: ReturnType<typeof yearMonthAt>) => LearnerRules;
const rulesCaches = new WeakMap<RulesOf, Map<number, LearnerRules>>();

/** The learner rules in force in a month index, asked of `rules` once per month. */
export function rulesByIndex(rules: RulesOf): (index: number) => LearnerRules {
  let cache = rulesCaches.get(rules);
  if (!cache) rulesCaches.set(rules, (cache = new Map()));
  const byIndex = cache;
  return (index) => {
    let r = byIndex.get(index);
    if (!r) byIndex.set(index, (r = rules(yearMonthAt(index))));
    return r;
  };
}
