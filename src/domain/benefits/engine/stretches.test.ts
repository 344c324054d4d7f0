/**
 * Rules that list one component per evidence record (rules/evidence-need.ts, rules/income.ts) keep
 * it once per stretch of a run's months in which nothing about it changes (codes.ts
 * `ComponentList`), and the per-member benefits count people once per such stretch
 * (rules/per-member.ts). A household determined row by row (as determine.ts does) has stretches of one
 * month; determined all at once, as a batch is, its stretches are long: both must render the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rates, rules } from '#test/support/household-arbitrary.ts';
import { addDays, type PlainDate } from '../../calendar.ts';
import { cents, type Money } from '../../money.ts';
import type { Evidence } from '../evidence.ts';
import type { LearnerRules } from '../policy.ts';
import { scholarshipExemptions } from '../rules/scholarship-exemption.ts';
import { Batch } from './batch.ts';
import { Run } from './engine.ts';
import { monthResultOf } from './explain.ts';
import { monthAt } from './months.ts';
import { rulesIn } from './policy-cache.ts';

const START = monthAt(2025 * 12).toPlainDate({ day: 1 });
const on = (day: number): PlainDate => addDays(START, day);

/** A record of a type the listing rules, the per-member benefits or the asset test read, over any stretch of three years. */
const evidenceArb = fc.record({
  kind: fc.constantFrom(
    ['income', 'scholarship'],
    ['income', 'employment-earnings'],
    ['income', 'other'],
    ['child-care', null],
    ['additional-shelter', null],
    ['assets', null],
    ['disability', null],
    ['special-diet-need', null],
  ),
  personId: fc.constantFrom('A', 'B', null),
  amount: fc.integer({ min: 0, max: 9_000_00 }),
  start: fc.integer({ min: 0, max: 1000 }),
  length: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }),
});

const householdArb = fc.record({
  start: fc.integer({ min: 0, max: 400 }),
  length: fc.integer({ min: 0, max: 700 }),
  fullTime: fc.boolean(),
  /** The month from which a second adult lives in the household (none: -1). */
  partnerFrom: fc.integer({ min: -1, max: 24 }),
  evidence: fc.array(evidenceArb, { maxLength: 5 }),
});

type Generated = typeof householdArb extends fc.Arbitrary<infer T> ? T : never;

/** The household's months as rows of one batch, one learner attending (none when the tables refuse a month). */
function batchOf(h: Generated): Batch {
  const evidence: Evidence[] = h.evidence.map((e, i) => {
    const [type, subtype] = e.kind;
    const bounded = type === 'income' && subtype === 'scholarship';
    const length = e.length ?? (bounded ? 300 : null);
    return {
      id: `ev-${i}`,
      label: `evidence ${i}`,
      type: type!,
      subtype: subtype ?? null,
      personId: type === 'income' ? (e.personId ?? 'A') : e.personId,
      amount:
        type === 'disability' || type === 'special-diet-need'
          ? null
          : (cents(type === 'assets' ? 10_000_00 + e.amount : e.amount) as Money),
      period: { start: on(e.start), end: length === null ? null : on(e.start + length) },
      approved: true,
      caseOf: null,
    } as Evidence;
  });
  const b = new Batch(rates, rules);
  const household = b.household(evidence);
  const learner = b.learner({
    personId: 'A',
    training: { start: on(h.start), end: on(h.start + h.length) },
    load: h.fullTime ? 'full-time' : 'part-time',
  });
  // The exemptions of each set of learner rules, written once (as a batch does).
  const offsets = new Map<LearnerRules, number>();
  for (let m = b.lStartMonth.a[learner]!, end = b.lEndMonth.a[learner]!; m <= end; m++) {
    const adults = h.partnerFrom >= 0 && m - b.lStartMonth.a[learner]! >= h.partnerFrom ? 2 : 1;
    const rulesThen = rulesIn(rules, m);
    let offset = offsets.get(rulesThen);
    if (offset === undefined) offsets.set(rulesThen, (offset = b.exemptions(household, scholarshipExemptions(evidence, rulesThen))));
    b.row(household, m, adults, 0, [learner], offset);
  }
  return b;
}

/** Each row's month result as JSON, the batch determined by `determine`; or the refusal. */
function outcomes(b: Batch, determine: (run: Run) => void): string[] {
  const run = new Run(b);
  try {
    determine(run);
  } catch (error) {
    return [`${(error as Error).name}: ${(error as Error).message}`];
  }
  return Array.from({ length: b.rows }, (_, row) => JSON.stringify(monthResultOf(run, row, monthAt(b.rowMonth.a[row]!).toString())));
}

describe('components listed once per stretch of months', () => {
  it('render every month of a household determined all at once as they render determined month by month', () => {
    fc.assert(
      fc.property(householdArb, (h) => {
        const b = batchOf(h);
        const byRow = outcomes(b, (run) => {
          for (let row = 0; row < b.rows; row++) run.determine(row, row + 1);
        });
        expect(outcomes(b, (run) => run.determine())).toEqual(byRow);
      }),
      { numRuns: 400, seed: 14 },
    );
  });

  it('render the same after the months from the middle on are determined again', () => {
    fc.assert(
      fc.property(householdArb, (h) => {
        const b = batchOf(h);
        const once = outcomes(b, (run) => run.determine());
        const again = outcomes(b, (run) => {
          run.determine();
          run.determine(b.rows >> 1, b.rows);
        });
        expect(again).toEqual(once);
      }),
      { numRuns: 400, seed: 14 },
    );
  });
});

describe('components of a stretch determined again from its middle', () => {
  it('end where the stretch is cut when the record they come from no longer reaches the later months', () => {
    const household = (length: number | null): Generated => ({
      start: 0,
      length: 360,
      fullTime: true,
      partnerFrom: -1,
      evidence: [{ kind: ['additional-shelter', null], personId: null, amount: 150_00, start: 0, length }],
    });
    // The record, open at first, is corrected to end in the sixth month (2025-06-10); the months from the seventh on are determined again.
    const b = batchOf(household(null));
    const corrected = batchOf(household(160));
    const again = outcomes(b, (run) => {
      run.determine();
      b.evLast.a[0] = corrected.evLast.a[0]!;
      b.evidence[0] = corrected.evidence[0]!;
      run.determine(6, b.rows);
    });
    expect(again).toEqual(outcomes(corrected, (run) => run.determine()));
  });
});
