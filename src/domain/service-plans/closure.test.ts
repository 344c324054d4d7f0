/**
 * Unit tests for closure.ts:
 * - R03 rule 6 (R03.1 Description): "The Authorized Official with the last plan item to complete in
 *   a Service Plan is responsible for Service Plan Closure."
 * - R03 rule 7 (R03.1 Exception): "Do not close a Service Plan with a training sub-goal containing
 *   an associated plan item, and a linked product delivery case (PDC) until 18 months after the end
 *   of the training expected end date."
 * - R03.2: close directly when the programs are finished and the person is employed or wants no
 *   more services; passively when there has been no contact for more than 90 days and no other
 *   service is being used.
 */

import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDays, type PlainDate } from '../calendar.ts';
import type { Refusal } from '../refusal.ts';
import {
  CLOSURE_REASON_LABELS,
  CLOSURE_REASONS,
  type ClosureReason,
  type ClosureRequest,
  checkClosePlan,
  closureHeldUntil,
  closureResponsible,
  closureSummary,
  closureTaskOwnerAfterCompleting,
} from './closure.ts';
import type { PlanItem, PlanStatus, ServiceManagementPolicy, ServicePlanState } from './plan.ts';
import type { ItemActor } from './plan-items.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);
const codes = (refusals: readonly Refusal[]) => refusals.map((r) => r.code);

const policy: ServiceManagementPolicy = {
  closureHoldMonthsAfterFundedTraining: 18,
  exitAfterMonthsNotEngaged: 18,
  passiveClosureDaysWithoutContact: 90,
  reference: 'R03.1',
};

const officialA: ItemActor = { userId: 'official-a', isSupervisor: false };
const officialB: ItemActor = { userId: 'official-b', isSupervisor: false };
const supervisor: ItemActor = { userId: 'supervisor-s', isSupervisor: true };

const openItem = (over: Partial<PlanItem> = {}): PlanItem => ({
  id: 'item-1',
  subGoalId: 'sg-training',
  type: 'academic-upgrading',
  ownerId: officialA.userId,
  expectedStart: d('2024-01-08'),
  expectedEnd: d('2024-08-31'),
  actualStart: d('2024-01-08'),
  actualEnd: null,
  outcome: null,
  pdcId: null,
  completedSeq: null,
  ...over,
});
const doneItem = (over: Partial<PlanItem> = {}): PlanItem =>
  openItem({ actualEnd: d('2024-08-30'), outcome: { kind: 'attained' }, completedSeq: 1, ...over });

const plan = (items: readonly PlanItem[], over: Partial<ServicePlanState> = {}): ServicePlanState => ({
  id: 'sp-1',
  status: 'active',
  createdBy: 'official-creator',
  subGoals: [
    { id: 'sg-training', type: 'training' },
    { id: 'sg-employment', type: 'employment' },
    { id: 'sg-job-search', type: 'job-search' },
  ],
  items,
  ...over,
});

const request = (over: Partial<ClosureRequest> = {}): ClosureRequest => ({
  closingOn: d('2025-06-02'),
  reason: 'programs-finished-employed',
  actor: officialA,
  lastContact: d('2025-06-01'),
  planStarted: d('2025-01-06'),
  otherActiveService: false,
  ...over,
});

/** n calendar months after `date`, on the same day or the month's last day when it is shorter. */
function monthsAfter(date: PlainDate, n: number): PlainDate {
  const index = date.year * 12 + (date.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = Temporal.PlainYearMonth.from({ year, month }).daysInMonth;
  return Temporal.PlainDate.from({ year, month, day: Math.min(date.day, lastDay) });
}

describe('who closes the plan (R03 rule 6)', () => {
  it('completing the last open item makes its owner responsible for closure (R03 rule 6)', () => {
    const last = doneItem({
      id: 'item-2',
      ownerId: officialB.userId,
      subGoalId: 'sg-job-search',
      type: 'resume-preparation',
      completedSeq: 2,
    });
    const after = plan([doneItem({ id: 'item-1', completedSeq: 1 }), last]);
    expect(closureTaskOwnerAfterCompleting(after, last)).toBe('official-b');
    expect(closureResponsible(after)).toBe('official-b');
  });

  it('completing an item while others remain open creates no closure task (R03 rule 6)', () => {
    const justDone = doneItem({ id: 'item-1' });
    const after = plan([justDone, openItem({ id: 'item-2', ownerId: officialB.userId })]);
    expect(closureTaskOwnerAfterCompleting(after, justDone)).toBeNull();
  });

  it('the owner of the item completed last closes, whatever the expected ends or the order items were added (R03 rule 6)', () => {
    const items = [
      doneItem({ id: 'item-late-end', ownerId: 'official-a', expectedEnd: d('2025-12-31'), completedSeq: 1 }),
      doneItem({ id: 'item-completed-last', ownerId: 'official-b', expectedEnd: d('2024-03-31'), completedSeq: 3 }),
      doneItem({ id: 'item-middle', ownerId: 'official-c', expectedEnd: d('2024-06-30'), completedSeq: 2 }),
    ];
    expect(closureResponsible(plan(items))).toBe('official-b');
  });

  it('while items are open, the owner of the open item expected to end last is responsible (R03 rule 6)', () => {
    const items = [
      doneItem({ id: 'item-done', ownerId: 'official-c', completedSeq: 5 }),
      openItem({ id: 'item-early', ownerId: 'official-a', expectedEnd: d('2024-06-30') }),
      openItem({ id: 'item-late', ownerId: 'official-b', expectedEnd: d('2024-12-31') }),
    ];
    expect(closureResponsible(plan(items))).toBe('official-b');
  });

  it('a plan with no items is closed by the official who created it', () => {
    expect(closureResponsible(plan([]))).toBe('official-creator');
  });

  const owners = ['official-a', 'official-b', 'official-c'];
  const anyItem = fc
    .record({
      ownerId: fc.constantFrom(...owners),
      endOffset: fc.integer({ min: 0, max: 720 }),
      completed: fc.boolean(),
    })
    .map(({ ownerId, endOffset, completed }) => ({ ownerId, expectedEnd: addDays(d('2024-01-01'), endOffset), completed }));
  const anyItems = fc
    .array(anyItem, { maxLength: 8 })
    .map((specs) =>
      specs.map((s, i) =>
        s.completed
          ? doneItem({ id: `item-${i}`, ownerId: s.ownerId, expectedEnd: s.expectedEnd, completedSeq: i + 1 })
          : openItem({ id: `item-${i}`, ownerId: s.ownerId, expectedEnd: s.expectedEnd }),
      ),
    );

  it('closureResponsible is always the owner of some item or the creator (R03 rule 6)', () => {
    fc.assert(
      fc.property(anyItems, (items) => {
        expect([...items.map((i) => i.ownerId), 'official-creator']).toContain(closureResponsible(plan(items)));
      }),
    );
  });

  it('while any item is open, closure falls to the owner of an open item, never to someone whose work is done (R03 rule 6)', () => {
    fc.assert(
      fc.property(anyItems, (items) => {
        const openOwners = items.filter((i) => i.outcome === null).map((i) => i.ownerId);
        fc.pre(openOwners.length > 0);
        expect(openOwners).toContain(closureResponsible(plan(items)));
      }),
    );
  });
});

describe('the hold after funded training (R03 rule 7)', () => {
  const funded = doneItem({ pdcId: 'pdc-1', expectedEnd: d('2024-08-31') });

  it("a plan with a funded training item cannot close until 18 months after the training's expected end (R03 rule 7)", () => {
    // 2024-08-31 + 18 months = 2026-02-31, which does not exist: the hold ends on the month's last day
    const refusals = checkClosePlan(plan([funded]), request({ closingOn: d('2026-02-27'), lastContact: d('2026-02-20') }), policy);
    expect(refusals).toEqual([
      {
        code: 'CLOSURE_HELD_FOR_FUNDED_TRAINING',
        rule: 'R03.1 Exception: 18 months after the funded training expected end date',
        field: 'closedOn',
        detail: "This plan has funded training; it can close from 28 Feb 2026, 18 months after the training's expected end.",
        facts: { allowedFrom: '2026-02-28' },
      },
    ]);
  });

  it('a plan with funded training may close on the day the 18-month hold ends (R03 rule 7)', () => {
    expect(closureHeldUntil(plan([funded]), policy)).toEqual(d('2026-02-28'));
    expect(checkClosePlan(plan([funded]), request({ closingOn: d('2026-02-28'), lastContact: d('2026-02-20') }), policy)).toEqual([]);
  });

  it('the hold runs from the latest expected end among the funded training items (R03 rule 7)', () => {
    const items = [
      doneItem({ id: 'item-1', pdcId: 'pdc-1', expectedEnd: d('2024-08-31'), completedSeq: 1 }),
      doneItem({ id: 'item-2', pdcId: 'pdc-2', expectedEnd: d('2025-04-30'), completedSeq: 2 }),
    ];
    // 2025-04-30 + 18 months = 2026-10-30
    expect(closureHeldUntil(plan(items), policy)).toEqual(d('2026-10-30'));
  });

  it('a training item without a PDC does not hold closure', () => {
    const unfunded = doneItem({ pdcId: null });
    expect(closureHeldUntil(plan([unfunded]), policy)).toBeNull();
    expect(checkClosePlan(plan([unfunded]), request({ closingOn: d('2024-09-01'), lastContact: d('2024-08-30') }), policy)).toEqual([]);
  });

  it('a funded item under a non-training sub-goal does not hold closure', () => {
    const fundedEmployment = doneItem({ subGoalId: 'sg-employment', type: 'work-experience', pdcId: 'pdc-1' });
    expect(closureHeldUntil(plan([fundedEmployment]), policy)).toBeNull();
    expect(checkClosePlan(plan([fundedEmployment]), request({ closingOn: d('2024-09-01'), lastContact: d('2024-08-30') }), policy)).toEqual(
      [],
    );
  });

  it('closure is never allowed before the hold date, and always allowed from it when nothing else blocks (R03 rule 7)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: -120, max: 120 }), (endOffset, closingOffset) => {
        const expectedEnd = addDays(d('2020-01-01'), endOffset);
        const holdEnds = monthsAfter(expectedEnd, 18);
        const closingOn = addDays(holdEnds, closingOffset);
        const refusals = checkClosePlan(
          plan([doneItem({ pdcId: 'pdc-1', expectedEnd })]),
          request({ closingOn, lastContact: null }),
          policy,
        );
        expect(codes(refusals)).toEqual(closingOffset < 0 ? ['CLOSURE_HELD_FOR_FUNDED_TRAINING'] : []);
        if (closingOffset < 0) expect(refusals[0]?.facts).toEqual({ allowedFrom: holdEnds.toString() });
      }),
    );
  });
});

describe('closing a plan (R03 rule 6, R03.2)', () => {
  const finished = plan([doneItem()]);

  it('closure is refused while items are open, naming them', () => {
    const items = [doneItem({ id: 'item-1' }), openItem({ id: 'item-2', expectedEnd: d('2025-12-31') })];
    const refusals = checkClosePlan(plan(items), request(), policy);
    expect(codes(refusals)).toEqual(['OPEN_ITEMS_REMAIN']);
    expect(refusals[0]?.facts).toEqual({ openItemIds: ['item-2'] });
  });

  it('closure by an official who is not responsible for it is refused (R03 rule 6)', () => {
    expect(checkClosePlan(finished, request({ actor: officialB }), policy)).toEqual([
      {
        code: 'NOT_RESPONSIBLE_FOR_CLOSURE',
        rule: 'R03.1: the official with the last plan item to complete closes the plan',
        detail: 'Only the official with the last plan item to complete (or a supervisor) can close this plan.',
        facts: { responsibleUserId: 'official-a' },
      },
    ]);
  });

  it('a supervisor may close a plan on behalf of the responsible official', () => {
    expect(checkClosePlan(finished, request({ actor: supervisor }), policy)).toEqual([]);
  });

  it.each<ClosureReason>(['programs-finished-employed', 'declined-further-services'])(
    'a direct closure (%s) needs no 90 days without contact (R03.2)',
    (reason) => {
      // the person was in touch yesterday: that does not matter for a direct closure
      expect(checkClosePlan(finished, request({ reason, closingOn: d('2025-06-02'), lastContact: d('2025-06-01') }), policy)).toEqual([]);
    },
  );

  it.each<PlanStatus>(['closed', 'exited'])('a %s plan cannot be closed again', (status) => {
    expect(codes(checkClosePlan(plan([doneItem()], { status }), request({ actor: supervisor }), policy))).toEqual(['PLAN_NOT_EDITABLE']);
  });

  it('every reason a closure is refused is reported at once', () => {
    const items = [doneItem({ id: 'item-1', pdcId: 'pdc-1' }), openItem({ id: 'item-2', ownerId: 'official-a' })];
    const refusals = checkClosePlan(plan(items), request({ actor: officialB, reason: 'no-contact', otherActiveService: true }), policy);
    expect(codes(refusals)).toEqual([
      'NOT_RESPONSIBLE_FOR_CLOSURE',
      'OPEN_ITEMS_REMAIN',
      'CLOSURE_HELD_FOR_FUNDED_TRAINING',
      'PASSIVE_CLOSURE_NOT_DUE',
      'OTHER_SERVICE_ACTIVE',
    ]);
  });

  it('every closure reason has a label for the caseworker', () => {
    expect(Object.keys(CLOSURE_REASON_LABELS).sort()).toEqual([...CLOSURE_REASONS].sort());
  });
});

describe('passive closure (R03.2)', () => {
  const finished = plan([doneItem()]);
  const lastContact = d('2025-01-10');

  it('passive closure is not due 90 days after the last contact (R03.2: more than 90 days)', () => {
    const closingOn = addDays(lastContact, 90); // 2025-04-10
    expect(checkClosePlan(finished, request({ reason: 'no-contact', lastContact, closingOn }), policy)).toEqual([
      {
        code: 'PASSIVE_CLOSURE_NOT_DUE',
        rule: 'R03.2 passive closure: no contact for more than 90 days',
        field: 'reason',
        detail: 'The last contact was on 10 Jan 2025; passive closure is possible from 11 Apr 2025.',
        facts: { allowedFrom: '2025-04-11' },
      },
    ]);
  });

  it('passive closure is possible 91 days after the last contact (R03.2)', () => {
    const closingOn = addDays(lastContact, 91); // 2025-04-11
    expect(checkClosePlan(finished, request({ reason: 'no-contact', lastContact, closingOn }), policy)).toEqual([]);
  });

  it('passive closure is refused while another service is active (R03.2)', () => {
    const closingOn = addDays(lastContact, 200);
    expect(
      codes(checkClosePlan(finished, request({ reason: 'no-contact', lastContact, closingOn, otherActiveService: true }), policy)),
    ).toEqual(['OTHER_SERVICE_ACTIVE']);
  });

  it('a direct closure is not blocked by the passive-closure conditions (R03.2)', () => {
    expect(
      checkClosePlan(finished, request({ reason: 'declined-further-services', lastContact, closingOn: addDays(lastContact, 1) }), policy),
    ).toEqual([]);
  });

  it('passive closure is refused exactly when 90 days or fewer have passed since the last contact (R03.2)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 0, max: 400 }), (contactOffset, gap) => {
        const contact = addDays(d('2020-01-01'), contactOffset);
        const closingOn = addDays(contact, gap);
        const daysWithoutContact = contact.until(closingOn, { largestUnit: 'days' }).days;
        // The plan started before the contact, so the 90 days count from the contact.
        const refusals = checkClosePlan(
          finished,
          request({ reason: 'no-contact', lastContact: contact, planStarted: d('2019-01-01'), closingOn }),
          policy,
        );
        expect(codes(refusals)).toEqual(daysWithoutContact > 90 ? [] : ['PASSIVE_CLOSURE_NOT_DUE']);
      }),
    );
  });

  // Regression: with no recorded contact the 90 days once went unchecked; they count from the plan's start.
  it('passive closure with no contact ever recorded counts the 90 days from the plan start (R03.2)', () => {
    const refusals = checkClosePlan(
      finished,
      request({ reason: 'no-contact', lastContact: null, planStarted: d('2025-05-01'), closingOn: d('2025-06-02') }),
      policy,
    );
    expect(codes(refusals)).toContain('PASSIVE_CLOSURE_NOT_DUE');
  });

  it('passive closure with no contact ever recorded is possible once more than 90 days have passed since the plan start', () => {
    // 2025-01-06 + 91 days = 2025-04-07
    const refusals = checkClosePlan(
      finished,
      request({ reason: 'no-contact', lastContact: null, planStarted: d('2025-01-06'), closingOn: d('2025-04-07') }),
      policy,
    );
    expect(codes(refusals)).not.toContain('PASSIVE_CLOSURE_NOT_DUE');
  });
});

describe('closure summary', () => {
  it('closureSummary groups items attained, not attained (with any good cause) and cancelled, leaving out open items', () => {
    const items = [
      doneItem({ id: 'item-attained', outcome: { kind: 'attained' } }),
      doneItem({ id: 'item-not-attained-cause', outcome: { kind: 'not-attained', goodCauseReason: 'Family illness' } }),
      doneItem({ id: 'item-not-attained', outcome: { kind: 'not-attained' } }),
      doneItem({ id: 'item-cancelled', actualStart: null, outcome: { kind: 'cancelled' } }),
      openItem({ id: 'item-open' }),
    ];
    expect(closureSummary(plan(items))).toEqual({
      attained: ['item-attained'],
      notAttained: [
        { id: 'item-not-attained-cause', goodCauseReason: 'Family illness' },
        { id: 'item-not-attained', goodCauseReason: null },
      ],
      cancelled: ['item-cancelled'],
    });
  });
});
