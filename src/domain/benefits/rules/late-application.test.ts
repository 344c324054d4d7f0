import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { cents } from '../../money.ts';
import type { MonthResult } from '../components.ts';
import type { HouseholdDetermination } from '../determine.ts';
import { applyLateApplication, applyLateApplications, firstPayableMonth, LATE_APPLICATION_CODE } from './late-application.ts';

const day = (s: string) => Temporal.PlainDate.from(s);
const month = (key: string, entitlement: number): MonthResult => ({
  month: key,
  components: [{ code: 'core-essential', kind: 'need', amount: cents(entitlement), rule: 'core essential', source: 'rates', splits: true }],
  needs: cents(entitlement),
  countableResources: cents(0),
  entitlement: cents(entitlement),
});
const training = [month('2026-09', 100_00), month('2026-10', 100_00), month('2026-11', 100_00), month('2026-12', 100_00)];

describe('E15 late applications (M7092)', () => {
  it('an application received on 14 November pays from November', () => {
    expect(firstPayableMonth(day('2026-11-14')).toString()).toBe('2026-11');
    const paid = applyLateApplication(training, day('2026-11-14'));
    expect(paid.map((m) => [m.month, m.entitlement])).toEqual([
      ['2026-09', 0],
      ['2026-10', 0],
      ['2026-11', 100_00],
      ['2026-12', 100_00],
    ]);
  });

  it('an application received on the last day of a month still pays that whole month', () => {
    const paid = applyLateApplication(training, day('2026-10-31'));
    expect(paid.find((m) => m.month === '2026-10')!.entitlement).toBe(100_00);
  });

  it('a month before the application month explains why it is not paid, naming the received date', () => {
    const [september] = applyLateApplication(training, day('2026-11-14'));
    const reason = september!.components.find((c) => c.code === LATE_APPLICATION_CODE)!;
    expect(reason.rule).toContain('2026-11-14');
    expect(reason.disqualifies).toBe(true);
  });

  it('a month before the application month keeps its other components for the record', () => {
    const [september] = applyLateApplication(training, day('2026-11-14'));
    expect(september!.components.map((c) => c.code)).toEqual(['core-essential', LATE_APPLICATION_CODE]);
  });

  it('a case with no application date is determined exactly as before', () => {
    expect(applyLateApplication(training, null)).toEqual(training);
  });

  it('an application received before training starts changes nothing', () => {
    expect(applyLateApplication(training, day('2026-08-20'))).toEqual(training);
  });
});

describe('E15 late applications in a household of two learners', () => {
  // Two learners sharing a household month of $200.00, split $100.00 each (E04).
  const half = (key: string) => month(key, 100_00);
  const household: HouseholdDetermination = {
    learners: [
      { personId: 'a', months: [half('2027-01'), half('2027-02')], evidence: [] },
      { personId: 'b', months: [half('2027-01'), half('2027-02')], evidence: [] },
    ],
    twoAttending: { first: 'a', second: 'b', months: ['2027-01', '2027-02'] },
    household: ['2027-01', '2027-02'].map((key) => ({
      month: key,
      household: month(key, 200_00),
      byCode: { 'core-essential': { byLearner: { a: cents(100_00), b: cents(100_00) }, total: cents(200_00) } },
      balanced: true,
    })),
  };
  const receivedByB = (id: string) => (id === 'b' ? day('2027-02-10') : null);

  it("a month before the second learner's application month pays the household only the first learner's half ($200.00 - $100.00)", () => {
    const paid = applyLateApplications(household, receivedByB);
    expect(paid.household.map((r) => [r.month, r.household.entitlement])).toEqual([
      ['2027-01', 100_00],
      ['2027-02', 200_00],
    ]);
    expect(paid.learners.map((l) => l.months.map((m) => m.entitlement))).toEqual([
      [100_00, 100_00],
      [0, 100_00],
    ]);
  });

  it('the household month not paid in full says why, and the learners still add up to it', () => {
    const paid = applyLateApplications(household, receivedByB);
    const january = paid.household[0]!.household;
    expect(january.components.find((c) => c.code === LATE_APPLICATION_CODE)!.rule).toContain('2027-02-10');
    const sum = paid.learners.reduce((t, l) => t + l.months[0]!.entitlement, 0);
    expect(sum).toBe(january.entitlement);
  });

  it('a household with no application date is determined exactly as before', () => {
    expect(applyLateApplications(household, () => null)).toBe(household);
  });
});
