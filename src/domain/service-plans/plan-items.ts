/**
 * Policy page: docs/policy/r03-service-management.md (our wording of R03.1 and our readings).
 * R03 Key Notes on sub-goals and plan items:
 * - "Each sub-goal should only appear once in a Service Plan" (rule 2).
 * - "Each Authorized Official is responsible for updating and completing their own plan items"
 *   (rules 3-4; a supervisor may reassign an item first).
 * - "Each plan item must have an outcome entered" (rule 5).
 */

import { WithArticle, withArticle } from '../articles.ts';
import { compareDates, type PlainDate } from '../calendar.ts';
import type { Refusal } from '../refusal.ts';
import { isEditable, itemStatus, type Outcome, type PlanItem, type ServicePlanState } from './plan.ts';
import { NOT_ITEM_OWNER_DETAIL } from './refusal-texts.ts';

const notEditable = (plan: Pick<ServicePlanState, 'status'>): Refusal[] =>
  isEditable(plan)
    ? []
    : [{ code: 'PLAN_NOT_EDITABLE', rule: 'R03 Ongoing step 2', detail: `This Service Plan is ${plan.status}; it can no longer change.` }];

/** Rule 2: a sub-goal type appears at most once in a plan. */
export function checkAddSubGoal(
  plan: Pick<ServicePlanState, 'status' | 'subGoals'>,
  type: string,
  knownTypes: readonly string[],
): Refusal[] {
  const refusals = notEditable(plan);
  if (refusals.length) return refusals;
  if (!knownTypes.includes(type)) {
    return [
      { code: 'UNKNOWN_SUBGOAL_TYPE', rule: 'Waypoint plan item catalogue', field: 'type', detail: `"${type}" is not a sub-goal type.` },
    ];
  }
  const existing = plan.subGoals.find((s) => s.type === type);
  return existing
    ? [
        {
          code: 'SUBGOAL_ALREADY_IN_PLAN',
          rule: 'R03 Key Notes: each sub-goal only once',
          field: 'type',
          detail: `The plan already has ${withArticle(type)} sub-goal; add the item under it instead.`,
          facts: { subGoalId: existing.id },
        },
      ]
    : [];
}

export interface NewItem {
  readonly subGoalId: string;
  readonly type: string;
  readonly expectedStart: PlainDate;
  readonly expectedEnd: PlainDate;
}

/** An item goes under a sub-goal of the plan; a catalogue item belongs to that sub-goal's family. */
export function checkAddItem(
  plan: Pick<ServicePlanState, 'status' | 'subGoals'>,
  item: NewItem,
  catalogue: readonly { code: string; subGoalType: string }[],
): Refusal[] {
  const refusals = notEditable(plan);
  if (refusals.length) return refusals;
  const subGoal = plan.subGoals.find((s) => s.id === item.subGoalId);
  if (!subGoal) return [{ code: 'NOT_FOUND', rule: 'R03 Key Notes', field: 'subGoalId', detail: 'That sub-goal is not in this plan.' }];
  if (item.type !== 'other') {
    const entry = catalogue.find((c) => c.code === item.type);
    if (!entry)
      refusals.push({
        code: 'UNKNOWN_ITEM_TYPE',
        rule: 'Waypoint plan item catalogue',
        field: 'type',
        detail: `"${item.type}" is not a plan item type.`,
      });
    else if (entry.subGoalType !== subGoal.type) {
      refusals.push({
        code: 'ITEM_TYPE_NOT_IN_SUBGOAL',
        rule: 'Waypoint plan item catalogue',
        field: 'type',
        detail: `${WithArticle(item.type)} item belongs under ${withArticle(entry.subGoalType)} sub-goal, not ${withArticle(subGoal.type)} sub-goal.`,
      });
    }
  }
  if (compareDates(item.expectedEnd, item.expectedStart) < 0) {
    refusals.push({
      code: 'END_BEFORE_START',
      rule: 'R03 Ongoing step 2',
      field: 'expectedEnd',
      detail: 'The expected end is before the expected start.',
    });
  }
  return refusals;
}

export interface ItemActor {
  readonly userId: string;
  readonly isSupervisor: boolean;
}

/** Rule 4: only the item's owner updates or completes it. */
export function checkOwner(item: Pick<PlanItem, 'ownerId'>, actor: ItemActor): Refusal[] {
  return item.ownerId === actor.userId
    ? []
    : [
        {
          code: 'NOT_ITEM_OWNER',
          rule: 'R03 Key Notes: each official updates and completes their own plan items',
          detail: NOT_ITEM_OWNER_DETAIL,
          facts: { ownerId: item.ownerId },
        },
      ];
}

export interface ItemChange {
  readonly expectedStart?: PlainDate | undefined;
  readonly expectedEnd?: PlainDate | undefined;
  readonly actualStart?: PlainDate | null | undefined;
  /** When given, actual dates after it are refused: what happened cannot be in the future. */
  readonly today?: PlainDate | undefined;
}

const ACTUAL_IN_WORDS: Readonly<Record<string, string>> = { actualStart: 'actual start', actualEnd: 'actual end' };

/** Actual dates record what happened, so they cannot be after today. */
function checkNotFuture(field: string, value: PlainDate | null | undefined, today: PlainDate | undefined): Refusal[] {
  return value && today && compareDates(value, today) > 0
    ? [
        {
          code: 'DATE_IN_FUTURE',
          rule: 'R03 Key Notes: plan item outcomes record what happened',
          field,
          detail: `The ${ACTUAL_IN_WORDS[field] ?? 'date'} cannot be after today.`,
        },
      ]
    : [];
}

/** Rules 3-4: the owner updates dates and records the actual start while the item is open. */
export function checkUpdateItem(plan: Pick<ServicePlanState, 'status'>, item: PlanItem, change: ItemChange, actor: ItemActor): Refusal[] {
  const refusals = [...notEditable(plan), ...checkOwner(item, actor)];
  if (refusals.length) return refusals;
  if (itemStatus(item) === 'completed') {
    return [{ code: 'ITEM_ALREADY_COMPLETED', rule: 'R03 Key Notes', detail: 'A completed plan item cannot change.' }];
  }
  const start = change.expectedStart ?? item.expectedStart;
  const end = change.expectedEnd ?? item.expectedEnd;
  if (compareDates(end, start) < 0) {
    refusals.push({
      code: 'END_BEFORE_START',
      rule: 'R03 Ongoing step 2',
      field: 'expectedEnd',
      detail: 'The expected end is before the expected start.',
    });
  }
  refusals.push(...checkNotFuture('actualStart', change.actualStart, change.today));
  return refusals;
}

/** Rule 5: completing needs an outcome and an actual end on or after the actual start. */
export function checkCompleteItem(
  plan: Pick<ServicePlanState, 'status'>,
  item: PlanItem,
  completion: { outcome: Outcome | null; actualEnd: PlainDate | null; actualStart: PlainDate | null; today?: PlainDate | undefined },
  actor: ItemActor,
): Refusal[] {
  const refusals = [...notEditable(plan), ...checkOwner(item, actor)];
  if (refusals.length) return refusals;
  if (itemStatus(item) === 'completed')
    return [{ code: 'ITEM_ALREADY_COMPLETED', rule: 'R03 Key Notes', detail: 'This plan item is already completed.' }];
  if (!completion.outcome) {
    refusals.push({
      code: 'OUTCOME_REQUIRED',
      rule: 'R03 Key Notes: each plan item must have an outcome',
      field: 'outcome',
      detail: 'Enter an outcome to complete the plan item.',
    });
  }
  if (!completion.actualEnd) {
    refusals.push({
      code: 'REQUIRED',
      rule: 'R03 Key Notes',
      field: 'actualEnd',
      detail: 'Enter the actual end date to complete the plan item.',
    });
  }
  const start = completion.actualStart ?? item.actualStart;
  if (completion.outcome?.kind !== 'cancelled' && !start) {
    refusals.push({
      code: 'REQUIRED',
      rule: 'R03 Key Notes',
      field: 'actualStart',
      detail: 'Enter the actual start date (or cancel an item that never started).',
    });
  }
  if (start && completion.actualEnd && compareDates(completion.actualEnd, start) < 0) {
    refusals.push({
      code: 'END_BEFORE_START',
      rule: 'R03 Key Notes',
      field: 'actualEnd',
      detail: 'The actual end is before the actual start.',
    });
  }
  refusals.push(
    ...checkNotFuture('actualStart', completion.actualStart, completion.today),
    ...checkNotFuture('actualEnd', completion.actualEnd, completion.today),
  );
  if (completion.outcome?.goodCauseReason && completion.outcome.kind !== 'not-attained') {
    refusals.push({
      code: 'INVALID_FORMAT',
      rule: 'R03 Key Notes',
      field: 'outcome.goodCauseReason',
      detail: 'A good-cause reason goes with a not-attained outcome only.',
    });
  }
  return refusals;
}

/** A supervisor (only) reassigns an open item to another official. */
export function checkReassignItem(plan: Pick<ServicePlanState, 'status'>, item: PlanItem, actor: ItemActor): Refusal[] {
  const refusals = notEditable(plan);
  if (refusals.length) return refusals;
  if (!actor.isSupervisor) {
    return [{ code: 'NOT_ITEM_OWNER', rule: 'R03 Key Notes', detail: 'Only a supervisor can reassign a plan item.' }];
  }
  return itemStatus(item) === 'completed'
    ? [{ code: 'ITEM_ALREADY_COMPLETED', rule: 'R03 Key Notes', detail: 'A completed plan item cannot be reassigned.' }]
    : [];
}
