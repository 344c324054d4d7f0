/**
 * The R03 sweeps' work on one plan (src/jobs/service-plan-sweeps.ts walks the plans and calls these):
 * - passive closure review (R03.2): no contact for more than 90 days and no other service in use ->
 *   a review task to the official responsible for closure (closing is their decision);
 * - exit (R03.1 Exception, rule 8): a plan with a linked PDC whose person has not been actively
 *   engaged for more than 18 months (funded training in progress is engagement) -> the exit is recorded.
 * Waypoint itself acts (actor null): each change is audited as the system's.
 */
import { Temporal } from 'temporal-polyfill';
import { addDays, formatDate } from '../../domain/calendar.ts';
import { dateInWords } from '../../domain/dates-in-words.ts';
import { closureResponsible } from '../../domain/service-plans/closure.ts';
import { isExitDue, isPassiveClosureCandidate, lastEngagement } from '../../domain/service-plans/engagement.ts';
import { countCurrentPlans, currentPlanIdsAfter, exitCurrentPlan } from '../../store/repos/service-plans.ts';
import { recordAudit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { createTask } from '../tasks.ts';
import { hasActiveService, lastContactOf, loadPlan } from './load.ts';

const PAGE = 200;

/** Calls `visit` for every open or active plan, in id order, a page at a time; how many it visited. */
export async function eachCurrentPlan(
  ctx: AppContext,
  onProgress: ((done: number, total: number) => void) | undefined,
  visit: (planId: string) => Promise<void>,
): Promise<number> {
  const total = await countCurrentPlans(ctx.db);
  let after = '00000000-0000-0000-0000-000000000000';
  let done = 0;
  for (;;) {
    const page = await currentPlanIdsAfter(ctx.db, after, PAGE);
    for (const id of page) {
      await visit(id);
      done += 1;
      onProgress?.(done, total);
    }
    if (page.length < PAGE) return done;
    after = page.at(-1)!;
  }
}

/** R03.2: a review task when the plan is a passive-closure candidate; whether one was created. */
export async function reviewForPassiveClosure(ctx: AppContext, planId: string): Promise<boolean> {
  const today = ctx.clock.today();
  const policy = ctx.serviceManagement(today);
  const plan = await loadPlan(ctx.db, planId);
  const started = Temporal.PlainDate.from(plan.row.acceptedOn ?? plan.row.createdOn);
  const lastContact = await lastContactOf(ctx.db, plan.row.personId);
  const candidate = isPassiveClosureCandidate(
    plan.state,
    lastContact,
    started,
    await hasActiveService(ctx.db, plan.row.personId),
    today,
    policy,
  );
  if (!candidate) return false;
  // One transaction: the task and its audit event are written together or not at all.
  const created = await ctx.db.transaction((tx) =>
    createTask(tx, null, {
      kind: 'plan-closure-review',
      title: `Review Service Plan ${plan.row.reference} for passive closure`,
      detail: `No contact ${lastContact ? `since ${dateInWords(lastContact)}` : 'recorded since the plan started'} (more than ${policy.passiveClosureDaysWithoutContact} days) and no other service in use. Contact the person, or close the plan (R03.2).`,
      assigneeId: closureResponsible(plan.state),
      personId: plan.row.personId,
      recordType: 'service_plan',
      recordId: plan.row.id,
      dueOn: formatDate(addDays(today, policy.reviewTaskDueDays)),
      dedupeKey: `plan-closure-review:${plan.row.id}`,
    }),
  );
  return created !== null;
}

/** R03.1 Exception: records the exit when it is due; whether this call recorded it. */
export async function exitIfDisengaged(ctx: AppContext, planId: string): Promise<boolean> {
  const today = ctx.clock.today();
  const policy = ctx.serviceManagement(today);
  const plan = await loadPlan(ctx.db, planId);
  const started = Temporal.PlainDate.from(plan.row.acceptedOn ?? plan.row.createdOn);
  const engaged = lastEngagement(plan.state, await lastContactOf(ctx.db, plan.row.personId), started, today);
  if (!isExitDue(plan.state, engaged, today, policy)) return false;
  return ctx.db.transaction(async (tx) => {
    // Conditional: of two runs at once, only one changes the status and audits it.
    const row = await exitCurrentPlan(tx, planId, formatDate(today));
    if (!row) return false;
    await recordAudit(tx, null, {
      action: 'plan.exit',
      recordType: 'service_plan',
      recordId: planId,
      before: { status: plan.row.status },
      after: { status: 'exited', exitedOn: row.exitedOn, lastEngaged: engaged.toString(), rule: policy.reference },
    });
    return true;
  });
}
