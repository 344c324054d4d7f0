/**
 * Unit tests for engagement.ts, the sweeps over open and active plans:
 * - R03 rule 8 (R03.1 Exception): "Individuals with a Service Plan containing a linked PDC are
 *   considered to have exited their Service Plan when not 'actively engaged' for more than 18
 *   months."
 * - R03.2 passive closure: no contact for more than 90 days and no other service being used makes
 *   the plan a candidate for closure, reviewed by the responsible official.
 */

import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, type PlainDate } from '../calendar.ts';
import { checkClosePlan } from './closure.ts';
import { isExitDue, isPassiveClosureCandidate, lastEngagement } from './engagement.ts';
import type { PlanItem, PlanStatus, ServiceManagementPolicy, ServicePlanState } from './plan.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);

const policy: ServiceManagementPolicy = {
  closureHoldMonthsAfterFundedTraining: 18,
  exitAfterMonthsNotEngaged: 18,
  passiveClosureDaysWithoutContact: 90,
  reference: 'R03.1',
};

const item = (over: Partial<PlanItem> = {}): PlanItem => ({
  id: 'item-1',
  subGoalId: 'sg-training',
  type: 'academic-upgrading',
  ownerId: 'official-a',
  expectedStart: d('2024-01-08'),
  expectedEnd: d('2024-08-31'),
  actualStart: null,
  actualEnd: null,
  outcome: null,
  pdcId: null,
  completedSeq: null,
  ...over,
});
const plan = (items: readonly PlanItem[], status: PlanStatus = 'active'): ServicePlanState => ({
  id: 'sp-1',
  status,
  createdBy: 'official-a',
  subGoals: [
    { id: 'sg-training', type: 'training' },
    { id: 'sg-employment', type: 'employment' },
  ],
  items,
});
/** Funded training that ended long ago (its closure hold, rule 7, is over by 2020-12-28). */
const withPdc = plan([
  item({ pdcId: 'pdc-1', expectedStart: d('2019-01-07'), expectedEnd: d('2019-06-28'), actualStart: d('2019-01-07') }),
]);
const LATER = d('2030-01-01');

/** n calendar months after `date`, on the same day or the month's last day when it is shorter. */
function monthsAfter(date: PlainDate, n: number): PlainDate {
  const index = date.year * 12 + (date.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = Temporal.PlainYearMonth.from({ year, month }).daysInMonth;
  return Temporal.PlainDate.from({ year, month, day: Math.min(date.day, lastDay) });
}

describe('last engagement', () => {
  const planStarted = d('2023-11-01');

  it('the last engagement is the latest of the plan start, the last contact and any actual start or end', () => {
    const items = [
      item({ id: 'item-1', actualStart: d('2024-01-08'), actualEnd: d('2024-06-28') }),
      item({ id: 'item-2', actualStart: d('2024-03-04') }),
    ];
    expect(lastEngagement(plan(items), d('2024-05-15'), planStarted, LATER)).toEqual(d('2024-06-28'));
  });

  it('a contact later than any item activity is the last engagement', () => {
    expect(lastEngagement(plan([item({ actualStart: d('2024-01-08') })]), d('2024-02-20'), planStarted, LATER)).toEqual(d('2024-02-20'));
  });

  it('with no contact and no item started, the plan start is the last engagement', () => {
    expect(lastEngagement(plan([item()]), null, planStarted, LATER)).toEqual(planStarted);
  });

  it('expected dates are plans, not engagement', () => {
    const planned = item({ expectedStart: d('2025-01-06'), expectedEnd: d('2025-12-19') });
    expect(lastEngagement(plan([planned]), null, planStarted, LATER)).toEqual(planStarted);
  });

  it('the last engagement of unfunded items is always one of the recorded dates, and none of them is later', () => {
    const anyDate = fc.integer({ min: 0, max: 2000 }).map((n) => addDays(d('2020-01-01'), n));
    const anyItem = fc.record({ actualStart: fc.option(anyDate, { nil: null }), actualEnd: fc.option(anyDate, { nil: null }) });
    fc.assert(
      fc.property(fc.array(anyItem, { maxLength: 6 }), fc.option(anyDate, { nil: null }), anyDate, (specs, contact, started) => {
        const items = specs.map((s, i) => item({ id: `item-${i}`, ...s }));
        const recorded = [
          started,
          ...(contact ? [contact] : []),
          ...specs.flatMap((s) => [s.actualStart, s.actualEnd].filter((x) => x !== null)),
        ];
        const last = lastEngagement(plan(items), contact, started, LATER);
        expect(recorded.some((r) => r.equals(last))).toBe(true);
        expect(recorded.every((r) => compareDates(r, last) <= 0)).toBe(true);
      }),
    );
  });
});

describe('exit after 18 months not actively engaged (R03 rule 8)', () => {
  const engagedLast = d('2024-03-15');

  it('a person with a linked PDC not engaged for more than 18 months is due to exit (R03 rule 8)', () => {
    // 2024-03-15 + 18 months = 2025-09-15; the day after is more than 18 months
    expect(isExitDue(withPdc, engagedLast, d('2025-09-16'), policy)).toBe(true);
  });

  it('exactly 18 months without engagement is not yet due (R03 rule 8: more than 18 months)', () => {
    expect(isExitDue(withPdc, engagedLast, d('2025-09-15'), policy)).toBe(false);
  });

  it('from a month-end, 18 months ends on the last day of the shorter month (R03 rule 8)', () => {
    // 2024-08-31 + 18 months = 2026-02-31, which does not exist: 2026-02-28
    expect(isExitDue(withPdc, d('2024-08-31'), d('2026-02-28'), policy)).toBe(false);
    expect(isExitDue(withPdc, d('2024-08-31'), d('2026-03-01'), policy)).toBe(true);
  });

  it('a plan with no linked PDC is never due to exit, however long the silence (R03 rule 8)', () => {
    expect(isExitDue(plan([item({ actualStart: d('2024-01-08') })]), engagedLast, d('2030-01-01'), policy)).toBe(false);
  });

  it('a PDC linked under any sub-goal counts, not only training (R03 rule 8: "a Service Plan containing a linked PDC")', () => {
    const fundedEmployment = plan([item({ subGoalId: 'sg-employment', type: 'work-experience', pdcId: 'pdc-1' })]);
    expect(isExitDue(fundedEmployment, engagedLast, d('2025-09-16'), policy)).toBe(true);
  });

  it.each<PlanStatus>(['closed', 'exited'])('a %s plan is not due to exit again', (status) => {
    expect(isExitDue(plan(withPdc.items, status), engagedLast, d('2030-01-01'), policy)).toBe(false);
  });

  it('exit is due exactly when today is past 18 calendar months after the last engagement (R03 rule 8)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: -90, max: 90 }), (engagedOffset, todayOffset) => {
        const engaged = addDays(d('2020-01-01'), engagedOffset);
        const eighteenMonthsLater = monthsAfter(engaged, 18);
        const today = addDays(eighteenMonthsLater, todayOffset);
        expect(isExitDue(withPdc, engaged, today, policy)).toBe(todayOffset > 0);
      }),
    );
  });
});

describe('funded training in progress is active engagement (R03 rule 8, our reading)', () => {
  const planStarted = d('2023-11-01');
  /** Full-time training funded by a learner case, started 2024-01-08, expected to end 2026-06-30; no contact recorded. */
  const inTraining = plan([
    item({ pdcId: 'pdc-1', expectedStart: d('2024-01-08'), expectedEnd: d('2026-06-30'), actualStart: d('2024-01-08') }),
  ]);
  const exitDueOn = (p: ServicePlanState, today: PlainDate) => isExitDue(p, lastEngagement(p, null, planStarted, today), today, policy);

  it('finding 2: a learner in funded training is never marked exited while the training runs', () => {
    // 2024-01-08 + 18 months = 2025-07-08: without the training, the silence alone would make the exit due.
    expect(exitDueOn(inTraining, d('2025-09-01'))).toBe(false);
    expect(lastEngagement(inTraining, null, planStarted, d('2025-09-01'))).toEqual(d('2025-09-01'));
  });

  it('no day of funded training is a day the learner is due to exit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 904 }), (offset) => {
        const today = addDays(d('2024-01-08'), offset); // 2024-01-08 .. 2026-06-30
        expect(exitDueOn(inTraining, today)).toBe(false);
      }),
    );
  });

  it('the 18 months count from the end of the funded training: due the day after 2027-12-30', () => {
    // 2026-06-30 + 18 months = 2027-12-30
    expect(exitDueOn(inTraining, d('2027-12-30'))).toBe(false);
    expect(exitDueOn(inTraining, d('2027-12-31'))).toBe(true);
  });

  it("the case's own training dates count when they changed after funding (an extension)", () => {
    const extended = plan([{ ...inTraining.items[0]!, fundedTraining: { start: d('2024-01-08'), end: d('2027-06-30') } }]);
    expect(lastEngagement(extended, null, planStarted, d('2027-03-01'))).toEqual(d('2027-03-01'));
    expect(exitDueOn(extended, d('2028-12-30'))).toBe(false);
    expect(exitDueOn(extended, d('2028-12-31'))).toBe(true);
  });

  it('training whose start is still ahead is not yet engagement', () => {
    const future = plan([item({ pdcId: 'pdc-1', expectedStart: d('2026-09-01'), expectedEnd: d('2027-04-30') })]);
    expect(lastEngagement(future, null, planStarted, d('2026-06-15'))).toEqual(planStarted);
  });

  it('a learner who left funded training early is not exited before the closure hold (rule 7) ends', () => {
    const left = plan([
      item({
        pdcId: 'pdc-1',
        expectedStart: d('2024-01-08'),
        expectedEnd: d('2026-06-30'),
        actualStart: d('2024-01-08'),
        actualEnd: d('2024-03-29'),
        outcome: { kind: 'not-attained' },
      }),
    ]);
    // Engaged last 2024-03-29, 18 months later is 2025-09-29; the hold runs to 2027-12-30.
    expect(exitDueOn(left, d('2025-10-01'))).toBe(false);
    expect(exitDueOn(left, d('2027-12-29'))).toBe(false);
    expect(exitDueOn(left, d('2027-12-30'))).toBe(true);
  });
});

describe('passive closure candidates (R03.2)', () => {
  const planStarted = d('2024-06-03');
  const lastContact = d('2025-01-10');
  const active = plan([]);

  it('a plan is not a passive closure candidate 90 days after the last contact (R03.2: more than 90 days)', () => {
    expect(isPassiveClosureCandidate(active, lastContact, planStarted, false, addDays(lastContact, 90), policy)).toBe(false);
  });

  it('a plan is a passive closure candidate 91 days after the last contact (R03.2)', () => {
    expect(isPassiveClosureCandidate(active, lastContact, planStarted, false, addDays(lastContact, 91), policy)).toBe(true);
  });

  it('a plan is not a passive closure candidate while another service is active (R03.2)', () => {
    expect(isPassiveClosureCandidate(active, lastContact, planStarted, true, addDays(lastContact, 400), policy)).toBe(false);
  });

  it('with no contact ever recorded, the 90 days run from the plan start (R03.2)', () => {
    expect(isPassiveClosureCandidate(active, null, planStarted, false, addDays(planStarted, 90), policy)).toBe(false);
    expect(isPassiveClosureCandidate(active, null, planStarted, false, addDays(planStarted, 91), policy)).toBe(true);
  });

  it.each<PlanStatus>(['closed', 'exited'])('a %s plan is not a passive closure candidate', (status) => {
    expect(isPassiveClosureCandidate(plan([], status), lastContact, planStarted, false, addDays(lastContact, 400), policy)).toBe(false);
  });

  it('the sweep proposes a passive closure exactly when the official would be allowed to record it (R03.2)', () => {
    const finished = plan([]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 0, max: 200 }), fc.boolean(), (contactOffset, gap, otherService) => {
        const contact = addDays(d('2020-01-01'), contactOffset);
        const today = addDays(contact, gap);
        const candidate = isPassiveClosureCandidate(finished, contact, contact, otherService, today, policy);
        const refusals = checkClosePlan(
          finished,
          {
            closingOn: today,
            reason: 'no-contact',
            actor: { userId: 'official-a', isSupervisor: false },
            lastContact: contact,
            planStarted: contact,
            otherActiveService: otherService,
          },
          policy,
        );
        expect(candidate).toBe(refusals.length === 0);
      }),
    );
  });
});
