/**
 * R03 sweeps over open and active Service Plans:
 * - passive-closure-review (R03.2): no contact for more than 90 days and no other service in use ->
 *   a review task to the official responsible for closure (closing is their decision).
 * - service-plan-exit (R03.1 Exception, rule 8): a plan with a linked PDC whose person has not been
 *   actively engaged for more than 18 months (funded training in progress is engagement) -> the
 *   exit is recorded.
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../app/audit.ts';
import type { AppContext } from '../app/context.ts';
import { hasActiveService, lastContactOf, loadPlan } from '../app/service-plans/load.ts';
import { createTask } from '../app/tasks.ts';
import { addDays, formatDate } from '../domain/calendar.ts';
import { closureResponsible } from '../domain/service-plans/closure.ts';
import { isExitDue, isPassiveClosureCandidate, lastEngagement } from '../domain/service-plans/engagement.ts';
import { servicePlans } from '../store/schema.ts';
import type { Job, JobProgress } from './job.ts';

const PAGE = 200;

/** Calls `visit` for every open or active plan, in id order, a page at a time. */
async function eachCurrentPlan(ctx: AppContext, onProgress: JobProgress | undefined, visit: (planId: string) => Promise<void>): Promise<number> {
  const [{ total } = { total: 0 }] = await ctx.db
    .select({ total: sql<number>`count(*)::int` })
    .from(servicePlans)
    .where(inArray(servicePlans.status, ['open', 'active']));
  let after = '00000000-0000-0000-0000-000000000000';
  let done = 0;
  for (;;) {
    const page = await ctx.db
      .select({ id: servicePlans.id })
      .from(servicePlans)
      .where(and(inArray(servicePlans.status, ['open', 'active']), gt(servicePlans.id, after)))
      .orderBy(asc(servicePlans.id))
      .limit(PAGE);
    for (const { id } of page) {
      await visit(id);
      done += 1;
      onProgress?.(done, Number(total));
    }
    if (page.length < PAGE) return done;
    after = page.at(-1)!.id;
  }
}

export const passiveClosureReview: Job = {
  name: 'passive-closure-review',
  description: 'R03.2: plans with no contact for more than 90 days and no other service -> review task to the responsible official',
  schedule: '0 2 * * *',
  async run(ctx, onProgress) {
    const today = ctx.clock.today();
    const policy = ctx.serviceManagement(today);
    let tasksCreated = 0;
    const examined = await eachCurrentPlan(ctx, onProgress, async (planId) => {
      const plan = await loadPlan(ctx.db, planId);
      const started = Temporal.PlainDate.from(plan.row.acceptedOn ?? plan.row.createdOn);
      const lastContact = await lastContactOf(ctx.db, plan.row.personId);
      const candidate = isPassiveClosureCandidate(plan.state, lastContact, started, await hasActiveService(ctx.db, plan.row.personId), today, policy);
      if (!candidate) return;
      // One transaction: the task and its audit event are written together or not at all.
      const created = await ctx.db.transaction((tx) => createTask(tx, null, {
        kind: 'plan-closure-review',
        title: `Review Service Plan ${plan.row.reference} for passive closure`,
        detail: `No contact ${lastContact ? `since ${lastContact.toString()}` : 'recorded since the plan started'} (more than ${policy.passiveClosureDaysWithoutContact} days) and no other service in use. Contact the person, or close the plan (R03.2).`,
        assigneeId: closureResponsible(plan.state),
        personId: plan.row.personId,
        recordType: 'service_plan',
        recordId: plan.row.id,
        dueOn: formatDate(addDays(today, policy.reviewTaskDueDays)),
        dedupeKey: `plan-closure-review:${plan.row.id}`,
      }));
      if (created) tasksCreated += 1;
    });
    return { job: this.name, examined, outcomes: { tasksCreated } };
  },
};

export const servicePlanExit: Job = {
  name: 'service-plan-exit',
  description: 'R03.1 Exception: plans with a linked PDC not actively engaged for more than 18 months -> exit recorded',
  schedule: '15 2 * * *',
  async run(ctx, onProgress) {
    const today = ctx.clock.today();
    const policy = ctx.serviceManagement(today);
    let exited = 0;
    const examined = await eachCurrentPlan(ctx, onProgress, async (planId) => {
      const plan = await loadPlan(ctx.db, planId);
      const started = Temporal.PlainDate.from(plan.row.acceptedOn ?? plan.row.createdOn);
      const engaged = lastEngagement(plan.state, await lastContactOf(ctx.db, plan.row.personId), started, today);
      if (!isExitDue(plan.state, engaged, today, policy)) return;
      await ctx.db.transaction(async (tx) => {
        // Conditional: of two runs at once, only one changes the status and audits it.
        const [row] = await tx
          .update(servicePlans)
          .set({ status: 'exited', exitedOn: formatDate(today), version: sql`${servicePlans.version} + 1` })
          .where(and(eq(servicePlans.id, planId), inArray(servicePlans.status, ['open', 'active'])))
          .returning();
        if (!row) return;
        exited += 1;
        await recordAudit(tx, null, {
          action: 'plan.exit',
          recordType: 'service_plan',
          recordId: planId,
          before: { status: plan.row.status },
          after: { status: 'exited', exitedOn: row.exitedOn, lastEngaged: engaged.toString(), rule: policy.reference },
        });
      });
    });
    return { job: this.name, examined, outcomes: { exited } };
  },
};
