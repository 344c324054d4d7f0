/**
 * An official's own work through the API on a real database: "My caseload" (the people whose open
 * plan items or open case they hold, filtered and paged on the server, every person listed
 * access-logged) and "Recently viewed" (the people they opened, only those they may still read).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/store/db.ts';
import { type Api, signedIn } from '../support/api.ts';
import { expectStatus, planWithItems, readyPerson } from '../support/plans.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let iris: Api;

beforeAll(async () => {
  server = await startTestServer();
  iris = await signedIn(server.app, 'admin.iris');
});
afterAll(() => server.close());

let officials = 0;
/** A new Authorized Official, whose caseload starts empty. */
async function newOfficial(): Promise<{ api: Api; id: string }> {
  officials += 1;
  const username = `official.home${officials}`;
  const created = expectStatus(
    await iris.post('/api/users', {
      username,
      displayName: `Home Official ${officials}`,
      roles: ['authorized-official'],
      password: 'home-password-1',
    }),
    201,
    'create user',
  );
  return { api: await signedIn(server.app, username, 'home-password-1'), id: created.id };
}

const workshop = (expectedEnd: string) => ({
  subGoal: 'job-search',
  type: 'job-search-workshop',
  expectedStart: '2026-07-06',
  expectedEnd,
});

describe('My caseload', () => {
  it('lists the people whose open plan items or open case I hold, soonest next due date first', async () => {
    const { api } = await newOfficial();
    const later = await planWithItems(api, [workshop('2026-12-18')], { primaryNeed: 'job-search' });
    const sooner = await planWithItems(api, [workshop('2026-08-28')], { primaryNeed: 'job-search' });
    const caseOnly = await readyPerson(api, { primaryNeed: 'job-search' });
    const page = expectStatus(await api.get('/api/caseload'), 200, 'caseload');
    expect(page.people.map((p: { person: { id: string } }) => p.person.id)).toEqual([sooner.personId, later.personId, caseOnly.personId]);
    expect(page.people[0]).toMatchObject({
      nextDueOn: '2026-08-28',
      plan: { id: sooner.plan.id, status: 'open' },
      openCase: { id: sooner.caseId },
    });
    expect(page.people[2]).toMatchObject({ nextDueOn: null, plan: null });
  });

  it('keeps only the people whose current plan has the status asked for', async () => {
    const { api } = await newOfficial();
    const active = await planWithItems(api, [workshop('2026-12-18')], { primaryNeed: 'job-search', accept: true });
    await planWithItems(api, [workshop('2026-08-28')], { primaryNeed: 'job-search' });
    const page = expectStatus(await api.get('/api/caseload?planStatus=active'), 200, 'caseload');
    expect(page.people.map((p: { person: { id: string } }) => p.person.id)).toEqual([active.personId]);
  });

  it('keeps only the people whose next due date is on or before the date asked for', async () => {
    const { api } = await newOfficial();
    await planWithItems(api, [workshop('2026-12-18')], { primaryNeed: 'job-search' });
    const soon = await planWithItems(api, [workshop('2026-08-28')], { primaryNeed: 'job-search' });
    const page = expectStatus(await api.get('/api/caseload?dueBy=2026-09-30'), 200, 'caseload');
    expect(page.people.map((p: { person: { id: string } }) => p.person.id)).toEqual([soon.personId]);
  });

  it('answers a page at a time, with the total and where the next page starts', async () => {
    const { api } = await newOfficial();
    for (let i = 0; i < 3; i++) await readyPerson(api, { primaryNeed: 'job-search' });
    const page = expectStatus(await api.get('/api/caseload?limit=2'), 200, 'caseload');
    expect({ shown: page.people.length, page: page.page }).toEqual({ shown: 2, page: { limit: 2, offset: 0, total: 3, nextOffset: 2 } });
  });

  it('records every person listed in the access log', async () => {
    const { api, id } = await newOfficial();
    const ready = await readyPerson(api, { primaryNeed: 'job-search' });
    expectStatus(await api.get('/api/caseload'), 200, 'caseload');
    const rows = rowsOf<{ n: number }>(
      await server.database.db.execute(
        sql`select count(*)::int as n from access_log where actor_id = ${id}::uuid and person_id = ${ready.personId}::uuid and what = 'search-result'`,
      ),
    );
    expect(rows[0]?.n).toBe(1);
  });
});

describe('Recently viewed', () => {
  it('lists the people I opened, the latest first', async () => {
    const { api } = await newOfficial();
    const first = await readyPerson(api, { primaryNeed: 'job-search' });
    const second = await readyPerson(api, { primaryNeed: 'job-search' });
    expectStatus(await api.get(`/api/people/${second.personId}`), 200, 'open second');
    expectStatus(await api.get(`/api/people/${first.personId}`), 200, 'open first');
    const page = expectStatus(await api.get('/api/recently-viewed?limit=2'), 200, 'recently viewed');
    expect(page.people.map((p: { person: { id: string } }) => p.person.id)).toEqual([first.personId, second.personId]);
  });

  it('leaves out a person I may no longer read', async () => {
    const { api } = await newOfficial();
    const hidden = await readyPerson(api, { primaryNeed: 'job-search' });
    expectStatus(await api.get(`/api/people/${hidden.personId}`), 200, 'open');
    await server.database.db.execute(sql`update persons set sensitivity = 5 where id = ${hidden.personId}::uuid`);
    const page = expectStatus(await api.get('/api/recently-viewed'), 200, 'recently viewed');
    expect(page.people.map((p: { person: { id: string } }) => p.person.id)).not.toContain(hidden.personId);
  });
});
