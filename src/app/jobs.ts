/**
 * Running a scheduled job on demand (supervisor, administrator). The jobs themselves live in
 * src/jobs and call the app; the edge that starts the server hands their list in, so the app and
 * the HTTP layer never import src/jobs.
 */
import { lastJobRuns } from '../store/repos/job-queue.ts';
import type { Actor, AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { authorize } from './permissions.ts';

/** What the app needs of a job: its name and description, when it runs, and how to run it. */
export interface RunnableJob {
  readonly name: string;
  readonly description: string;
  /** When the server runs it on its own (cron syntax, server time zone). */
  readonly schedule: string;
  run(ctx: AppContext): Promise<JobRunSummary>;
}

/** What a run did: the records it examined and its outcomes by kind, e.g. { tasksCreated: 3 }. */
export interface JobRunSummary {
  readonly job: string;
  readonly examined: number;
  readonly outcomes: Readonly<Record<string, number>>;
}

/** Runs shown per job on the jobs page. */
const RUNS_PER_JOB = 5;

/** Each job with its last runs as the queue kept them (docs/scaling.md "Jobs"): state, chunk counts, progress. */
export async function listJobs(ctx: AppContext, actor: Actor, jobs: readonly RunnableJob[]) {
  authorize(actor, 'job.run');
  const runs = await lastJobRuns(ctx.db, RUNS_PER_JOB);
  return {
    jobs: jobs.map(({ name, description, schedule }) => ({
      name,
      description,
      schedule,
      runs: runs.filter((r) => r.job === name).map(({ job: _job, ...run }) => ({ ...run, status: runStatus(run.states) })),
    })),
  };
}

/** A run's status from its chunks' states: running while any is waiting or active; failed if any failed. */
function runStatus(states: Readonly<Record<string, number>>): 'running' | 'failed' | 'completed' | 'cancelled' {
  const count = (state: string) => states[state] ?? 0;
  if (count('created') + count('retry') + count('active') > 0) return 'running';
  if (count('failed') > 0) return 'failed';
  if (count('completed') > 0) return 'completed';
  return 'cancelled';
}

export async function runJob(ctx: AppContext, actor: Actor, jobs: readonly RunnableJob[], name: string) {
  authorize(actor, 'job.run');
  const job = jobs.find((j) => j.name === name);
  if (!job) throw new AppError('NOT_FOUND', `No job named ${name}.`, { field: 'params.name' });
  const { job: ran, examined, outcomes } = await job.run(ctx);
  return { job: ran, examined, outcomes };
}
