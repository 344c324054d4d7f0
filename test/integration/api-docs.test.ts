/**
 * docs/api.md and the OpenAPI document say what the server does: `/health` is in the document, both
 * say which day "today" is (the ministry's date in WAYPOINT_TIME_ZONE, America/Edmonton by default)
 * and that timestamps are UTC, every `limit=1..N` docs/api.md states is the limit the server applies,
 * and its `User` names every field of the document's. Its types are those a generated client needs:
 * whole numbers are `integer`, ids `format: uuid`, calendar dates `format: date` and instants
 * `format: date-time`, decided by the field's name, with the few fields that differ named below.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

interface Document {
  info: { description: string };
  paths: Record<
    string,
    Record<string, { security?: unknown[]; parameters?: { name: string; schema: { maximum?: number } }[]; responses: Record<string, any> }>
  >;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
}

/** A schema of the document, as far as these tests read it. */
interface Schema {
  type?: string | string[];
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
/** A typed value of the document: where it is (`AuditEvent.changes[].before`, `GET /api/audit query.from`), its member's name, its schema. */
interface Field {
  readonly where: string;
  readonly name: string;
  readonly schema: Schema;
}

/** Every typed value in a schema, with the name of the member it is (an array's items and a record's values keep their member's name). */
function* fieldsOf(schema: Schema | undefined, where: string, name: string): Generator<Field> {
  if (!schema || typeof schema !== 'object') return;
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) yield* fieldsOf(branch, where, name);
  if (schema.items) yield* fieldsOf(schema.items, `${where}[]`, name);
  if (typeof schema.additionalProperties === 'object') yield* fieldsOf(schema.additionalProperties, `${where}{}`, name);
  for (const [member, inner] of Object.entries(schema.properties ?? {})) yield* fieldsOf(inner, `${where}.${member}`, member);
  if (schema.type) yield { where, name, schema };
}

/** Every typed value of the document: in its components, and in each operation's parameters, request bodies and answers. */
function fieldsOfDocument(doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } }) {
  const fields: Field[] = [];
  for (const [name, schema] of Object.entries(doc.components.schemas)) fields.push(...fieldsOf(schema, name, ''));
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const at = `${method.toUpperCase()} ${path}`;
      for (const p of operation.parameters ?? []) fields.push(...fieldsOf(p.schema, `${at} ${p.in}.${p.name}`, p.name));
      for (const c of Object.values(operation.requestBody?.content ?? {})) fields.push(...fieldsOf(c.schema, `${at} body`, ''));
      for (const [status, response] of Object.entries(operation.responses ?? {}))
        for (const c of Object.values(response.content ?? {})) fields.push(...fieldsOf(c.schema, `${at} ${status}`, ''));
    }
  }
  return fields;
}

const typeOf = (field: Field) => [field.schema.type].flat().join('|');
const describeField = (field: Field) => `${field.where}: ${typeOf(field)}${field.schema.format ? ` (${field.schema.format})` : ''}`;

/** Amounts in cents, versions, counts, totals, sequence numbers and paging: whole numbers by name. */
const WHOLE_NUMBER = /Cents$|Count$|^(version|total|count|seq|limit|offset|cursor|nextOffset|nextCursor|nextBefore)$/;
const ID = /^id$|Id$|Ids$/;
const CALENDAR_DATE =
  /On$|Date$|^(asOf|from|to|start|end|dueBy|effectiveFrom|heldUntil|lastContact|newPlanPossibleFrom)$|^(expected|actual|training|period)(Start|End)$/;
const INSTANT = /^at$|At$/;

/** Numbers that may have a fraction, and why (none: money travels as dollars in a decimal string, `Money`). */
const NOT_WHOLE: Record<string, string> = {};
/** Ids that are not uuids, and why. */
const NOT_UUID: Record<string, string> = {
  'AuditEvent.recordId': "An audit event's record is a row's uuid, an office's code or a payment run's issue date (src/app/audit.ts).",
  'GET /api/audit query.recordId': 'Finds the events of such a record, by that same key.',
  'GET /api/audit/export.csv query.recordId': 'The same filter, for the export.',
  'SimulationInputInput.people[].id': "The household calculator's people are named by the caller (any label), not stored records.",
};
/** Fields whose name says a date but that hold an instant, and why. */
const INSTANT_NOT_DATE: Record<string, string> = {
  'JobWithRuns.runs[].startedOn': "When a job run started: the job queue's (pg-boss's) timestamp, an instant.",
  'JobWithRuns.runs[].finishedOn': "When a job run finished: the job queue's (pg-boss's) timestamp, an instant.",
};

const apiMd = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
let server: TestServer;
let document: Document;
beforeAll(async () => {
  server = await startTestServer();
  document = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(() => server.close());

describe('the OpenAPI document', () => {
  it('describes GET /health, open to anyone, with the answer it gives', async () => {
    const health = document.paths['/health']?.get;
    expect(health, 'GET /health is not in the document').toBeDefined();
    expect(health!.security).toEqual([]);
    const schema = health!.responses['200'].content['application/json'].schema;
    const resolved = schema.$ref ? document.components.schemas[schema.$ref.split('/').pop()] : schema;
    expect(Object.keys(resolved!.properties).sort()).toEqual(['database', 'status']);
    const answer = (await server.app.inject({ method: 'GET', url: '/health' })).json();
    expect(answer).toEqual({ status: 'ok', database: server.database.engine });
  });

  it('says that "today" is the ministry’s date in WAYPOINT_TIME_ZONE (America/Edmonton) and timestamps are UTC', () => {
    expect(document.info.description).toContain('WAYPOINT_TIME_ZONE');
    expect(document.info.description).toContain('America/Edmonton');
    expect(document.info.description).toMatch(/UTC/);
  });
});

describe('the OpenAPI document’s types', () => {
  const fields = () => fieldsOfDocument(document as never);

  it('reads every operation’s parameters, bodies and answers, and every component', () => {
    const names = new Set(fields().map((f) => f.name));
    for (const name of ['version', 'total', 'seq', 'count', 'limit', 'id', 'personId', 'birthDate', 'asOf', 'createdAt', 'at'])
      expect([...names], name).toContain(name);
    expect(fields().some((f) => f.where.startsWith('GET /api/audit query.'))).toBe(true);
    expect(fields().some((f) => f.where.startsWith('POST /api/people body.'))).toBe(true);
  });

  it('declares every amount in cents, version, count, total, sequence and page position an integer, and every other number too', () => {
    const notWhole = fields().filter(
      (f) =>
        !(f.where in NOT_WHOLE) &&
        (typeOf(f).split('|').includes('number') ||
          (WHOLE_NUMBER.test(f.name) &&
            !typeOf(f)
              .split('|')
              .every((t) => t === 'integer' || t === 'null'))),
    );
    expect(notWhole.map(describeField)).toEqual([]);
  });

  it('declares every id a uuid', () => {
    const ids = fields().filter((f) => ID.test(f.name) && typeOf(f) === 'string');
    expect(ids.length).toBeGreaterThan(50);
    const notUuid = ids.filter((f) => !(f.where in NOT_UUID) && f.schema.format !== 'uuid');
    expect(notUuid.map(describeField)).toEqual([]);
  });

  it('declares every calendar date format date and every instant format date-time', () => {
    const wrong = fields().filter((f) => {
      if (typeOf(f) !== 'string') return false;
      const expected =
        f.where in INSTANT_NOT_DATE || INSTANT.test(f.name) ? 'date-time' : CALENDAR_DATE.test(f.name) ? 'date' : f.schema.format;
      return f.schema.format !== expected;
    });
    expect(wrong.map(describeField)).toEqual([]);
  });

  it('names only exceptions that are still in the document', () => {
    const wheres = new Set(fields().map((f) => f.where));
    const stale = [...Object.keys(NOT_WHOLE), ...Object.keys(NOT_UUID), ...Object.keys(INSTANT_NOT_DATE)].filter((w) => !wheres.has(w));
    expect(stale).toEqual([]);
  });
});

describe('docs/api.md', () => {
  it('says that "today" is the ministry’s date in WAYPOINT_TIME_ZONE (America/Edmonton) and timestamps are UTC', () => {
    expect(apiMd).toContain('WAYPOINT_TIME_ZONE');
    expect(apiMd).toContain('America/Edmonton');
    expect(apiMd).toMatch(/Timestamps[\s\S]{0,80} in UTC/);
  });

  it('states for each list the limit the server applies', () => {
    const stated = [...apiMd.matchAll(/^\| GET \| (\/api\/[^ |]+) \|[^\n]*?limit=1\.\.(\d+)/gm)].map((m) => ({
      path: m[1]!.replace(/:([a-z]+)/gi, '{$1}'),
      limit: Number(m[2]),
    }));
    expect(stated.map((s) => s.path)).toContain('/api/tasks');
    for (const { path, limit } of stated) {
      const parameter = document.paths[path]?.get?.parameters?.find((p) => p.name === 'limit');
      expect(parameter?.schema.maximum, path).toBe(limit);
    }
  });

  it('names every field of the document’s User in its `User`', () => {
    const line = /`User = \{ ([^}]*) \}`/.exec(apiMd)?.[1] ?? '';
    const named = line.split(',').map((field) => field.trim().split(/[?:\s]/)[0]);
    expect(named.sort()).toEqual(Object.keys(document.components.schemas.User!.properties).sort());
  });
});
