/**
 * The access log's group commit (src/app/access-log-writer.ts, docs/operations.md "Access log:
 * group commit"): reads made at once share inserts, each read returns only once its row is
 * committed, and a row that cannot be written fails only its own read.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accessLogWriter } from '../../src/app/access-log-writer.ts';
import { rowsOf } from '../../src/store/db.ts';
import { type Api, signedIn } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api;
let personId: string;
let actorId: string;

beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
  personId = (await ada.post('/api/people', personBody())).body.id;
  actorId = (await ada.get('/api/session')).body.user.id;
}, 120_000);

afterAll(() => server?.close());

const logged = async (what: string) =>
  Number(
    rowsOf<{ n: string }>(
      await server.database.db.execute(sql`select count(*)::text as n from access_log where person_id = ${personId} and what = ${what}`),
    )[0]!.n,
  );

const row = (what: string, person = personId) => ({
  at: new Date(),
  actorId,
  personId: person,
  what,
  basis: 'own-caseload',
  breakGlass: false,
  reason: null,
  reviewStatus: 'not-required',
});

it('reads made at once are each in the access log by the time each of them returns', async () => {
  const reads = await Promise.all(Array.from({ length: 12 }, () => ada.get(`/api/people/${personId}`)));
  expect(reads.map((r) => r.status)).toEqual(Array(12).fill(200));
  expect(await logged('person')).toBeGreaterThanOrEqual(12);
});

it('writes handed over at once are all committed, each before its promise resolves', async () => {
  const writer = accessLogWriter(server.database.db);
  await Promise.all(Array.from({ length: 30 }, () => writer.write([row('household')])));
  expect(await logged('household')).toBe(30);
});

it('a row that cannot be written fails only its own write', async () => {
  const writer = accessLogWriter(server.database.db);
  const outcomes = await Promise.allSettled([
    writer.write([row('readiness')]),
    writer.write([row('readiness')]),
    writer.write([row('readiness', randomUUID())]),
    writer.write([row('readiness')]),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  expect(await logged('readiness')).toBe(3);
});
