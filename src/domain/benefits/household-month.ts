/**
 * The household's determination for one month (docs/policy/learner-benefits.md): rate-based benefits
 * issued automatically, amount-based benefits from evidence, and countable resources; entitlement =
 * needs minus countable resources, never below zero. The rules are rules/*.ts, run by the engine
 * (engine/engine.ts); this is the engine with one household and one month. With two attending, E04
 * splits the month between their cases (two-attending/split.ts).
 */
import { formatYearMonth, monthIndex, type Period, type PlainYearMonth } from '../calendar.ts';
import { cents, isNegative, type Money, subtract, ZERO } from '../money.ts';
import type { Component, MonthResult } from './components.ts';
import { Batch } from './engine/batch.ts';
import { Run } from './engine/engine.ts';
import { monthResultOf } from './engine/explain.ts';
import type { Evidence } from './evidence.ts';
import type { LearnerRules, RateBook } from './policy.ts';

export { scholarshipExemptions } from './rules/scholarship-exemption.ts';

export interface Attendance {
  readonly personId: string;
  /** Training dates, both ends included. */
  readonly training: { readonly start: Period['start']; readonly end: NonNullable<Period['end']> };
  readonly load: 'full-time' | 'part-time';
}

export interface HouseholdMonthInput {
  readonly month: PlainYearMonth;
  readonly adults: readonly string[];
  readonly children: readonly string[];
  /** The learners attending training in this month (one, or two when both attend). */
  readonly attending: readonly Attendance[];
  readonly evidence: readonly Evidence[];
  readonly rates: RateBook;
  readonly rules: LearnerRules;
  /** Exemption applied to each scholarship, by evidence id (see scholarshipExemptions). */
  readonly scholarshipExemptions: ReadonlyMap<string, Money>;
}

/** The household's components and entitlement for one month. */
export function householdMonth(input: HouseholdMonthInput): MonthResult {
  const b = new Batch(input.rates, () => input.rules);
  const h = b.household(input.evidence);
  const learners = input.attending.map((a) => b.learner(a));
  b.row(h, monthIndex(input.month), input.adults.length, input.children.length, learners, b.exemptions(h, input.scholarshipExemptions));
  const run = new Run(b);
  run.determine();
  return monthResultOf(run, 0, formatYearMonth(input.month));
}

/** A month's components and their totals (see `summarise`). */
export interface ComponentList {
  readonly components: readonly Component[];
  readonly needs: Money;
  readonly countableResources: Money;
  readonly entitlement: Money;
}

/** Totals for a list of components: entitlement = needs - countable resources, never below zero; zero in a month an eligibility test fails. */
export function componentList(components: readonly Component[]): ComponentList {
  let needs = 0;
  let resources = 0;
  for (const c of components) {
    if (c.kind === 'need') needs = cents(needs + c.amount);
    else if (c.kind === 'resource') resources = cents(resources + c.amount);
  }
  let disqualified = false;
  for (const c of components) if (c.disqualifies) disqualified = true;
  const net = subtract(cents(needs), cents(resources));
  return {
    components,
    needs: cents(needs),
    countableResources: cents(resources),
    entitlement: disqualified || isNegative(net) ? ZERO : net,
  };
}

export const monthResult = (month: string, list: ComponentList): MonthResult => ({
  month,
  components: list.components,
  needs: list.needs,
  countableResources: list.countableResources,
  entitlement: list.entitlement,
});

/** Totals for a list of components: entitlement = needs - countable resources, never below zero. */
export function summarise(month: string, components: readonly Component[]): MonthResult {
  return monthResult(month, componentList(components));
}
