/**
 * Scheduled sweeps. A job walks its candidates in pages, asks the domain for each decision, and
 * writes in small transactions. Every job is idempotent and safe to run twice at once: tasks carry
 * a dedupe key (one open task per key, enforced by a unique index), and status changes are
 * conditional updates that only one run can win.
 */
import type { AppContext } from '../app/context.ts';

export interface JobProgress {
  (done: number, total: number): void;
}

export interface JobSummary {
  readonly job: string;
  readonly examined: number;
  /** What the job did, by kind, e.g. { tasksCreated: 3 }. */
  readonly outcomes: Readonly<Record<string, number>>;
}

export interface Job {
  readonly name: string;
  readonly description: string;
  /** When the server runs it on its own (cron syntax, server time zone). */
  readonly schedule: string;
  run(ctx: AppContext, onProgress?: JobProgress): Promise<JobSummary>;
}
