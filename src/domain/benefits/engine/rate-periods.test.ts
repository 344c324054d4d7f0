/**
 * A rate row says until when it is in force (policy.ts `RateRow.effectiveTo`), and the engine gives
 * every month in that stretch the row's amount without asking again (month.ts `Months.rateUntil`):
 * a month after it must still get the rate then in force, within one run of months.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '#test/support/household-arbitrary.ts';
import { monthIndex, type PlainDate, storedDate } from '../../calendar.ts';
import { cents, type Money } from '../../money.ts';
import type { Evidence } from '../evidence.ts';
import type { RateBook } from '../policy.ts';
import { Batch } from './batch.ts';
import { Run } from './engine.ts';

const JULY_2025 = 2025 * 12 + 6;

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

const date = (iso: string): PlainDate => storedDate(iso);
const shelter: Evidence = {
  id: 'ev-shelter',
  label: 'shelter',
  type: 'shelter',
  subtype: 'renting',
  personId: null,
  amount: null,
  period: { start: date('2025-01-01'), end: null },
  approved: true,
  caseOf: null,
} as Evidence;

/** The same rates, the rows not saying until when they are in force (each answers for the month asked only). */
const undated: RateBook = (table, key, month) => {
  const { effectiveTo: _, ...row } = book(table, key, month);
  return row;
};

/** One adult training through 2025, renting, determined as one run. */
function determined(rates = book): Run {
  const b = new Batch(rates, rules);
  const h = b.household([shelter]);
  const l = b.learner({ personId: 'A', training: { start: date('2025-01-01'), end: date('2025-12-31') }, load: 'full-time' });
  const offset = b.exemptions(h, new Map<string, Money>());
  for (let m = 2025 * 12; m < 2026 * 12; m++) b.row(h, m, 1, 0, [l], offset);
  const run = new Run(b);
  run.determine();
  return run;
}

const byRate = [...new Array<number>(7).fill(400_00), ...new Array<number>(5).fill(500_00)];

describe('rates that change within a run of months', () => {
  it('give Core Essential the new rate from the first month it is in force', () => {
    expect(Array.from(determined().codes.essential.subarray(0, 12))).toEqual(byRate);
  });

  it('give Core Shelter the new rate from the first month it is in force', () => {
    expect(Array.from(determined().codes.shelter.subarray(0, 12))).toEqual(byRate);
  });

  it('give each month the rate then in force when the rate rows do not say until when they are in force', () => {
    expect(Array.from(determined(undated).codes.essential.subarray(0, 12))).toEqual(byRate);
  });
});
