/**
 * The job queue's tables: pg-boss keeps them in this database, in its own schema `pgboss`
 * (docs/scaling.md "Jobs"). pg-boss runs its own statements through `queueExecutor`; the few
 * statements Waypoint adds are here: planning a batch run, holding a chunk's row for the
 * chunk's transaction, finding chunks whose worker died, and adding up a run.
 */
import type { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import type pg from 'pg';
import { type Db, type Queryable, rowsOf } from '../db.ts';

export const QUEUE_SCHEMA = 'pgboss';

/** What pg-boss calls to run SQL (its `db` option). */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * pg-boss's statements on the database's own client: the pool (PostgreSQL) or the one PGlite
 * connection. A statement without parameters may be several (pg-boss installs its schema and
 * does its upkeep in `BEGIN; ...; COMMIT;` scripts): PGlite runs those with `exec`.
 */
export function queueExecutor(db: Db): SqlExecutor {
  const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
  if ('exec' in client) {
    return {
      async executeSql(text, values) {
        if (values && values.length > 0) return { rows: (await client.query<Record<string, unknown>>(text, values)).rows };
        const results = await client.exec(text).catch(async (error: unknown) => {
          await client.exec('ROLLBACK'); // a script that failed after its BEGIN must not leave the one connection in it
          throw error;
        });
        return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
      },
    };
  }
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return { rows: (await client.query(text, values)).rows as Record<string, unknown>[] };
      // A script: on its own connection, rolled back there if it fails after its BEGIN.
      const connection = await client.connect();
      try {
        const result = (await connection.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
        return { rows: (Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows) as Record<string, unknown>[] };
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        connection.release();
      }
    },
  };
}

/** pg-boss's statements inside an open transaction ($1... become Drizzle parameters): its jobs are then written with ours, or not at all. */
export function transactionExecutor(tx: Queryable): SqlExecutor {
  return {
    async executeSql(text, values = []) {
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = parts.map((part, i) => (i % 2 === 1 ? sql`${sql.param(values[Number(part) - 1])}` : sql.raw(part)));
      return { rows: rowsOf(await tx.execute(sql.join(chunks))) };
    },
  };
}

const job = sql.raw(`${QUEUE_SCHEMA}.job`);
const archive = sql.raw(`${QUEUE_SCHEMA}.archive`);

/** Planning a run of a queue is one at a time (two servers asked at once: the second joins the first's run). */
export async function lockRunPlanning(tx: Queryable, queue: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`waypoint.run.${queue}`}))`);
}

/**
 * Holds the planning of a queue's runs for this process until the returned release is called: a
 * transaction of its own, on a connection of its own, holding an advisory lock. A second process
 * starting the same job waits here while the first reads what to do and puts the run on the queue,
 * then joins that run instead of reading the same again. (Not the lock `lockRunPlanning` takes in
 * the transaction that inserts the run: that one is taken while this one is held.) PGlite is one
 * connection in one process, where a transaction held open would stop every other statement: there
 * is nothing to hold there, and the release does nothing.
 */
export async function holdRunPlanning(db: Db, queue: string): Promise<() => Promise<void>> {
  if ('exec' in (db as unknown as { $client: pg.Pool | PGlite }).$client) return async () => {};
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let held: () => void = () => {};
  const holding = new Promise<void>((resolve) => (held = resolve));
  const transaction = db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`waypoint.plan.${queue}`}))`);
    held();
    await released;
  });
  transaction.catch(() => {}); // handled: its error is thrown where it is awaited (below, or the release)
  await Promise.race([holding, transaction]);
  return async () => {
    release();
    await transaction;
  };
}

/** The queue's unfinished run: the run of any chunk not yet completed or failed for good. */
/**
 * `unfinishedRun` before the queue is started: none while pg-boss has not made its tables yet (a
 * new database), so a run with nothing to do need not start the queue to find that out.
 */
export async function unfinishedRunIfQueueMade(q: Queryable, queue: string): Promise<string | null> {
  const [made] = rowsOf<{ made: boolean }>(await q.execute(sql`select to_regclass(${`${QUEUE_SCHEMA}.job`}) is not null as made`));
  return made?.made ? unfinishedRun(q, queue) : null;
}

export async function unfinishedRun(q: Queryable, queue: string): Promise<string | null> {
  const [row] = rowsOf<{ run: string }>(
    await q.execute(sql`select data->>'run' as run from ${job} where name = ${queue} and state < 'completed' limit 1`),
  );
  return row?.run ?? null;
}

/**
 * Holds a chunk's job row until the chunk's transaction ends; its state then. Only 'active' is
 * work to do: anything else was finished by another worker. A worker that dies lets go of the
 * row with its connection, which is how `orphanedChunk` tells a dead worker from a slow one.
 */
export async function holdChunk(tx: Queryable, queue: string, id: string): Promise<string | null> {
  const [row] = rowsOf<{ state: string }>(
    await tx.execute(sql`select state from ${job} where name = ${queue} and id = ${id}::uuid for update`),
  );
  return row?.state ?? null;
}

/** An active chunk that no transaction holds (its worker died), now held by this one. */
export async function orphanedChunk(tx: Queryable, queue: string): Promise<{ id: string; keys: string[] } | null> {
  const [row] = rowsOf<{ id: string; keys: string[] }>(
    await tx.execute(sql`
      select id::text, data->'keys' as keys from ${job}
      where name = ${queue} and state = 'active' and started_on < now() - interval '2 seconds'
      order by created_on limit 1 for update skip locked`),
  );
  return row ?? null;
}

/**
 * Waits until the transactions holding the run's active chunks end (each chunk's row is held by its
 * chunk's transaction, `holdChunk`), or `timeoutMs` passes: a worker with nothing left to take
 * then looks again as soon as another worker's last chunk is done, not after a fixed pause. A
 * chunk no one holds (between its fetch and its hold, or its worker died) ends the wait at once.
 */
export async function awaitActiveChunks(db: Db, queue: string, run: string, timeoutMs: number): Promise<void> {
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`select set_config('lock_timeout', ${`${Math.round(timeoutMs)}ms`}, true)`);
      await tx.execute(sql`select id from ${job} where name = ${queue} and data->>'run' = ${run} and state = 'active' for update`);
    })
    .catch(() => {}); // the lock timeout: the caller looks at the run again either way
}

/** A run started by hand, already inserted in this transaction, made active at once: no worker takes it, and its row records the run. */
export async function markStartedByHand(tx: Queryable, queue: string, id: string): Promise<void> {
  await tx.execute(sql`update ${job} set state = 'active', started_on = now() where name = ${queue} and id = ${id}::uuid`);
}

export interface RunCount {
  readonly state: string;
  readonly chunks: number;
}

/** A run's chunks by state (finished ones may already be in the archive). */
export async function runCounts(q: Queryable, queue: string, run: string): Promise<RunCount[]> {
  const rows = rowsOf<{ state: string; chunks: number }>(
    await q.execute(sql`
      select state::text, count(*)::int as chunks from (
        select state from ${job} where name = ${queue} and data->>'run' = ${run}
        union all
        select state from ${archive} where name = ${queue} and data->>'run' = ${run}
      ) x group by state`),
  );
  return rows.map((r) => ({ state: r.state, chunks: Number(r.chunks) }));
}

/** What a run's completed chunks did, added up by kind (each chunk's outcome counts are its job's output). */
export async function runOutcomes(q: Queryable, queue: string, run: string): Promise<Record<string, number>> {
  const rows = rowsOf<{ kind: string; n: number }>(
    await q.execute(sql`
      select o.key as kind, sum(o.value::numeric)::int as n from (
        select output from ${job} where name = ${queue} and data->>'run' = ${run} and state = 'completed'
        union all
        select output from ${archive} where name = ${queue} and data->>'run' = ${run} and state = 'completed'
      ) x, jsonb_each_text(x.output) o
      where jsonb_typeof(x.output) = 'object' and o.value ~ '^-?[0-9]+$'
      group by o.key`),
  );
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

export interface DeadLetter {
  readonly id: string;
  readonly data: unknown;
  /** The last try's error. */
  readonly output: unknown;
  readonly createdOn: string;
}

/** Jobs that failed their last try, oldest first (kept until the queue's retention ends). */
export async function deadLetters(q: Queryable, queue: string): Promise<DeadLetter[]> {
  const rows = rowsOf<{ id: string; data: unknown; output: unknown; created_on: string }>(
    await q.execute(sql`select id::text, data, output, created_on::text from ${job} where name = ${queue} order by created_on`),
  );
  return rows.map((r) => ({ id: r.id, data: r.data, output: r.output, createdOn: r.created_on }));
}

export interface JobRunRow {
  /** The job's name (its queue without the `job.` or `chunks.` prefix). */
  readonly job: string;
  /** A scheduled run (one queue job) or a batch run (its chunks). */
  readonly kind: 'scheduled' | 'batch';
  readonly id: string;
  readonly startedOn: string;
  readonly finishedOn: string | null;
  /** Chunks (1 for a scheduled run) by state: created, retry, active, completed, cancelled, failed. */
  readonly states: Readonly<Record<string, number>>;
  /** A scheduled run's summary (examined, outcomes), or its error. */
  readonly output: unknown;
  /** Who started it, as its job data says (a run by hand); null: the schedule. */
  readonly startedBy: unknown;
}

/**
 * The last `perJob` runs of each job, newest first, from pg-boss's tables (the live queue and its
 * archive): scheduled runs (queue `job.<name>`) and batch runs (queue `chunks.<name>`, one run per
 * `data.run`, counted by state). None before the queue has made its tables.
 */
export async function lastJobRuns(q: Queryable, perJob: number): Promise<JobRunRow[]> {
  const [made] = rowsOf<{ made: boolean }>(await q.execute(sql`select to_regclass(${`${QUEUE_SCHEMA}.archive`}) is not null as made`));
  if (!made?.made) return [];
  const rows = rowsOf<{
    job: string;
    kind: 'scheduled' | 'batch';
    id: string;
    started_on: string;
    finished_on: string | null;
    states: Record<string, number>;
    output: unknown;
    started_by: unknown;
  }>(
    await q.execute(sql`
      with every_job as (
        select name, id, state::text as state, data, output, created_on, completed_on from ${job}
        where name like 'job.%' or name like 'chunks.%'
        union all
        select name, id, state::text, data, output, created_on, completed_on from ${archive}
        where name like 'job.%' or name like 'chunks.%'
      ),
      chunk_states as (
        select name, data->>'run' as run, state, count(*)::int as n, min(created_on) as started_on, max(completed_on) as finished_on,
          max((data->'startedBy')::text) as started_by
        from every_job where name like 'chunks.%' group by name, data->>'run', state
      ),
      runs as (
        select substr(name, 5) as job, 'scheduled' as kind, id::text as id, created_on as started_on, completed_on as finished_on,
          jsonb_build_object(state, 1) as states, output, data->'startedBy' as started_by
        from every_job where name like 'job.%'
        union all
        select substr(name, 8), 'batch', run, min(started_on),
          case when bool_and(state in ('completed', 'failed', 'cancelled')) then max(finished_on) end,
          jsonb_object_agg(state, n), null::jsonb, max(started_by)::jsonb
        from chunk_states group by name, run
      )
      select job, kind, id, to_json(started_on) #>> '{}' as started_on, to_json(finished_on) #>> '{}' as finished_on, states, output, started_by from (
        select runs.*, row_number() over (partition by job order by started_on desc) as n from runs
      ) ranked where n <= ${perJob}
      order by job, started_on desc`),
  );
  return rows.map((r) => ({
    job: r.job,
    kind: r.kind,
    id: r.id,
    startedOn: r.started_on,
    finishedOn: r.finished_on,
    states: Object.fromEntries(Object.entries(r.states ?? {}).map(([state, n]) => [state, Number(n)])),
    output: r.output,
    startedBy: r.started_by ?? null,
  }));
}
