/**
 * Learner rules that change within a run of months: the income rule lists a component once per
 * stretch of months in which the rules stay the same (month.ts `Months.rulesUntil`), so a month
 * after the change must be determined under the new rules.
 */
import { describe, expect, it } from 'vitest';
import { rates, rules } from '#test/support/household-arbitrary.ts';
import { monthIndex, type PlainDate, type PlainYearMonth, storedDate } from '../../calendar.ts';
import { cents, type Money } from '../../money.ts';
import type { Evidence } from '../evidence.ts';
import type { LearnerRules } from '../policy.ts';
import { Batch } from './batch.ts';
import { Run } from './engine.ts';

const JULY_2025 = 2025 * 12 + 6;
const exempt = rules(storedDate('2025-01-01').toPlainYearMonth());
const counted: LearnerRules = { ...exempt, fullTimeEarningsExempt: false };
/** A full-time learner's own earnings are exempt until June 2025, and count from July. */
const changing = (month: PlainYearMonth): LearnerRules =>
  monthIndex(month) < JULY_2025 ? { ...exempt, fullTimeEarningsExempt: true } : counted;
const known = new Map<number, LearnerRules>();
const rulesOf = (month: PlainYearMonth) => {
  let r = known.get(monthIndex(month));
  if (!r) known.set(monthIndex(month), (r = changing(month)));
  return r;
};

const date = (iso: string): PlainDate => storedDate(iso);
const earnings: Evidence = {
  id: 'ev-earnings',
  label: 'earnings',
  type: 'income',
  subtype: 'employment-earnings',
  personId: 'A',
  amount: cents(300_00) as Money,
  period: { start: date('2025-01-01'), end: null },
  approved: true,
  caseOf: null,
} as Evidence;

describe('learner rules that change within a run of months', () => {
  it('count a full-time learner’s own earnings from the month they stop being exempt', () => {
    const b = new Batch(rates, rulesOf);
    const h = b.household([earnings]);
    const l = b.learner({ personId: 'A', training: { start: date('2025-01-01'), end: date('2025-12-31') }, load: 'full-time' });
    const offset = b.exemptions(h, new Map<string, Money>());
    for (let m = 2025 * 12; m < 2026 * 12; m++) b.row(h, m, 1, 0, [l], offset);
    const run = new Run(b);
    run.determine();
    expect(Array.from(run.codes.resources.subarray(0, 12))).toEqual([
      ...new Array<number>(6).fill(0),
      ...new Array<number>(6).fill(300_00),
    ]);
  });
});
