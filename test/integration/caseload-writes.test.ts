/**
 * Access by caseload for writes (docs/access-control.md "Writes"): a use case that changes a
 * person's data checks the writer's caseload like a read does, break-glass opens reads only, and
 * a person-filtered read of the audit trail is caseload-checked and access-logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, signedIn, userIds } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { type Learner, learnerWithPdc } from '../support/learner.ts';
import { addOffice, placeUser } from '../support/placements.ts';
import { expectRefusedNoChange } from '../support/rows.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api; // main office: registers the learner
let carmen: Api; // north office: no link to the learner
let grace: Api; // supervisor, north office
let eli: Api; // learner benefits coordinator, north office
let hugo: Api; // auditor
let learner: Learner;
let otherId: string;
let ids: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  await addOffice(db, 'north', 'North office');
  await placeUser(db, 'official.carmen', { office: 'north' });
  await placeUser(db, 'supervisor.grace', { office: 'north' });
  await placeUser(db, 'lbc.eli', { office: 'north' });
  ada = await signedIn(server.app, 'official.ada');
  carmen = await signedIn(server.app, 'official.carmen');
  grace = await signedIn(server.app, 'supervisor.grace');
  eli = await signedIn(server.app, 'lbc.eli');
  hugo = await signedIn(server.app, 'auditor.hugo');
  learner = await learnerWithPdc(ada);
  otherId = (await ada.post('/api/people', personBody())).body.id;
  ids = await userIds(grace);
}, 120_000);
afterAll(() => server?.close());

/** Sends a request and checks it is refused with the code and changes no row. */
const expectRefused = (send: () => Promise<{ status: number; body: any }>, status: number, code: string) =>
  expectRefusedNoChange(server.database.db, send, status, code);

describe('writes to a person outside the caseload are refused', () => {
  it('an official of another office cannot record a contact for a person not on their caseload, and nothing changes', async () => {
    await expectRefused(
      () => carmen.post(`/api/people/${learner.personId}/interactions`, { occurredOn: '2026-06-12', channel: 'phone' }),
      403,
      'NOT_ON_CASELOAD',
    );
  });

  it('an official of another office cannot add a relationship between people not on their caseload, and nothing changes', async () => {
    await expectRefused(
      () =>
        carmen.post('/api/relationships', {
          kind: 'spouse',
          subtype: 'common-law',
          personId: learner.personId,
          relatedPersonId: otherId,
          startDate: '2015-06-01',
        }),
      403,
      'NOT_ON_CASELOAD',
    );
  });

  it('a coordinator of another office cannot register evidence on the learner case of a person not on their caseload, and nothing changes', async () => {
    await expectRefused(
      () =>
        eli.post(`/api/pdcs/${learner.pdcId}/evidence`, {
          type: 'child-care',
          amount: '600.00',
          periodStart: '2026-09-01',
          periodEnd: '2027-06-30',
        }),
      403,
      'NOT_ON_CASELOAD',
    );
  });

  it('an official of another office cannot add a sub-goal to the plan of a person not on their caseload, and nothing changes', async () => {
    await expectRefused(
      () => carmen.post(`/api/service-plans/${learner.planId}/sub-goals`, { type: 'employment' }),
      403,
      'NOT_ON_CASELOAD',
    );
  });

  it('break-glass opens reads only: after breaking the glass the official still cannot record a contact', async () => {
    expect(
      (
        await carmen.post(`/api/people/${learner.personId}/break-glass`, {
          reason: 'The learner phoned the north office about a missed payment.',
        })
      ).status,
    ).toBe(201);
    expect((await carmen.get(`/api/people/${learner.personId}`)).status).toBe(200);
    await expectRefused(
      () => carmen.post(`/api/people/${learner.personId}/interactions`, { occurredOn: '2026-06-12', channel: 'phone' }),
      403,
      'NOT_ON_CASELOAD',
    );
  });

  it('the official whose caseload holds the person records a contact', async () => {
    expect((await ada.post(`/api/people/${learner.personId}/interactions`, { occurredOn: '2026-06-12', channel: 'phone' })).status).toBe(
      201,
    );
  });
});

describe("a person's audit trail is read like the person", () => {
  it('a supervisor of another office cannot read the audit events of a person not on their caseload', async () => {
    await expectRefused(() => grace.get(`/api/audit?recordType=person&recordId=${otherId}`), 403, 'NOT_ON_CASELOAD');
  });

  it("an auditor's read of a person's audit events is recorded in the access log", async () => {
    const read = await hugo.get(`/api/audit?recordType=person&recordId=${otherId}`);
    expect(read.status).toBe(200);
    const log = await hugo.get(`/api/access-log?personId=${otherId}&actorId=${ids['auditor.hugo']}`);
    expect(log.body.entries.map((e: any) => e.what)).toContain('audit');
  });
});
