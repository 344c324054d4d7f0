/**
 * The demo data (`waypoint seed-demo`, `serve --demo`) through the API: what a demo user finds after
 * seeding. The seeding writes the demo records by acting as the demo users, but it reads nobody's
 * file: no demo user starts with people in "Recently viewed", and every later real read is logged.
 * The Santos household attends together, confirmed by Daniel's coordinator, so it reconciles.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/store/db.ts';
import { signedIn } from '../support/api.ts';
import { expectStatus } from '../support/plans.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ demoData: true });
});
afterAll(() => server.close());

describe('the demo seeding and the access log', () => {
  it('logs no reads: the seeding opens nobody’s file', async () => {
    const [row] = rowsOf<{ n: number }>(await server.database.db.execute(sql`select count(*)::int as n from access_log`));
    expect(Number(row?.n)).toBe(0);
  });

  it('leaves every demo official with nobody in "Recently viewed"', async () => {
    for (const username of ['official.ada', 'official.ben', 'official.carmen']) {
      const api = await signedIn(server.app, username);
      const page = expectStatus(await api.get('/api/recently-viewed'), 200, 'recently viewed');
      expect(page.people, username).toEqual([]);
    }
  });

  it('still logs a demo user’s own read of a demo person, which then shows in their "Recently viewed"', async () => {
    const ben = await signedIn(server.app, 'official.ben');
    const [liam] = rowsOf<{ id: string }>(await server.database.db.execute(sql`select id from persons where given_name = 'Liam'`));
    if (!liam) throw new Error('the demo data has Liam');
    expectStatus(await ben.get(`/api/people/${liam.id}`), 200, 'open Liam');
    const page = expectStatus(await ben.get('/api/recently-viewed'), 200, 'recently viewed');
    expect(page.people.map((p: { person: { id: string } }) => p.person.id)).toEqual([liam.id]);
  });
});

describe('the demo two-attending household (Maria and Daniel Santos)', () => {
  it('is coordinated, and both learners add up to the household in every month, Daniel alone after Maria’s training ends', async () => {
    const dana = await signedIn(server.app, 'lbc.dana');
    const { situations } = expectStatus(await dana.get('/api/two-attending'), 200, 'situations');
    expect(situations).toHaveLength(1);
    expect(situations[0].status).toBe('coordinated');
    const reconciliation = expectStatus(await dana.get(`/api/two-attending/${situations[0].id}/reconciliation`), 200, 'reconciliation');
    const unbalanced = reconciliation.months.filter((m: { balanced: boolean }) => !m.balanced).map((m: { month: string }) => m.month);
    expect(unbalanced).toEqual([]);
    const july = reconciliation.months.find((m: { month: string }) => m.month === '2027-07');
    expect(july.entitlement.first).toBe('0.00');
    expect(july.entitlement.second).toBe(july.entitlement.household);
    expect(Number(july.entitlement.second)).toBeGreaterThan(0);
  });
});
