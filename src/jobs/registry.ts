/** Every scheduled job, by name (`waypoint jobs run <name>`). */
import { recordedByHand } from './by-hand.ts';
import type { Job } from './job.ts';
import { paymentIssue } from './payment-issue.ts';
import { reassessment } from './reassessment.ts';
import { passiveClosureReview, servicePlanExit } from './service-plan-sweeps.ts';
import { twoAttendingScan } from './two-attending-scan.ts';

/** Run with `startedBy` (the jobs page, `waypoint jobs run`), a run is kept in the jobs history with who started it. */
export const JOBS: readonly Job[] = [passiveClosureReview, servicePlanExit, twoAttendingScan, reassessment, paymentIssue].map(
  recordedByHand,
);

export function findJob(name: string): Job | undefined {
  return JOBS.find((j) => j.name === name);
}
