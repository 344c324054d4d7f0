/**
 * Partitioned batch work (docs/architecture.md "Scale path"): a run's records are split by household into
 * chunks; any number of workers, in one process or many, on one server or several, claim chunks
 * with `FOR UPDATE SKIP LOCKED` and process each inside the transaction that holds its lock. So:
 * - nothing is done twice: a claimed chunk is invisible to the other workers until it is done;
 * - a worker that dies mid-chunk rolls its transaction back: the chunk is pending again, and the
 *   run finishes when any worker next runs (an unfinished run is resumed, not started over);
 * - a chunk's writes are all or nothing: a determination version is either old or new, never half;
 * - its audit events are written together, just before it commits (app/audit.ts `deferAudit`), in
 *   a few multi-row inserts; they touch no shared row, so workers do not queue on the audit trail.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { deferAudit, flushDeferredAudit } from '../app/audit.ts';
import type { AppContext } from '../app/context.ts';
import type { Tx } from '../store/db.ts';
import { jobChunks, jobRuns } from '../store/schema.ts';
import type { JobProgress } from './job.ts';

export interface ChunkedJob {
  readonly name: string;
  /** The keys to process, grouped so that one household's records stay in one group. */
  households(ctx: AppContext): Promise<string[][]>;
  /** Processes one chunk's keys inside the chunk's transaction; returns outcome counts. */
  process(ctx: AppContext, tx: Tx, keys: readonly string[]): Promise<Record<string, number>>;
}

const CHUNK_SIZE = 50;

/**
 * Chunk loops per process for batch jobs: WAYPOINT_JOB_WORKERS (set by `jobs run --workers N`),
 * default 1. Anything but a whole number from 1 to 64 is refused by name: "abc" once meant no
 * loop at all, a run that silently did nothing.
 */
export function chunkWorkers(value: string | undefined = process.env.WAYPOINT_JOB_WORKERS): number {
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new RangeError(`WAYPOINT_JOB_WORKERS (--workers) must be a whole number from 1 to 64, not "${value}".`);
  return n;
}

/** Finds the job's unfinished run, or plans a new one: households packed into chunks. */
async function currentRun(ctx: AppContext, job: ChunkedJob, reason: string): Promise<{ id: string; chunks: number }> {
  const [running] = await ctx.db.select().from(jobRuns).where(and(eq(jobRuns.job, job.name), eq(jobRuns.status, 'running')));
  if (running) {
    const [{ n } = { n: 0 }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(jobChunks).where(eq(jobChunks.runId, running.id));
    return { id: running.id, chunks: Number(n) };
  }
  const households = await job.households(ctx);
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const h of households) {
    current.push(...h);
    if (current.length >= CHUNK_SIZE) {
      chunks.push(current);
      current = [];
    }
  }
  if (current.length) chunks.push(current);
  return ctx.db.transaction(async (tx) => {
    const [run] = await tx
      .insert(jobRuns)
      .values({ job: job.name, status: 'running', reason })
      .onConflictDoNothing({ target: jobRuns.job, where: sql`${jobRuns.status} = 'running'` })
      .returning();
    if (!run) {
      // Another worker planned the run at the same moment: join it.
      const [other] = await tx.select().from(jobRuns).where(and(eq(jobRuns.job, job.name), eq(jobRuns.status, 'running')));
      return { id: other!.id, chunks: 0 };
    }
    for (let i = 0; i < chunks.length; i += 500) {
      await tx.insert(jobChunks).values(chunks.slice(i, i + 500).map((keys, j) => ({ runId: run.id, chunkNo: i + j, keys })));
    }
    return { id: run.id, chunks: chunks.length };
  });
}

export interface ChunkedSummary {
  readonly runId: string;
  readonly chunks: number;
  readonly processed: number;
  readonly outcomes: Record<string, number>;
}

/**
 * Works the job's current run with `workers` concurrent loops until no chunk is pending; the last
 * worker to find nothing left marks the run done. Safe to call from several processes at once.
 */
export async function workChunks(ctx: AppContext, job: ChunkedJob, options: { workers?: number; reason?: string; onProgress?: JobProgress } = {}): Promise<ChunkedSummary> {
  const run = await currentRun(ctx, job, options.reason ?? 'scheduled');
  const outcomes: Record<string, number> = {};
  let processed = 0;
  const worker = async (name: string) => {
    for (;;) {
      const done = await ctx.db.transaction(async (tx) => {
        const claimed = await tx.execute(sql`
          select chunk_no, keys from job_chunks
          where run_id = ${run.id} and status = 'pending'
          order by chunk_no
          for update skip locked
          limit 1`);
        const rows = (Array.isArray(claimed) ? claimed : (claimed as { rows: unknown[] }).rows) as { chunk_no: number; keys: string[] }[];
        const chunk = rows[0];
        if (!chunk) return false;
        deferAudit(tx);
        const result = await job.process(ctx, tx, chunk.keys);
        await flushDeferredAudit(tx);
        await tx
          .update(jobChunks)
          .set({ status: 'done', worker: name, processedAt: new Date(ctx.clock.now().epochMilliseconds) })
          .where(and(eq(jobChunks.runId, run.id), eq(jobChunks.chunkNo, chunk.chunk_no)));
        for (const [k, v] of Object.entries(result)) outcomes[k] = (outcomes[k] ?? 0) + v;
        return true;
      });
      if (!done) return;
      processed += 1;
      options.onProgress?.(processed, run.chunks || processed);
    }
  };
  await Promise.all(Array.from({ length: options.workers ?? 1 }, (_, i) => worker(`${process.pid}-${randomUUID().slice(0, 8)}-${i}`)));
  await ctx.db
    .update(jobRuns)
    .set({ status: 'done', finishedAt: new Date(ctx.clock.now().epochMilliseconds) })
    .where(
      and(
        eq(jobRuns.id, run.id),
        eq(jobRuns.status, 'running'),
        sql`not exists (select 1 from job_chunks c where c.run_id = ${run.id} and c.status = 'pending')`,
      ),
    );
  return { runId: run.id, chunks: run.chunks, processed, outcomes };
}
