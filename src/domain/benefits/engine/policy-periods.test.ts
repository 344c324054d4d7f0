/**
 * Policy that changes within a run of months. A rate row says until when it is in force (policy.ts
 * `RateRow.effectiveTo`), and the engine gives every month in that stretch the row's amount without
 * asking again (month.ts `Months.rateUntil`); the income rule lists a component once per stretch of
 * months in which the learner rules stay the same (`Months.rulesUntil`). A month after a change
 * must still be determined under the policy then in force.
 */
import { describe, expect, it } from 'vitest';
import { rates, rules } from '#test/support/household-arbitrary.ts';
import { monthIndex, type PlainDate, type PlainYearMonth, storedDate } from '../../calendar.ts';
import { cents, type Money } from '../../money.ts';
import type { Evidence } from '../evidence.ts';
import type { LearnerRules, RateBook } from '../policy.ts';
import { Batch } from './batch.ts';
import { Run } from './engine.ts';

const JULY_2025 = 2025 * 12 + 6;
const date = (iso: string): PlainDate => storedDate(iso);

/** Every rate is $400.00 until 2025-07-14 (so July's, read on its first day, too), then $500.00. */
const book: RateBook = (table, key, month) => {
  const before = monthIndex(month) <= JULY_2025;
  return {
    table,
    tableLabel: table,
    key,
    amount: cents(before ? 400_00 : 500_00),
    effectiveFrom: before ? '2015-10-01' : '2025-07-15',
    effectiveTo: before ? '2025-07-14' : null,
    placeholder: false,
    source: 'test rate',
  };
};

/** The same rates, the rows not saying until when they are in force (each answers for the month asked only). */
const undated: RateBook = (table, key, month) => {
  const { effectiveTo: _, ...row } = book(table, key, month);
  return row;
};

/** A full-time learner's own earnings are exempt until June 2025, and count from July (one rules value per month index). */
const exempt = rules(date('2025-01-01').toPlainYearMonth());
const counted: LearnerRules = { ...exempt, fullTimeEarningsExempt: false };
const stillExempt: LearnerRules = { ...exempt, fullTimeEarningsExempt: true };
const changingRules = (month: PlainYearMonth): LearnerRules => (monthIndex(month) < JULY_2025 ? stillExempt : counted);

const record = (id: string, type: string, subtype: string, amount: number | null): Evidence =>
  ({
    id,
    label: id,
    type,
    subtype,
    personId: type === 'income' ? 'A' : null,
    amount: amount === null ? null : cents(amount),
    period: { start: date('2025-01-01'), end: null },
    approved: true,
    caseOf: null,
  }) as Evidence;

/** One adult training full-time through 2025 with `evidence`, determined as one run. */
function determined(evidence: readonly Evidence[], rateBook: RateBook, rulesOf = rules): Run {
  const b = new Batch(rateBook, rulesOf);
  const h = b.household(evidence);
  const l = b.learner({ personId: 'A', training: { start: date('2025-01-01'), end: date('2025-12-31') }, load: 'full-time' });
  const offset = b.exemptions(h, new Map<string, Money>());
  for (let m = 2025 * 12; m < 2026 * 12; m++) b.row(h, m, 1, 0, [l], offset);
  const run = new Run(b);
  run.determine();
  return run;
}

/** The year's 12 amounts: `first` in its first `months` months, then `then`. */
const year = (first: number, months: number, then: number) => [
  ...new Array<number>(months).fill(first),
  ...new Array<number>(12 - months).fill(then),
];
const renting = [record('ev-shelter', 'shelter', 'renting', null)];
const byRate = year(400_00, 7, 500_00);

describe('rates that change within a run of months', () => {
  it('give Core Essential the new rate from the first month it is in force', () => {
    expect(Array.from(determined(renting, book).codes.essential.subarray(0, 12))).toEqual(byRate);
  });

  it('give Core Shelter the new rate from the first month it is in force', () => {
    expect(Array.from(determined(renting, book).codes.shelter.subarray(0, 12))).toEqual(byRate);
  });

  it('give each month the rate then in force when the rate rows do not say until when they are in force', () => {
    expect(Array.from(determined(renting, undated).codes.essential.subarray(0, 12))).toEqual(byRate);
  });
});

describe('learner rules that change within a run of months', () => {
  it('count a full-time learner’s own earnings from the month they stop being exempt', () => {
    const earnings = [record('ev-earnings', 'income', 'employment-earnings', 300_00)];
    expect(Array.from(determined(earnings, rates, changingRules).codes.resources.subarray(0, 12))).toEqual(year(0, 6, 300_00));
  });
});
