/** Every scheduled job, by name (`waypoint jobs run <name>`). */
import type { Job } from './job.ts';
import { reassessment } from './reassessment.ts';
import { passiveClosureReview, servicePlanExit } from './service-plan-sweeps.ts';

export const JOBS: readonly Job[] = [passiveClosureReview, servicePlanExit, reassessment];

export function findJob(name: string): Job | undefined {
  return JOBS.find((j) => j.name === name);
}
