import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/store/db.ts';
import { type Api, anonymous, sessionCookie, signedIn } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { addOffice, placeUser } from '../support/placements.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api;
let hugo: Api;
let grace: Api;
let person: { id: string; reference: string };
let caseId: string;

interface Change {
  field: string;
  before: string | null;
  after: string | null;
}
interface Event {
  seq: number;
  action: string;
  recordType: string;
  recordLabel: string | null;
  before: unknown;
  after: unknown;
  changes: Change[];
  withheld?: { code: string; detail: string };
}

/** The CSV export as text, as the auditor downloads it. */
async function exportCsv(query: string): Promise<{ status: number; type: string; text: string }> {
  const cookie = await sessionCookie(server.app, 'auditor.hugo');
  const response = await server.app.inject({ method: 'GET', url: `/api/audit/export.csv?${query}`, cookies: { waypoint_session: cookie } });
  return { status: response.statusCode, type: String(response.headers['content-type']), text: response.body };
}

beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
  hugo = await signedIn(server.app, 'auditor.hugo');
  grace = await signedIn(server.app, 'supervisor.grace');
  const created = await ada.post('/api/people', personBody({ familyName: 'Okonkwo' }));
  person = created.body;
  await ada.patch(`/api/people/${person.id}`, { version: 1, familyName: 'Okonkwo-Reid' });
  caseId = (await ada.post(`/api/people/${person.id}/cases`, {})).body.id;
});
afterAll(() => server.close());

describe("the auditors' search of the audit trail", () => {
  it('finds a correction by the person’s reference, with the changed field labelled', async () => {
    const found = await hugo.get(`/api/audit?reference=${person.reference}&action=correct`);
    expect(found.status).toBe(200);
    const [event] = found.body.events as Event[];
    expect(event).toMatchObject({ action: 'person.correct', recordLabel: person.reference });
    expect(event!.changes).toContainEqual({ field: 'Family name', before: 'Okonkwo', after: 'Okonkwo-Reid' });
  });

  it('a search by person also finds the records that name them, with the person shown by reference', async () => {
    const found = await hugo.get(`/api/audit?person=${person.reference}&recordType=integrated_case`);
    const [opened] = found.body.events as Event[];
    expect(opened!.action).toBe('case.open');
    expect(opened!.changes).toContainEqual(expect.objectContaining({ field: 'Person', after: person.reference }));
  });

  it('pages follow one another newest first without repeating an event', async () => {
    const first = await hugo.get(`/api/audit?reference=${person.reference}&limit=1`);
    expect(first.body.page).toMatchObject({ limit: 1, more: true });
    const second = await hugo.get(`/api/audit?reference=${person.reference}&limit=1&cursor=${first.body.page.nextCursor}`);
    expect(second.body.events[0].seq).toBeLessThan(first.body.events[0].seq);
  });

  it('an action chosen by its code finds that action only, not another whose code starts the same way', async () => {
    await anonymous(server.app).post('/api/session', { username: 'official.ada', password: 'not-the-password' });
    const signIns = await hugo.get('/api/audit?action=session.sign-in&limit=200');
    const refused = await hugo.get('/api/audit?action=session.sign-in-failed&limit=200');
    expect(new Set((signIns.body.events as Event[]).map((e) => e.action))).toEqual(new Set(['session.sign-in']));
    expect(new Set((refused.body.events as Event[]).map((e) => e.action))).toEqual(new Set(['session.sign-in-failed']));
  });

  it('an action given as other text still finds every action whose code contains it', async () => {
    const found = await hugo.get('/api/audit?action=sign-in&limit=200');
    expect(new Set((found.body.events as Event[]).map((e) => e.action))).toEqual(new Set(['session.sign-in', 'session.sign-in-failed']));
  });

  it('a reference that names no record finds no events', async () => {
    const found = await hugo.get('/api/audit?reference=P-999999');
    expect(found.body.events).toEqual([]);
  });

  it('a supervisor may not search the whole trail', async () => {
    expect((await grace.get('/api/audit?action=person')).status).toBe(403);
  });

  it('a date range that ends before it starts is refused, naming the end', async () => {
    const refused = await hugo.get('/api/audit?from=2026-05-02&to=2026-05-01');
    expect(refused.body).toMatchObject({ status: 422, code: 'END_BEFORE_START' });
  });

  it('the people a search shows are in the access log as read by the auditor', async () => {
    await hugo.get(`/api/audit?reference=${person.reference}`);
    const log = await hugo.get(`/api/access-log?reference=${person.reference.toLowerCase()}`);
    expect(log.body.entries).toContainEqual(
      expect.objectContaining({ what: 'audit', actor: expect.objectContaining({ username: 'auditor.hugo' }) }),
    );
  });
});

describe('a search that meets a person above the auditor’s clearance', () => {
  let sensitive: { id: string; reference: string };
  beforeAll(async () => {
    // A supervisor cleared to 2 marks a person sensitivity 2; the auditor's clearance is 1.
    await placeUser(server.database.db, 'supervisor.grace', { office: 'main', clearance: 2 });
    const created = (await ada.post('/api/people', personBody({ givenName: 'Zainab', familyName: 'Haddad' }))).body;
    await grace.patch(`/api/people/${created.id}/sensitivity`, { version: created.version, sensitivity: 2 });
    sensitive = created;
  });

  it('still answers, with the events about that person withheld and the others in full', async () => {
    const found = await hugo.get('/api/audit?action=person.register&limit=200');
    expect(found.status).toBe(200);
    const events = found.body.events as (Event & { recordId: string })[];
    const theirs = events.find((e) => e.recordId === sensitive.id)!;
    expect(theirs).toMatchObject({
      recordLabel: null,
      before: null,
      after: null,
      changes: [],
      withheld: { code: 'ABOVE_SENSITIVITY_CLEARANCE' },
    });
    expect(JSON.stringify(theirs)).not.toContain('Haddad');
    expect(events.find((e) => e.recordId === person.id)).toMatchObject({ recordLabel: person.reference });
  });

  it('logs the people it shows as read by the auditor, and not the withheld person', async () => {
    await hugo.get('/api/audit?action=person.register&limit=200');
    await hugo.get('/api/access-log?limit=1'); // the access log is written by then
    const readsOf = async (personId: string) =>
      Number(
        rowsOf<{ n: string }>(
          await server.database.db.execute(
            sql`select count(*)::text as n from access_log a join users u on u.id = a.actor_id where u.username = 'auditor.hugo' and a.person_id = ${personId}`,
          ),
        )[0]!.n,
      );
    expect(await readsOf(person.id)).toBeGreaterThan(0);
    expect(await readsOf(sensitive.id)).toBe(0);
  });

  it('exports the whole search as CSV, the withheld events without their details', async () => {
    const csv = await exportCsv('action=person.register');
    expect(csv.status).toBe(200);
    expect(csv.text).not.toContain('Haddad');
    expect(csv.text).toContain(`person.register,person,,${sensitive.id},`);
  });
});

describe('the CSV export of a search', () => {
  it('starts with a header row and holds the events with the record’s reference', async () => {
    const csv = await exportCsv(`reference=${person.reference}`);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    const [header] = csv.text.split(/\r?\n/);
    expect(header).toBe('Sequence,When,Who,Action,Record type,Record,Record id,Changes,Before,After');
    expect(csv.text).toContain(`person.correct,person,${person.reference},`);
  });
});

describe('a supervisor reading one record’s trail', () => {
  beforeAll(async () => {
    await addOffice(server.database.db, 'north', 'North office');
    await placeUser(server.database.db, 'supervisor.hamid', { office: 'north' });
  });

  it('of another office sees a case’s events without the person they name, withheld as not on their caseload', async () => {
    const hamid = await signedIn(server.app, 'supervisor.hamid');
    const trail = await hamid.get(`/api/audit?recordType=integrated_case&recordId=${caseId}`);
    expect(trail.status).toBe(200);
    const events = trail.body.events as Event[];
    expect(events.map((e) => e.action)).toContain('case.open');
    for (const event of events) expect(event).toMatchObject({ recordLabel: null, after: null, withheld: { code: 'NOT_ON_CASELOAD' } });
    expect(JSON.stringify(trail.body)).not.toContain(person.reference);
  });

  it('of the person’s office sees the events in full, and the person is logged as read', async () => {
    const trail = await grace.get(`/api/audit?recordType=integrated_case&recordId=${caseId}`);
    expect((trail.body.events as Event[]).find((e) => e.action === 'case.open')!.changes).toContainEqual(
      expect.objectContaining({ field: 'Person', after: person.reference }),
    );
    const log = await hugo.get(`/api/access-log?actorId=${(await grace.get('/api/session')).body.user.id}&personId=${person.id}`);
    expect(log.body.entries).toContainEqual(expect.objectContaining({ what: 'audit' }));
  });
});

describe("the audit chain's status", () => {
  it('counts the events not yet sealed as pending', async () => {
    const status = await hugo.get('/api/audit/chain');
    expect(status.body.pending).toBe(status.body.events - status.body.sealed);
  });

  it('is for auditors only', async () => {
    expect((await grace.get('/api/audit/chain')).status).toBe(403);
  });
});
