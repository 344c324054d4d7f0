/**
 * A fresh database for one test file, on the engine the test project names
 * (WAYPOINT_TEST_ENGINE): PGlite in memory, or a new PostgreSQL database `waypoint_test_<random>`
 * on TEST_DATABASE_URL's server, dropped afterwards. No mocks: the same migrations as production.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/store/db.ts';

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

export async function createTestDatabase(engine: Engine = testEngine()): Promise<TestDatabase> {
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
  const database = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 5, onIdleConnectionError: () => {} });
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
