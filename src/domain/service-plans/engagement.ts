/**
 * Engagement sweeps over open and active plans.
 * - R03.1 Exception, rule 8: "Individuals with a Service Plan containing a linked PDC are
 *   considered to have exited their Service Plan when not 'actively engaged' for more than 18
 *   months."
 * - R03.2 passive closure: no contact for more than 90 days and no other service being used -> a
 *   review task to the responsible official (closure is their decision, not the job's).
 */
import { addDays, addMonths, compareDates, maxDate, type PlainDate } from '../calendar.ts';
import { isEditable, type ServiceManagementPolicy, type ServicePlanState } from './plan.ts';

/** The last day the person was actively engaged: a contact, or a plan item starting or ending. */
export function lastEngagement(plan: Pick<ServicePlanState, 'items'>, lastContact: PlainDate | null, planStarted: PlainDate): PlainDate {
  const dates = [planStarted, ...(lastContact ? [lastContact] : [])];
  for (const item of plan.items) {
    if (item.actualStart) dates.push(item.actualStart);
    if (item.actualEnd) dates.push(item.actualEnd);
  }
  return dates.reduce((a, b) => maxDate(a, b));
}

/** Rule 8: a plan with a linked PDC whose person has not been engaged for more than 18 months. */
export function isExitDue(
  plan: Pick<ServicePlanState, 'status' | 'items'>,
  engagedLast: PlainDate,
  today: PlainDate,
  policy: ServiceManagementPolicy,
): boolean {
  if (!isEditable(plan) || !plan.items.some((i) => i.pdcId !== null)) return false;
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
