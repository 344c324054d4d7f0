/**
 * Issue 12, item 2: one closed error catalogue. Framework errors (body too large, malformed JSON,
 * empty body, unsupported media type, malformed paths, unknown routes and methods) answer our own
 * codes with readable titles; a wrong JSON type says what was expected; one code and one status per
 * rule however the input is malformed; titles and messages read as sentences.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/http/problems.ts';
import { type Api, sessionCookie, signedIn } from '../support/api.ts';
import { learnerWithPdc } from '../support/learner.ts';
import { acceptPlan, addSubGoal, createPlan, expectStatus, planWithItems, readyPerson } from '../support/plans.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api;
let dana: Api;
let adaCookie: string;
beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
  dana = await signedIn(server.app, 'lbc.dana');
  adaCookie = await sessionCookie(server.app, 'official.ada');
});
afterAll(() => server.close());

/** A sentence: starts with a capital, no code spelling (underscores, "Fst err"), ends with a full stop when it is a message. */
function expectSentence(text: string) {
  expect(text).toMatch(/^[A-Z]/);
  expect(text).not.toMatch(/_|Fst err|FST_/i);
}

async function raw(method: 'GET' | 'POST' | 'DELETE' | 'PUT', url: string, payload?: string, contentType = 'application/json') {
  const response = await server.app.inject({
    method,
    url,
    cookies: { waypoint_session: adaCookie },
    ...(payload !== undefined && { payload, headers: { 'content-type': contentType } }),
  });
  return { status: response.statusCode, type: response.headers['content-type'], body: JSON.parse(response.body) };
}

describe('every code in the catalogue', () => {
  it('has a status and a title that is a sentence', () => {
    const codes = Object.keys(CATALOGUE);
    expect(codes.length).toBeGreaterThan(80);
    for (const code of codes) {
      const entry = CATALOGUE[code as keyof typeof CATALOGUE];
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(600);
      expectSentence(entry.title);
    }
  });

  it('names every code in capitals with underscores, so codes and titles never mix', () => {
    for (const code of Object.keys(CATALOGUE)) expect(code).toMatch(/^[A-Z][A-Z_]+$/);
  });
});

describe('framework errors answer our codes with readable titles', () => {
  it('a 3 MB body answers PAYLOAD_TOO_LARGE with a readable title', async () => {
    const response = await raw('POST', '/api/people', JSON.stringify({ familyName: 'x'.repeat(3 * 1024 * 1024) }));
    expect(response.status).toBe(413);
    expect(response.type).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
    expectSentence(response.body.title);
    expectSentence(response.body.detail);
  });

  it('malformed JSON answers MALFORMED_JSON with a readable title', async () => {
    const response = await raw('POST', '/api/people', '{"familyName": ');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('MALFORMED_JSON');
    expectSentence(response.body.title);
    expectSentence(response.body.detail);
  });

  it('an empty body sent as JSON answers EMPTY_JSON_BODY with a readable title', async () => {
    const response = await raw('POST', '/api/people', '');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('EMPTY_JSON_BODY');
    expectSentence(response.body.title);
  });

  it('a body that is not JSON answers UNSUPPORTED_MEDIA_TYPE with a readable title', async () => {
    const response = await raw('POST', '/api/people', '<person/>', 'application/xml');
    expect(response.status).toBe(415);
    expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expectSentence(response.body.title);
  });

  it('a malformed percent-escape in the path answers MALFORMED_URL with a readable title', async () => {
    const response = await raw('GET', '/api/cases/%ZZ');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('MALFORMED_URL');
    expectSentence(response.body.title);
    expectSentence(response.body.detail);
  });

  it('an over-long path parameter answers URL_TOO_LONG with a readable title', async () => {
    const response = await raw('GET', `/api/cases/${'a'.repeat(201)}`);
    expect(response.status).toBe(414);
    expect(response.body.code).toBe('URL_TOO_LONG');
    expectSentence(response.body.title);
  });

  it('a route parameter that is not an id answers INVALID_FORMAT naming the parameter', async () => {
    const response = await raw('GET', '/api/people/not-an-id');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'INVALID_FORMAT', field: 'params.id' });
    expectSentence(response.body.title);
    expectSentence(response.body.detail);
  });

  it('an unknown route answers NOT_FOUND with a readable title', async () => {
    const response = await raw('GET', '/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('NOT_FOUND');
    expectSentence(response.body.title);
  });

  it('a method the route does not allow answers METHOD_NOT_ALLOWED 405 with the allowed methods', async () => {
    const response = await server.app.inject({ method: 'DELETE', url: '/api/people', cookies: { waypoint_session: adaCookie } });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toMatch(/POST/);
    const body = JSON.parse(response.body);
    expect(body.code).toBe('METHOD_NOT_ALLOWED');
    expectSentence(body.title);
  });
});

describe('a wrong JSON type says what type was expected', () => {
  it('a number where an amount is expected as text (amount: 12.345) answers WRONG_TYPE, not REQUIRED', async () => {
    const learner = await learnerWithPdc(ada);
    const response = await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'child-care',
      amount: 12.345,
      periodStart: '2026-09-01',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'WRONG_TYPE', field: 'amount' });
    expect(response.body.errors[0].detail).toBe('Expected text, got a number.');
    expectSentence(response.body.detail);
  });

  it('text where the version number is expected (version: "1") answers WRONG_TYPE, not REQUIRED', async () => {
    const ready = await readyPerson(ada);
    const plan = await createPlan(ada, ready.personId);
    await addSubGoal(ada, plan.id, 'training');
    const response = await ada.post(`/api/service-plans/${plan.id}/accept`, { version: '1', acceptedOn: plan.createdOn, method: 'signed' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'WRONG_TYPE', field: 'version' });
    expect(response.body.errors[0].detail).toBe('Expected a number, got text.');
  });

  it('a missing field and a null field both answer REQUIRED', async () => {
    const ready = await readyPerson(ada);
    const plan = await createPlan(ada, ready.personId);
    const missing = await ada.post(`/api/service-plans/${plan.id}/accept`, { acceptedOn: plan.createdOn, method: 'signed' });
    const nulled = await ada.post(`/api/service-plans/${plan.id}/accept`, { version: null, acceptedOn: plan.createdOn, method: 'signed' });
    for (const response of [missing, nulled]) {
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'REQUIRED', field: 'version' });
    }
  });

  it('a field-level message names the field by a label, never by its dotted path', async () => {
    const ready = await readyPerson(ada);
    const plan = await createPlan(ada, ready.personId);
    const response = await ada.post(`/api/service-plans/${plan.id}/accept`, {
      version: plan.version,
      acceptedOn: '15/06/2026',
      method: 'signed',
    });
    expect(response.body.code).toBe('INVALID_FORMAT');
    expect(response.body.detail).toMatch(/^Accepted on: /);
  });
});

describe('one code and one status per rule however the input is malformed', () => {
  it('a missing outcome and outcome: null both answer 422 OUTCOME_REQUIRED', async () => {
    const { items } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }], { accept: true });
    const item = items[0];
    const base = { version: item.version, actualStart: item.expectedStart, actualEnd: item.expectedEnd };
    const missing = await ada.post(`/api/plan-items/${item.id}/complete`, base);
    const nulled = await ada.post(`/api/plan-items/${item.id}/complete`, { ...base, outcome: null });
    for (const response of [missing, nulled]) {
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'OUTCOME_REQUIRED', field: 'outcome' });
    }
  });

  it('a second plan beside an open (not yet accepted) plan answers PLAN_ALREADY_OPEN, not PLAN_ALREADY_ACTIVE', async () => {
    const ready = await readyPerson(ada);
    await createPlan(ada, ready.personId);
    const response = await ada.post(`/api/people/${ready.personId}/service-plans`);
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('PLAN_ALREADY_OPEN');
    expect(response.body.detail).toMatch(/open/);
  });

  it('a second plan beside an active plan answers PLAN_ALREADY_ACTIVE', async () => {
    const ready = await readyPerson(ada);
    const plan = await createPlan(ada, ready.personId);
    const withGoal = (await addSubGoal(ada, plan.id, 'training')).plan;
    await acceptPlan(ada, withGoal);
    const response = await ada.post(`/api/people/${ready.personId}/service-plans`);
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('PLAN_ALREADY_ACTIVE');
  });
});

describe('titles and messages read as sentences', () => {
  it('an item under the wrong sub-goal says "an employment sub-goal", not "a employment"', async () => {
    const ready = await readyPerson(ada);
    const plan = await createPlan(ada, ready.personId);
    const { subGoal } = await addSubGoal(ada, plan.id, 'training');
    const response = await ada.post(`/api/service-plans/${plan.id}/items`, {
      subGoalId: subGoal.id,
      type: 'job-placement',
      expectedStart: '2026-07-06',
      expectedEnd: '2026-12-18',
    });
    expectStatus(response, 422, 'wrong sub-goal');
    expect(response.body.detail).toContain('an employment sub-goal');
    expect(response.body.detail).not.toMatch(/\ba employment/);
  });
});
