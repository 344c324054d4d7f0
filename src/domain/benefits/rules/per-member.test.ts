/**
 * The per-member benefits count the different people the facts in force in a month name
 * (per-member.ts), however many facts a household has: a batch refuses only a household naming more
 * people than its codes count (codes.ts `MAX_MEMBERS`), never one with many facts about few people.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rates, rules } from '#test/support/household-arbitrary.ts';
import { addDays, monthIndex, type PlainDate } from '../../calendar.ts';
import { Batch } from '../engine/batch.ts';
import { MAX_MEMBERS } from '../engine/codes.ts';
import { Run } from '../engine/engine.ts';
import { monthResultOf } from '../engine/explain.ts';
import { monthAt } from '../engine/months.ts';
import { rulesIn } from '../engine/policy-cache.ts';
import type { Evidence } from '../evidence.ts';
import { scholarshipExemptions } from './scholarship-exemption.ts';

const START = monthAt(2025 * 12).toPlainDate({ day: 1 });
const on = (day: number): PlainDate => addDays(START, day);
const TRAINING_DAYS = 365;

interface Fact {
  readonly personId: string | null;
  readonly start: number;
  readonly length: number | null;
}

const disability = (f: Fact, i: number): Evidence =>
  ({
    id: `ev-${i}`,
    label: `disability ${i}`,
    type: 'disability',
    subtype: null,
    personId: f.personId,
    amount: null,
    period: { start: on(f.start), end: f.length === null ? null : on(f.start + f.length) },
    approved: true,
    caseOf: null,
  }) as Evidence;

/** The people Handicap Benefit counts in each month of a year's training of learner A, with these disability facts. */
function peopleCounted(facts: readonly Fact[]): number[] {
  const evidence = facts.map(disability);
  const b = new Batch(rates, rules);
  const household = b.household(evidence);
  const learner = b.learner({ personId: 'A', training: { start: START, end: on(TRAINING_DAYS) }, load: 'full-time' });
  for (let m = b.lStartMonth.a[learner]!, end = b.lEndMonth.a[learner]!; m <= end; m++)
    b.row(household, m, 1, 0, [learner], b.exemptions(household, scholarshipExemptions(evidence, rulesIn(rules, m))));
  const run = new Run(b);
  run.determine();
  return Array.from({ length: b.rows }, (_, row) => {
    const result = monthResultOf(run, row, monthAt(b.rowMonth.a[row]!).toString());
    const component = result.components.find((c) => / eligible (person|people) /.test(c.rule));
    return component ? Number(/^(\d+) eligible/.exec(component.rule.slice(component.rule.indexOf(': ') + 2))![1]) : 0;
  });
}

/** The different people (a fact naming nobody: one) named by the facts with a day in each month of the training. */
function expectedPeople(facts: readonly Fact[]): number[] {
  const first = monthIndex(START);
  const last = monthIndex(on(TRAINING_DAYS));
  const months: number[] = [];
  for (let m = first; m <= last; m++) {
    const named = new Set<string | null>();
    for (const f of facts) {
      const from = monthIndex(on(f.start));
      const to = f.length === null ? Number.POSITIVE_INFINITY : monthIndex(on(f.start + f.length));
      if (from <= m && m <= to) named.add(f.personId);
    }
    months.push(named.size);
  }
  return months;
}

const factArb = fc.record({
  personId: fc.constantFrom('A', 'B', 'C', 'D', null),
  start: fc.integer({ min: -200, max: 400 }),
  length: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
});

describe('the per-member benefits', () => {
  it('count the different people named in each month, for a household with few facts or hundreds of them', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(factArb, { maxLength: 8 }), fc.array(factArb, { minLength: 100, maxLength: 400 })), (facts) => {
        expect(peopleCounted(facts)).toEqual(expectedPeople(facts));
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it(`count two people for a household with more than ${MAX_MEMBERS.toLocaleString('en-CA')} disability facts about two people, half of them ended before training`, () => {
    const facts = Array.from({ length: MAX_MEMBERS + 5_000 }, (_, i) =>
      i < (MAX_MEMBERS + 5_000) / 2
        ? { personId: 'A', start: -400, length: 10 }
        : { personId: i % 2 ? 'A' : 'B', start: i % 400, length: null },
    );
    expect(new Set(peopleCounted(facts).slice(-6))).toEqual(new Set([2]));
  });
});
