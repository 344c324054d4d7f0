/**
 * Partitioned batch work (docs/scaling.md "Jobs"): a run's records are split by household into
 * chunks, and each chunk is a job on the queue (jobs/queue.ts, queue `chunks.<job>`). Any number of
 * workers, in one process or many, on one server or several, take chunks from the queue; so:
 * - nothing is done twice: a chunk's job row is held by the chunk's transaction, and the chunk is
 *   marked completed in that same transaction (with its writes), or not at all;
 * - a worker that dies mid-chunk rolls its transaction back and lets go of the row: the next worker
 *   to look takes the chunk over (`orphanedChunk`), and the run finishes;
 * - a chunk that fails is retried with back-off, and after its last try goes to the dead-letter
 *   queue; the run is finished when every chunk is completed or dead;
 * - its audit events are written together, just before it commits (app/audit.ts `deferAudit`).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type PgBoss from 'pg-boss';
import { deferAudit, flushDeferredAudit } from '../app/audit.ts';
import type { AppContext } from '../app/context.ts';
import {
  awaitActiveChunks,
  holdChunk,
  holdRunPlanning,
  lockRunPlanning,
  orphanedChunk,
  runCounts,
  runOutcomes,
  type Tx,
  transactionExecutor,
  unfinishedRun,
  unfinishedRunIfQueueMade,
} from '../app/job-queue.ts';
import type { StartedBy } from '../app/jobs.ts';
import { packGroups } from './groups.ts';
import type { Job, JobProgress, JobSummary } from './job.ts';
import { chunkQueueOf, ensureQueue, type OpenQueue, type QueueSettings, withQueue } from './queue.ts';

export interface ChunkedJob {
  readonly name: string;
  /** The keys to process, grouped so that one household's records stay in one group. */
  households(ctx: AppContext): Promise<string[][]>;
  /** Processes one chunk's keys inside the chunk's transaction; returns outcome counts. */
  process(ctx: AppContext, tx: Tx, keys: readonly string[]): Promise<Record<string, number>>;
}

/** Workers in one process for one run (`jobs run --workers N`): a whole number from 1 to 64. */
export function workerCount(value: string | number | undefined): number {
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new RangeError(`--workers must be a whole number from 1 to 64, not "${value}".`);
  return n;
}

interface ChunkData {
  readonly job: string;
  readonly run: string;
  readonly chunk: number;
  readonly keys: string[];
  /** Who started the run by hand (absent: the schedule). */
  readonly startedBy?: StartedBy;
}

/**
 * The job's unfinished run, or a new one of these chunks: put on the queue in one transaction
 * (unless another server planned one meanwhile: that one is joined).
 */
async function currentRun(
  ctx: AppContext,
  boss: PgBoss,
  job: ChunkedJob,
  queue: string,
  chunks: readonly string[][],
  startedBy: StartedBy | undefined,
): Promise<string> {
  const unfinished = await unfinishedRun(ctx.db, queue);
  if (unfinished) return unfinished;
  return ctx.db.transaction(async (tx) => {
    await lockRunPlanning(tx, queue);
    const other = await unfinishedRun(tx, queue); // planned by another server meanwhile: join it
    if (other) return other;
    const run = randomUUID();
    for (let i = 0; i < chunks.length; i += 500) {
      // Taken in the order planned (pg-boss fetches by priority, then by creation time, which one
      // insert shares, then by the random id): the small chunks of the run's end come last.
      const jobs = chunks.slice(i, i + 500).map((keys, j) => ({
        name: queue,
        data: { job: job.name, run, chunk: i + j, keys, ...(startedBy && { startedBy }) } satisfies ChunkData,
        priority: chunks.length - (i + j),
      }));
      await boss.insert(jobs, { db: transactionExecutor(tx) });
    }
    return run;
  });
}

/** Which process did a chunk, kept with its outcome on the queue (`host:pid`). */
const WORKER = `${hostname()}:${process.pid}`;

/** The chunk's writes, its audit events and its completion: one transaction. */
async function processChunk(
  ctx: AppContext,
  tx: Tx,
  boss: PgBoss,
  job: ChunkedJob,
  queue: string,
  id: string,
  keys: string[],
): Promise<Record<string, number>> {
  deferAudit(tx);
  const outcome = await job.process(ctx, tx, keys);
  await flushDeferredAudit(tx);
  await boss.complete(queue, id, { ...outcome, worker: WORKER }, { db: transactionExecutor(tx) });
  return outcome;
}

const failure = (error: unknown) => ({ message: error instanceof Error ? error.message : String(error) });

/**
 * Does one chunk of the job if there is one (its outcome): the next waiting chunk (pg-boss's fetch,
 * SKIP LOCKED), else one whose worker died. A chunk that throws is rolled back and failed: pg-boss
 * retries it after its back-off, or sends it to the dead-letter queue.
 */
export async function workOneChunk(
  ctx: AppContext,
  boss: PgBoss,
  job: ChunkedJob,
  queue: string,
): Promise<Record<string, number> | 'failed' | 'idle'> {
  const [next] = await boss.fetch<ChunkData>(queue, { batchSize: 1 });
  let taken: string | null = next?.id ?? null;
  try {
    const outcome = await ctx.db.transaction(async (tx) => {
      if (next)
        return (await holdChunk(tx, queue, next.id)) === 'active' ? processChunk(ctx, tx, boss, job, queue, next.id, next.data.keys) : null;
      const orphan = await orphanedChunk(tx, queue);
      if (!orphan) return null;
      taken = orphan.id;
      return processChunk(ctx, tx, boss, job, queue, orphan.id, orphan.keys);
    });
    return outcome ?? 'idle';
  } catch (error) {
    if (!taken) throw error;
    await boss.fail(queue, taken, failure(error));
    return 'failed';
  }
}

export interface ChunkedSummary {
  readonly runId: string;
  /** The run's chunks, and how many of them this call did. */
  readonly chunks: number;
  readonly processed: number;
  /** The run's chunks that failed their last try (in the dead-letter queue). */
  readonly failed: number;
  /** What this call's chunks did, added up: two calls sharing a run add up to the run. */
  readonly outcomes: Record<string, number>;
  /** What all the run's completed chunks did (whichever worker or server did them). */
  readonly runOutcomes: Record<string, number>;
}

export interface ChunkOptions {
  /** Concurrent workers in this process for this run (default 1). */
  readonly workers?: number;
  readonly onProgress?: JobProgress;
  /** Queue settings for this run alone (tests); otherwise the started queue's. */
  readonly settings?: Partial<QueueSettings>;
  /** Who started the run by hand: kept in its chunks' data when this call plans it. */
  readonly startedBy?: StartedBy;
  /** A queue its caller opened (a run by hand): used instead of opening one. */
  readonly queue?: OpenQueue;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Works the job's current run (a new one if none is unfinished) until every chunk is completed or
 * dead, sharing it with every other worker, here or on other servers. Safe to call from several
 * processes at once.
 */
export async function workChunks(ctx: AppContext, job: ChunkedJob, options: ChunkOptions = {}): Promise<ChunkedSummary> {
  const workers = workerCount(options.workers);
  const queueName = chunkQueueOf(job.name);
  // A new run's chunks: whole households packed into chunks of the context's size (WAYPOINT_BATCH_CHUNK;
  // smaller towards the end of the run, so that workers sharing it end together: jobs/groups.ts).
  // With no unfinished run and nothing to do, there is no run: nothing is
  // put on the queue, and the queue is not even started (the nightly re-scan that finds nothing new
  // costs its candidate statement and one look at the queue's table).
  // An unfinished run is joined (whether or not it has finished by the time the queue is started).
  // One process plans a run: another one starting the same job meanwhile waits for its planning
  // (holdRunPlanning), then joins its run without reading the households again.
  let unfinished = await unfinishedRunIfQueueMade(ctx.db, queueName);
  const release = unfinished ? async () => {} : await holdRunPlanning(ctx.db, queueName);
  try {
    unfinished ??= await unfinishedRunIfQueueMade(ctx.db, queueName);
    const chunks = unfinished ? [] : packGroups(await job.households(ctx), ctx.batchChunkSize);
    if (!unfinished && chunks.length === 0)
      return { runId: randomUUID(), chunks: 0, processed: 0, failed: 0, outcomes: {}, runOutcomes: {} };
    return await withQueue(
      ctx.db,
      options.settings,
      async (boss, settings) => {
        const queue = await ensureQueue(boss, queueName, settings, 'chunk');
        const run = unfinished ?? (await currentRun(ctx, boss, job, queue, chunks, options.startedBy));
        await release();
        return workRun(ctx, boss, job, queue, run, workers, options.onProgress);
      },
      options.queue,
    );
  } finally {
    await release();
  }
}

/** Works the run's chunks with `workers` loops until none is left to take, then adds up the run. */
async function workRun(
  ctx: AppContext,
  boss: PgBoss,
  job: ChunkedJob,
  queue: string,
  run: string,
  workers: number,
  onProgress: JobProgress | undefined,
): Promise<ChunkedSummary> {
  const total = (await runCounts(ctx.db, queue, run)).reduce((n, c) => n + c.chunks, 0);
  let processed = 0;
  const outcomes: Record<string, number> = {};
  const worker = async () => {
    for (;;) {
      const step = await workOneChunk(ctx, boss, job, queue);
      if (typeof step === 'object') {
        for (const [kind, n] of Object.entries(step)) if (typeof n === 'number') outcomes[kind] = (outcomes[kind] ?? 0) + n;
        processed += 1;
        onProgress?.(processed, total);
      }
      if (step !== 'idle') continue;
      const open = (await runCounts(ctx.db, queue, run)).filter(
        (c) => c.state === 'created' || c.state === 'retry' || c.state === 'active',
      );
      if (open.length === 0) return;
      // Another worker's chunk is being done: wait for its transaction (its row lock), so that
      // this worker ends, or takes the chunk over, when it does. Chunks waiting for a retry: a pause.
      if (!open.some((c) => c.state === 'active')) await sleep(200);
      else {
        const t = performance.now();
        await awaitActiveChunks(ctx.db, queue, run, 2000);
        if (performance.now() - t < 50) await sleep(50);
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  const counts = await runCounts(ctx.db, queue, run);
  return {
    runId: run,
    chunks: counts.reduce((n, c) => n + c.chunks, 0),
    processed,
    failed: counts.find((c) => c.state === 'failed')?.chunks ?? 0,
    outcomes,
    runOutcomes: await runOutcomes(ctx.db, queue, run),
  };
}

/** A scheduled job whose work is chunked: its run works the chunks (`summarize` turns the run's totals into the job's summary). */
export function chunkedJob(
  chunks: ChunkedJob,
  spec: { description: string; schedule: string; summarize(summary: ChunkedSummary): Omit<JobSummary, 'job'> },
): Job {
  return {
    name: chunks.name,
    description: spec.description,
    schedule: spec.schedule,
    chunks,
    async run(ctx, onProgress, options) {
      const summary = await workChunks(ctx, chunks, { ...options, ...(onProgress && { onProgress }) });
      return { job: chunks.name, ...spec.summarize(summary) };
    },
  };
}
