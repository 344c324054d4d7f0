/**
 * The published OpenAPI document declares the refusals of access by caseload
 * (docs/access-control.md) on every operation that answers them, and only there. Every documented
 * operation of src/http/operations.ts is sent with its fixture request, by a user of each role its
 * permission allows, in two rounds: by users of another office, for whom every person of the
 * fixture is outside their reach; then by the matrix's own users (clearance 1), once every person's
 * sensitivity is 3. Whatever problem an answer carries, its code must be declared in the document
 * for that operation and status; and an operation that declares NOT_ON_CASELOAD must answer it in
 * the first round (ABOVE_SENSITIVITY_CLEARANCE, in the second). Which operations declare them comes
 * from one place: each operation's `person` (src/http/operations.ts, app/person-access.ts).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo-data.ts';
import { ROLES, type Role } from '../../src/app/roles.ts';
import { createUser } from '../../src/app/users.ts';
import { expectedOutcome, type Fixture, OPERATIONS, type Operation, openApiPath, operationName } from '../../src/http/operations.ts';
import { MATRIX_USERS, seedFixture, send, sessionCookie } from '../support/operation-fixture.ts';
import { addOffice, assignTaskAbout, placeUser } from '../support/placements.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

interface Document {
  paths: Record<string, Record<string, { responses: Record<string, { description?: string }> }>>;
}

let server: TestServer;
let fixture: Fixture;
let document: Document;
const userIdOf = new Map<string, string>();

beforeAll(async () => {
  server = await startTestServer();
  fixture = await seedFixture(server.app, server.database.db);
  for (const [username, id] of Object.entries(fixture.users)) userIdOf.set(username, id);
  document = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Document;
  await addOffice(server.database.db, 'elsewhere', 'An office of no one in the fixture');
  for (const role of ROLES) {
    const username = `elsewhere.${role}`;
    const user = await createUser(server.ctx, null, { username, displayName: username, roles: [role], password: DEMO_PASSWORD });
    userIdOf.set(username, user.id);
    await placeUser(server.database.db, username, { office: 'elsewhere' });
  }
}, 180_000);
afterAll(() => server?.close());

const documented = OPERATIONS.filter((op) => !op.hidden);
/**
 * The order of the walk: the table's, but the task operations last. Taking a task about a person puts
 * them on the taker's caseload, and so on their office's (docs/access-control.md): a user of the
 * other office who took one would reach the person in every operation after it.
 */
const walkOrder = [
  ...documented.filter((op) => !op.path.startsWith('/api/tasks/')),
  ...documented.filter((op) => op.path.startsWith('/api/tasks/')),
];

/** The codes the document lists for the operation's answers of this status. */
function declared(op: Operation, status: number): string[] {
  const response = document.paths[openApiPath(op.path)]?.[op.method.toLowerCase()]?.responses[String(status)];
  return [...(response?.description ?? '').matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!);
}

const ACCESS_CODES = ['NOT_ON_CASELOAD', 'ABOVE_SENSITIVITY_CLEARANCE'] as const;
type AccessCode = (typeof ACCESS_CODES)[number];

/** Per round: the operations that answered each access code, and every answer whose code the document does not declare. */
interface Round {
  readonly answered: Map<AccessCode, Set<string>>;
  readonly undeclared: Set<string>;
}

/**
 * Sends every documented operation as the user of each role its permission allows (`usernameOf`).
 * The spare user (official.carmen, whose caseload the transfer preview reads and the transfer moves)
 * first gets a task about the fixture's person, so the preview has someone to read.
 */
async function walk(usernameOf: (role: Role) => string): Promise<Round> {
  await assignTaskAbout(server.database.db, 'official.carmen', fixture.person.id);
  const round: Round = { answered: new Map(ACCESS_CODES.map((code) => [code, new Set<string>()])), undeclared: new Set() };
  const cookies = new Map<Role, string>();
  for (const op of walkOrder) {
    for (const role of ROLES.filter((r) => expectedOutcome(op, r) === 'allowed')) {
      const username = usernameOf(role);
      if (!cookies.has(role)) cookies.set(role, await sessionCookie(server.app, username));
      const cookie = op.endsSession ? await sessionCookie(server.app, username) : cookies.get(role)!;
      const response = await send(server.app, op, op.request(fixture, { userId: userIdOf.get(username)! }), cookie);
      if (response.statusCode < 400) continue;
      const code = String((response.json() as { code?: unknown }).code);
      if (!declared(op, response.statusCode).includes(code)) round.undeclared.add(`${operationName(op)}: ${response.statusCode} ${code}`);
      round.answered.get(code as AccessCode)?.add(operationName(op));
    }
  }
  return round;
}

/** The operations whose document declares the code. */
const declaring = (code: AccessCode) => documented.filter((op) => declared(op, 403).includes(code)).map(operationName);

describe('the refusals of access by caseload are declared where they are answered', () => {
  let outside: Round;
  let above: Round;

  it('outside the caseload (users of another office), every code answered is declared for its operation', async () => {
    outside = await walk((role) => `elsewhere.${role}`);
    expect([...outside.undeclared].sort()).toEqual([]);
  }, 600_000);

  it('above the clearance (every person at sensitivity 3, users at clearance 1), every code answered is declared', async () => {
    await server.database.db.execute(sql`update persons set sensitivity = 3`);
    above = await walk((role) => MATRIX_USERS[role]);
    expect([...above.undeclared].sort()).toEqual([]);
  }, 600_000);

  it('an operation declares NOT_ON_CASELOAD only if it answered it outside the caseload', () => {
    const answered = outside.answered.get('NOT_ON_CASELOAD')!;
    expect(declaring('NOT_ON_CASELOAD').filter((name) => !answered.has(name))).toEqual([]);
  });

  it('an operation declares ABOVE_SENSITIVITY_CLEARANCE only if it answered it above the clearance', () => {
    const answered = above.answered.get('ABOVE_SENSITIVITY_CLEARANCE')!;
    expect(declaring('ABOVE_SENSITIVITY_CLEARANCE').filter((name) => !answered.has(name))).toEqual([]);
  });
});
