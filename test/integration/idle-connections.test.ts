/**
 * A pooled PostgreSQL connection that the server ends while it is idle (a restart, an
 * administrator, a failover) is reported and replaced: the process keeps running and the next
 * query succeeds on a new connection.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/store/db.ts';
import { createScratchDatabase, postgresOnly, type ScratchDatabase } from '../support/postgres-only.ts';

const only = postgresOnly('The idle-connection test');
let scratch: ScratchDatabase;
let database: Database;
const reported: Error[] = [];

describe.skipIf(!only.run)(`idle connections on PostgreSQL${only.reason ? `: ${only.reason}` : ''}`, () => {
  beforeAll(async () => {
    scratch = await createScratchDatabase('idle');
    database = await openDatabase({ engine: 'postgres', url: scratch.url, poolSize: 3, onIdleConnectionError: (e) => reported.push(e) });
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });

  it('an idle connection ended by the server is reported, and the next query runs on a new one', async () => {
    await Promise.all([1, 2, 3].map(() => database.db.execute(sql`select pg_sleep(0.05)`)));
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const ended = await admin.query(
      'select count(*) filter (where pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [scratch.name],
    );
    await admin.end();
    expect(ended.rows[0].n).toBeGreaterThan(0);
    // Each ended connection is reported once the pool reads the server's message on it. Until then the pool
    // could still hand one out; what is sent on it then runs again on a new one (ended-connections.test.ts).
    await expect.poll(() => reported.length, { timeout: 5_000 }).toBe(ended.rows[0].n);
    const result: unknown = await database.db.execute(sql`select 1 as one`);
    expect((Array.isArray(result) ? result : (result as { rows: unknown[] }).rows)[0]).toEqual({ one: 1 });
  });
});
