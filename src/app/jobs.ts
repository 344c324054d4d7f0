/**
 * Running a scheduled job on demand (supervisor, administrator). The jobs themselves live in
 * src/jobs and call the app; the edge that starts the server hands their list in, so the app and
 * the HTTP layer never import src/jobs.
 */
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

export function listJobs(actor: Actor, jobs: readonly RunnableJob[]) {
  authorize(actor, 'job.run');
  return { jobs: jobs.map(({ name, description, schedule }) => ({ name, description, schedule })) };
}

export async function runJob(ctx: AppContext, actor: Actor, jobs: readonly RunnableJob[], name: string) {
  authorize(actor, 'job.run');
  const job = jobs.find((j) => j.name === name);
  if (!job) throw new AppError('NOT_FOUND', `No job named ${name}.`, { field: 'params.name' });
  const { job: ran, examined, outcomes } = await job.run(ctx);
  return { job: ran, examined, outcomes };
}
