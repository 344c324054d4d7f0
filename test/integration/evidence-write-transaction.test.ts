/**
 * Adding evidence is one transaction whose BEGIN goes with the case lock and whose COMMIT goes with
 * the insert (src/app/benefits/evidence.ts, src/store/pipeline.ts): its audit event is written in
 * that same transaction; a user mistake found after the lock, a conflict in the insert or one at
 * COMMIT answers its own problem and leaves nothing written; on PostgreSQL the transaction is two
 * round trips.
 */
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/store/db.ts';
import { type Api, anonymous, signedIn } from '../support/api.ts';
import { type Learner, learnerWithPdc } from '../support/learner.ts';
import { addOffice, placeUser } from '../support/placements.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let dana: Api;
let ada: Api;
let learner: Learner;

beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
  dana = await signedIn(server.app, 'lbc.dana');
  learner = await learnerWithPdc(ada);
});
afterAll(() => server.close());

const shelter = { type: 'shelter', subtype: 'renting', amount: '1200.00', periodStart: '2026-09-01' };
const add = (body: object = shelter) => dana.post(`/api/pdcs/${learner.pdcId}/evidence`, body);

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await server.database.db.execute(query))[0]!;
}

/** The case's evidence versions and its evidence audit events. */
const written = () =>
  one<{ versions: number; events: number }>(sql`
    select (select count(*)::int from evidence_versions v join evidence e on e.id = v.evidence_id where e.pdc_id = ${learner.pdcId}) as versions,
      (select count(*)::int from audit_events where record_id = ${learner.pdcId} and action like 'evidence.%') as events`);

describe('the transaction of adding evidence', () => {
  afterEach(async () => {
    await server.database.db.execute(sql`drop trigger if exists test_conflict on evidence_versions`);
  });

  it('writes the audit event in the same transaction as the evidence it records', async () => {
    const added = await add();
    expect(added.status).toBe(201);
    const row = await one<{ same: boolean }>(sql`
      select e.xmin::text = a.xmin::text as same from evidence e, audit_events a
      where e.id = ${added.body.evidenceId} and a.action = 'evidence.add' and a.after -> 'evidence' ->> 'id' = e.id::text`);
    expect(row).toEqual({ same: true });
  });

  it('answers a user mistake found after the case is locked with its problem, writes nothing, and the next add succeeds', async () => {
    const before = await written();
    const refused = await add({ ...shelter, periodStart: '2030-01-01' });
    expect(refused.status).toBe(422);
    expect(await written()).toEqual(before);
    expect((await add()).status).toBe(201);
  });

  it.each([
    ['in the insert itself', 'not deferrable'],
    ['only at COMMIT', 'deferrable initially deferred'],
  ])('answers a serialization failure %s with RETRY (503), writing nothing', async (_when, timing) => {
    await server.database.db.execute(sql`
      create or replace function test_conflict() returns trigger language plpgsql as $$
      begin raise exception 'a conflicting transaction' using errcode = 'serialization_failure'; end $$`);
    await server.database.db.execute(
      sql.raw(
        `create constraint trigger test_conflict after insert on evidence_versions ${timing} for each row execute function test_conflict()`,
      ),
    );
    const before = await written();
    const answer = await add();
    expect([answer.status, answer.body.code]).toEqual([503, 'RETRY']);
    expect(await written()).toEqual(before);
  });
});

/** The case row's xmax: a row lock (FOR UPDATE) leaves its transaction's id there, even once rolled back. */
const lockMark = async () =>
  (await one<{ xmax: string }>(sql`select xmax::text as xmax from product_delivery_cases where id = ${learner.pdcId}::uuid`)).xmax;

/** Sends an add that must be refused with `status` and `code`, and checks that it wrote nothing and, unless `locks`, never locked the case. */
async function expectRefusedAdd(api: Api, status: number, code: string, options: { pdcId?: string; locks?: boolean } = {}) {
  const before = { written: await written(), lock: await lockMark() };
  const answer = await api.post(`/api/pdcs/${options.pdcId ?? learner.pdcId}/evidence`, shelter);
  expect({ status: answer.status, code: answer.body?.code, type: answer.headers['content-type'] }).toEqual({
    status,
    code,
    type: 'application/problem+json; charset=utf-8',
  });
  expect(await written()).toEqual(before.written);
  if (!options.locks) expect(await lockMark()).toBe(before.lock);
}

const usersSessions = (username: string, set: ReturnType<typeof sql>) =>
  server.database.db.execute(sql`update sessions set ${set} where user_id = (select id from users where username = ${username})`);

/** Signs in as supervisor.grace, then checks `refused` while her account has `set`, and puts it back (`reset`). */
async function whileGraceAccount(set: ReturnType<typeof sql>, reset: ReturnType<typeof sql>, refused: (grace: Api) => Promise<void>) {
  const grace = await signedIn(server.app, 'supervisor.grace');
  await server.database.db.execute(sql`update users set ${set} where username = 'supervisor.grace'`);
  try {
    await refused(grace);
  } finally {
    await server.database.db.execute(sql`update users set ${reset} where username = 'supervisor.grace'`);
  }
}

describe('who may add evidence: the answers, and nothing written or locked before the writer is known', () => {
  it('answers a write without a session 401 UNAUTHENTICATED', async () => {
    await expectRefusedAdd(anonymous(server.app), 401, 'UNAUTHENTICATED');
  });

  it('answers a write with an unknown session cookie 401 UNAUTHENTICATED', async () => {
    const stranger = await signedIn(server.app, 'supervisor.hamid');
    await usersSessions('supervisor.hamid', sql`token_hash = 'not-a-token-hash'`);
    await expectRefusedAdd(stranger, 401, 'UNAUTHENTICATED');
  });

  it('answers a write with an expired session 401 UNAUTHENTICATED', async () => {
    const grace = await signedIn(server.app, 'supervisor.grace');
    await usersSessions('supervisor.grace', sql`expires_at = timestamptz '2000-01-01T00:00:00Z'`);
    await expectRefusedAdd(grace, 401, 'UNAUTHENTICATED');
  });

  it('answers a write with a signed-out session 401 UNAUTHENTICATED', async () => {
    const grace = await signedIn(server.app, 'supervisor.grace');
    expect((await grace.delete('/api/session')).status).toBe(204);
    await expectRefusedAdd(grace, 401, 'UNAUTHENTICATED');
  });

  it('answers a write by a deactivated account 401 UNAUTHENTICATED', async () => {
    await whileGraceAccount(sql`active = false`, sql`active = true`, (grace) => expectRefusedAdd(grace, 401, 'UNAUTHENTICATED'));
  });

  it('answers a write by a session that must change its password first 403 PASSWORD_CHANGE_REQUIRED', async () => {
    await whileGraceAccount(sql`must_change_password = true`, sql`must_change_password = false`, (grace) =>
      expectRefusedAdd(grace, 403, 'PASSWORD_CHANGE_REQUIRED'),
    );
  });

  it('answers a write by a role that may not write evidence 403 FORBIDDEN', async () => {
    await expectRefusedAdd(ada, 403, 'FORBIDDEN');
  });

  it('answers a write to a case that does not exist 404 NOT_FOUND', async () => {
    await expectRefusedAdd(dana, 404, 'NOT_FOUND', { pdcId: '00000000-0000-4000-8000-000000000000' });
  });

  it('answers a write by a coordinator whose caseload does not hold the person 403 NOT_ON_CASELOAD', async () => {
    await addOffice(server.database.db, 'north', 'North office');
    await placeUser(server.database.db, 'lbc.eli', { office: 'north' });
    await expectRefusedAdd(await signedIn(server.app, 'lbc.eli'), 403, 'NOT_ON_CASELOAD', { locks: true });
  });
});

describe.skipIf(process.env.WAYPOINT_TEST_ENGINE !== 'postgres')('round trips of adding evidence (PostgreSQL)', () => {
  it('checks the session with the case lock, opening the transaction, and commits it with the insert: two round trips in all', async () => {
    const pool = (server.database.db as unknown as { _: { session: { client: pg.Pool } } })._.session.client;
    let roundTrips = 0;
    let inTransaction = 0;
    const counted = new WeakSet<object>();
    // A round trip ends with the server's ReadyForQuery; those that end inside a transaction or end it are the write's.
    const count = (client: pg.PoolClient) => {
      if (counted.has(client)) return;
      counted.add(client);
      let open = false;
      (client as unknown as { connection: pg.Connection }).connection.on('readyForQuery', (msg: { status: string }) => {
        roundTrips++;
        if (open || msg.status !== 'I') inTransaction++;
        open = msg.status !== 'I';
      });
    };
    pool.on('acquire', count);
    roundTrips = 0;
    inTransaction = 0;
    expect((await add()).status).toBe(201);
    pool.off('acquire', count);
    expect({ inTransaction, roundTrips }).toEqual({ inTransaction: 2, roundTrips: 2 });
  });
});
