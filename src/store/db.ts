/**
 * Opening the database: PGlite (embedded, a data folder or in memory) by default, a PostgreSQL
 * server when a connection URL is given. Both run the same migrations at open.
 *
 * PGlite is one connection inside this process: two processes opening one data folder would lose
 * writes silently, so the data folder is locked for as long as it is open, and the lock is held for
 * as long as the owner process lives (data-folder-lock.ts: an owner-liveness check, no time-out).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { claimAlive, DataFolderLockedError, type FolderLock, lockDataFolder } from './data-folder-lock.ts';
import { poolRunsAgainOnEndedConnections, transactionsBeginAgainOnEndedConnections } from './ended-connections.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export type DatabaseConfig =
  | {
      engine: 'pglite';
      dataDir: string | null;
      /** A migrated data-folder dump to start from (tests). */
      snapshot?: Blob;
      /** The data-folder lock was found lost (its claim file removed). Default: say so on stderr and exit at once, writing nothing more. */
      onLockLost?: () => void;
      /** The migrations to apply: every one of Waypoint's unless a test of an upgrade opens a database at an earlier one. */
      migrations?: string;
    }
  | {
      engine: 'postgres';
      url: string;
      poolSize?: number;
      /** An idle pooled connection failed (the server restarted, or ended it): the pool replaces it. Default: one line on stderr. */
      onIdleConnectionError?: (error: Error) => void;
      /** The migrations to apply: every one of Waypoint's unless a test of an upgrade opens a database at an earlier one. */
      migrations?: string;
    };

/**
 * node-postgres emits 'error' on the pool when an idle connection fails; unheard, that event would
 * end the process. The pool drops the connection and opens a new one when next needed, so it is
 * reported, never fatal. The message is the server's (no query, no parameters).
 */
const reportIdleConnectionError = (error: Error) =>
  process.stderr.write(
    `waypoint: an idle database connection failed and will be replaced: ${(error as { code?: string }).code ?? ''} ${error.message}\n`,
  );

export interface Database {
  readonly db: Db;
  readonly engine: 'pglite' | 'postgres';
  /** Human-readable location without credentials, for logs. */
  readonly describe: string;
  /**
   * Whether this process may still write: false once a PGlite data-folder lock is found lost (which
   * also runs `onLockLost`). A cheap synchronous check; the server makes it before every write request.
   */
  holdsLock(): boolean;
  close(): Promise<void>;
}

/** The default when the data-folder lock is lost: stop at once, without closing (closing PGlite writes a checkpoint). */
const exitOnLockLost = (dataDir: string) => () => {
  process.stderr.write(
    `waypoint: DATA_FOLDER_LOCK_LOST: the lock on ${dataDir} was taken away from this process; stopping at once, before any further write.\n`,
  );
  process.exit(75);
};

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * The migrated empty PGlite database the build makes beside the built server (scripts/build.js): a
 * new data folder starts as a copy of it instead of running initdb and every migration (issue 14).
 * Absent when running from the sources; the migrations are still checked after it, as on any start.
 */
export const builtSnapshotFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrated-empty');

const partialOf = (pgdata: string, pid: number) => `${pgdata}.partial-${pid}`;

/** Copies the built database to `pgdata` through a sibling folder renamed at the end: a copy cut short leaves no half database. */
function copyBuiltSnapshot(pgdata: string): void {
  const partial = partialOf(pgdata, process.pid);
  rmSync(partial, { recursive: true, force: true });
  cpSync(builtSnapshotFolder, partial, { recursive: true });
  renameSync(partial, pgdata);
}

/**
 * Removes the copies of the built database that a process cut short left beside `pgdata`
 * (`pglite.partial-<pid>`, issue 14), once that process is gone. Called with the data-folder lock
 * held, so no other process is copying into this folder.
 */
export function removeStalePartialCopies(pgdata: string): void {
  const folder = path.dirname(pgdata);
  const prefix = `${path.basename(pgdata)}.partial-`;
  for (const name of readdirSync(folder)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    if (!claimAlive({ host: os.hostname(), pid, startTime: null })) rmSync(path.join(folder, name), { recursive: true, force: true });
  }
}

/** The rows of `db.execute(...)`: node-postgres answers { rows }, PGlite's Drizzle driver an array or { rows }. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * A statement run often with a fixed text, as a named prepared statement: PostgreSQL parses and
 * plans it once per connection (a generic plan after its first few runs) instead of on every run.
 * `text` numbers its parameters $1, $2, ...; it must be the same text on every call with that
 * name. (PGlite runs it as an ordinary statement.)
 */
export async function executeNamed<T>(q: Queryable, name: string, text: string, params: readonly unknown[]): Promise<T[]> {
  return rowsOf<T>(await q._.session.prepareQuery({ sql: text, params: [...params] }, undefined, name, false).execute());
}

const prepared = new WeakMap<Queryable, Map<string, unknown>>();

/**
 * A Drizzle query built once per database handle (or transaction) and run as the named prepared
 * statement `name`, its values given as placeholders at each run: the hot statements of every
 * request (the session, a case page's reads) skip building their SQL in Drizzle and PostgreSQL's
 * parsing and planning.
 */
export function preparedOn<T>(q: Queryable, name: string, build: (q: Queryable, name: string) => T): T {
  let byName = prepared.get(q);
  if (!byName) prepared.set(q, (byName = new Map()));
  let query = byName.get(name) as T | undefined;
  if (query === undefined) byName.set(name, (query = build(q, name)));
  return query;
}

export { DataFolderLockedError };

/** PGlite and its Drizzle driver, loaded only when a PGlite database is opened (not on PostgreSQL). */
async function loadPglite() {
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  return { PGlite, drizzlePglite, migratePglite, startParams: pgliteStartParams(PGlite.defaultStartParams) };
}

/**
 * PGlite's own start parameters, with a smaller shared memory: PGlite allocates and zeroes
 * PostgreSQL's shared memory in its WebAssembly memory at every start, and the data folder's
 * defaults (shared_buffers 128MB, max_connections 100, sized for a server with many backends) cost
 * about 0.6 s of CPU of each start (issue 14, docs/operations.md). PGlite has one backend; 32MB of
 * buffers hold a demo or a test database whole, and a bigger one is read through the operating
 * system's file cache.
 */
export const PGLITE_SETTINGS: readonly string[] = ['-c', 'shared_buffers=32MB', '-c', 'max_connections=10'];
const pgliteStartParams = (defaults: readonly string[]) => [...defaults, ...PGLITE_SETTINGS];

/** Opens the database, takes the data-folder lock (PGlite on disk) and applies pending migrations. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
    pool.on('error', config.onIdleConnectionError ?? reportIdleConnectionError);
    // Work handed a connection the server had already ended runs again on a new one when the server kept none of it.
    poolRunsAgainOnEndedConnections(pool);
    // Dates stay calendar dates: never turn a `date` column into a JS Date.
    const db = drizzlePg({ client: pool, schema, casing: undefined }) as unknown as Db;
    transactionsBeginAgainOnEndedConnections(db, pool);
    await migratePg(drizzlePg({ client: pool }), { migrationsFolder: config.migrations ?? migrationsFolder });
    const url = new URL(config.url);
    return {
      db,
      engine: 'postgres',
      describe: `postgres://${url.hostname}:${url.port || 5432}${url.pathname}`,
      holdsLock: () => true,
      close: () => pool.end(),
    };
  }
  let lock: FolderLock | null = null;
  if (config.dataDir) {
    mkdirSync(config.dataDir, { recursive: true });
    lock = await lockDataFolder(config.dataDir, { onLost: config.onLockLost ?? exitOnLockLost(config.dataDir) });
  }
  try {
    const pgdata = config.dataDir && path.join(config.dataDir, 'pglite');
    // A new data folder (no database folder yet) starts as a copy of the built one when there is one; else PGlite runs initdb.
    if (pgdata) removeStalePartialCopies(pgdata);
    if (pgdata && !config.snapshot && !existsSync(pgdata) && existsSync(path.join(builtSnapshotFolder, 'PG_VERSION')))
      copyBuiltSnapshot(pgdata);
    const { PGlite, drizzlePglite, migratePglite, startParams } = await loadPglite();
    const client = await PGlite.create({
      ...(pgdata && { dataDir: pgdata }),
      ...(config.snapshot && { loadDataDir: config.snapshot }),
      startParams,
    });
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    await migratePglite(drizzlePglite({ client }), { migrationsFolder: config.migrations ?? migrationsFolder });
    return {
      db,
      engine: 'pglite',
      describe: config.dataDir ? `pglite:${config.dataDir}` : 'pglite:memory',
      holdsLock: () => lock?.stillHeld() ?? true,
      close: async () => {
        // A lost lock: the folder may be someone else's now; write nothing more to it.
        if (lock && !lock.stillHeld()) return;
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** A migrated, empty in-memory database dumped as a tarball: tests start from it in about a second. */
export async function migratedSnapshot(): Promise<Blob> {
  const { PGlite, drizzlePglite, migratePglite, startParams } = await loadPglite();
  const client = await PGlite.create({ startParams });
  await migratePglite(drizzlePglite({ client }), { migrationsFolder });
  const dump = await client.dumpDataDir('none');
  await client.close();
  return dump;
}
