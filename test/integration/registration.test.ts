import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, signedIn } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { snapshot } from '../support/rows.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api;

beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
});
afterAll(() => server.close());

/** Sends a bad request and checks it is refused with the expected problem and changes no row. */
async function expectRefusedUnchanged(
  send: () => Promise<{ status: number; body: any; headers: any }>,
  status: number,
  code: string,
  field?: string,
) {
  const before = await snapshot(server.database.db);
  const response = await send();
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code, ...(field !== undefined && { field }) });
  expect(response.body.detail).toEqual(expect.any(String));
  expect(response.body.stack).toBeUndefined();
  expect(await snapshot(server.database.db)).toEqual(before);
  return response.body;
}

describe('registering a person', () => {
  it('a complete registration creates the person with a reference and complete status', async () => {
    const response = await ada.post('/api/people', personBody({ givenName: 'Maya', familyName: 'Littlechild' }));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      givenName: 'Maya',
      familyName: 'Littlechild',
      version: 1,
      registration: { complete: true, missing: [] },
    });
    expect(response.body.reference).toMatch(/^P-\d{6}$/);
  });

  it('a phone number of digits only comes back as the same text (it was read back as a number)', async () => {
    const response = await ada.post('/api/people', personBody({ phone: '7805550100' }));
    expect(response.status).toBe(201);
    const page = await ada.get(`/api/people/${response.body.id}`);
    expect(page.status).toBe(200);
    expect(page.body.current.phone).toBe('7805550100');
  });

  it('a person registered without an address or contact is registered but incomplete, naming what is missing', async () => {
    const response = await ada.post('/api/people', { givenName: 'Noor', familyName: 'Haddad', birthDate: '1985-01-30' });
    expect(response.status).toBe(201);
    expect(response.body.registration).toEqual({ complete: false, missing: ['address', 'phoneOrEmail'] });
  });

  it('a missing family name is refused as REQUIRED on that field and changes nothing', async () => {
    const { familyName: _, ...body } = personBody();
    await expectRefusedUnchanged(() => ada.post('/api/people', body), 400, 'REQUIRED', 'familyName');
  });

  it('a malformed date of birth is refused as INVALID_FORMAT and changes nothing', async () => {
    await expectRefusedUnchanged(
      () => ada.post('/api/people', personBody({ birthDate: '02/04/1990' })),
      400,
      'INVALID_FORMAT',
      'birthDate',
    );
  });

  it('an impossible date of birth (30 February) is refused as IMPOSSIBLE_DATE and changes nothing', async () => {
    await expectRefusedUnchanged(
      () => ada.post('/api/people', personBody({ birthDate: '1990-02-30' })),
      400,
      'IMPOSSIBLE_DATE',
      'birthDate',
    );
  });

  it('a date of birth in the future is refused as DATE_IN_FUTURE and changes nothing', async () => {
    await expectRefusedUnchanged(
      () => ada.post('/api/people', personBody({ birthDate: '2030-01-01' })),
      422,
      'DATE_IN_FUTURE',
      'birthDate',
    );
  });

  it('an empty given name is refused as REQUIRED, not as a format error', async () => {
    await expectRefusedUnchanged(() => ada.post('/api/people', personBody({ givenName: '   ' })), 400, 'REQUIRED', 'givenName');
  });

  it('a malformed postal code is refused naming the nested field', async () => {
    const body = personBody({ address: { line1: '1 Main St', city: 'Edmonton', province: 'AB', postalCode: '12345' } });
    await expectRefusedUnchanged(() => ada.post('/api/people', body), 400, 'INVALID_FORMAT', 'address.postalCode');
  });

  it('several bad fields are all listed in errors', async () => {
    const problem = await expectRefusedUnchanged(
      () => ada.post('/api/people', { givenName: '', birthDate: 'x' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(['birthDate', 'familyName', 'givenName']);
  });

  it('malformed JSON is a 400 problem, not a 500', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { 'content-type': 'application/json' },
      payload: '{"givenName": ',
      cookies: {},
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });

  it('a role without permission (auditor) cannot register a person and nothing changes', async () => {
    const auditor = await signedIn(server.app, 'auditor.hugo');
    await expectRefusedUnchanged(() => auditor.post('/api/people', personBody()), 403, 'FORBIDDEN');
  });
});

describe('possible duplicates', () => {
  it('registering someone with the same family name and date of birth asks for confirmation and changes nothing', async () => {
    const first = await ada.post('/api/people', personBody({ givenName: 'Zoë', familyName: "O'Neil", birthDate: '1979-03-04' }));
    const problem = await expectRefusedUnchanged(
      () =>
        ada.post(
          '/api/people',
          personBody({ givenName: 'Zoe', familyName: 'ONeil', birthDate: '1979-03-04', acknowledgeDuplicates: false }),
        ),
      409,
      'POSSIBLE_DUPLICATE',
    );
    expect(problem.candidates.map((c: { id: string }) => c.id)).toEqual([first.body.id]);
  });

  /** Registers `existing`, then `again` without acknowledging: refused, nothing changed; returns the candidates suggested. */
  async function suggested(existing: Record<string, unknown>, again: Record<string, unknown>) {
    const first = await ada.post('/api/people', personBody(existing));
    expect(first.status).toBe(201);
    const problem = await expectRefusedUnchanged(
      () => ada.post('/api/people', personBody({ ...again, acknowledgeDuplicates: false })),
      409,
      'POSSIBLE_DUPLICATE',
    );
    return { id: first.body.id as string, candidates: problem.candidates as { id: string; reasons: { code: string; text: string }[] }[] };
  }
  const reasonCodes = (candidate: { reasons: { code: string }[] } | undefined) => candidate?.reasons.map((r) => r.code);

  it('finding 12: given and family names swapped are suggested, with the reason', async () => {
    const { id, candidates } = await suggested(
      { givenName: 'Amara', familyName: 'Okafor', birthDate: '1983-07-19' },
      { givenName: 'Okafor', familyName: 'Amara', birthDate: '1983-07-19' },
    );
    expect(candidates.map((c) => c.id)).toEqual([id]);
    expect(candidates[0]!.reasons).toEqual([
      { code: 'same-birth-date', text: 'same date of birth' },
      { code: 'names-swapped', text: 'given and family names swapped' },
    ]);
  });

  it('finding 12: the same names with a date of birth a month off are suggested, with the reason', async () => {
    const { id, candidates } = await suggested(
      { givenName: 'Bjorn', familyName: 'Lindqvist', birthDate: '1976-05-23' },
      { givenName: 'Bjorn', familyName: 'Lindqvist', birthDate: '1976-06-23' },
    );
    expect(candidates.map((c) => c.id)).toEqual([id]);
    expect(reasonCodes(candidates[0])).toEqual(['birth-date-one-month-apart', 'same-names']);
  });

  it('finding 12: the same names with two digits of the date of birth transposed are suggested, with the reason', async () => {
    const { id, candidates } = await suggested(
      { givenName: 'Priya', familyName: 'Raman', birthDate: '1991-12-13' },
      { givenName: 'Priya', familyName: 'Raman', birthDate: '1991-12-31' },
    );
    expect(candidates.map((c) => c.id)).toEqual([id]);
    expect(reasonCodes(candidates[0])).toEqual(['birth-date-digits-transposed', 'same-names']);
  });

  it('finding 12: a one-letter typo in both names is suggested, with the reason', async () => {
    const { id, candidates } = await suggested(
      { givenName: 'Tobias', familyName: 'Fenwick', birthDate: '1968-11-02' },
      { givenName: 'Tobais', familyName: 'Fenwik', birthDate: '1968-11-02' },
    );
    expect(candidates.map((c) => c.id)).toEqual([id]);
    expect(reasonCodes(candidates[0])).toContain('names-one-letter-apart');
  });

  it('registering anyway after acknowledging the possible duplicate creates the person', async () => {
    await ada.post('/api/people', personBody({ givenName: 'Kai', familyName: 'Runningwater', birthDate: '1988-08-08' }));
    const response = await ada.post(
      '/api/people',
      personBody({ givenName: 'Kai', familyName: 'Runningwater', birthDate: '1988-08-08', acknowledgeDuplicates: true }),
    );
    expect(response.status).toBe(201);
  });
});

describe('searching', () => {
  it('finds a person by name words and date of birth', async () => {
    const created = await ada.post('/api/people', personBody({ givenName: 'Oksana', familyName: 'Kovalenko', birthDate: '1992-12-01' }));
    const byName = await ada.get('/api/people?q=oksa%20koval');
    expect(byName.body.people.map((p: { id: string }) => p.id)).toContain(created.body.id);
    const byBirth = await ada.get('/api/people?q=kov&birthDate=1992-12-01');
    expect(byBirth.body.people.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
  });

  it('a search with neither name nor date of birth is refused as REQUIRED', async () => {
    const response = await ada.get('/api/people');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('REQUIRED');
  });

  it('search treats % and _ as plain characters, not wildcards', async () => {
    const response = await ada.get('/api/people?q=%25%25%20_');
    expect(response.status).toBe(200);
    expect(response.body.people).toEqual([]);
  });
});

describe('contact details history', () => {
  it('a new address from a date becomes current and the old one stays readable as of an earlier date', async () => {
    const created = await ada.post('/api/people', personBody({ effectiveFrom: '2025-01-01' }));
    const id = created.body.id;
    const moved = await ada.post(`/api/people/${id}/details`, {
      version: created.body.version,
      kind: 'address',
      value: { line1: '11820 95 Street NW', city: 'Edmonton', province: 'AB', postalCode: 'T5G 1L6' },
      effectiveFrom: '2026-03-01',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.current.address.line1).toBe('11820 95 Street NW');
    expect(moved.body.history.address).toEqual([
      expect.objectContaining({ from: '2025-01-01', to: '2026-02-28', value: expect.objectContaining({ line1: '10234 104 Street NW' }) }),
      expect.objectContaining({ from: '2026-03-01', to: null, value: expect.objectContaining({ line1: '11820 95 Street NW' }) }),
    ]);
    const earlier = await ada.get(`/api/people/${id}?asOf=2025-06-30`);
    expect(earlier.body.current.address.line1).toBe('10234 104 Street NW');
  });

  it('a change sent with a stale version is refused with 409 VERSION_CONFLICT and changes nothing', async () => {
    const created = await ada.post('/api/people', personBody());
    const id = created.body.id;
    await ada.post(`/api/people/${id}/details`, { version: 1, kind: 'phone', value: '780-555-0111', effectiveFrom: '2026-02-01' });
    await expectRefusedUnchanged(
      () => ada.post(`/api/people/${id}/details`, { version: 1, kind: 'phone', value: '780-555-0222', effectiveFrom: '2026-02-01' }),
      409,
      'VERSION_CONFLICT',
      'version',
    );
  });

  it('a value that does not fit its kind (an email that is not one) is refused', async () => {
    const created = await ada.post('/api/people', personBody());
    await expectRefusedUnchanged(
      () =>
        ada.post(`/api/people/${created.body.id}/details`, {
          version: 1,
          kind: 'email',
          value: 'not-an-email',
          effectiveFrom: '2026-02-01',
        }),
      400,
      'INVALID_FORMAT',
      'value',
    );
  });

  it('an unknown person id is a 404 problem naming the id', async () => {
    const response = await ada.get('/api/people/00000000-0000-4000-8000-000000000000');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('a person id that is not a uuid is a 400 naming params.id', async () => {
    const response = await ada.get('/api/people/not-a-uuid');
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('params.id');
  });

  it('correcting a name with the current version updates it and bumps the version', async () => {
    const created = await ada.post('/api/people', personBody({ givenName: 'Jon' }));
    const corrected = await ada.patch(`/api/people/${created.body.id}`, { version: 1, givenName: 'John' });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ givenName: 'John', version: 2 });
  });
});
