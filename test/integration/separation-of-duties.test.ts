/**
 * Separation of duties (docs/separation-of-duties.md): whoever entered or last changed Director
 * Approval evidence never decides it, whatever roles their account holds; role sets that would let
 * one account both enter and approve, or manage accounts and work cases, are refused; an
 * administrator never changes their own roles.
 */
import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/app/roles.ts';
import { accountsWithRefusedRoleSets } from '../../src/app/users.ts';
import { users } from '../../src/store/schema.ts';
import { type Api, signedIn } from '../support/api.ts';
import { learnerWithPdc } from '../support/learner.ts';
import { snapshot } from '../support/rows.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api;
let dana: Api;
let farah: Api;
let iris: Api;

beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
  dana = await signedIn(server.app, 'lbc.dana');
  farah = await signedIn(server.app, 'lbs.farah');
  iris = await signedIn(server.app, 'admin.iris');
});
afterAll(() => server.close());

let accounts = 0;
/**
 * An account created before role sets were checked (written straight to the database, as an older
 * release could have): the approval check must hold whatever roles an account holds.
 */
async function legacyAccount(roles: readonly Role[]): Promise<{ api: Api; id: string }> {
  accounts += 1;
  const username = `legacy.${accounts}`;
  const [row] = await server.database.db
    .insert(users)
    .values({ username, displayName: `Legacy ${accounts}`, roles: [...roles], passwordHash: await hash(DEMO_PASSWORD) })
    .returning({ id: users.id });
  return { api: await signedIn(server.app, username), id: row!.id };
}

const DIRECTOR_APPROVAL = {
  type: 'director-approval',
  subtype: 'director-approval',
  amount: '9999.00',
  periodStart: '2026-09-01',
  periodEnd: '2026-09-30',
};

async function pendingVersion(api: Api, pdcId: string, versionId: string) {
  const evidence = (await api.get(`/api/pdcs/${pdcId}/evidence`)).body.evidence as {
    versions: { id: string; version: number; approval: string }[];
  }[];
  return evidence.flatMap((e) => e.versions).find((v) => v.id === versionId)!;
}

describe('finding 3: whoever entered or last changed Director Approval evidence never decides it', () => {
  it('finding 3: an account holding coordinator and specialist roles cannot approve the $9,999 Director Approval it entered and applied', async () => {
    const both = await legacyAccount(['learner-benefits-coordinator', 'learner-benefit-specialist']);
    const learner = await learnerWithPdc(ada);
    const added = await both.api.post(`/api/pdcs/${learner.pdcId}/evidence`, DIRECTOR_APPROVAL);
    expect(added.status).toBe(201);
    expect((await both.api.post(`/api/pdcs/${learner.pdcId}/apply`)).status).toBe(200);
    const version = await pendingVersion(both.api, learner.pdcId, added.body.versionId);
    const before = await snapshot(server.database.db);
    const approved = await both.api.post(`/api/evidence-versions/${added.body.versionId}/approval`, {
      version: version.version,
      decision: 'approved',
    });
    expect(approved.status).toBe(403);
    expect(approved.body).toMatchObject({ code: 'SEPARATION_OF_DUTIES', rule: 'Waypoint separation of duties' });
    expect(await snapshot(server.database.db)).toEqual(before);
  });

  it('a specialist who only applied the evidence another account entered cannot decide it either', async () => {
    const both = await legacyAccount(['learner-benefits-coordinator', 'learner-benefit-specialist']);
    const learner = await learnerWithPdc(ada);
    const added = await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, DIRECTOR_APPROVAL);
    expect((await both.api.post(`/api/pdcs/${learner.pdcId}/apply`)).status).toBe(200);
    const version = await pendingVersion(dana, learner.pdcId, added.body.versionId);
    const rejected = await both.api.post(`/api/evidence-versions/${added.body.versionId}/approval`, {
      version: version.version,
      decision: 'rejected',
      reason: 'Not mine to decide',
    });
    expect(rejected.status).toBe(403);
    expect(rejected.body.code).toBe('SEPARATION_OF_DUTIES');
  });

  it('the account that entered the evidence cannot approve a later correction of it made by someone else', async () => {
    const both = await legacyAccount(['learner-benefits-coordinator', 'learner-benefit-specialist']);
    const learner = await learnerWithPdc(ada);
    const added = await both.api.post(`/api/pdcs/${learner.pdcId}/evidence`, DIRECTOR_APPROVAL);
    await both.api.post(`/api/pdcs/${learner.pdcId}/apply`);
    const first = await pendingVersion(farah, learner.pdcId, added.body.versionId);
    expect((await farah.post(`/api/evidence-versions/${first.id}/approval`, { version: first.version, decision: 'approved' })).status).toBe(
      200,
    );
    const applied = await pendingVersion(dana, learner.pdcId, added.body.versionId);
    const corrected = await dana.post(`/api/evidence-versions/${applied.id}/correct`, { version: applied.version, amount: '9000.00' });
    expect(corrected.status).toBe(201);
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    const correction = await pendingVersion(dana, learner.pdcId, corrected.body.versionId);
    const approved = await both.api.post(`/api/evidence-versions/${correction.id}/approval`, {
      version: correction.version,
      decision: 'approved',
    });
    expect(approved.status).toBe(403);
    expect(approved.body.code).toBe('SEPARATION_OF_DUTIES');
  });

  it('another specialist approves what a coordinator entered and applied', async () => {
    const learner = await learnerWithPdc(ada);
    const added = await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, DIRECTOR_APPROVAL);
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    const version = await pendingVersion(farah, learner.pdcId, added.body.versionId);
    expect(
      (await farah.post(`/api/evidence-versions/${added.body.versionId}/approval`, { version: version.version, decision: 'approved' }))
        .status,
    ).toBe(200);
  });
});

/**
 * The separation-of-duties rows of the authorisation matrix, for every role: an account holding that
 * role and the specialist role (an older account) enters, applies and tries to approve its own
 * Director Approval. Roles that cannot enter evidence are refused at entry (FORBIDDEN); roles that can
 * are refused at approval (SEPARATION_OF_DUTIES). Nobody approves their own entry.
 */
const SELF_APPROVAL_EXPECTED: Readonly<Record<Role, { refusedAt: 'entry' | 'approval'; code: 'FORBIDDEN' | 'SEPARATION_OF_DUTIES' }>> = {
  'authorized-official': { refusedAt: 'entry', code: 'FORBIDDEN' },
  'learner-benefits-coordinator': { refusedAt: 'approval', code: 'SEPARATION_OF_DUTIES' },
  'learner-benefit-specialist': { refusedAt: 'entry', code: 'FORBIDDEN' },
  supervisor: { refusedAt: 'approval', code: 'SEPARATION_OF_DUTIES' },
  auditor: { refusedAt: 'entry', code: 'FORBIDDEN' },
  administrator: { refusedAt: 'entry', code: 'FORBIDDEN' },
  'finance-officer': { refusedAt: 'entry', code: 'FORBIDDEN' },
};

describe('separation of duties for every role (authorisation matrix rows)', () => {
  it.each(ROLES)('an account holding %s and the specialist role never approves Director Approval evidence it entered', async (role) => {
    const account = await legacyAccount([...new Set<Role>([role, 'learner-benefit-specialist'])]);
    const learner = await learnerWithPdc(ada);
    const expected = SELF_APPROVAL_EXPECTED[role];
    const added = await account.api.post(`/api/pdcs/${learner.pdcId}/evidence`, DIRECTOR_APPROVAL);
    if (expected.refusedAt === 'entry') {
      expect(added.status).toBe(403);
      expect(added.body.code).toBe(expected.code);
      return;
    }
    expect(added.status).toBe(201);
    expect((await account.api.post(`/api/pdcs/${learner.pdcId}/apply`)).status).toBe(200);
    const version = await pendingVersion(account.api, learner.pdcId, added.body.versionId);
    const approved = await account.api.post(`/api/evidence-versions/${added.body.versionId}/approval`, {
      version: version.version,
      decision: 'approved',
    });
    expect(approved.status).toBe(403);
    expect(approved.body.code).toBe(expected.code);
  });
});

/**
 * Role sets an account may hold, written out here independently of src/app/roles.ts (the documented
 * table of docs/separation-of-duties.md): a pair is refused when an administrator or an auditor would
 * hold another role, or when one account could both enter and approve Director Approval evidence.
 */
const REFUSED_PAIRS = new Set([
  'administrator+authorized-official',
  'administrator+learner-benefits-coordinator',
  'administrator+learner-benefit-specialist',
  'administrator+supervisor',
  'administrator+auditor',
  'auditor+authorized-official',
  'auditor+learner-benefits-coordinator',
  'auditor+learner-benefit-specialist',
  'auditor+supervisor',
  'learner-benefit-specialist+learner-benefits-coordinator',
  'learner-benefit-specialist+supervisor',
  'administrator+finance-officer',
  'auditor+finance-officer',
  'authorized-official+finance-officer',
  'finance-officer+learner-benefits-coordinator',
  'finance-officer+learner-benefit-specialist',
  'finance-officer+supervisor',
]);
const pairKey = (a: Role, b: Role) => [a, b].sort().join('+');
const PAIRS = ROLES.flatMap((a, i) => ROLES.slice(i + 1).map((b) => [a, b] as const));

describe('finding 3: role sets that break separation of duties are refused', () => {
  it.each(PAIRS)('an account holding %s and %s is created only when the pair keeps duties apart', async (a, b) => {
    const username = `pair.${ROLES.indexOf(a)}.${ROLES.indexOf(b)}`;
    const response = await iris.post('/api/users', { username, displayName: 'Pair', roles: [a, b], password: 'a-long-enough-password' });
    if (REFUSED_PAIRS.has(pairKey(a, b))) {
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'ROLE_SET_REFUSED', field: 'roles', rule: 'Waypoint separation of duties' });
    } else {
      expect(response.status).toBe(201);
    }
  });

  it('finding 3: an account holding both coordinator and specialist roles cannot be created', async () => {
    const before = await snapshot(server.database.db);
    const response = await iris.post('/api/users', {
      username: 'lbc.lbs',
      displayName: 'Both',
      roles: ['learner-benefits-coordinator', 'learner-benefit-specialist'],
      password: 'a-long-enough-password',
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('ROLE_SET_REFUSED');
    expect(await snapshot(server.database.db)).toEqual(before);
  });

  it('an administrator changes the roles of another account, and the change is kept', async () => {
    const created = await iris.post('/api/users', {
      username: 'official.role',
      displayName: 'Role Change',
      roles: ['authorized-official'],
      password: 'a-long-enough-password',
    });
    const changed = await iris.patch(`/api/users/${created.body.id}`, { version: 1, roles: ['authorized-official', 'supervisor'] });
    expect(changed.status).toBe(200);
    expect(changed.body.roles).toEqual(['authorized-official', 'supervisor']);
  });

  it('a role change that would give an account coordinator and specialist roles is refused', async () => {
    const created = await iris.post('/api/users', {
      username: 'lbc.grow',
      displayName: 'Grow',
      roles: ['learner-benefits-coordinator'],
      password: 'a-long-enough-password',
    });
    const changed = await iris.patch(`/api/users/${created.body.id}`, {
      version: 1,
      roles: ['learner-benefits-coordinator', 'learner-benefit-specialist'],
    });
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('ROLE_SET_REFUSED');
  });

  it('finding 3: an administrator cannot grant themselves a case-data role', async () => {
    const me = (await iris.get('/api/session')).body.user;
    const row = (await server.database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, me.id) }))!;
    const before = await snapshot(server.database.db);
    const response = await iris.patch(`/api/users/${me.id}`, { version: row.version, roles: ['administrator', 'supervisor'] });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'OWN_ROLES', rule: 'Waypoint separation of duties' });
    expect(await snapshot(server.database.db)).toEqual(before);
  });

  it('an administrator cannot trade their own role for a case-data role either', async () => {
    const me = (await iris.get('/api/session')).body.user;
    const row = (await server.database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, me.id) }))!;
    const response = await iris.patch(`/api/users/${me.id}`, { version: row.version, roles: ['supervisor'] });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('OWN_ROLES');
  });

  it('an administrator cannot grant another administrator a case-data role', async () => {
    const jon = (await iris.get('/api/users')).body.users.find((u: { username: string }) => u.username === 'admin.jon');
    const row = (await server.database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, jon.id) }))!;
    const response = await iris.patch(`/api/users/${jon.id}`, {
      version: row.version,
      roles: ['administrator', 'learner-benefit-specialist'],
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('ROLE_SET_REFUSED');
  });
});

describe('accounts made before role sets were checked', () => {
  it('an account holding a refused role set is named for an administrator to change, and the change is accepted', async () => {
    const older = await legacyAccount(['supervisor', 'learner-benefit-specialist']);
    const named = await accountsWithRefusedRoleSets(server.ctx);
    expect(named.map((a) => a.id)).toContain(older.id);
    const row = (await server.database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, older.id) }))!;
    expect((await iris.patch(`/api/users/${older.id}`, { version: row.version, roles: ['supervisor'] })).status).toBe(200);
    expect((await accountsWithRefusedRoleSets(server.ctx)).map((a) => a.id)).not.toContain(older.id);
  });
});
