/**
 * Unit tests for plan-items.ts and the item status in plan.ts (R03.1 Key Notes):
 * - rule 2: "Each sub-goal should only appear once in a Service Plan";
 * - rules 3-4: "Each Authorized Official is responsible for updating and completing their own plan
 *   items" (a supervisor may reassign an item first);
 * - rule 5: "Each plan item must have an outcome entered";
 * - docs/records-and-statuses.md "Statuses": not started -> in progress (actual start) -> completed (actual end and an
 *   outcome); a closed or exited plan no longer changes.
 */

import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import raw from '../../policy/data/plan-items.json' with { type: 'json' };
import type { Refusal } from '../refusal.ts';
import { itemStatus, type Outcome, type PlanItem, type PlanStatus, type ServicePlanState } from './plan.ts';
import {
  checkAddItem,
  checkAddSubGoal,
  checkCompleteItem,
  checkOwner,
  checkReassignItem,
  checkUpdateItem,
  type ItemActor,
} from './plan-items.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);
const codes = (refusals: readonly Refusal[]) => refusals.map((r) => r.code);

const subGoalTypes = raw.subGoalTypes.map((s) => s.code);
const catalogue = raw.itemTypes.map(({ code, subGoalType }) => ({ code, subGoalType }));

const ownerA: ItemActor = { userId: 'official-a', isSupervisor: false };
const officialB: ItemActor = { userId: 'official-b', isSupervisor: false };
const supervisor: ItemActor = { userId: 'supervisor-s', isSupervisor: true };

const item = (over: Partial<PlanItem> = {}): PlanItem => ({
  id: 'item-1',
  subGoalId: 'sg-training',
  type: 'academic-upgrading',
  ownerId: ownerA.userId,
  expectedStart: d('2024-01-08'),
  expectedEnd: d('2024-08-31'),
  actualStart: null,
  actualEnd: null,
  outcome: null,
  pdcId: null,
  completedSeq: null,
  ...over,
});
const inProgress = (over: Partial<PlanItem> = {}) => item({ actualStart: d('2024-01-08'), ...over });
const completed = (over: Partial<PlanItem> = {}) =>
  item({ actualStart: d('2024-01-08'), actualEnd: d('2024-08-30'), outcome: { kind: 'attained' }, completedSeq: 1, ...over });

const planWith = (status: PlanStatus, subGoalTypeList: readonly string[] = ['training']): ServicePlanState => ({
  id: 'sp-1',
  status,
  createdBy: ownerA.userId,
  subGoals: subGoalTypeList.map((type) => ({ id: `sg-${type}`, type })),
  items: [],
});
const active = planWith('active', ['training', 'job-search']);

describe('item status (docs/records-and-statuses.md Statuses)', () => {
  it('an item with no actual start and no outcome is not started', () => {
    expect(itemStatus(item())).toBe('not-started');
  });

  it('recording the actual start puts an item in progress', () => {
    expect(itemStatus(inProgress())).toBe('in-progress');
  });

  it('an outcome completes an item', () => {
    expect(itemStatus(completed())).toBe('completed');
  });

  it('a cancelled item that never started is completed, not left open', () => {
    expect(itemStatus(item({ outcome: { kind: 'cancelled' }, actualEnd: d('2024-02-01') }))).toBe('completed');
  });
});

describe('sub-goals (R03 rule 2)', () => {
  it('a sub-goal of a type not yet in the plan can be added', () => {
    expect(checkAddSubGoal(active, 'employment', subGoalTypes)).toEqual([]);
  });

  it('a sub-goal type appears only once in a plan (R03 rule 2)', () => {
    expect(checkAddSubGoal(active, 'training', subGoalTypes)).toEqual([
      {
        code: 'SUBGOAL_ALREADY_IN_PLAN',
        rule: 'R03 Key Notes: each sub-goal only once',
        field: 'type',
        detail: 'The plan already has a training sub-goal; add the item under it instead.',
        facts: { subGoalId: 'sg-training' },
      },
    ]);
  });

  it('a sub-goal type that is not in the catalogue is refused', () => {
    expect(codes(checkAddSubGoal(active, 'astronaut-training', subGoalTypes))).toEqual(['UNKNOWN_SUBGOAL_TYPE']);
  });

  it('a sub-goal is refused exactly when its type is already in the plan (R03 rule 2)', () => {
    fc.assert(
      fc.property(fc.subarray(subGoalTypes), fc.constantFrom(...subGoalTypes), (present, candidate) => {
        const plan = planWith('active', present);
        expect(codes(checkAddSubGoal(plan, candidate, subGoalTypes))).toEqual(
          present.includes(candidate) ? ['SUBGOAL_ALREADY_IN_PLAN'] : [],
        );
      }),
    );
  });
});

describe('adding a plan item', () => {
  const newItem = { subGoalId: 'sg-training', type: 'academic-upgrading', expectedStart: d('2024-01-08'), expectedEnd: d('2024-08-31') };

  it('a catalogue item can be added under a sub-goal of its own family', () => {
    expect(checkAddItem(active, newItem, catalogue)).toEqual([]);
  });

  it("an item type must belong to its sub-goal's family", () => {
    expect(checkAddItem(active, { ...newItem, subGoalId: 'sg-job-search' }, catalogue)).toEqual([
      {
        code: 'ITEM_TYPE_NOT_IN_SUBGOAL',
        rule: 'Waypoint plan item catalogue',
        field: 'type',
        detail: 'An academic-upgrading item belongs under a training sub-goal, not a job-search sub-goal.',
      },
    ]);
  });

  it.each(subGoalTypes)('a free-text "other" item is allowed under a %s sub-goal', (type) => {
    const plan = planWith('active', [type]);
    expect(checkAddItem(plan, { ...newItem, subGoalId: `sg-${type}`, type: 'other' }, catalogue)).toEqual([]);
  });

  it('an item type that is not in the catalogue is refused', () => {
    expect(codes(checkAddItem(active, { ...newItem, type: 'space-walk' }, catalogue))).toEqual(['UNKNOWN_ITEM_TYPE']);
  });

  it('an item must go under a sub-goal of this plan', () => {
    expect(codes(checkAddItem(active, { ...newItem, subGoalId: 'sg-of-another-plan' }, catalogue))).toEqual(['NOT_FOUND']);
  });

  it('an item whose expected end is before its expected start is refused', () => {
    expect(codes(checkAddItem(active, { ...newItem, expectedStart: d('2024-09-01'), expectedEnd: d('2024-08-31') }, catalogue))).toEqual([
      'END_BEFORE_START',
    ]);
  });

  it('an item may be expected to start and end on the same day', () => {
    expect(checkAddItem(active, { ...newItem, expectedStart: d('2024-08-31'), expectedEnd: d('2024-08-31') }, catalogue)).toEqual([]);
  });

  it('a catalogue item is refused exactly when its family differs from the sub-goal it is put under', () => {
    const plan = planWith('active', subGoalTypes);
    fc.assert(
      fc.property(fc.constantFrom(...catalogue), fc.constantFrom(...subGoalTypes), (entry, under) => {
        const refusals = checkAddItem(plan, { ...newItem, subGoalId: `sg-${under}`, type: entry.code }, catalogue);
        expect(codes(refusals)).toEqual(entry.subGoalType === under ? [] : ['ITEM_TYPE_NOT_IN_SUBGOAL']);
      }),
    );
  });
});

describe('who may change a plan item (R03 rules 3-4)', () => {
  it('several officials work on the same plan, each on their own item (R03 rule 3)', () => {
    const itemOfA = inProgress({ id: 'item-a', ownerId: ownerA.userId });
    const itemOfB = inProgress({ id: 'item-b', ownerId: officialB.userId, subGoalId: 'sg-job-search', type: 'resume-preparation' });
    expect(checkUpdateItem(active, itemOfA, { expectedEnd: d('2024-09-30') }, ownerA)).toEqual([]);
    expect(checkUpdateItem(active, itemOfB, { expectedEnd: d('2024-09-30') }, officialB)).toEqual([]);
  });

  it('only the owner of a plan item can update it (R03 rule 4)', () => {
    expect(checkUpdateItem(active, inProgress(), { expectedEnd: d('2024-09-30') }, officialB)).toEqual([
      {
        code: 'NOT_ITEM_OWNER',
        rule: 'R03 Key Notes: each official updates and completes their own plan items',
        detail: 'Only the official who owns this plan item can change it; a supervisor can reassign it.',
        facts: { ownerId: 'official-a' },
      },
    ]);
  });

  it('only the owner of a plan item can complete it (R03 rule 4)', () => {
    const completion = { outcome: { kind: 'attained' } as Outcome, actualEnd: d('2024-08-30'), actualStart: null };
    expect(codes(checkCompleteItem(active, inProgress(), completion, officialB))).toEqual(['NOT_ITEM_OWNER']);
  });

  it('a supervisor who does not own an item must reassign it before updating it (R03 rule 4)', () => {
    expect(codes(checkUpdateItem(active, inProgress(), { expectedEnd: d('2024-09-30') }, supervisor))).toEqual(['NOT_ITEM_OWNER']);
  });

  it('ownership alone decides, whether or not the actor is a supervisor (R03 rule 4)', () => {
    const people = ['official-a', 'official-b', 'supervisor-s'];
    fc.assert(
      fc.property(fc.constantFrom(...people), fc.constantFrom(...people), fc.boolean(), (ownerId, userId, isSupervisor) => {
        expect(codes(checkOwner({ ownerId }, { userId, isSupervisor }))).toEqual(ownerId === userId ? [] : ['NOT_ITEM_OWNER']);
      }),
    );
  });

  it('a supervisor can reassign an open item but an official cannot', () => {
    expect(checkReassignItem(active, inProgress(), supervisor)).toEqual([]);
    expect(codes(checkReassignItem(active, inProgress(), ownerA))).toEqual(['NOT_ITEM_OWNER']);
  });

  it('a completed item cannot be reassigned, even by a supervisor', () => {
    expect(codes(checkReassignItem(active, completed(), supervisor))).toEqual(['ITEM_ALREADY_COMPLETED']);
  });
});

describe('updating a plan item', () => {
  it('the owner can record the actual start of an item that has not started', () => {
    expect(checkUpdateItem(active, item(), { actualStart: d('2024-01-10') }, ownerA)).toEqual([]);
  });

  it('a completed item cannot change', () => {
    expect(codes(checkUpdateItem(active, completed(), { expectedEnd: d('2024-09-30') }, ownerA))).toEqual(['ITEM_ALREADY_COMPLETED']);
  });

  it('moving the expected end before the expected start is refused', () => {
    // expected start stays 2024-01-08; the new end 2024-01-07 is one day before it
    expect(codes(checkUpdateItem(active, item(), { expectedEnd: d('2024-01-07') }, ownerA))).toEqual(['END_BEFORE_START']);
  });

  it('moving the expected start after the expected end is refused', () => {
    // expected end stays 2024-08-31; the new start 2024-09-01 is one day after it
    expect(codes(checkUpdateItem(active, item(), { expectedStart: d('2024-09-01') }, ownerA))).toEqual(['END_BEFORE_START']);
  });
});

describe('completing a plan item (R03 rule 5)', () => {
  const attained: Outcome = { kind: 'attained' };

  it('the owner completes an item in progress with an outcome and an actual end', () => {
    expect(checkCompleteItem(active, inProgress(), { outcome: attained, actualEnd: d('2024-08-30'), actualStart: null }, ownerA)).toEqual(
      [],
    );
  });

  it('a plan item is completed only with an outcome (R03 rule 5)', () => {
    expect(checkCompleteItem(active, inProgress(), { outcome: null, actualEnd: d('2024-08-30'), actualStart: null }, ownerA)).toEqual([
      {
        code: 'OUTCOME_REQUIRED',
        rule: 'R03 Key Notes: each plan item must have an outcome',
        field: 'outcome',
        detail: 'Enter an outcome to complete the plan item.',
      },
    ]);
  });

  it('a plan item is completed only with an actual end date', () => {
    const refusals = checkCompleteItem(active, inProgress(), { outcome: attained, actualEnd: null, actualStart: null }, ownerA);
    expect(refusals.map((r) => [r.code, r.field])).toEqual([['REQUIRED', 'actualEnd']]);
  });

  it('an item that was never started needs an actual start to be attained', () => {
    const refusals = checkCompleteItem(active, item(), { outcome: attained, actualEnd: d('2024-08-30'), actualStart: null }, ownerA);
    expect(refusals.map((r) => [r.code, r.field])).toEqual([['REQUIRED', 'actualStart']]);
  });

  it('the actual start can be given together with the completion', () => {
    expect(
      checkCompleteItem(active, item(), { outcome: attained, actualEnd: d('2024-08-30'), actualStart: d('2024-01-08') }, ownerA),
    ).toEqual([]);
  });

  it('cancelling an item that never started needs no actual start', () => {
    expect(
      checkCompleteItem(active, item(), { outcome: { kind: 'cancelled' }, actualEnd: d('2024-01-05'), actualStart: null }, ownerA),
    ).toEqual([]);
  });

  it('an actual end before the actual start is refused', () => {
    // the item started 2024-01-08; an end of 2024-01-07 is one day earlier
    const refusals = checkCompleteItem(active, inProgress(), { outcome: attained, actualEnd: d('2024-01-07'), actualStart: null }, ownerA);
    expect(refusals.map((r) => [r.code, r.field])).toEqual([['END_BEFORE_START', 'actualEnd']]);
  });

  it('an item may start and end on the same day', () => {
    expect(checkCompleteItem(active, inProgress(), { outcome: attained, actualEnd: d('2024-01-08'), actualStart: null }, ownerA)).toEqual(
      [],
    );
  });

  it('a not-attained outcome may carry a good-cause reason', () => {
    const outcome: Outcome = { kind: 'not-attained', goodCauseReason: 'Medical leave' };
    expect(checkCompleteItem(active, inProgress(), { outcome, actualEnd: d('2024-05-01'), actualStart: null }, ownerA)).toEqual([]);
  });

  it.each<Outcome['kind']>(['attained', 'cancelled'])('a good-cause reason goes only with not-attained, not with %s', (kind) => {
    const outcome: Outcome = { kind, goodCauseReason: 'Medical leave' };
    const refusals = checkCompleteItem(active, inProgress(), { outcome, actualEnd: d('2024-05-01'), actualStart: null }, ownerA);
    expect(refusals.map((r) => [r.code, r.field])).toEqual([['INVALID_FORMAT', 'outcome.goodCauseReason']]);
  });

  it('an item that is already completed cannot be completed again', () => {
    expect(
      codes(checkCompleteItem(active, completed(), { outcome: attained, actualEnd: d('2024-08-30'), actualStart: null }, ownerA)),
    ).toEqual(['ITEM_ALREADY_COMPLETED']);
  });

  it('every missing piece is reported at once, so the official sees all that is left to do', () => {
    expect(codes(checkCompleteItem(active, item(), { outcome: null, actualEnd: null, actualStart: null }, ownerA))).toEqual([
      'OUTCOME_REQUIRED',
      'REQUIRED',
      'REQUIRED',
    ]);
  });
});

describe('a closed or exited plan can no longer change', () => {
  const frozen = (['closed', 'exited'] as const).map((status) => [status, planWith(status, ['training'])] as const);

  it.each(frozen)('a %s plan takes no new sub-goal', (_status, plan) => {
    expect(codes(checkAddSubGoal(plan, 'employment', subGoalTypes))).toEqual(['PLAN_NOT_EDITABLE']);
  });

  it.each(frozen)('a %s plan takes no new item', (_status, plan) => {
    const newItem = { subGoalId: 'sg-training', type: 'academic-upgrading', expectedStart: d('2024-01-08'), expectedEnd: d('2024-08-31') };
    expect(codes(checkAddItem(plan, newItem, catalogue))).toEqual(['PLAN_NOT_EDITABLE']);
  });

  it.each(frozen)('an item of a %s plan cannot be updated, even by its owner', (_status, plan) => {
    expect(codes(checkUpdateItem(plan, inProgress(), { expectedEnd: d('2024-09-30') }, ownerA))).toEqual(['PLAN_NOT_EDITABLE']);
  });

  it.each(frozen)('an item of a %s plan cannot be completed, even by its owner', (_status, plan) => {
    const completion = { outcome: { kind: 'attained' } as Outcome, actualEnd: d('2024-08-30'), actualStart: null };
    expect(codes(checkCompleteItem(plan, inProgress(), completion, ownerA))).toEqual(['PLAN_NOT_EDITABLE']);
  });

  it.each(frozen)('an item of a %s plan cannot be reassigned, even by a supervisor', (_status, plan) => {
    expect(codes(checkReassignItem(plan, inProgress(), supervisor))).toEqual(['PLAN_NOT_EDITABLE']);
  });

  it('a plan still being drafted (open) can change', () => {
    expect(checkAddSubGoal(planWith('open', []), 'training', subGoalTypes)).toEqual([]);
  });
});
