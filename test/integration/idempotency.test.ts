/**
 * Retrying a write with an Idempotency-Key (docs/api.md "Retrying a write"), through the API, for
 * the creations a caseworker most often sends again after a timeout: registering a person, adding
 * evidence to a learner case, recording a contact. Sent again by the same user with the same key
 * and body, the record is made once and the retry answers what the first did, marked replayed; the
 * key with another body is refused (422 IDEMPOTENCY_KEY_REUSED) and changes nothing; a key is the
 * user's own: another user's same key is another write. (Debt adjustments: payments.test.ts, and
 * idempotency-upgrade.test.ts for their keys kept before migration 0025.) The OpenAPI document
 * declares the request header and the answer's Idempotent-Replayed on the four writes that take a key.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, type ApiResponse, signedIn } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { learnerWithPdc } from '../support/learner.ts';
import { startTestServer, TEST_TODAY, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api;
let ben: Api;
let dana: Api;
let eli: Api;

beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
  ben = await signedIn(server.app, 'official.ben');
  dana = await signedIn(server.app, 'lbc.dana');
  eli = await signedIn(server.app, 'lbc.eli');
});
afterAll(() => server.close());

let keys = 0;
/** A key no other test sends. */
const newKey = () => `test-key-${++keys}-${Date.now()}`;
const withKey = (key: string) => ({ 'idempotency-key': key });

/** The rows of the tables these writes add to. */
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['persons', 'person_details', 'interactions', 'evidence', 'evidence_versions', 'audit_events']) {
    const result = await server.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
    const rows = (Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows) as { n: number }[];
    out[table] = Number(rows[0]!.n);
  }
  return out;
}

/** The retry answered what the first answer said (status, body, Location), marked replayed. */
function expectReplayOf(retry: ApiResponse, first: ApiResponse) {
  expect(first.status).toBe(201);
  expect(first.headers['idempotent-replayed']).toBeUndefined();
  expect(retry.status).toBe(201);
  expect(retry.headers['idempotent-replayed']).toBe('true');
  expect(retry.body).toEqual(first.body);
  expect(retry.headers.location).toBe(first.headers.location);
}

/** Sends `send` and checks it is refused as a reused key and that no row changed. */
async function expectKeyReusedUnchanged(send: () => Promise<ApiResponse>) {
  const before = await counts();
  const refused = await send();
  expect(refused.status).toBe(422);
  expect(refused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'headers.idempotency-key' });
  expect(await counts()).toEqual(before);
}

const personCount = async (familyName: string) =>
  ((await ada.get(`/api/people?q=${encodeURIComponent(familyName)}&birthDate=1990-04-02`)).body.people as unknown[]).length;
const contactsOf = async (personId: string) => (await ada.get(`/api/people/${personId}/interactions`)).body.interactions as unknown[];
const evidenceOf = async (pdcId: string) => (await dana.get(`/api/pdcs/${pdcId}/evidence`)).body.evidence as unknown[];

describe('registering a person with an Idempotency-Key', () => {
  it('sent twice with the same key, the person is registered once and the retry answers what the first did, marked replayed', async () => {
    const body = personBody({ givenName: 'Wilhelmina', familyName: 'Retriedonce', acknowledgeDuplicates: false });
    const key = newKey();
    const first = await ada.post('/api/people', body, withKey(key));
    const retry = await ada.post('/api/people', body, withKey(key));
    expectReplayOf(retry, first);
    expect(first.headers.location).toBe(`/api/people/${first.body.id}`);
    expect(await personCount('Retriedonce')).toBe(1);
  });

  it('the same key with another body is refused (IDEMPOTENCY_KEY_REUSED) and registers no one', async () => {
    const key = newKey();
    expect((await ada.post('/api/people', personBody({ familyName: 'Keptkey' }), withKey(key))).status).toBe(201);
    await expectKeyReusedUnchanged(() => ada.post('/api/people', personBody({ familyName: 'Otherbody' }), withKey(key)));
    expect(await personCount('Otherbody')).toBe(0);
  });

  it("a key is the user's own: another official's same key is another registration", async () => {
    const key = newKey();
    const first = await ada.post('/api/people', personBody({ familyName: 'Adaskey' }), withKey(key));
    const other = await ben.post('/api/people', personBody({ familyName: 'Benskey' }), withKey(key));
    expect(first.status).toBe(201);
    expect(other.status).toBe(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.body.id).not.toBe(first.body.id);
    expect(other.body.familyName).toBe('Benskey');
  });

  it('sent several times at once with the same key, the person is registered once and every answer is that person', async () => {
    const body = personBody({ givenName: 'Bartholomew', familyName: 'Atonce', acknowledgeDuplicates: false });
    const key = newKey();
    const answers = await Promise.all([1, 2, 3, 4].map(() => ada.post('/api/people', body, withKey(key))));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    expect(await personCount('Atonce')).toBe(1);
  });

  it('a key refused with the first registration (a possible duplicate) keeps nothing: sent again acknowledged, it registers', async () => {
    const existing = personBody({ familyName: 'Twiceregistered' });
    expect((await ada.post('/api/people', existing)).status).toBe(201);
    const key = newKey();
    const again = { ...existing, email: 'other@example.ca', acknowledgeDuplicates: false };
    expect((await ada.post('/api/people', again, withKey(key))).body.code).toBe('POSSIBLE_DUPLICATE');
    const acknowledged = await ada.post('/api/people', { ...again, acknowledgeDuplicates: true }, withKey(key));
    expect(acknowledged.status).toBe(201);
    expect(acknowledged.headers['idempotent-replayed']).toBeUndefined();
    expect(await personCount('Twiceregistered')).toBe(2);
  });

  it('a key that is not 1 to 200 visible characters is refused, naming the header, and registers no one', async () => {
    const before = await counts();
    const refused = await ada.post('/api/people', personBody(), withKey('two words'));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'INVALID_FORMAT', field: 'headers.idempotency-key' });
    expect(await counts()).toEqual(before);
  });
});

describe('recording a contact with an Idempotency-Key', () => {
  const contact = { occurredOn: TEST_TODAY, channel: 'phone', note: 'Called about the intake' };

  it('sent twice with the same key, the contact is recorded once and the retry answers what the first did, marked replayed', async () => {
    const person = (await ada.post('/api/people', personBody())).body;
    const key = newKey();
    const first = await ada.post(`/api/people/${person.id}/interactions`, contact, withKey(key));
    const retry = await ada.post(`/api/people/${person.id}/interactions`, contact, withKey(key));
    expectReplayOf(retry, first);
    expect(await contactsOf(person.id)).toHaveLength(1);
  });

  it('the same key with another body, or for another person, is refused (IDEMPOTENCY_KEY_REUSED) and records nothing', async () => {
    const person = (await ada.post('/api/people', personBody())).body;
    const another = (await ada.post('/api/people', personBody())).body;
    const key = newKey();
    expect((await ada.post(`/api/people/${person.id}/interactions`, contact, withKey(key))).status).toBe(201);
    await expectKeyReusedUnchanged(() => ada.post(`/api/people/${person.id}/interactions`, { ...contact, channel: 'email' }, withKey(key)));
    await expectKeyReusedUnchanged(() => ada.post(`/api/people/${another.id}/interactions`, contact, withKey(key)));
    expect(await contactsOf(person.id)).toHaveLength(1);
    expect(await contactsOf(another.id)).toHaveLength(0);
  });

  it('a key used for another kind of write (a registration) is refused for a contact', async () => {
    const key = newKey();
    const person = (await ada.post('/api/people', personBody(), withKey(key))).body;
    await expectKeyReusedUnchanged(() => ada.post(`/api/people/${person.id}/interactions`, contact, withKey(key)));
  });

  it("a key is the user's own: another official's same key and body is another contact", async () => {
    const person = (await ada.post('/api/people', personBody())).body;
    const key = newKey();
    const first = await ada.post(`/api/people/${person.id}/interactions`, contact, withKey(key));
    const other = await ben.post(`/api/people/${person.id}/interactions`, contact, withKey(key));
    expect(first.status).toBe(201);
    expect(other.status).toBe(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.body.id).not.toBe(first.body.id);
    expect(await contactsOf(person.id)).toHaveLength(2);
  });

  it('sent several times at once with the same key, the contact is recorded once', async () => {
    const person = (await ada.post('/api/people', personBody())).body;
    const key = newKey();
    const answers = await Promise.all([1, 2, 3, 4].map(() => ada.post(`/api/people/${person.id}/interactions`, contact, withKey(key))));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    expect(await contactsOf(person.id)).toHaveLength(1);
  });
});

describe('adding evidence with an Idempotency-Key', () => {
  const shelter = { type: 'shelter', subtype: 'renting', amount: '1200.00', periodStart: '2026-09-01' };

  it('sent twice with the same key, the evidence is added once and the retry answers what the first did, marked replayed', async () => {
    const learner = await learnerWithPdc(ada);
    const key = newKey();
    const first = await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, shelter, withKey(key));
    const retry = await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, shelter, withKey(key));
    expectReplayOf(retry, first);
    expect(await evidenceOf(learner.pdcId)).toHaveLength(1);
  });

  it('the same key with another body is refused (IDEMPOTENCY_KEY_REUSED) and adds nothing', async () => {
    const learner = await learnerWithPdc(ada);
    const key = newKey();
    expect((await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, shelter, withKey(key))).status).toBe(201);
    await expectKeyReusedUnchanged(() => dana.post(`/api/pdcs/${learner.pdcId}/evidence`, { ...shelter, amount: '1300.00' }, withKey(key)));
    expect(await evidenceOf(learner.pdcId)).toHaveLength(1);
  });

  it("a key is the user's own: another coordinator's same key and body is another piece of evidence", async () => {
    const learner = await learnerWithPdc(ada);
    const key = newKey();
    const first = await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, shelter, withKey(key));
    const other = await eli.post(`/api/pdcs/${learner.pdcId}/evidence`, shelter, withKey(key));
    expect(first.status).toBe(201);
    expect(other.status).toBe(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.body.evidenceId).not.toBe(first.body.evidenceId);
    expect(await evidenceOf(learner.pdcId)).toHaveLength(2);
  });

  it('sent several times at once with the same key, the evidence is added once', async () => {
    const learner = await learnerWithPdc(ada);
    const key = newKey();
    const answers = await Promise.all([1, 2, 3].map(() => dana.post(`/api/pdcs/${learner.pdcId}/evidence`, shelter, withKey(key))));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.evidenceId)).size).toBe(1);
    expect(await evidenceOf(learner.pdcId)).toHaveLength(1);
  });

  it('without a key, each piece of evidence sent is added', async () => {
    const learner = await learnerWithPdc(ada);
    await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, shelter);
    await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, shelter);
    expect(await evidenceOf(learner.pdcId)).toHaveLength(2);
  });
});

describe('the OpenAPI document', () => {
  /** The writes that take an Idempotency-Key (docs/api.md "Retrying a write"), as the document names them. */
  const KEYED = [
    'post /api/people',
    'post /api/pdcs/{id}/evidence',
    'post /api/people/{id}/interactions',
    'post /api/debts/{id}/adjustments',
  ];

  type Operation = {
    parameters?: { in: string; name: string; required?: boolean; schema?: unknown }[];
    responses: Record<string, { headers?: Record<string, { description?: string; schema?: unknown }> }>;
  };
  const operations = async (): Promise<Map<string, Operation>> => {
    const document = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = document.paths as Record<string, Record<string, Operation>>;
    return new Map(Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, o]) => [`${m} ${path}`, o])));
  };
  const takesKey = (o: Operation) => (o.parameters ?? []).some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
  const declaresReplayed = (o: Operation) => Object.hasOwn(o.responses['201']?.headers ?? {}, 'Idempotent-Replayed');

  it('declares the Idempotency-Key request header, optional, on each write that takes one', async () => {
    const all = await operations();
    for (const name of KEYED) {
      const header = all.get(name)!.parameters?.find((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
      expect(header, name).toMatchObject({ required: false, schema: { type: 'string' } });
    }
  });

  it('declares Idempotent-Replayed on the 201 of each write that takes an Idempotency-Key', async () => {
    const all = await operations();
    for (const name of KEYED) {
      const header = all.get(name)!.responses['201']?.headers?.['Idempotent-Replayed'];
      expect(header?.schema, name).toEqual({ type: 'string', enum: ['true'] });
      expect(header?.description, name).toMatch(/Idempotency-Key/);
    }
  });

  it('declares the key and Idempotent-Replayed on those four writes only', async () => {
    const all = [...(await operations())];
    expect(
      all
        .filter(([, o]) => takesKey(o))
        .map(([name]) => name)
        .sort(),
    ).toEqual([...KEYED].sort());
    expect(
      all
        .filter(([, o]) => declaresReplayed(o))
        .map(([name]) => name)
        .sort(),
    ).toEqual([...KEYED].sort());
  });
});
