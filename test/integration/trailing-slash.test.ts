/**
 * A trailing slash routes as the same address without it. `GET /api/people/{id}/` once answered 405
 * "does not accept GET; it accepts GET, HEAD, PATCH", contradicting itself, and `POST` to an
 * address of tasks with a slash answered 404 where the same address without it worked.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, signedIn } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { expectStatus } from '../support/plans.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api;
beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
});
afterAll(() => server.close());

describe('a trailing slash routes as the address without it', () => {
  it('GET /api/people/{id}/ answers the person, as GET /api/people/{id} does', async () => {
    const person = expectStatus(await ada.post('/api/people', personBody()), 201, 'register');
    const withSlash = await ada.get(`/api/people/${person.id}/`);
    expect(withSlash.status).toBe(200);
    expect(withSlash.body.id).toBe(person.id);
  });

  it('PATCH /api/people/{id}/ corrects the person', async () => {
    const person = expectStatus(await ada.post('/api/people', personBody()), 201, 'register');
    const corrected = await ada.patch(`/api/people/${person.id}/`, { version: person.version, givenName: 'Corrected' });
    expect(corrected.status).toBe(200);
    expect(corrected.body.givenName).toBe('Corrected');
  });

  it('POST /api/tasks/{id}/complete/ answers as POST /api/tasks/{id}/complete does', async () => {
    const id = randomUUID();
    const without = await ada.post(`/api/tasks/${id}/complete`, { version: 1 });
    const withSlash = await ada.post(`/api/tasks/${id}/complete/`, { version: 1 });
    expect(without.body.code).toBe('NOT_FOUND');
    expect({ status: withSlash.status, code: withSlash.body.code, detail: withSlash.body.detail }).toEqual({
      status: without.status,
      code: without.body.code,
      detail: without.body.detail,
    });
  });

  it('an address no route has answers 404 NOT_FOUND with or without the slash', async () => {
    const id = randomUUID();
    for (const url of [`/api/tasks/${id}`, `/api/tasks/${id}/`]) {
      const response = await ada.post(url, {});
      expect(response.status, url).toBe(404);
      expect(response.body.code, url).toBe('NOT_FOUND');
    }
  });

  it('a 405 never names the method it refuses among those the address accepts', async () => {
    const person = expectStatus(await ada.post('/api/people', personBody()), 201, 'register');
    for (const url of [`/api/people/${person.id}`, `/api/people/${person.id}/`, '/api/people/', '/api/tasks/count/']) {
      for (const method of ['GET', 'POST', 'PATCH', 'DELETE'] as const) {
        const response = await server.app.inject({ method, url, ...(method !== 'GET' && { payload: {} }) });
        if (response.statusCode !== 405) continue;
        const allowed = String(response.headers.allow).split(', ');
        expect(allowed, `${method} ${url}`).not.toContain(method);
      }
    }
  });
});
