/**
 * Service Plan closure (docs/policy/r03-2-closure.md, docs/policy/r03-service-management.md rules 6 and 7).
 * - R03.1 Description and rule 6: "The Authorized Official with the last plan item to complete in a
 *   Service Plan is responsible for Service Plan Closure."
 * - R03.1 Exception and rule 7: "Do not close a Service Plan with a training sub-goal containing an
 *   associated plan item, and a linked product delivery case (PDC) until 18 months after the end of
 *   the training expected end date."
 * - R03.2 (wider manual): close directly when the programs are finished and the person is employed
 *   or wants no more services; passively when there has been no contact for more than 90 days and
 *   no other service is being used.
 */
import { addDays, addMonths, compareDates, maxDate, type PlainDate } from '../calendar.ts';
import { dateInWords } from '../dates-in-words.ts';
import type { Refusal } from '../refusal.ts';
import { isEditable, itemStatus, openItems, type PlanItem, type ServiceManagementPolicy, type ServicePlanState } from './plan.ts';
import type { ItemActor } from './plan-items.ts';

export const CLOSURE_REASONS = ['programs-finished-employed', 'declined-further-services', 'no-contact'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
export const CLOSURE_REASON_LABELS: Record<ClosureReason, string> = {
  'programs-finished-employed': 'Programs finished and the person is employed (direct)',
  'declined-further-services': 'The person wants no further services (direct)',
  'no-contact': 'No contact for more than 90 days and no other service in use (passive)',
};

/**
 * Rule 6: who is responsible for closing. When every item is completed, the owner of the last one
 * completed; while items are open, the owner of the open item expected to end last; with no items,
 * whoever created the plan.
 */
export function closureResponsible(plan: Pick<ServicePlanState, 'items' | 'createdBy'>): string {
  const open = openItems(plan);
  if (open.length > 0) {
    return open.reduce((a, b) => (compareDates(b.expectedEnd, a.expectedEnd) > 0 ? b : a)).ownerId;
  }
  const completed = plan.items.filter((i) => i.completedSeq !== null);
  if (completed.length === 0) return plan.createdBy;
  return completed.reduce((a, b) => ((b.completedSeq ?? 0) > (a.completedSeq ?? 0) ? b : a)).ownerId;
}

/**
 * Rule 6: completing an item that leaves none open makes its owner responsible for closure: the
 * caller creates their closure task. Returns that owner, or null while items remain open.
 */
export function closureTaskOwnerAfterCompleting(planAfter: Pick<ServicePlanState, 'items'>, completed: PlanItem): string | null {
  return openItems(planAfter).length === 0 ? completed.ownerId : null;
}

/**
 * Rule 7: the first day the plan may close, when a training sub-goal has an item funded by a PDC:
 * 18 months after the latest expected end of such training. Null when the exception does not apply.
 */
export function closureHeldUntil(plan: Pick<ServicePlanState, 'subGoals' | 'items'>, policy: ServiceManagementPolicy): PlainDate | null {
  const training = new Set(plan.subGoals.filter((s) => s.type === 'training').map((s) => s.id));
  const funded = plan.items.filter((i) => training.has(i.subGoalId) && i.pdcId !== null);
  if (funded.length === 0) return null;
  const latestEnd = funded.map((i) => i.expectedEnd).reduce((a, b) => maxDate(a, b));
  return addMonths(latestEnd, policy.closureHoldMonthsAfterFundedTraining);
}

export interface ClosureRequest {
  readonly closingOn: PlainDate;
  readonly reason: ClosureReason;
  readonly actor: ItemActor;
  /** The latest recorded contact with the person (interaction), if any. */
  readonly lastContact: PlainDate | null;
  /** When the plan started (accepted, or created if never accepted): "no contact" counts from here when none was recorded. */
  readonly planStarted: PlainDate;
  /** Another service is in use (e.g. an open product delivery case). */
  readonly otherActiveService: boolean;
  /** Whoever holds the plan's open closure task (after a caseload transfer, say): they may close it too. */
  readonly closureTaskHolder?: string | null;
}

export function checkClosePlan(plan: ServicePlanState, request: ClosureRequest, policy: ServiceManagementPolicy): Refusal[] {
  if (!isEditable(plan)) {
    return [{ code: 'PLAN_NOT_EDITABLE', rule: 'R03.2', detail: `This Service Plan is already ${plan.status}.` }];
  }
  const refusals: Refusal[] = [];
  const responsible = closureResponsible(plan);
  if (!request.actor.isSupervisor && request.actor.userId !== responsible && request.actor.userId !== request.closureTaskHolder) {
    refusals.push({
      code: 'NOT_RESPONSIBLE_FOR_CLOSURE',
      rule: 'R03.1: the official with the last plan item to complete closes the plan',
      detail: 'Only the official with the last plan item to complete (or a supervisor) can close this plan.',
      facts: { responsibleUserId: responsible },
    });
  }
  const open = openItems(plan);
  if (open.length > 0) {
    refusals.push({
      code: 'OPEN_ITEMS_REMAIN',
      rule: 'R03 Key Notes: each plan item must have an outcome',
      detail: `${open.length} plan item${open.length === 1 ? ' has' : 's have'} no outcome yet; complete or cancel ${open.length === 1 ? 'it' : 'them'} first.`,
      facts: { openItemIds: open.map((i) => i.id) },
    });
  }
  const heldUntil = closureHeldUntil(plan, policy);
  if (heldUntil && compareDates(request.closingOn, heldUntil) < 0) {
    refusals.push({
      code: 'CLOSURE_HELD_FOR_FUNDED_TRAINING',
      rule: 'R03.1 Exception: 18 months after the funded training expected end date',
      field: 'closedOn',
      detail: `This plan has funded training; it can close from ${dateInWords(heldUntil)}, 18 months after the training's expected end.`,
      facts: { allowedFrom: heldUntil.toString() },
    });
  }
  if (request.reason === 'no-contact') {
    // Counted from the later of the last contact and the plan's start: an old contact does not age a new plan.
    const since =
      request.lastContact && compareDates(request.lastContact, request.planStarted) > 0 ? request.lastContact : request.planStarted;
    const dueFrom = addDays(since, policy.passiveClosureDaysWithoutContact + 1);
    if (compareDates(request.closingOn, dueFrom) < 0) {
      refusals.push({
        code: 'PASSIVE_CLOSURE_NOT_DUE',
        rule: 'R03.2 passive closure: no contact for more than 90 days',
        field: 'reason',
        detail: `${since === request.lastContact ? `The last contact was on ${dateInWords(since)}` : `No contact is recorded since the plan started on ${dateInWords(since)}`}; passive closure is possible from ${dateInWords(dueFrom)}.`,
        facts: { allowedFrom: dueFrom.toString() },
      });
    }
    if (request.otherActiveService) {
      refusals.push({
        code: 'OTHER_SERVICE_ACTIVE',
        rule: 'R03.2 passive closure: no other service being used',
        field: 'reason',
        detail: 'The person is still using another service, so the plan cannot close passively.',
      });
    }
  }
  return refusals;
}

/** What was done and attained, what was not and why: the closure summary for the person. */
export function closureSummary(plan: Pick<ServicePlanState, 'items'>) {
  const completed = plan.items.filter((i) => itemStatus(i) === 'completed');
  return {
    attained: completed.filter((i) => i.outcome?.kind === 'attained').map((i) => i.id),
    notAttained: completed
      .filter((i) => i.outcome?.kind === 'not-attained')
      .map((i) => ({ id: i.id, goodCauseReason: i.outcome?.goodCauseReason ?? null })),
    cancelled: completed.filter((i) => i.outcome?.kind === 'cancelled').map((i) => i.id),
  };
}
