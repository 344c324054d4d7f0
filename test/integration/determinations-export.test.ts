/**
 * A learner case's determinations as CSV: a header and a row per version and month, with what each
 * version changed; refused like the case itself to a reader without the person on their caseload,
 * and logged in the access log like reading the case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, signedIn } from '../support/api.ts';
import { type Learner, learnerWithPdc } from '../support/learner.ts';
import { addOffice, placeUser } from '../support/placements.ts';
import { download } from '../support/plans.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let dana: Api;
let hugo: Api;
let learner: Learner;

const HEADER =
  'Case,Version,Determined on,Reason,Month,Needs,Countable resources,Entitlement,Held,Previous entitlement,Difference,Kind of difference';

beforeAll(async () => {
  server = await startTestServer();
  await addOffice(server.database.db, 'north', 'North office');
  await placeUser(server.database.db, 'official.carmen', { office: 'north' });
  const ada = await signedIn(server.app, 'official.ada');
  dana = await signedIn(server.app, 'lbc.dana');
  hugo = await signedIn(server.app, 'auditor.hugo');
  learner = await learnerWithPdc(ada);
  await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
    type: 'shelter',
    subtype: 'renting',
    amount: '1200.00',
    periodStart: '2026-09-01',
  });
  await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
  await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
    type: 'child-care',
    amount: '600.00',
    periodStart: '2026-09-01',
    periodEnd: '2026-12-31',
  });
  await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
}, 120_000);
afterAll(() => server?.close());

const csvOf = async (username: string) => download(server.app, username, `/api/pdcs/${learner.pdcId}/determinations.csv`);
const linesOf = (body: string) =>
  body
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);

describe("a case's determinations as CSV", () => {
  it('starts with a header naming every column', async () => {
    const response = await csvOf('lbc.dana');
    expect([response.headers['content-type'], linesOf(response.body)[0]]).toEqual(['text/csv; charset=utf-8', HEADER]);
  });

  it('has a row for every month of every version', async () => {
    const rows = linesOf((await csvOf('lbc.dana')).body).slice(1);
    expect([rows.filter((r) => r.split(',')[1] === '1').length, rows.filter((r) => r.split(',')[1] === '2').length]).toEqual([10, 10]);
  });

  it('says in each month what the version changed, and leaves the columns empty where it changed nothing', async () => {
    const rows = linesOf((await csvOf('lbc.dana')).body).map((r) => r.split(','));
    const of = (version: string, month: string) => rows.find((r) => r[1] === version && r[4] === month)!.slice(-4);
    expect([of('2', '2026-12'), of('2', '2027-01')]).toEqual([
      ['No', '987.00', '600.00', 'Change in scheduled amount'],
      ['No', '', '', ''],
    ]);
  });

  it('is refused, like the case, to an official of another office', async () => {
    const [csv, read] = [await csvOf('official.carmen'), await download(server.app, 'official.carmen', `/api/pdcs/${learner.pdcId}`)];
    expect([csv.statusCode, csv.json().code]).toEqual([read.statusCode, read.json().code]);
  });

  it('is logged in the access log as a read of the determinations', async () => {
    await csvOf('lbc.eli');
    const users = (await (await signedIn(server.app, 'admin.iris')).get('/api/users')).body.users as { username: string; id: string }[];
    const eli = users.find((u) => u.username === 'lbc.eli')!.id;
    const log = await hugo.get(`/api/access-log?actorId=${eli}&personId=${learner.personId}`);
    expect(log.body.entries.map((e: { what: string }) => e.what)).toEqual(['determinations']);
  });
});
