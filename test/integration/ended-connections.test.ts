/**
 * Work handed a pooled connection that PostgreSQL has ended while it was idle (a restart, a
 * failover, pg_terminate_backend, idle_session_timeout), before the pool has read the server's
 * message on it, runs again on a new connection when the server can have run none of it
 * (src/store/ended-connections.ts): a plain query, a transaction whose BEGIN met the ended
 * connection, and the requests on them succeed, each write written once. What may have taken
 * effect is never run again: the caller gets the error. test/support/ended-connections.ts makes
 * the race certain. PostgreSQL only (PGlite has no connections to end).
 */
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/store/db.ts';
import { executeNamedAndCommit, pipelinedTransaction } from '../../src/store/pipeline.ts';
import { type Api, signedIn } from '../support/api.ts';
import { followPool, poolOf } from '../support/ended-connections.ts';
import { type Learner, learnerWithPdc } from '../support/learner.ts';
import { postgresOnly } from '../support/postgres-only.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const only = postgresOnly('The ended-connections test');
const POOL_SIZE = 5; // test/support/database.ts

describe.skipIf(!only.run)(`work on a pooled connection the server ended while it was idle${only.reason ? `: ${only.reason}` : ''}`, () => {
  let server: TestServer;
  let dana: Api;
  let learner: Learner;
  let pool: pg.Pool;
  let follow: ReturnType<typeof followPool>;

  beforeAll(async () => {
    server = await startTestServer({ engine: 'postgres' });
    const ada = await signedIn(server.app, 'official.ada');
    dana = await signedIn(server.app, 'lbc.dana');
    learner = await learnerWithPdc(ada);
    await server.database.db.execute(sql`create table ended_rows (id int primary key)`);
    pool = poolOf(server.database.db);
    follow = followPool(pool);
  });
  afterAll(() => server?.close());

  /** Every connection of the pool idle and ended by the server, the pool not knowing it yet. */
  async function endEveryConnection(options: { heardBeforeFirstStatement?: boolean } = {}) {
    await follow.fill(POOL_SIZE);
    expect(await follow.endUnheard(options)).toBe(POOL_SIZE);
  }

  const one = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await server.database.db.execute(query))[0]!;
  const endedRows = async (id: number) => (await one<{ n: number }>(sql`select count(*)::int as n from ended_rows where id = ${id}`)).n;

  it('answers a plain query sent on an ended connection from a new connection', async () => {
    await endEveryConnection();
    expect(rowsOf(await server.database.db.execute(sql`select 1 as one`))).toEqual([{ one: 1 }]);
  });

  it('runs a transaction whose BEGIN met an ended connection on a new one, writing its row once', async () => {
    await endEveryConnection();
    await server.database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into ended_rows (id) values (1)`);
    });
    expect(await endedRows(1)).toBe(1);
  });

  it('runs a transaction whose connection was found ended before its BEGIN went out on a new one (no unheard error event)', async () => {
    await endEveryConnection({ heardBeforeFirstStatement: true });
    await server.database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into ended_rows (id) values (4)`);
    });
    expect(await endedRows(4)).toBe(1);
  });

  it('adds evidence (a pipelined transaction) whose first batch met an ended connection, writing it once', async () => {
    const versions = () =>
      one<{ n: number }>(
        sql`select count(*)::int as n from evidence_versions v join evidence e on e.id = v.evidence_id where e.pdc_id = ${learner.pdcId}`,
      );
    const before = (await versions()).n;
    await endEveryConnection();
    const added = await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'shelter',
      subtype: 'renting',
      amount: '1200.00',
      periodStart: '2026-09-01',
    });
    expect(added.status).toBe(201);
    expect((await versions()).n).toBe(before + 1);
  });

  it('answers a read of a case whose first query met an ended connection', async () => {
    await endEveryConnection();
    expect((await dana.get(`/api/pdcs/${learner.pdcId}`)).status).toBe(200);
  });

  it('gives the caller the error of a plain script of several statements sent on an ended connection, and does not run it again', async () => {
    await endEveryConnection();
    await expect(server.database.db.execute(sql.raw('insert into ended_rows (id) values (5); select 1'))).rejects.toMatchObject({
      cause: { code: '57P01' },
    });
    expect(await endedRows(5)).toBe(0);
  });

  it('gives the caller the error of a transaction whose first batch carried its COMMIT, and does not run it again', async () => {
    await endEveryConnection();
    let runs = 0;
    const insert = { name: 'test_ended_insert', text: 'insert into ended_rows (id) values ($1::int)', params: [2] };
    const attempt = pipelinedTransaction(server.database.db, (tx) => {
      runs++;
      return executeNamedAndCommit(tx, insert);
    });
    await expect(attempt).rejects.toMatchObject({ code: '57P01' });
    expect(runs).toBe(1);
    expect(await endedRows(2)).toBe(0);
  });

  it('gives the caller the error of a transaction whose connection ended after a statement succeeded, and does not run it again', async () => {
    let runs = 0;
    const attempt = server.database.db.transaction(async (tx) => {
      runs++;
      await tx.execute(sql`insert into ended_rows (id) values (3)`);
      await tx.execute(sql`select pg_terminate_backend(pg_backend_pid())`);
    });
    await expect(attempt).rejects.toThrow();
    expect(runs).toBe(1);
    expect(await endedRows(3)).toBe(0);
  });

  it('gives the caller the error that failed a transaction, not the error of the ROLLBACK that could not follow it', async () => {
    const attempt = server.database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_terminate_backend(pg_backend_pid())`);
    });
    await expect(attempt).rejects.toMatchObject({ cause: { code: '57P01' } });
  });

  it('answers evidence whose connection PostgreSQL ends during its insert with RETRY (503), saying it may not have been saved, and writes nothing', async () => {
    const versions = async () =>
      (
        await one<{ n: number }>(
          sql`select count(*)::int as n from evidence_versions v join evidence e on e.id = v.evidence_id where e.pdc_id = ${learner.pdcId}`,
        )
      ).n;
    await server.database.db.execute(sql`
      create or replace function test_end_own_connection() returns trigger language plpgsql as $$
      begin perform pg_terminate_backend(pg_backend_pid()); return new; end $$`);
    await server.database.db.execute(
      sql`create trigger test_end_own_connection after insert on evidence_versions for each row execute function test_end_own_connection()`,
    );
    try {
      const before = await versions();
      const answer = await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
        type: 'shelter',
        subtype: 'renting',
        amount: '1200.00',
        periodStart: '2026-09-01',
      });
      expect([answer.status, answer.body.code, answer.headers['retry-after']]).toEqual([503, 'RETRY', '1']);
      expect(answer.body.detail).toMatch(/may not have been saved/);
      expect(await versions()).toBe(before);
    } finally {
      await server.database.db.execute(sql`drop trigger if exists test_end_own_connection on evidence_versions`);
    }
  });
});
