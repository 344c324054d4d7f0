/**
 * The job queue inside `waypoint serve` (jobs/queue.ts): every server takes chunks of any batch run
 * (`chunkWorkers` loops per chunked job), and, with the scheduler on, puts each job's schedule on
 * the queue and takes scheduled runs. pg-boss's clock sends each schedule once per slot, whichever
 * servers run it, and a queue of policy `singleton` runs one of a job at a time.
 */
import type { AppContext } from '../app/context.ts';
import { workOneChunk } from './chunked.ts';
import type { Job } from './job.ts';
import { bindQueue, chunkQueueOf, DEFAULT_QUEUE_SETTINGS, ensureQueue, jobQueueOf, openBoss, type QueueSettings } from './queue.ts';
import { JOBS } from './registry.ts';

export interface QueueLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface JobQueueOptions {
  /** Put the schedules on the queue and take scheduled runs (WAYPOINT_SCHEDULER, on by default). */
  readonly schedules: boolean;
  readonly timeZone: string;
  readonly log: QueueLog;
  /** Cron by job name, instead of the job's own schedule (WAYPOINT_SCHEDULES). */
  readonly scheduleOverrides?: Readonly<Record<string, string>>;
  /** Loops per chunked job in this server that take chunks of any run (default 1). */
  readonly chunkWorkers?: number;
  readonly settings?: Partial<QueueSettings>;
  readonly jobs?: readonly Job[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A started job queue; `stop` lets running work finish (up to pg-boss's time-out). */
export interface JobQueue {
  stop(): Promise<void>;
}

export async function startJobQueue(ctx: AppContext, options: JobQueueOptions): Promise<JobQueue> {
  const settings = { ...DEFAULT_QUEUE_SETTINGS, ...options.settings };
  const jobs = options.jobs ?? JOBS;
  const boss = await openBoss(ctx.db, settings, {
    schedules: options.schedules,
    upkeep: true,
    onError: (error) => options.log.error({ error: message(error) }, 'job queue error'),
  });
  for (const job of jobs) {
    await ensureQueue(boss, jobQueueOf(job.name), settings, 'job');
    if (job.chunks) await ensureQueue(boss, chunkQueueOf(job.name), settings, 'chunk');
  }
  const forget = bindQueue(ctx.db, boss, settings);
  if (options.schedules) {
    for (const job of jobs) {
      const queue = jobQueueOf(job.name);
      await boss.schedule(queue, options.scheduleOverrides?.[job.name] ?? job.schedule, {}, { tz: options.timeZone });
      await boss.work(queue, { pollingIntervalSeconds: settings.pollingSeconds }, async () => {
        try {
          const summary = await job.run(ctx);
          options.log.info({ job: job.name, examined: summary.examined, ...summary.outcomes }, 'scheduled job finished');
          return summary;
        } catch (error) {
          options.log.error(
            { job: job.name, error: message(error) },
            'scheduled job failed (the queue retries it, then keeps it in dead-letters)',
          );
          throw error;
        }
      });
    }
  }
  let stopping = false;
  const loops = jobs.flatMap((job) =>
    Array.from({ length: job.chunks ? (options.chunkWorkers ?? 1) : 0 }, async () => {
      const queue = chunkQueueOf(job.name);
      while (!stopping) {
        let step: Awaited<ReturnType<typeof workOneChunk>> = 'idle';
        try {
          step = await workOneChunk(ctx, boss, job.chunks!, queue);
        } catch (error) {
          options.log.error({ job: job.name, error: message(error) }, 'chunk worker error');
        }
        if (step === 'idle' && !stopping) await sleep(settings.pollingSeconds * 1000);
      }
    }),
  );
  return {
    async stop() {
      stopping = true;
      await Promise.all(loops);
      forget();
      await boss.stop({ graceful: true, close: false, timeout: 10_000 });
    },
  };
}
