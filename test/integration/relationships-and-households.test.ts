import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, signedIn } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { snapshot } from '../support/rows.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api;
const register = async (overrides: Record<string, unknown> = {}) => (await ada.post('/api/people', personBody(overrides))).body;

beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
});
afterAll(() => server.close());

describe('households', () => {
  it('the household as of a date is the person, their partner then and the dependants of either', async () => {
    const maria = await register({ givenName: 'Maria' });
    const daniel = await register({ givenName: 'Daniel' });
    const sofia = await register({ givenName: 'Sofia', birthDate: '2021-03-10' });
    expect(
      (
        await ada.post('/api/relationships', {
          kind: 'spouse',
          subtype: 'common-law',
          personId: maria.id,
          relatedPersonId: daniel.id,
          startDate: '2015-06-01',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await ada.post('/api/relationships', {
          kind: 'dependant',
          subtype: 'child',
          personId: sofia.id,
          relatedPersonId: daniel.id,
          startDate: '2021-03-10',
        })
      ).status,
    ).toBe(201);

    const household = await ada.get(`/api/people/${maria.id}/household?asOf=2025-01-15`);
    expect(household.body.partner.id).toBe(daniel.id);
    expect(household.body.dependants.map((d: { id: string }) => d.id)).toEqual([sofia.id]);

    const before = await ada.get(`/api/people/${maria.id}/household?asOf=2020-01-01`);
    expect(before.body.dependants).toEqual([]);
  });

  it('an ended partnership is no longer in the household after its end date', async () => {
    const a = await register();
    const b = await register();
    const rel = await ada.post('/api/relationships', {
      kind: 'spouse',
      subtype: 'married',
      personId: a.id,
      relatedPersonId: b.id,
      startDate: '2010-01-01',
    });
    const ended = await ada.patch(`/api/relationships/${rel.body.id}`, { version: rel.body.version, endDate: '2025-12-31' });
    expect(ended.body).toMatchObject({ endDate: '2025-12-31', version: 2 });
    expect((await ada.get(`/api/people/${a.id}/household?asOf=2025-12-31`)).body.partner.id).toBe(b.id);
    expect((await ada.get(`/api/people/${a.id}/household?asOf=2026-01-01`)).body.partner).toBeNull();
  });

  it('a second partner overlapping the first partnership is refused and changes nothing', async () => {
    const a = await register();
    const b = await register();
    const c = await register();
    await ada.post('/api/relationships', {
      kind: 'spouse',
      subtype: 'married',
      personId: a.id,
      relatedPersonId: b.id,
      startDate: '2010-01-01',
    });
    const before = await snapshot(server.database.db);
    const response = await ada.post('/api/relationships', {
      kind: 'spouse',
      subtype: 'common-law',
      personId: a.id,
      relatedPersonId: c.id,
      startDate: '2020-01-01',
    });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'PARTNER_PERIOD_OVERLAPS', field: 'personId' });
    expect(await snapshot(server.database.db)).toEqual(before);
  });

  it('a relationship ending before it starts is refused as END_BEFORE_START', async () => {
    const a = await register();
    const b = await register();
    const response = await ada.post('/api/relationships', {
      kind: 'spouse',
      subtype: 'married',
      personId: a.id,
      relatedPersonId: b.id,
      startDate: '2020-01-01',
      endDate: '2019-01-01',
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'END_BEFORE_START', field: 'endDate' });
  });

  it('finding 9: a spouse relationship starting before either person was born is refused as DATE_BEFORE_BIRTH, and nothing changes', async () => {
    const a = await register({ birthDate: '1990-04-02' });
    const b = await register({ birthDate: '1993-09-14' });
    const before = await snapshot(server.database.db);
    const response = await ada.post('/api/relationships', {
      kind: 'spouse',
      subtype: 'married',
      personId: a.id,
      relatedPersonId: b.id,
      startDate: '1992-06-01',
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'DATE_BEFORE_BIRTH', field: 'startDate', personId: b.id, birthDate: '1993-09-14' });
    expect(await snapshot(server.database.db)).toEqual(before);
  });

  it("finding 9: a dependant relationship starting before the child's birth is refused as DATE_BEFORE_BIRTH, and nothing changes", async () => {
    const parent = await register();
    const child = await register({ birthDate: '2021-03-10' });
    const before = await snapshot(server.database.db);
    const response = await ada.post('/api/relationships', {
      kind: 'dependant',
      subtype: 'child',
      personId: child.id,
      relatedPersonId: parent.id,
      startDate: '2020-01-01',
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'DATE_BEFORE_BIRTH', field: 'startDate', personId: child.id, birthDate: '2021-03-10' });
    expect(await snapshot(server.database.db)).toEqual(before);
  });

  it('a relationship with an unknown person is a 404 naming relatedPersonId', async () => {
    const a = await register();
    const response = await ada.post('/api/relationships', {
      kind: 'dependant',
      subtype: 'child',
      personId: a.id,
      relatedPersonId: '00000000-0000-4000-8000-000000000000',
      startDate: '2020-01-01',
    });
    expect(response.status).toBe(404);
    expect(response.body.field).toBe('relatedPersonId');
  });

  it('ending a relationship with a stale version is refused with 409 and changes nothing', async () => {
    const a = await register();
    const b = await register();
    const rel = await ada.post('/api/relationships', {
      kind: 'spouse',
      subtype: 'married',
      personId: a.id,
      relatedPersonId: b.id,
      startDate: '2010-01-01',
    });
    await ada.patch(`/api/relationships/${rel.body.id}`, { version: 1, endDate: '2024-01-01' });
    const before = await snapshot(server.database.db);
    const response = await ada.patch(`/api/relationships/${rel.body.id}`, { version: 1, endDate: '2025-01-01' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('VERSION_CONFLICT');
    expect(await snapshot(server.database.db)).toEqual(before);
  });

  it('the person page lists relationships with the other person', async () => {
    const a = await register({ givenName: 'Lena' });
    const b = await register({ givenName: 'Omar' });
    await ada.post('/api/relationships', {
      kind: 'spouse',
      subtype: 'adult-interdependent',
      personId: a.id,
      relatedPersonId: b.id,
      startDate: '2018-05-05',
    });
    const page = await ada.get(`/api/people/${b.id}`);
    expect(page.body.relationships).toEqual([
      expect.objectContaining({
        kind: 'spouse',
        subtype: 'adult-interdependent',
        otherPerson: expect.objectContaining({ id: a.id, givenName: 'Lena' }),
      }),
    ]);
  });
});
