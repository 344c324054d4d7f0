/**
 * A run by hand (the jobs page, `waypoint jobs run`) kept in the jobs history like a scheduled run:
 * it is a job of the job's own queue (`job.<name>`), inserted already active in one transaction (no
 * worker takes it), its data saying who started it, then completed with the run's summary or failed
 * with its error. Its own singleton key lets it run beside a scheduled run of the same job (every
 * job is idempotent and safe to run twice at once: jobs/job.ts); it is not retried.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app/context.ts';
import { markStartedByHand, transactionExecutor } from '../app/job-queue.ts';
import type { StartedBy } from '../app/jobs.ts';
import type { Job, JobProgress, JobSummary, RunOptions } from './job.ts';
import { ensureQueue, jobQueueOf, withQueue } from './queue.ts';

export async function runByHand(
  ctx: AppContext,
  job: Job,
  startedBy: StartedBy,
  onProgress?: JobProgress,
  options: RunOptions = {},
): Promise<JobSummary> {
  const queue = jobQueueOf(job.name);
  const id = randomUUID();
  // One queue for the whole run (the process's, or one opened for it): recording its start, its
  // chunks, and its end.
  return withQueue(ctx.db, undefined, async (boss, settings) => {
    await ensureQueue(boss, queue, settings, 'job');
    await ctx.db.transaction(async (tx) => {
      const data = { startedBy };
      await boss.insert([{ id, name: queue, data, retryLimit: 0, singletonKey: `by-hand:${id}` }], { db: transactionExecutor(tx) });
      await markStartedByHand(tx, queue, id);
    });
    let summary: JobSummary;
    try {
      summary = await job.run(ctx, onProgress, { ...options, startedBy, queue: { boss, settings } });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await boss.fail(queue, id, { message });
      throw error;
    }
    await boss.complete(queue, id, summary);
    return summary;
  });
}

/** The job, whose run with `startedBy` is a run by hand (recorded); without it, the job's own run (the schedule's). */
export function recordedByHand(job: Job): Job {
  return {
    ...job,
    run: (ctx, onProgress, options) =>
      options?.startedBy ? runByHand(ctx, job, options.startedBy, onProgress, options) : job.run(ctx, onProgress, options),
  };
}
