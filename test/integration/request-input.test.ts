/**
 * The input layer as a client meets it (an integrator's review of the HTTP API): a member the
 * route's schema does not state is refused, never silently dropped; every refusal is one code of
 * the closed catalogue (src/http/problems.ts) naming the field and the rule, and changes nothing.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/http/problems.ts';
import { type Api, sessionCookie, signedIn } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { readyPerson } from '../support/plans.ts';
import { expectRefusedNoChange, snapshot } from '../support/rows.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api;
let adaCookie: string;
beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
  adaCookie = await sessionCookie(server.app, 'official.ada');
});
afterAll(() => server.close());

async function register(overrides: Record<string, unknown> = {}) {
  const response = await ada.post('/api/people', personBody(overrides));
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; version: number; birthDate: string; givenName: string };
}

const refused = (send: () => Promise<{ status: number; body: any }>, status: number, code: string) =>
  expectRefusedNoChange(server.database.db, send, status, code);

describe('a member the route does not state is refused, never dropped', () => {
  it('a correction spelling birthDate in lower case (birthdate) is refused as UNKNOWN_FIELD naming it, and the version stays', async () => {
    const person = await register({ birthDate: '1990-04-02' });
    const body = await refused(
      () => ada.patch(`/api/people/${person.id}`, { version: person.version, birthdate: '1990-04-03' }),
      400,
      'UNKNOWN_FIELD',
    );
    expect(body).toMatchObject({ field: 'birthdate', rule: 'Waypoint API schema', title: CATALOGUE.UNKNOWN_FIELD.title });
    expect(body.errors).toEqual([expect.objectContaining({ field: 'birthdate', code: 'UNKNOWN_FIELD' })]);
    const after = await ada.get(`/api/people/${person.id}`);
    expect(after.body).toMatchObject({ version: person.version, birthDate: '1990-04-02' });
  });

  it('a registration with members the API does not know (nickName, dryRun) creates nobody and names both', async () => {
    const body = await refused(() => ada.post('/api/people', personBody({ nickName: 'Bo', dryRun: true })), 400, 'VALIDATION_FAILED');
    expect(body.errors).toEqual([
      expect.objectContaining({ field: 'nickName', code: 'UNKNOWN_FIELD' }),
      expect.objectContaining({ field: 'dryRun', code: 'UNKNOWN_FIELD' }),
    ]);
  });

  it('a member inside a nested object (address.line3) is named by its path', async () => {
    const address = { line1: '1 Main Street', line3: 'Back door', city: 'Edmonton', province: 'AB', postalCode: 'T5J 2R7' };
    const body = await refused(() => ada.post('/api/people', personBody({ address })), 400, 'UNKNOWN_FIELD');
    expect(body.field).toBe('address.line3');
  });

  it('a detail change (one form per kind) refuses a member none of its forms states, and one inside its value', async () => {
    const person = await register();
    const base = { version: person.version, kind: 'phone', value: '780-555-0199', effectiveFrom: '2026-02-01' };
    const extra = await refused(() => ada.post(`/api/people/${person.id}/details`, { ...base, notify: true }), 400, 'UNKNOWN_FIELD');
    expect(extra.field).toBe('notify');
    const address = { line1: '1 Main Street', city: 'Edmonton', province: 'AB', postalCode: 'T5J 2R7', unit: '4' };
    const nested = await refused(
      () => ada.post(`/api/people/${person.id}/details`, { ...base, kind: 'address', value: address }),
      400,
      'UNKNOWN_FIELD',
    );
    expect(nested.field).toBe('value.unit');
  });

  it('a query member the route does not state (asof for asOf) is refused naming it', async () => {
    const person = await register();
    const body = await refused(() => ada.get(`/api/people/${person.id}?asof=2026-01-01`), 400, 'UNKNOWN_FIELD');
    expect(body.field).toBe('query.asof');
  });

  it('a body member sent to a route that takes no body (dryRun to create a plan) is refused and creates no plan', async () => {
    const ready = await readyPerson(ada);
    const response = await ada.post(`/api/people/${ready.personId}/service-plans`, { dryRun: true });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'dryRun' });
    expect((await ada.get(`/api/people/${ready.personId}/service-plans`)).body.plans).toEqual([]);
  });

  it('the OpenAPI document states that request bodies take no other members and lists UNKNOWN_FIELD among their 400s', async () => {
    const document = (
      await server.app.inject({ method: 'GET', url: '/api/openapi.json', cookies: { waypoint_session: adaCookie } })
    ).json();
    const register = document.paths['/api/people'].post;
    expect(register.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(register.responses['400'].description).toContain('UNKNOWN_FIELD');
  });
});

/** A request with this exact JSON text as its body. */
async function rawJson(method: 'POST' | 'PATCH', url: string, payload: string, headers: Record<string, string> = {}) {
  const response = await server.app.inject({
    method,
    url,
    cookies: { waypoint_session: adaCookie },
    payload,
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: response.statusCode, body: JSON.parse(response.body), headers: response.headers };
}

describe('member names a JSON reader must not take as they are', () => {
  it('{"version":N,"__proto__":{}} is valid JSON: refused as UNKNOWN_FIELD naming __proto__, not MALFORMED_JSON', async () => {
    const person = await register();
    const body = await refused(
      () => rawJson('PATCH', `/api/people/${person.id}`, `{"version":${person.version},"__proto__":{}}`),
      400,
      'UNKNOWN_FIELD',
    );
    expect(body).toMatchObject({ field: '__proto__', rule: 'Waypoint API schema' });
    expect(body.errors).toEqual([expect.objectContaining({ field: '__proto__', code: 'UNKNOWN_FIELD' })]);
  });

  it('constructor.prototype, even inside a nested object, is refused as UNKNOWN_FIELD naming where it is', async () => {
    const person = await register();
    const top = await refused(
      () => rawJson('PATCH', `/api/people/${person.id}`, `{"version":${person.version},"constructor":{"prototype":{}}}`),
      400,
      'UNKNOWN_FIELD',
    );
    expect(top.field).toBe('constructor');
    const address = '{"line1":"1 Main Street","city":"Edmonton","province":"AB","postalCode":"T5J 2R7","__proto__":{"admin":true}}';
    const nested = await refused(
      () => rawJson('POST', '/api/people', JSON.stringify(personBody()).replace(/"address":\{[^}]*\}/, `"address":${address}`)),
      400,
      'UNKNOWN_FIELD',
    );
    expect(nested.field).toBe('address.__proto__');
  });
});

describe('one error per field, the most specific', () => {
  it('version 1e20 is one error on version, the limit it passes, not "2 fields need attention: Version."', async () => {
    const person = await register();
    const body = await refused(() => rawJson('PATCH', `/api/people/${person.id}`, '{"version":1e20}'), 400, 'INVALID_FORMAT');
    expect(body.errors).toEqual([expect.objectContaining({ field: 'version', detail: 'Use a number no larger than 2147483647.' })]);
    expect(body.detail).toBe('Version: Use a number no larger than 2147483647.');
  });

  it('asOf=2026-11-01T00:00:00Z is one error on query.asOf saying the form a date takes', async () => {
    const person = await register();
    const response = await ada.get(`/api/people/${person.id}?asOf=2026-11-01T00:00:00Z`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'INVALID_FORMAT', field: 'query.asOf' });
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'query.asOf', code: 'INVALID_FORMAT', detail: 'Use a date in the form YYYY-MM-DD.' }),
    ]);
  });
});

describe('an encoded body', () => {
  it('a gzip-encoded body (Content-Encoding: gzip) is refused as 415 UNSUPPORTED_MEDIA_TYPE, not MALFORMED_JSON, and registers nobody', async () => {
    const body = await refused(
      async () => {
        const response = await server.app.inject({
          method: 'POST',
          url: '/api/people',
          cookies: { waypoint_session: adaCookie },
          payload: gzipSync(JSON.stringify(personBody())),
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        });
        expect(response.headers['accept-encoding']).toBe('identity');
        return { status: response.statusCode, body: response.json() };
      },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(body).toMatchObject({ field: 'content-encoding' });
    expect(body.detail).toMatch(/gzip/);
  });
});

describe('a request with no body at all', () => {
  /** A request without a body or a Content-Type, as a browser's fetch with no body sends it. */
  const noBody = async (url: string) => {
    const response = await server.app.inject({ method: 'POST', url, cookies: { waypoint_session: adaCookie } });
    return { status: response.statusCode, body: response.json() };
  };

  it('opening a case with no body at all opens it as {} does (openedOn is optional), not 400 REQUIRED on ""', async () => {
    const person = await register();
    const response = await noBody(`/api/people/${person.id}/cases`);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({ personId: person.id, status: 'open' });
  });

  it('a route whose body has required members names each of them as REQUIRED, as for {}', async () => {
    const person = await register();
    const opened = await ada.post(`/api/people/${person.id}/cases`, {});
    const body = await refused(() => noBody(`/api/cases/${opened.body.id}/close`), 400, 'VALIDATION_FAILED');
    expect(body.errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`)).toEqual([
      'version REQUIRED',
      'closedOn REQUIRED',
      'reason REQUIRED',
    ]);
  });
});

describe('a correction that changes nothing', () => {
  it('only the version, or the values the person already has, answers 200 with the record as it was: no new version, no audit event', async () => {
    const person = await register({ givenName: 'Marisol', birthDate: '1990-04-02' });
    for (const body of [
      { version: person.version },
      { version: person.version, givenName: 'Marisol' },
      { version: person.version, givenName: 'Marisol', birthDate: '1990-04-02' },
    ]) {
      const before = await snapshot(server.database.db);
      const response = await ada.patch(`/api/people/${person.id}`, body);
      expect(response.status, JSON.stringify(body)).toBe(200);
      expect(response.body).toMatchObject({ id: person.id, version: person.version, givenName: 'Marisol', birthDate: '1990-04-02' });
      expect(await snapshot(server.database.db), JSON.stringify(body)).toEqual(before);
    }
  });

  it('a stale version is still a VERSION_CONFLICT, even with nothing to change', async () => {
    const person = await register();
    expect((await ada.patch(`/api/people/${person.id}`, { version: person.version, givenName: 'Changed' })).status).toBe(200);
    const body = await refused(() => ada.patch(`/api/people/${person.id}`, { version: person.version }), 409, 'VERSION_CONFLICT');
    expect(body.currentVersion).toBe(person.version + 1);
  });
});
