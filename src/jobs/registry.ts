/** Every scheduled job, by name (`waypoint jobs run <name>`). */
import type { Job } from './job.ts';
import { paymentIssue } from './payment-issue.ts';
import { reassessment } from './reassessment.ts';
import { passiveClosureReview, servicePlanExit } from './service-plan-sweeps.ts';
import { twoAttendingScan } from './two-attending-scan.ts';

export const JOBS: readonly Job[] = [passiveClosureReview, servicePlanExit, twoAttendingScan, reassessment, paymentIssue];

export function findJob(name: string): Job | undefined {
  return JOBS.find((j) => j.name === name);
}
