/**
 * A 201 that creates a resource the API can read on its own says where, in `Location` (RFC 9110
 * 15.3.2), and the OpenAPI document declares the header on those answers: a person, an Integrated
 * Case, an assessment, a Service Plan, a learner income support case.
 */
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

describe('a 201 names the new resource in Location', () => {
  it('registering a person: Location is the person, and reading it answers them', async () => {
    const created = await ada.post('/api/people', personBody());
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/people/${created.body.id}`);
    const read = await ada.get(String(created.headers.location));
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(created.body.id);
  });

  it('opening a case: Location is the case, and reading it answers it', async () => {
    const person = expectStatus(await ada.post('/api/people', personBody()), 201, 'register');
    const opened = await ada.post(`/api/people/${person.id}/cases`, {});
    expect(opened.status).toBe(201);
    expect(opened.headers.location).toBe(`/api/cases/${opened.body.id}`);
    const read = await ada.get(String(opened.headers.location));
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(opened.body.id);
  });

  it('starting an assessment: Location is the assessment', async () => {
    const person = expectStatus(await ada.post('/api/people', personBody()), 201, 'register');
    const opened = expectStatus(await ada.post(`/api/people/${person.id}/cases`, {}), 201, 'open case');
    const started = await ada.post(`/api/cases/${opened.id}/assessments`, { needs: ['training'] });
    expect(started.status).toBe(201);
    expect(started.headers.location).toBe(`/api/assessments/${started.body.id}`);
  });
});

describe('the OpenAPI document', () => {
  it('declares Location on the 201 of the operations that send it', async () => {
    const document = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/people',
      '/api/people/{id}/cases',
      '/api/cases/{id}/assessments',
      '/api/people/{id}/service-plans',
      '/api/plan-items/{id}/pdc',
    ]) {
      const headers = document.paths[path].post.responses['201'].headers;
      expect(headers?.Location?.schema, path).toEqual({ type: 'string' });
      expect(headers?.Location?.description, path).toMatch(/^The address of the new resource, which GET \/api\//);
    }
  });
});
