/** R08 Subsequent Training Service Plans [M7611]: 48 months after the last approved training. */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { checkSubsequentTraining, lastApprovedTraining } from './subsequent-training.ts';
import { POLICY } from './test-policy.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);
const last = { planId: 'earlier-plan', start: d('2021-09-07'), end: d('2022-06-30') };

describe('R08: a new training plan within 48 months of the last approved training', () => {
  it('a plan 30 months after the last is refused until month 48, with the date it becomes possible', () => {
    const [refusal] = checkSubsequentTraining([last], { planId: 'new-plan', start: d('2024-12-30') }, POLICY);
    expect(refusal).toMatchObject({
      code: 'SUBSEQUENT_TRAINING_TOO_SOON',
      rule: expect.stringContaining('R08'),
      field: 'expectedStart',
      facts: { possibleFrom: '2026-06-30', lastTrainingEnd: '2022-06-30' },
    });
    expect(refusal?.detail).toContain('A new training plan can start on 30 June 2026, 48 months later');
  });

  it('a plan starting in month 48 after the last training is allowed', () => {
    expect(checkSubsequentTraining([last], { planId: 'new-plan', start: d('2026-06-30') }, POLICY)).toEqual([]);
  });

  it('a plan the day before month 48 is still refused', () => {
    expect(checkSubsequentTraining([last], { planId: 'new-plan', start: d('2026-06-29') }, POLICY)).toHaveLength(1);
  });

  it('an approved exception lets a plan 30 months after the last go ahead', () => {
    expect(checkSubsequentTraining([last], { planId: 'new-plan', start: d('2024-12-30') }, POLICY, { exceptionApproved: true })).toEqual(
      [],
    );
  });

  it('training added to the same Service Plan as the last training is not a subsequent plan', () => {
    expect(checkSubsequentTraining([last], { planId: 'earlier-plan', start: d('2022-07-04') }, POLICY)).toEqual([]);
  });

  it('a person with no approved training may start training at once', () => {
    expect(checkSubsequentTraining([], { planId: 'new-plan', start: d('2024-12-30') }, POLICY)).toEqual([]);
  });

  it('the 48 months run from the training that ended last', () => {
    const later = { planId: 'middle-plan', start: d('2023-01-09'), end: d('2023-12-15') };
    expect(lastApprovedTraining([later, last], 'new-plan')).toBe(later);
  });
});

describe('R08 properties', () => {
  it('a start is refused exactly when it is before the end of the last training plus 48 months', () => {
    const date = fc.integer({ min: 0, max: 7000 }).map((n) => d('2010-01-01').add({ days: n }));
    fc.assert(
      fc.property(date, date, (end, start) => {
        const refused = checkSubsequentTraining([{ planId: 'a', start: end, end }], { planId: 'b', start }, POLICY).length > 0;
        expect(refused).toBe(Temporal.PlainDate.compare(start, end.add({ months: 48 })) < 0);
      }),
    );
  });
});
