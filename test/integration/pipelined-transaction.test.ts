/**
 * A transaction whose BEGIN and COMMIT ride on its own statements (src/store/pipeline.ts
 * `pipelinedTransaction`): BEGIN goes with the first batch and COMMIT with the last statement, so
 * a batch then a last statement is two round trips; a failing statement anywhere, or a failing
 * COMMIT, leaves nothing written and the connection back in the pool with no transaction open.
 * Round trips only exist on PostgreSQL (PGlite runs Drizzle's own transaction), so PostgreSQL only.
 */
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, rowsOf } from '../../src/store/db.ts';
import { executeNamedAndCommit, executeNamedPipelined, pipelinedTransaction } from '../../src/store/pipeline.ts';
import { createScratchDatabase, postgresOnly, type ScratchDatabase } from '../support/postgres-only.ts';

const only = postgresOnly('The pipelined transaction test');

const insert = (id: number, parent: number | null = null) => ({
  name: 'test_ptx_insert',
  text: 'insert into ptx_rows (id, parent) values ($1::int, $2::int) returning id',
  params: [id, parent],
});
const divide = (by: number) => ({ name: 'test_ptx_divide', text: 'select 12 / $1::int as y', params: [by] });

describe.skipIf(!only.run)('a transaction with BEGIN and COMMIT sent with its statements (PostgreSQL)', () => {
  let scratch: ScratchDatabase;
  let database: Database;
  let pool: pg.Pool;
  let roundTrips = 0;
  const counted = new WeakSet<object>();

  beforeAll(async () => {
    scratch = await createScratchDatabase('ptx');
    // One connection: whatever a transaction leaves open on it, the next one would meet.
    database = await openDatabase({ engine: 'postgres', url: scratch.url, poolSize: 1 });
    await database.db.execute(
      sql`create table ptx_rows (id int primary key, parent int references ptx_rows (id) deferrable initially deferred)`,
    );
    pool = (database.db as unknown as { _: { session: { client: pg.Pool } } })._.session.client;
    // A round trip ends with the server's ReadyForQuery.
    pool.on('acquire', (client) => {
      if (counted.has(client)) return;
      counted.add(client);
      (client as unknown as { connection: pg.Connection }).connection.on('readyForQuery', () => roundTrips++);
    });
  });
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });

  const ids = async () => rowsOf<{ id: number }>(await database.db.execute(sql`select id from ptx_rows order by id`)).map((r) => r.id);

  /** The pool's one connection has no transaction open, and a statement on it commits at once. */
  async function expectCleanConnection() {
    const client = await pool.connect();
    try {
      expect(client.getTransactionStatus()).toBe('I');
    } finally {
      client.release();
    }
  }

  /** Runs a transaction that must fail: its error, once nothing of it is found written and the connection clean. */
  async function failureOf(body: Parameters<typeof pipelinedTransaction<unknown>>[1]): Promise<Error & { code?: string }> {
    const error = await pipelinedTransaction(database.db, body).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    await expectCleanConnection();
    expect(await ids()).toEqual([]);
    return error as Error;
  }

  it('runs a batch and a last statement in two round trips, BEGIN with the first and COMMIT with the last', async () => {
    roundTrips = 0;
    const rows = await pipelinedTransaction(database.db, async (tx) => {
      const [first, second] = await executeNamedPipelined(tx, [insert(1), insert(2, 1)]);
      expect([first, second]).toEqual([[{ id: 1 }], [{ id: 2 }]]);
      return executeNamedAndCommit(tx, insert(3, 2));
    });
    expect(rows).toEqual([{ id: 3 }]);
    expect(roundTrips).toBe(2);
    expect(await ids()).toEqual([1, 2, 3]);
    await database.db.execute(sql`delete from ptx_rows`);
  });

  it('rolls back the whole transaction when a statement of its first (BEGIN) batch fails, and the connection is clean', async () => {
    const error = await failureOf((tx) => executeNamedPipelined(tx, [insert(10), divide(0)]));
    expect(error.message).toMatch(/division by zero/);
  });

  it('rolls back the earlier batch when the last statement, sent with COMMIT, fails', async () => {
    const error = await failureOf(async (tx) => {
      await executeNamedPipelined(tx, [insert(20), insert(21)]);
      return executeNamedAndCommit(tx, insert(20));
    });
    expect(error.code).toBe('23505');
  });

  it('throws a failing COMMIT (a deferred foreign key) as its error, with nothing written', async () => {
    const error = await failureOf(async (tx) => {
      await executeNamedPipelined(tx, [insert(30), divide(4)]);
      return executeNamedAndCommit(tx, insert(31, 99));
    });
    expect(error.code).toBe('23503');
  });

  it('rolls back when the body throws between statements, and sends BEGIN before a first query that is not a batch', async () => {
    const error = await failureOf(async (tx) => {
      await tx.execute(sql`insert into ptx_rows (id) values (40)`);
      await executeNamedPipelined(tx, [insert(41), divide(2)]);
      throw new Error('a user mistake found after the reads');
    });
    expect(error.message).toBe('a user mistake found after the reads');
  });

  it('commits on its own when the body ends without a last statement', async () => {
    await pipelinedTransaction(database.db, (tx) => executeNamedPipelined(tx, [insert(50), insert(51)]));
    await expectCleanConnection();
    expect(await ids()).toEqual([50, 51]);
    await database.db.execute(sql`delete from ptx_rows`);
  });

  it('refuses a statement after the COMMIT went out, which would run outside the transaction', async () => {
    const error = await pipelinedTransaction(database.db, async (tx) => {
      await executeNamedAndCommit(tx, insert(60));
      await tx.execute(sql`insert into ptx_rows (id) values (61)`);
    }).catch((e: Error) => e);
    // Drizzle reports it as "Failed query", with the refusal as its cause.
    expect(`${(error as Error).message} ${((error as Error).cause as Error | undefined)?.message}`).toMatch(/has committed/);
    await expectCleanConnection();
    expect(await ids()).toEqual([60]);
    await database.db.execute(sql`delete from ptx_rows`);
  });
});
