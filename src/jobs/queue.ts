/**
 * The job queue: pg-boss, with its tables in this database (schema `pgboss`), on PostgreSQL and on
 * the embedded PGlite alike (docs/scaling.md "Jobs"). It gives every job and every batch chunk:
 * - retries with back-off (`retryLimit`, `retryDelaySeconds`, doubling each time), then
 * - the dead-letter queue (`dead-letters`): a job that failed its last try, kept for an operator;
 * - retention: finished jobs move to `pgboss.archive` after `archiveAfterSeconds` and are deleted
 *   from it after `deleteAfterDays`; upkeep runs in one server at a time (`maintenanceSeconds`);
 * - schedules that fire once across all servers (pg-boss's cron: one send per minute slot).
 */
import type PgBoss from 'pg-boss';
import { type Db, type DeadLetter, deadLetters, QUEUE_SCHEMA, queueExecutor } from '../app/job-queue.ts';

export interface QueueSettings {
  /** Tries after the first before a job goes to the dead-letter queue. */
  readonly retryLimit: number;
  /** Wait before the first retry; each further retry waits twice as long. */
  readonly retryDelaySeconds: number;
  /** A chunk still active after this long is failed (and retried): its worker hung. */
  readonly chunkExpireSeconds: number;
  /** A scheduled run still active after this long is failed (and retried). */
  readonly jobExpireSeconds: number;
  /** Completed and failed jobs move to the archive after this long... */
  readonly archiveAfterSeconds: number;
  /** ...and are deleted from it after this many days. */
  readonly deleteAfterDays: number;
  /** How long a dead letter (or any job never taken) is kept. */
  readonly deadLetterDays: number;
  /** How often one server (whichever gets there first) expires, archives and deletes. */
  readonly maintenanceSeconds: number;
  /** How often an idle worker looks for work. */
  readonly pollingSeconds: number;
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  retryLimit: 2,
  retryDelaySeconds: 30,
  chunkExpireSeconds: 15 * 60,
  jobExpireSeconds: 6 * 60 * 60,
  archiveAfterSeconds: 24 * 60 * 60,
  deleteAfterDays: 30,
  deadLetterDays: 30,
  maintenanceSeconds: 60,
  pollingSeconds: 2,
};

export const DEAD_LETTERS = 'dead-letters';
export const chunkQueueOf = (job: string) => `chunks.${job}`;
export const jobQueueOf = (job: string) => `job.${job}`;

/**
 * Does `step` again (up to 5 tries) when it fails: two servers or runs starting at once on a new
 * database race in pg-boss's schema creation and in its create_queue (a deadlock); the loser's
 * next try finds the schema or the queue made.
 */
async function untilRaceSettles<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/** Creates a queue unless it exists. */
async function createQueue(boss: PgBoss, name: string, options: PgBoss.Queue): Promise<void> {
  await untilRaceSettles(async () => {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, options);
  });
}

/** A started pg-boss on the database: `schedules` runs the cron clock, `upkeep` the maintenance. */
export async function openBoss(
  db: Db,
  settings: QueueSettings,
  options: { schedules: boolean; upkeep: boolean; onError?: (error: unknown) => void },
): Promise<PgBoss> {
  // Loaded when a queue is first opened (after the server listens), with its cron parser and luxon.
  const { default: Boss } = await import('pg-boss');
  const boss = await untilRaceSettles(async () => {
    const started = new Boss({
      db: queueExecutor(db),
      schema: QUEUE_SCHEMA,
      supervise: options.upkeep,
      schedule: options.schedules,
      migrate: true,
      maintenanceIntervalSeconds: settings.maintenanceSeconds,
      archiveCompletedAfterSeconds: settings.archiveAfterSeconds,
      deleteAfterDays: settings.deleteAfterDays,
    });
    started.on('error', options.onError ?? (() => {}));
    try {
      return await started.start();
    } catch (error) {
      await started.stop({ graceful: false, close: false }).catch(() => {});
      throw error;
    }
  });
  await createQueue(boss, DEAD_LETTERS, { name: DEAD_LETTERS, retentionMinutes: settings.deadLetterDays * 24 * 60 });
  return boss;
}

/** Creates (or brings up to date) a queue whose failures end in the dead-letter queue. */
export async function ensureQueue(boss: PgBoss, name: string, settings: QueueSettings, kind: 'job' | 'chunk'): Promise<string> {
  const options = {
    name,
    policy: kind === 'job' ? ('singleton' as const) : ('standard' as const),
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: kind === 'job' ? settings.jobExpireSeconds : settings.chunkExpireSeconds,
    retentionMinutes: settings.deadLetterDays * 24 * 60,
    deadLetter: DEAD_LETTERS,
  };
  await createQueue(boss, name, options);
  await boss.updateQueue(name, options);
  return name;
}

/** A started queue with its settings. */
export interface OpenQueue {
  readonly boss: PgBoss;
  readonly settings: QueueSettings;
}

/** The started queue of a database (`waypoint serve`), used by every run in the process. */
const running = new Map<Db, { boss: PgBoss; settings: QueueSettings }>();

export function bindQueue(db: Db, boss: PgBoss, settings: QueueSettings): () => void {
  running.set(db, { boss, settings });
  return () => {
    if (running.get(db)?.boss === boss) running.delete(db);
  };
}

/**
 * Runs `work` with the queue `open` (one its caller opened), else the process's started queue, or
 * (a command, a test, or other settings) with a queue opened for it alone: no clock, no upkeep,
 * stopped when the work ends.
 */
export async function withQueue<T>(
  db: Db,
  settings: Partial<QueueSettings> | undefined,
  work: (boss: PgBoss, settings: QueueSettings) => Promise<T>,
  open?: OpenQueue,
): Promise<T> {
  if (open && !settings) return work(open.boss, open.settings);
  const started = running.get(db);
  if (started && !settings) return work(started.boss, started.settings);
  const own = { ...DEFAULT_QUEUE_SETTINGS, ...settings };
  const boss = await openBoss(db, own, { schedules: false, upkeep: false });
  try {
    return await work(boss, own);
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}

/** The dead-letter queue's jobs: their data (a chunk's job, run and keys) and last error. */
export async function listDeadLetters(ctx: { db: Db }): Promise<DeadLetter[]> {
  return withQueue(ctx.db, undefined, () => deadLetters(ctx.db, DEAD_LETTERS));
}
