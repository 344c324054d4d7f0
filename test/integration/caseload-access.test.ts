/**
 * Issue 11, finding 5 ("anyone staff can read anyone"): access by caseload, office and team,
 * sensitivity levels, break-glass reads with a reason, an access log auditors search, and a person
 * search that needs enough of a name and returns a bounded page (docs/access-control.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, signedIn, userIds } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { type Learner, learnerWithPdc } from '../support/learner.ts';
import { addOffice, placeUser, setSensitivity } from '../support/placements.ts';
import { expectRefusedNoChange } from '../support/rows.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api; // main office: registers the learner
let ben: Api; // main office
let carmen: Api; // north office: no link to the learner
let hamid: Api; // supervisor, north office, in ada's team
let grace: Api; // supervisor, north office, no team
let hugo: Api; // auditor
let learner: Learner;
let ids: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  await addOffice(db, 'north', 'North office');
  await placeUser(db, 'official.carmen', { office: 'north' });
  await placeUser(db, 'supervisor.grace', { office: 'north' });
  await placeUser(db, 'supervisor.hamid', { office: 'north', team: 'east-team' });
  await placeUser(db, 'official.ada', { team: 'east-team' });
  ada = await signedIn(server.app, 'official.ada');
  ben = await signedIn(server.app, 'official.ben');
  carmen = await signedIn(server.app, 'official.carmen');
  hamid = await signedIn(server.app, 'supervisor.hamid');
  grace = await signedIn(server.app, 'supervisor.grace');
  hugo = await signedIn(server.app, 'auditor.hugo');
  learner = await learnerWithPdc(ada);
  ids = await userIds(grace);
}, 120_000);
afterAll(() => server?.close());

/** Sends a request and checks it is refused with the code and changes no row. */
const expectRefused = (send: () => Promise<{ status: number; body: any }>, status: number, code: string) =>
  expectRefusedNoChange(server.database.db, send, status, code);

describe('finding 5: an official with no link to a person cannot read them', () => {
  it('finding 5: an official of another office is refused the record, the evidence and the agreement of a person not on their caseload', async () => {
    await expectRefused(() => carmen.get(`/api/people/${learner.personId}`), 403, 'NOT_ON_CASELOAD');
    await expectRefused(() => carmen.get(`/api/pdcs/${learner.pdcId}/evidence`), 403, 'NOT_ON_CASELOAD');
    await expectRefused(() => carmen.get(`/api/service-plans/${learner.planId}/agreement.pdf`), 403, 'NOT_ON_CASELOAD');
  });

  it('the refusal says the reader may break the glass', async () => {
    const problem = await expectRefused(() => carmen.get(`/api/people/${learner.personId}/household`), 403, 'NOT_ON_CASELOAD');
    expect(problem.mayBreakGlass).toBe(true);
  });

  it('the registering official reads the person: registering puts them on their caseload', async () => {
    expect((await ada.get(`/api/people/${learner.personId}`)).status).toBe(200);
  });

  it("an official of the same office reads the person: they are on the office's caseload", async () => {
    expect((await ben.get(`/api/people/${learner.personId}`)).status).toBe(200);
    expect((await ben.get(`/api/pdcs/${learner.pdcId}/evidence`)).status).toBe(200);
  });

  it("a supervisor of another office reads the people on their team's caseload, and not those of an office they do not supervise", async () => {
    expect((await hamid.get(`/api/people/${learner.personId}`)).status).toBe(200);
    await expectRefused(() => grace.get(`/api/people/${learner.personId}`), 403, 'NOT_ON_CASELOAD');
  });

  it('a person registered in another office is on that office’s caseload, not the first one’s', async () => {
    const registered = await carmen.post('/api/people', personBody());
    expect(registered.status).toBe(201);
    expect((await carmen.get(`/api/people/${registered.body.id}`)).status).toBe(200);
    await expectRefused(() => ada.get(`/api/people/${registered.body.id}`), 403, 'NOT_ON_CASELOAD');
  });
});

describe('break-glass', () => {
  it('a break-glass read needs a reason of at least 20 characters', async () => {
    await expectRefused(
      () => carmen.post(`/api/people/${learner.personId}/break-glass`, { reason: 'need it' }),
      422,
      'BREAK_GLASS_REASON_TOO_SHORT',
    );
  });

  it('with a reason, the official reads the person for an hour, and each read is logged with the reason and flagged for review', async () => {
    const reason = 'The learner phoned the north office about a missed payment.';
    const granted = await carmen.post(`/api/people/${learner.personId}/break-glass`, { reason });
    expect(granted.status).toBe(201);
    expect(granted.body.expiresAt).toBe('2026-06-15T13:00:00Z');
    expect((await carmen.get(`/api/people/${learner.personId}`)).status).toBe(200);
    expect((await carmen.get(`/api/pdcs/${learner.pdcId}/evidence`)).status).toBe(200);
    const log = await hugo.get(`/api/access-log?actorId=${ids['official.carmen']}&personId=${learner.personId}`);
    expect(log.status).toBe(200);
    expect(log.body.entries.map((e: any) => [e.what, e.basis, e.breakGlass, e.reason, e.reviewStatus])).toEqual([
      ['evidence', 'break-glass', true, reason, 'pending'],
      ['person', 'break-glass', true, reason, 'pending'],
    ]);
  });
});

describe('sensitivity', () => {
  it('a person above the reader’s clearance is refused even on their caseload, by break-glass, or to an auditor', async () => {
    const person = (await ada.post('/api/people', personBody({ familyName: 'Sensitive', givenName: 'Sam' }))).body;
    await setSensitivity(server.database.db, person.id, 3);
    await expectRefused(() => ada.get(`/api/people/${person.id}`), 403, 'ABOVE_SENSITIVITY_CLEARANCE');
    await expectRefused(
      () => carmen.post(`/api/people/${person.id}/break-glass`, { reason: 'The person phoned the north office today.' }),
      403,
      'ABOVE_SENSITIVITY_CLEARANCE',
    );
    await expectRefused(() => hugo.get(`/api/people/${person.id}`), 403, 'ABOVE_SENSITIVITY_CLEARANCE');
    expect((await ada.get(`/api/people?q=Sensitive%20Sam`)).body.people).toEqual([]);
    await placeUser(server.database.db, 'official.ada', { clearance: 3 });
    expect((await ada.get(`/api/people/${person.id}`)).status).toBe(200);
    await placeUser(server.database.db, 'official.ada', { clearance: 1 });
  });
});

describe('finding 5: reads leave a trace', () => {
  it('finding 5: every read of a person is recorded in the access log, which an auditor searches by person, reader and date', async () => {
    const person = (await ada.post('/api/people', personBody())).body;
    await ben.get(`/api/people/${person.id}`);
    await ben.get(`/api/people/${person.id}/service-plans`);
    const log = await hugo.get(`/api/access-log?personId=${person.id}&actorId=${ids['official.ben']}&from=2026-06-15&to=2026-06-15`);
    expect(log.body.entries.map((e: any) => [e.actor.username, e.what, e.basis, e.breakGlass])).toEqual([
      ['official.ben', 'service-plans', 'office-caseload', false],
      ['official.ben', 'person', 'office-caseload', false],
    ]);
    const earlier = await hugo.get(`/api/access-log?personId=${person.id}&to=2026-06-14`);
    expect(earlier.body.entries).toEqual([]);
  });

  it('an auditor’s own reads are logged too', async () => {
    const person = (await ada.post('/api/people', personBody())).body;
    await hugo.get(`/api/people/${person.id}`);
    const log = await hugo.get(`/api/access-log?personId=${person.id}&actorId=${ids['auditor.hugo']}`);
    expect(log.body.entries.map((e: any) => [e.what, e.basis])).toEqual([['person', 'auditor']]);
  });

  it('the access log comes a page at a time, newest first', async () => {
    const person = (await ada.post('/api/people', personBody())).body;
    for (let i = 0; i < 3; i++) await ben.get(`/api/people/${person.id}`);
    const first = await hugo.get(`/api/access-log?personId=${person.id}&limit=2`);
    expect(first.body.entries).toHaveLength(2);
    expect(first.body.page.more).toBe(true);
    const second = await hugo.get(`/api/access-log?personId=${person.id}&limit=2&before=${first.body.page.nextBefore}`);
    expect(second.body.entries).toHaveLength(2); // the third read of ben, and ada's registration read
    expect(second.body.entries[0].seq).toBeLessThan(first.body.entries[1].seq);
  });

  it('only an auditor searches the access log', async () => {
    await expectRefused(() => grace.get('/api/access-log'), 403, 'FORBIDDEN');
  });
});

describe('finding 5: the person search', () => {
  it('finding 5: a one-letter search is refused instead of listing every person', async () => {
    await expectRefused(() => ada.get('/api/people?q=a'), 422, 'SEARCH_TOO_WIDE');
  });

  it('a family name alone is refused as too wide; with a birth date it finds the person', async () => {
    const person = (await ada.post('/api/people', personBody({ familyName: 'Okonjo', givenName: 'Ruth', birthDate: '1985-09-09' }))).body;
    await expectRefused(() => ada.get('/api/people?q=Okonjo'), 422, 'SEARCH_TOO_WIDE');
    const found = await ada.get('/api/people?q=Ok&birthDate=1985-09-09');
    expect(found.body.people.map((p: { id: string }) => p.id)).toEqual([person.id]);
  });

  it('results come a bounded page at a time with the total and the next offset', async () => {
    for (let i = 0; i < 12; i++) await ada.post('/api/people', personBody({ familyName: 'Pagewood', givenName: `Mina${i}` }));
    const first = await ada.get('/api/people?q=Pagewood%20Mina&limit=5');
    expect(first.body.people).toHaveLength(5);
    expect(first.body.page).toEqual({ limit: 5, offset: 0, total: 12, totalIsCapped: false, nextOffset: 5 });
    const last = await ada.get('/api/people?q=Pagewood%20Mina&limit=5&offset=10');
    expect(last.body.people).toHaveLength(2);
    expect(last.body.page.nextOffset).toBeNull();
  });

  it('a hit outside the caseload is listed as needing break-glass, and every hit is access-logged', async () => {
    const person = (await ada.post('/api/people', personBody({ familyName: 'Farrowdale', givenName: 'Ivo' }))).body;
    const found = await carmen.get('/api/people?q=Farrowdale%20Ivo');
    expect(found.body.people.map((p: { id: string; access: string }) => [p.id, p.access])).toEqual([[person.id, 'break-glass']]);
    const log = await hugo.get(`/api/access-log?personId=${person.id}&actorId=${ids['official.carmen']}`);
    expect(log.body.entries.map((e: any) => [e.what, e.basis])).toEqual([['search-result', 'search']]);
  });
});

describe('offices, placements and sensitivity through the API', () => {
  it('an administrator adds an office and places an official in it: the official no longer reads the first office’s people', async () => {
    const iris = await signedIn(server.app, 'admin.iris');
    expect((await iris.post('/api/offices', { code: 'south', name: 'South office' })).status).toBe(201);
    await expectRefused(() => iris.post('/api/offices', { code: 'south', name: 'Again' }), 409, 'OFFICE_EXISTS');
    const person = (await ada.post('/api/people', personBody())).body;
    expect((await ben.get(`/api/people/${person.id}`)).status).toBe(200);
    const benUser = (await server.database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.username, 'official.ben') }))!;
    const placed = await iris.patch(`/api/users/${benUser.id}/placement`, { version: benUser.version, officeCode: 'south' });
    expect(placed.body).toMatchObject({ officeCode: 'south', teamCode: null, clearance: 1 });
    await expectRefused(() => ben.get(`/api/people/${person.id}`), 403, 'NOT_ON_CASELOAD');
    await iris.patch(`/api/users/${benUser.id}/placement`, { version: placed.body.version, officeCode: 'main' });
  });

  it('a supervisor sets a sensitivity up to their own clearance, and an official below it is then refused', async () => {
    await placeUser(server.database.db, 'supervisor.grace', { office: 'main', clearance: 2 });
    const person = (await ada.post('/api/people', personBody())).body;
    await expectRefused(
      () => grace.patch(`/api/people/${person.id}/sensitivity`, { version: person.version, sensitivity: 3 }),
      403,
      'ABOVE_SENSITIVITY_CLEARANCE',
    );
    expect((await grace.patch(`/api/people/${person.id}/sensitivity`, { version: person.version, sensitivity: 2 })).status).toBe(200);
    await expectRefused(() => ada.get(`/api/people/${person.id}`), 403, 'ABOVE_SENSITIVITY_CLEARANCE');
    await placeUser(server.database.db, 'supervisor.grace', { office: 'north', clearance: 1 });
  });
});
