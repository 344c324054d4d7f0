/**
 * The authorisation matrix: every operation of src/http/operations.ts x every role (and an
 * anonymous caller), through the real HTTP API on one server with a fixture seeded through the API.
 * A refused caller gets 401/403 with the expected code and changes nothing (every table's rows,
 * audit events included, fingerprinted before and after); an allowed caller is never answered 401,
 * 403 or 5xx (a domain 4xx such as a stale version is fine: the fixture is shared). Then caseload
 * access for every role: own caseload, office, team, other office and break-glass
 * (docs/access-control.md); separation of duties has its own file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo-data.ts';
import { PERMISSIONS } from '../../src/app/permissions.ts';
import { ROLES, type Role } from '../../src/app/roles.ts';
import { createUser } from '../../src/app/users.ts';
import { BREAK_GLASS_ROLES } from '../../src/domain/access/access.ts';
import {
  expectedAnswer,
  expectedOutcome,
  type Fixture,
  OPERATIONS,
  type Operation,
  OWNERSHIP_RULES,
  openApiPath,
  operationName,
} from '../../src/http/operations.ts';
import { type Api, signedIn } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { learnerWithPdc } from '../support/learner.ts';
import { changedTables, fingerprint, MATRIX_USERS, seedFixture, send, sessionCookie } from '../support/operation-fixture.ts';
import { addOffice, assignTaskAbout, placeUser } from '../support/placements.ts';
import { expectStatus } from '../support/plans.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let fixture: Fixture;
const cookies = new Map<Role, string>();
const userIds = new Map<Role, string>();

beforeAll(async () => {
  server = await startTestServer();
  fixture = await seedFixture(server.app, server.database.db);
  for (const role of ROLES) {
    cookies.set(role, await sessionCookie(server.app, MATRIX_USERS[role]));
    userIds.set(role, fixture.users[MATRIX_USERS[role]]!);
  }
}, 120_000);
afterAll(() => server?.close());

const WHO: Record<Role, string> = {
  'authorized-official': 'an authorized official',
  'learner-benefits-coordinator': 'a learner benefits coordinator',
  'learner-benefit-specialist': 'a learner benefit specialist',
  supervisor: 'a supervisor',
  auditor: 'an auditor',
  administrator: 'an administrator',
  'finance-officer': 'a finance officer',
};
const who = (role: Role | null) => (role === null ? 'an anonymous caller' : WHO[role]);

/** Callers in the order they are checked: refusals first (they must find the fixture untouched), then the record's holder, then the rest. */
function callersOf(op: Operation): (Role | null)[] {
  const rank = (role: Role | null) => {
    const answer = expectedAnswer(op, role);
    if (answer.outcome === 'refused') return answer.because === 'sign-in' || answer.because === 'permission' ? 0 : 1;
    return role !== null && op.ownership?.holder === role ? 2 : 3;
  };
  return [null, ...ROLES]
    .map((role, i) => ({ role, i }))
    .sort((a, b) => rank(a.role) - rank(b.role) || a.i - b.i)
    .map((c) => c.role);
}

const describeAnswer = (op: Operation, role: Role | null) => {
  const answer = expectedAnswer(op, role);
  if (answer.outcome === 'allowed') return `${who(role)} may ${operationName(op)}`;
  if (answer.because === 'sign-in') return `${who(role)} is refused ${operationName(op)} (401)`;
  if (answer.because === 'permission') return `${who(role)} is refused ${operationName(op)}`;
  return `${who(role)} who does not hold the record is refused ${operationName(op)} (${answer.code})`;
};

const results = new Map<string, { role: Role | null; status: number }[]>();
let checked = 0;
let refusedCount = 0;

describe('the operations table', () => {
  it('lists every route of the OpenAPI document, and every listed route is documented or marked hidden', async () => {
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const listed = new Set(OPERATIONS.map((op) => `${op.method} ${openApiPath(op.path)}`));
    expect(
      documented.filter((route) => !listed.has(route)),
      'routes in the OpenAPI document but not in src/http/operations.ts',
    ).toEqual([]);
    const documentedSet = new Set(documented);
    expect(OPERATIONS.filter((op) => !op.hidden && !documentedSet.has(`${op.method} ${openApiPath(op.path)}`)).map(operationName)).toEqual(
      [],
    );
  });

  it('names only routes the server has, each once', () => {
    expect(OPERATIONS.filter((op) => !server.app.hasRoute({ method: op.method, url: op.path })).map(operationName)).toEqual([]);
    expect(new Set(OPERATIONS.map(operationName)).size).toBe(OPERATIONS.length);
  });

  it('uses every permission of the permission table, on an operation or in an ownership rule', () => {
    const used = new Set<string>(OPERATIONS.map((op) => op.requires));
    used.add('task.assign'); // the task-queue ownership rule: OWNERSHIP_RULES['task-queue'].bypass
    used.add('task.work'); // who may be assigned and complete a task (src/app/tasks.ts; test/integration/passwords-and-bounds.test.ts)
    used.add('payment.export-whole-run'); // what a payment run's export holds (src/app/payments.ts; test/integration/payment-run-finance.test.ts)
    expect(OWNERSHIP_RULES['task-queue'].bypass).toEqual(PERMISSIONS['task.assign']);
    expect(Object.keys(PERMISSIONS).filter((p) => !used.has(p))).toEqual([]);
  });

  it('derives the expected outcome from PERMISSIONS: an auditor is refused POST /api/people, a supervisor may', () => {
    const register = OPERATIONS.find((op) => operationName(op) === 'POST /api/people')!;
    expect(expectedOutcome(register, 'auditor')).toBe('refused');
    expect(expectedOutcome(register, 'supervisor')).toBe('allowed');
  });
});

describe('ownership rules', () => {
  it("official.ben cannot update official.ada's plan item (403 NOT_ITEM_OWNER) and nothing changes", async () => {
    const ben = await signedIn(server.app, 'official.ben');
    const before = await fingerprint(server.database.db);
    const response = await ben.patch(`/api/plan-items/${fixture.ownedItem.id}`, {
      version: fixture.ownedItem.version,
      description: 'Not mine',
    });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('NOT_ITEM_OWNER');
    expect(changedTables(before, await fingerprint(server.database.db))).toEqual([]);
  });

  it("official.ben cannot complete official.ada's plan item (403 NOT_ITEM_OWNER) and nothing changes", async () => {
    const ben = await signedIn(server.app, 'official.ben');
    const before = await fingerprint(server.database.db);
    const response = await ben.post(`/api/plan-items/${fixture.ownedItem.id}/complete`, {
      version: fixture.ownedItem.version,
      outcome: 'attained',
      actualStart: '2026-06-01',
      actualEnd: fixture.today,
    });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('NOT_ITEM_OWNER');
    expect(changedTables(before, await fingerprint(server.database.db))).toEqual([]);
  });

  it('official.ben cannot complete a task assigned to official.ada (403 NOT_TASK_ASSIGNEE) and nothing changes', async () => {
    const ben = await signedIn(server.app, 'official.ben');
    const before = await fingerprint(server.database.db);
    const response = await ben.post(`/api/tasks/${fixture.assignedTask.id}/complete`, { version: fixture.assignedTask.version });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('NOT_TASK_ASSIGNEE');
    expect(changedTables(before, await fingerprint(server.database.db))).toEqual([]);
  });

  it("official.ben cannot close a plan whose closure is official.ada's (403 NOT_RESPONSIBLE_FOR_CLOSURE) and nothing changes", async () => {
    const ben = await signedIn(server.app, 'official.ben');
    const before = await fingerprint(server.database.db);
    const response = await ben.post(`/api/service-plans/${fixture.closablePlan.id}/close`, {
      version: fixture.closablePlan.version,
      closedOn: fixture.today,
      reason: 'declined-further-services',
    });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('NOT_RESPONSIBLE_FOR_CLOSURE');
    expect(changedTables(before, await fingerprint(server.database.db))).toEqual([]);
  });

  it('only a learner benefit specialist approves Director Approval evidence: its coordinator, a supervisor and an official are refused', async () => {
    const ada = await signedIn(server.app, 'official.ada');
    const dana = await signedIn(server.app, 'lbc.dana');
    const learner = await learnerWithPdc(ada);
    const added = expectStatus(
      await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
        type: 'director-approval',
        subtype: 'director-approval',
        amount: '-50.00',
        periodStart: '2026-09-01',
        periodEnd: '2026-09-30',
      }),
      201,
      'add director approval',
    );
    expectStatus(await dana.post(`/api/pdcs/${learner.pdcId}/apply`), 200, 'apply');
    const version = (await dana.get(`/api/pdcs/${learner.pdcId}/evidence`)).body.evidence
      .flatMap((e: { versions: unknown[] }) => e.versions)
      .find((v: { id: string }) => v.id === added.versionId);
    const body = { version: version.version, decision: 'approved' };
    for (const username of ['lbc.dana', 'supervisor.grace', 'official.ada', 'auditor.hugo', 'admin.iris']) {
      const api = await signedIn(server.app, username);
      const before = await fingerprint(server.database.db);
      const response = await api.post(`/api/evidence-versions/${added.versionId}/approval`, body);
      expect({ username, status: response.status, code: response.body.code }).toEqual({ username, status: 403, code: 'FORBIDDEN' });
      expect(changedTables(before, await fingerprint(server.database.db))).toEqual([]);
    }
    const approved = await (await signedIn(server.app, 'lbs.farah')).post(`/api/evidence-versions/${added.versionId}/approval`, body);
    expect(approved.status).toBe(200);
  });
});

describe('the authorisation matrix', () => {
  for (const op of OPERATIONS) {
    for (const role of callersOf(op)) {
      it(describeAnswer(op, role), async () => {
        const answer = expectedAnswer(op, role);
        const caller = { userId: role === null ? null : userIds.get(role)! };
        const request = op.request(fixture, caller);
        let cookie = role === null ? null : cookies.get(role)!;
        if (op.endsSession && role !== null) cookie = await sessionCookie(server.app, MATRIX_USERS[role]);
        const before = answer.outcome === 'refused' ? await fingerprint(server.database.db) : null;
        const response = await send(server.app, op, request, cookie);
        checked += 1;
        const list = results.get(operationName(op)) ?? [];
        list.push({ role, status: response.statusCode });
        results.set(operationName(op), list);
        const what = `${operationName(op)} as ${role ?? 'anonymous'}: ${response.statusCode} ${response.body.slice(0, 300)}`;
        expect(response.statusCode, what).toBeLessThan(500);
        if (answer.outcome === 'refused') {
          refusedCount += 1;
          expect(response.statusCode, what).toBe(answer.status);
          expect(response.headers['content-type'], what).toMatch(/^application\/problem\+json/);
          expect(response.json().code, what).toBe(answer.code);
          expect(changedTables(before!, await fingerprint(server.database.db)), `${what}: tables changed by a refused request`).toEqual([]);
        } else {
          expect([401, 403], what).not.toContain(response.statusCode);
          if (response.statusCode >= 400) expect(response.json().code, what).toEqual(expect.any(String));
        }
      });
    }
  }

  it('every operation succeeds (2xx or 3xx) for at least one allowed caller: the fixture requests are valid', () => {
    const neverSucceeded = OPERATIONS.filter((op) => !(results.get(operationName(op)) ?? []).some((r) => r.status < 400)).map(
      (op) => `${operationName(op)}: ${JSON.stringify(results.get(operationName(op)))}`,
    );
    expect(neverSucceeded).toEqual([]);
  });

  afterAll(() => {
    const callers = ROLES.length + 1;
    const allowed = [...results.values()].flat().filter((r) => r.status !== 401 && r.status !== 403);
    console.log(
      `authorization matrix: ${OPERATIONS.length} operations × ${callers} callers (${ROLES.length} roles + anonymous) = ${checked} operations × roles checked ` +
        `(${refusedCount} refused with nothing changed; ${allowed.filter((r) => r.status < 400).length} allowed and succeeded, ${allowed.filter((r) => r.status >= 400).length} allowed with a domain 4xx)`,
    );
  });
});

/**
 * Caseload access (docs/access-control.md), for every role: one reader per role in the main office
 * and team "matrix-team" reads a person (GET /api/people/:id) in each situation. A refused read
 * changes nothing; an allowed read adds its access-log row.
 */
const SCENARIOS = ['own caseload', 'office caseload', 'team caseload', 'other office', 'break-glass'] as const;
type Scenario = (typeof SCENARIOS)[number];
type Reading = 'read' | 'NOT_ON_CASELOAD' | 'FORBIDDEN';
const CASELOAD_EXPECTED: Record<Role, Record<Scenario, Reading>> = {
  'authorized-official': {
    'own caseload': 'read',
    'office caseload': 'read',
    'team caseload': 'NOT_ON_CASELOAD',
    'other office': 'NOT_ON_CASELOAD',
    'break-glass': 'read',
  },
  'learner-benefits-coordinator': {
    'own caseload': 'read',
    'office caseload': 'read',
    'team caseload': 'NOT_ON_CASELOAD',
    'other office': 'NOT_ON_CASELOAD',
    'break-glass': 'read',
  },
  'learner-benefit-specialist': {
    'own caseload': 'read',
    'office caseload': 'NOT_ON_CASELOAD',
    'team caseload': 'NOT_ON_CASELOAD',
    'other office': 'NOT_ON_CASELOAD',
    'break-glass': 'read',
  },
  supervisor: {
    'own caseload': 'read',
    'office caseload': 'read',
    'team caseload': 'read',
    'other office': 'NOT_ON_CASELOAD',
    'break-glass': 'read',
  },
  auditor: { 'own caseload': 'read', 'office caseload': 'read', 'team caseload': 'read', 'other office': 'read', 'break-glass': 'read' },
  administrator: {
    'own caseload': 'FORBIDDEN',
    'office caseload': 'FORBIDDEN',
    'team caseload': 'FORBIDDEN',
    'other office': 'FORBIDDEN',
    'break-glass': 'FORBIDDEN',
  },
  'finance-officer': {
    'own caseload': 'FORBIDDEN',
    'office caseload': 'FORBIDDEN',
    'team caseload': 'FORBIDDEN',
    'other office': 'FORBIDDEN',
    'break-glass': 'FORBIDDEN',
  },
};
let caseloadChecked = 0;

describe('caseload access for every role: own caseload, office, team, other office, break-glass', () => {
  const readers = new Map<Role, Api>();
  const people = new Map<Scenario, string>();

  beforeAll(async () => {
    const db = server.database.db;
    await addOffice(db, 'west', 'West office');
    const account = async (username: string, roles: Role[], place: { office?: string; team?: string | null }) => {
      await createUser(server.ctx, null, { username, displayName: username, roles, password: DEMO_PASSWORD });
      await placeUser(db, username, place);
      return signedIn(server.app, username);
    };
    for (const role of ROLES) readers.set(role, await account(`reader.${role}`, [role], { team: 'matrix-team' }));
    const teammate = await account('west.teammate', ['authorized-official'], { office: 'west', team: 'matrix-team' });
    const westOther = await account('west.other', ['authorized-official'], { office: 'west' });
    const ada = await signedIn(server.app, 'official.ada');
    const register = async (api: Api) => expectStatus(await api.post('/api/people', personBody()), 201, 'register').id as string;
    people.set('own caseload', await register(westOther));
    for (const role of ROLES) await assignTaskAbout(db, `reader.${role}`, people.get('own caseload')!);
    people.set('office caseload', await register(ada));
    people.set('team caseload', await register(teammate));
    people.set('other office', await register(westOther));
    people.set('break-glass', await register(westOther));
  }, 120_000);

  afterAll(() => {
    console.log(
      `caseload access: ${ROLES.length} roles × ${SCENARIOS.length} situations (${SCENARIOS.join(', ')}) = ${caseloadChecked} reads checked`,
    );
  });

  for (const role of ROLES) {
    for (const scenario of SCENARIOS) {
      const expected = CASELOAD_EXPECTED[role][scenario];
      const how = expected === 'read' ? 'reads' : `is refused (${expected})`;
      it(`${who(role)} ${how} a person in the situation "${scenario}"`, async () => {
        const reader = readers.get(role)!;
        const personId = people.get(scenario)!;
        if (scenario === 'break-glass') {
          const glass = await reader.post(`/api/people/${personId}/break-glass`, {
            reason: `The matrix checks the break-glass read of ${role}.`,
          });
          expect(glass.status).toBe(BREAK_GLASS_ROLES.includes(role) ? 201 : 403);
        }
        const before = expected === 'read' ? null : await fingerprint(server.database.db);
        const response = await reader.get(`/api/people/${personId}`);
        caseloadChecked += 1;
        if (expected === 'read') {
          expect(response.status).toBe(200);
        } else {
          expect({ status: response.status, code: response.body.code }).toEqual({ status: 403, code: expected });
          expect(changedTables(before!, await fingerprint(server.database.db))).toEqual([]);
        }
      });
    }
  }
});
