import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { cents } from '../../money.ts';
import type { MonthResult } from '../components.ts';
import { applyLateApplication, firstPayableMonth, LATE_APPLICATION_CODE } from './late-application.ts';

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
