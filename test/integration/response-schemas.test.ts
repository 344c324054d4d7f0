/**
 * The OpenAPI document describes what the API really answers: every operation of
 * src/http/operations.ts, called on the seeded fixture by a role allowed to, answers a success
 * status the document lists, with a body its schema for that status accepts. The test server
 * serialises strictly (strictResponses), so a field a use case returns but the schema does not
 * state is a 500 here rather than silently left out of the answer.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/app/roles.ts';
import { expectedAnswer, type Fixture, OPERATIONS, type Operation, openApiPath, operationName } from '../../src/http/operations.ts';
import { MATRIX_USERS, seedFixture, send, sessionCookie } from '../support/operation-fixture.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

interface Response {
  description?: string;
  content?: Record<string, { schema?: object }>;
}
interface Document {
  paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
  components: { schemas: Record<string, object> };
}

let server: TestServer;
let fixture: Fixture;
let document: Document;
const cookies = new Map<Role, string>();

beforeAll(async () => {
  server = await startTestServer();
  fixture = await seedFixture(server.app, server.database.db);
  for (const role of ROLES) cookies.set(role, await sessionCookie(server.app, MATRIX_USERS[role]));
  document = server.app.swagger() as unknown as Document;
}, 120_000);
afterAll(() => server?.close());

const documented = OPERATIONS.filter((op) => !op.hidden);
const responsesOf = (op: Operation) => document.paths[openApiPath(op.path)]?.[op.method.toLowerCase()]?.responses ?? {};
const successOf = (op: Operation) => Object.entries(responsesOf(op)).filter(([status]) => status.startsWith('2'));

/** The record's holder for an ownership rule, else the first role the permission table allows. */
const allowedRole = (op: Operation): Role => op.ownership?.holder ?? ROLES.find((role) => expectedAnswer(op, role).outcome === 'allowed')!;

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
const validatorFor = (schema: object) => ajv.compile({ ...schema, components: document.components });

describe('the OpenAPI document', () => {
  it('gives every operation a success response with its schema (or, for 204, none)', () => {
    const without = documented.filter(
      (op) => !successOf(op).some(([status, r]) => status === '204' || Object.values(r.content ?? {}).some((c) => c.schema)),
    );
    expect(without.map(operationName)).toEqual([]);
  });

  it('gives every operation problem responses, each listing the codes of its status', () => {
    const missing = documented.filter((op) => {
      const problems = Object.entries(responsesOf(op)).filter(([status]) => /^[45]/.test(status));
      return (
        problems.length === 0 ||
        problems.some(([, r]) => !r.content?.['application/problem+json'] || !/`[A-Z_]+`/.test(r.description ?? ''))
      );
    });
    expect(missing.map(operationName)).toEqual([]);
  });
});

describe('every operation answers what the document says', () => {
  for (const op of documented) {
    it(`${operationName(op)} answers a body its documented schema accepts`, async () => {
      const role = allowedRole(op);
      const cookie = op.endsSession ? await sessionCookie(server.app, MATRIX_USERS[role]) : cookies.get(role)!;
      const response = await send(server.app, op, op.request(fixture, { userId: fixture.users[MATRIX_USERS[role]]! }), cookie);
      const declared = responsesOf(op)[String(response.statusCode)];
      expect(declared, `${response.statusCode} is not a documented answer: ${response.body.slice(0, 500)}`).toBeDefined();
      expect(response.statusCode, response.body.slice(0, 500)).toBeLessThan(300);
      const type = String(response.headers['content-type'] ?? '').split(';')[0]!;
      if (response.statusCode === 204) return expect(response.body).toBe('');
      const schema = declared!.content?.[type]?.schema;
      expect(schema, `no schema for ${type}`).toBeDefined();
      if (type !== 'application/json') return;
      const validate = validatorFor(schema!);
      expect(validate(response.json()), ajv.errorsText(validate.errors)).toBe(true);
    });
  }
});
