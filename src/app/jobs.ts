/**
 * Running a scheduled job on demand (supervisor, administrator). The jobs themselves live in
 * src/jobs and call the app; the edge that starts the server hands their list in, so the app and
 * the HTTP layer never import src/jobs.
 */
import { lastJobRuns } from '../store/repos/job-queue.ts';
import type { Actor, AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { authorize } from './permissions.ts';

/** Who started a run by hand: a signed-in user (the jobs page, the API) or an operator at the command line. */
export type StartedBy =
  | { readonly by: 'user'; readonly userId: string; readonly displayName: string }
  | { readonly by: 'command-line'; readonly account: string };

/** What the app needs of a job: its name and description, when it runs, and how to run it. */
export interface RunnableJob {
  readonly name: string;
  readonly description: string;
  /** When the server runs it on its own (cron syntax, server time zone). */
  readonly schedule: string;
  /** With `startedBy`, a run by hand: kept in the jobs history like a scheduled run, with who started it. */
  run(ctx: AppContext, onProgress?: undefined, options?: { startedBy?: StartedBy }): Promise<JobRunSummary>;
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
      runs: runs
        .filter((r) => r.job === name)
        .map(({ job: _job, startedBy, ...run }) => ({ ...run, status: runStatus(run.states), startedBy: startedByOf(startedBy) })),
    })),
  };
}

/** Who started a run, from its job data: a user or the command line by hand, else the schedule. */
function startedByOf(data: unknown): StartedBy | { by: 'schedule' } {
  const d = (data ?? {}) as Record<string, unknown>;
  if (d.by === 'user' && typeof d.userId === 'string' && typeof d.displayName === 'string')
    return { by: 'user', userId: d.userId, displayName: d.displayName };
  if (d.by === 'command-line' && typeof d.account === 'string') return { by: 'command-line', account: d.account };
  return { by: 'schedule' };
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
  const {
    job: ran,
    examined,
    outcomes,
  } = await job.run(ctx, undefined, {
    startedBy: { by: 'user', userId: actor.userId, displayName: actor.displayName },
  });
  return { job: ran, examined, outcomes };
}
