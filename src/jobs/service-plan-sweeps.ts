/**
 * R03 sweeps over open and active Service Plans (the rules and writes are the app's,
 * src/app/service-plans/sweeps.ts):
 * - passive-closure-review (R03.2): no contact for more than 90 days and no other service in use ->
 *   a review task to the official responsible for closure (closing is their decision).
 * - service-plan-exit (R03.1 Exception, rule 8): a plan with a linked PDC whose person has not been
 *   actively engaged for more than 18 months (funded training in progress is engagement) -> the
 *   exit is recorded.
 */
import { eachCurrentPlan, exitIfDisengaged, reviewForPassiveClosure } from '../app/service-plans/sweeps.ts';
import type { Job } from './job.ts';

export const passiveClosureReview: Job = {
  name: 'passive-closure-review',
  description: 'R03.2: plans with no contact for more than 90 days and no other service get a review task for the responsible official',
  schedule: '0 2 * * *',
  async run(ctx, onProgress) {
    let tasksCreated = 0;
    const examined = await eachCurrentPlan(ctx, onProgress, async (planId) => {
      if (await reviewForPassiveClosure(ctx, planId)) tasksCreated += 1;
    });
    return { job: this.name, examined, outcomes: { tasksCreated } };
  },
};

export const servicePlanExit: Job = {
  name: 'service-plan-exit',
  description:
    'R03.1 Exception: plans whose funded training has a learner income support case, with no active engagement for more than 18 months, are recorded as exited',
  schedule: '15 2 * * *',
  async run(ctx, onProgress) {
    let exited = 0;
    const examined = await eachCurrentPlan(ctx, onProgress, async (planId) => {
      if (await exitIfDisengaged(ctx, planId)) exited += 1;
    });
    return { job: this.name, examined, outcomes: { exited } };
  },
};
