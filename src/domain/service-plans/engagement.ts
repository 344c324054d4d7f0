/**
 * Engagement sweeps over open and active plans.
 * - R03.1 Exception, rule 8: "Individuals with a Service Plan containing a linked PDC are
 *   considered to have exited their Service Plan when not 'actively engaged' for more than 18
 *   months." Our reading (docs/policy/r03-service-management.md, "Actively engaged"): funded
 *   training in progress is active engagement, every day it runs, so a learner is never exited while
 *   their funded training runs, and the 18 months count from the last engagement of any kind. An
 *   exit is not recorded before the plan's closure hold (rule 7) ends either: an exited plan can no
 *   longer change, so an earlier exit would get round the hold.
 * - R03.2 passive closure: no contact for more than 90 days and no other service being used -> a
 *   review task to the responsible official (closure is their decision, not the job's).
 */
import { addDays, addMonths, compareDates, maxDate, minDate, type PlainDate } from '../calendar.ts';
import { closureHeldUntil } from './closure.ts';
import { isEditable, type PlanItem, type ServiceManagementPolicy, type ServicePlanState } from './plan.ts';

/**
 * The funded training of an item still running on `today`, as engagement: through today, or
 * through its end once it has ended. Null when the item is not funded, has its outcome (its actual
 * end is the engagement then), or its training has not started.
 */
export function fundedTrainingEngagement(item: PlanItem, today: PlainDate): PlainDate | null {
  if (item.pdcId === null || item.outcome !== null) return null;
  const training = item.fundedTraining ?? { start: item.actualStart ?? item.expectedStart, end: item.expectedEnd };
  if (compareDates(training.start, today) > 0) return null;
  return minDate(training.end, today);
}

/**
 * The last day the person was actively engaged: a contact, a plan item starting or ending, or a day
 * of funded training in progress (up to `today`).
 */
export function lastEngagement(
  plan: Pick<ServicePlanState, 'items'>,
  lastContact: PlainDate | null,
  planStarted: PlainDate,
  today: PlainDate,
): PlainDate {
  const dates = [planStarted, ...(lastContact ? [lastContact] : [])];
  for (const item of plan.items) {
    if (item.actualStart) dates.push(item.actualStart);
    if (item.actualEnd) dates.push(item.actualEnd);
    const training = fundedTrainingEngagement(item, today);
    if (training) dates.push(training);
  }
  return dates.reduce((a, b) => maxDate(a, b));
}

/**
 * Rule 8: a plan with a linked PDC whose person has not been engaged for more than 18 months, and
 * whose closure hold for funded training (rule 7), if any, is over.
 */
export function isExitDue(
  plan: Pick<ServicePlanState, 'status' | 'items' | 'subGoals'>,
  engagedLast: PlainDate,
  today: PlainDate,
  policy: ServiceManagementPolicy,
): boolean {
  if (!isEditable(plan) || !plan.items.some((i) => i.pdcId !== null)) return false;
  const held = closureHeldUntil(plan, policy);
  if (held && compareDates(today, held) < 0) return false;
  return compareDates(today, addMonths(engagedLast, policy.exitAfterMonthsNotEngaged)) > 0;
}

/** R03.2: a candidate for passive closure, to be reviewed by the responsible official. */
export function isPassiveClosureCandidate(
  plan: Pick<ServicePlanState, 'status'>,
  lastContact: PlainDate | null,
  planStarted: PlainDate,
  otherActiveService: boolean,
  today: PlainDate,
  policy: ServiceManagementPolicy,
): boolean {
  if (!isEditable(plan) || otherActiveService) return false;
  // The later of the last contact and the plan's start: an old contact does not age a new plan.
  const since = lastContact && compareDates(lastContact, planStarted) > 0 ? lastContact : planStarted;
  return compareDates(today, addDays(since, policy.passiveClosureDaysWithoutContact)) > 0;
}
