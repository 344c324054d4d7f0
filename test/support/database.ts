/**
 * A fresh database for one test file, on the engine the test project names
 * (WAYPOINT_TEST_ENGINE): PGlite in memory, or a new PostgreSQL database `waypoint_test_<random>`
 * on TEST_DATABASE_URL's server, dropped afterwards. No mocks: the same migrations as production.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, migrationsFolder, openDatabase } from '../../src/store/db.ts';

export type Engine = 'pglite' | 'postgres';

export function testEngine(): Engine {
  const engine = process.env.WAYPOINT_TEST_ENGINE ?? 'pglite';
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`WAYPOINT_TEST_ENGINE must be pglite or postgres, not ${engine}`);
  return engine;
}

export interface TestDatabase extends Database {
  /** Drops the database (PostgreSQL) or closes it (PGlite). */
  destroy(): Promise<void>;
}

/**
 * A folder of Waypoint's migrations up to the one tagged `tag` (its file name without .sql) and none
 * after: a database opened with it is as that release left it, for a test of the upgrade from it.
 */
export function migrationsUpTo(tag: string): string {
  const journalFile = path.join(migrationsFolder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === tag);
  if (last < 0) throw new Error(`no migration tagged ${tag}`);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'waypoint-migrations-'));
  mkdirSync(path.join(folder, 'meta'));
  const entries = journal.entries.slice(0, last + 1);
  writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  return folder;
}

/** Applies the migrations a database opened at an earlier one has not had: the upgrade to this release, as opening it with this release does. */
export async function migrateToLatest(database: Database): Promise<void> {
  const client = (database.db as unknown as { $client: pg.Pool | PGlite }).$client;
  if (database.engine === 'pglite') await migratePglite(drizzlePglite({ client: client as PGlite }), { migrationsFolder });
  else await migratePg(drizzlePg({ client: client as pg.Pool }), { migrationsFolder });
}

/** `migratedTo`: open the database at that migration (its tag), not the latest (see migrationsUpTo). */
export async function createTestDatabase(engine: Engine = testEngine(), options: { migratedTo?: string } = {}): Promise<TestDatabase> {
  const migrations = options.migratedTo === undefined ? undefined : migrationsUpTo(options.migratedTo);
  if (engine === 'pglite' && migrations) {
    const database = await openDatabase({ engine: 'pglite', dataDir: null, migrations });
    return { ...database, destroy: () => database.close() };
  }
  if (engine === 'pglite') {
    const snapshotFile = inject('pgliteSnapshot');
    const snapshot = snapshotFile ? new Blob([readFileSync(snapshotFile)]) : undefined;
    const database = await openDatabase({ engine: 'pglite', dataDir: null, ...(snapshot && { snapshot }) });
    return { ...database, destroy: () => database.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set: the PostgreSQL test project needs a server.');
  const name = `waypoint_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // Tests that end connections on purpose (ended-connections.test.ts) would fill the output with the
  // server's one line per ended idle connection; idle-connections.test.ts checks that line is made.
  const database = await openDatabase({
    engine: 'postgres',
    url: url.toString(),
    poolSize: 5,
    onIdleConnectionError: () => {},
    ...(migrations && { migrations }),
  });
  return {
    ...database,
    destroy: async () => {
      await database.close();
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
