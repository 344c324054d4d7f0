/** ISTHB s.44 plan limits: a first plan 30 / 40 / 50 months, a subsequent plan 30 or 50. */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { checkPlanLimit, planLimit, planMonths } from './plan-limits.ts';
import { POLICY } from './test-policy.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);
/** A training of `months` counted months from January 2024, at `load` percent (null: a full load). */
const training = (months: number, load: number | null = null) => ({
  start: d('2024-01-08'),
  end: d('2024-01-08')
    .add({ months: months - 1 })
    .with({ day: 20 }),
  courseLoadPercent: load,
});

describe('ISTHB s.44: the length of a first training plan', () => {
  it('a first plan of 31 months is refused at 30 unless an exception is approved', () => {
    const [refusal] = checkPlanLimit('first', [], [training(31)], POLICY);
    expect(refusal).toMatchObject({
      code: 'PLAN_LIMIT_EXCEEDED',
      rule: expect.stringContaining('s.44'),
      facts: { planKind: 'first', months: 31, limitMonths: 30, exceptionalMonths: 40, reducedLoadMonths: 50 },
    });
    expect(refusal?.detail).toContain('limited to 30 months');
    expect(refusal?.detail).toContain('exception');
    expect(checkPlanLimit('first', [], [training(31)], POLICY, { exceptionApproved: true })).toEqual([]);
  });
  it('a first plan of 30 months is allowed', () => {
    expect(checkPlanLimit('first', [], [training(30)], POLICY)).toEqual([]);
  });
  it('an approved exception allows 40 months, not 41', () => {
    expect(checkPlanLimit('first', [], [training(40)], POLICY, { exceptionApproved: true })).toEqual([]);
    expect(checkPlanLimit('first', [], [training(41)], POLICY, { exceptionApproved: true })[0]).toMatchObject({
      facts: { limitMonths: 40, basis: 'exceptional' },
    });
  });
  it('a reduced course load of 40% allows 50 months', () => {
    expect(checkPlanLimit('first', [], [training(50, 40)], POLICY)).toEqual([]);
    expect(checkPlanLimit('first', [], [training(51, 40)], POLICY)[0]).toMatchObject({ facts: { limitMonths: 50, basis: 'reduced-load' } });
  });
  it('a course load of 39% is not a reduced course load: the plan stays at 30 months', () => {
    expect(planLimit('first', [training(31, 39)], POLICY)).toMatchObject({ limitMonths: 30, basis: 'standard' });
  });
  it('a full load of 100% is not a reduced course load', () => {
    expect(planLimit('first', [training(31, 100)], POLICY).limitMonths).toBe(30);
  });
  it('one training at a full load takes the whole plan back to 30 months', () => {
    const plan = [training(20, 50), { ...training(12), start: d('2025-09-02'), end: d('2026-08-28') }];
    expect(planLimit('first', plan, POLICY).limitMonths).toBe(30);
  });
});

describe('ISTHB s.44: the length of a subsequent training plan', () => {
  it('a subsequent plan of 31 months is refused at 30, and no exception lengthens it', () => {
    const [refusal] = checkPlanLimit('subsequent', [], [training(31)], POLICY, { exceptionApproved: true });
    expect(refusal).toMatchObject({ facts: { planKind: 'subsequent', limitMonths: 30, exceptionalMonths: null } });
    expect(refusal?.detail).not.toContain('record a plan-length exception');
  });
  it('a subsequent plan at a reduced course load of 40% may run 50 months', () => {
    expect(checkPlanLimit('subsequent', [], [training(50, 40)], POLICY)).toEqual([]);
  });
});

describe('counting a plan’s months', () => {
  it('a training starting on the 16th counts from the next month, as for the caps', () => {
    expect(planMonths([{ start: d('2024-01-16'), end: d('2026-07-10'), courseLoadPercent: null }], POLICY)).toBe(30);
    expect(planMonths([{ start: d('2024-01-15'), end: d('2026-07-10'), courseLoadPercent: null }], POLICY)).toBe(31);
  });
  it('two trainings in the same month count it once', () => {
    const a = { start: d('2024-01-08'), end: d('2024-03-20'), courseLoadPercent: null };
    const b = { start: d('2024-03-21'), end: d('2024-05-20'), courseLoadPercent: null };
    expect(planMonths([a, b], POLICY)).toBe(5);
  });
  it('moving a training of a plan already past its limit without adding months is allowed', () => {
    expect(checkPlanLimit('first', [training(35)], [{ ...training(35), end: training(35).end.with({ day: 5 }) }], POLICY)).toEqual([]);
  });
});

describe('changing a course load', () => {
  it('raising a 45-month plan from a 40% load to a full load is refused: the limit falls to 30', () => {
    expect(checkPlanLimit('first', [training(45, 40)], [training(45)], POLICY)[0]).toMatchObject({
      facts: { months: 45, limitMonths: 30 },
    });
  });
});

describe('plan limit properties', () => {
  const date = fc.integer({ min: 0, max: 4000 }).map((n) => d('2015-01-01').add({ days: n }));
  const item = fc
    .tuple(date, fc.integer({ min: 0, max: 1600 }), fc.option(fc.integer({ min: 1, max: 100 })))
    .map(([start, days, load]) => ({ start, end: start.add({ days }), courseLoadPercent: load }));
  it('a plan is refused only when it runs longer than the longest limit it qualifies for', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 3 }), fc.constantFrom('first', 'subsequent' as const), (plan, kind) => {
        const refused = checkPlanLimit(kind, [], plan, POLICY).length > 0;
        expect(refused).toBe(planMonths(plan, POLICY) > planLimit(kind, plan, POLICY).limitMonths);
      }),
    );
  });
});
