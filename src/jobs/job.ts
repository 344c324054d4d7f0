/**
 * Scheduled sweeps. A job walks its candidates in pages, asks the domain for each decision, and
 * writes in small transactions. Every job is idempotent and safe to run twice at once: tasks carry
 * a dedupe key (one open task per key, enforced by a unique index), and status changes are
 * conditional updates that only one run can win. The queue (jobs/queue.ts) starts each scheduled
 * run once across all servers, retries a failed one with back-off, and keeps the last failure.
 */
import type { AppContext } from '../app/context.ts';
import type { StartedBy } from '../app/jobs.ts';
import type { ChunkedJob } from './chunked.ts';
import type { OpenQueue } from './queue.ts';

export type JobProgress = (done: number, total: number) => void;

export interface JobSummary {
  readonly job: string;
  readonly examined: number;
  /** What the job did, by kind, e.g. { tasksCreated: 3 }. */
  readonly outcomes: Readonly<Record<string, number>>;
}

export interface RunOptions {
  /** Concurrent workers in this process for a chunked job's run (`jobs run --workers N`). */
  readonly workers?: number;
  /** A run by hand (the jobs page, `waypoint jobs run`): recorded in the job's queue with who started it (jobs/by-hand.ts). */
  readonly startedBy?: StartedBy;
  /** A queue already open for this run (a run by hand opens one for its record and its chunks alike). */
  readonly queue?: OpenQueue;
}

export interface Job {
  readonly name: string;
  readonly description: string;
  /** When the queue starts it (cron syntax, server time zone); WAYPOINT_SCHEDULES may change it. */
  readonly schedule: string;
  /** Batch work in chunks: every server's workers take the chunks of a run (jobs/chunked.ts). */
  readonly chunks?: ChunkedJob;
  run(ctx: AppContext, onProgress?: JobProgress, options?: RunOptions): Promise<JobSummary>;
}
