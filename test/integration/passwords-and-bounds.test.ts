/**
 * Issue 11, findings 4 and 8: passwords (change your own, an administrator's reset to a one-time
 * password changed at next sign-in, the demo password refused outside demo mode) and the smaller
 * findings: Cache-Control on personal data, the calculator's bounds, tasks never worked by an
 * auditor, names without invisible or bidirectional tricks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/app/create-context.ts';
import { DEMO_PASSWORD } from '../../src/app/demo-data.ts';
import { createTask } from '../../src/app/tasks.ts';
import { createUser, signIn } from '../../src/app/users.ts';
import { buildServer } from '../../src/http/server.ts';
import { type Api, anonymous, signedIn } from '../support/api.ts';
import { startTestServer, TEST_TODAY, type TestServer } from '../support/server.ts';

let server: TestServer;
let admin: Api;
const userId = async (username: string) =>
  ((await admin.get('/api/users')).body.users as { id: string; username: string }[]).find((u) => u.username === username)!.id;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedIn(server.app, 'admin.iris');
});
afterAll(() => server.close());

describe('finding 11.4: passwords', () => {
  it('an account changes its own password: the old one stops working and the new one signs in', async () => {
    await admin.post('/api/users', {
      username: 'official.pat',
      displayName: 'Pat Roe',
      roles: ['authorized-official'],
      password: 'first-long-password',
    });
    const pat = await signedIn(server.app, 'official.pat', 'first-long-password');
    const changed = await pat.post('/api/session/password', {
      currentPassword: 'first-long-password',
      newPassword: 'second-long-password',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const old = await anonymous(server.app).post('/api/session', { username: 'official.pat', password: 'first-long-password' });
    expect(old.status).toBe(401);
    await expect(signedIn(server.app, 'official.pat', 'second-long-password')).resolves.toBeDefined();
  });

  it('a password change with the wrong current password is refused and changes nothing', async () => {
    await admin.post('/api/users', {
      username: 'official.quinn',
      displayName: 'Quinn Ray',
      roles: ['authorized-official'],
      password: 'first-long-password',
    });
    const quinn = await signedIn(server.app, 'official.quinn', 'first-long-password');
    const refused = await quinn.post('/api/session/password', { currentPassword: 'not-the-password', newPassword: 'second-long-password' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'CURRENT_PASSWORD_WRONG', field: 'currentPassword' });
    await expect(signedIn(server.app, 'official.quinn', 'first-long-password')).resolves.toBeDefined();
  });

  it("an administrator's reset gives a one-time password that allows nothing but changing it at the next sign-in", async () => {
    await admin.post('/api/users', {
      username: 'official.rae',
      displayName: 'Rae Sun',
      roles: ['authorized-official'],
      password: 'first-long-password',
    });
    const before = await signedIn(server.app, 'official.rae', 'first-long-password');
    const reset = await admin.post(`/api/users/${await userId('official.rae')}/password-reset`);
    expect(reset.status).toBe(200);
    expect(reset.headers['cache-control']).toBe('no-store');
    const oneTime = reset.body.oneTimePassword as string;
    expect((await before.get('/api/people?q=x')).status).toBe(401); // the reset ended the old sessions
    const signIn = await anonymous(server.app).post('/api/session', { username: 'official.rae', password: oneTime });
    expect(signIn.body.user.mustChangePassword).toBe(true);
    const rae = await signedIn(server.app, 'official.rae', oneTime);
    const blocked = await rae.get('/api/tasks');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await rae.post('/api/session/password', { currentPassword: oneTime, newPassword: 'rae-own-long-password' })).status).toBe(200);
    expect((await rae.get('/api/tasks')).status).toBe(200);
    expect((await rae.get('/api/session')).body.user.mustChangePassword).toBe(false);
  });

  it('a one-time password cannot be kept as the new password', async () => {
    await admin.post('/api/users', {
      username: 'official.tess',
      displayName: 'Tess Ng',
      roles: ['authorized-official'],
      password: 'first-long-password',
    });
    const oneTime = (await admin.post(`/api/users/${await userId('official.tess')}/password-reset`)).body.oneTimePassword as string;
    const tess = await signedIn(server.app, 'official.tess', oneTime);
    const refused = await tess.post('/api/session/password', { currentPassword: oneTime, newPassword: oneTime });
    expect(refused.status).toBe(400);
    expect(refused.body.field).toBe('newPassword');
    expect((await tess.get('/api/session')).body.user.mustChangePassword).toBe(true);
  });

  it('only an administrator resets a password', async () => {
    const grace = await signedIn(server.app, 'supervisor.grace');
    const refused = await grace.post(`/api/users/${await userId('official.ada')}/password-reset`);
    expect(refused.status).toBe(403);
  });

  it('the demo password is refused as a new password outside demo mode', async () => {
    const outside = createContext(server.ctx.db, { demoMode: false });
    await expect(
      createUser(outside, null, { username: 'official.demo', displayName: 'Demo Pw', roles: ['auditor'], password: DEMO_PASSWORD }),
    ).rejects.toMatchObject({ code: 'INVALID_FORMAT', extras: { field: 'password' } });
  });

  it('a demo account cannot sign in with the published demo password outside demo mode', async () => {
    const outside = createContext(server.ctx.db, { demoMode: false });
    await expect(signIn(outside, 'official.ben', DEMO_PASSWORD, '203.0.113.7')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const app = await buildServer({ ctx: outside, engine: server.database.engine, webRoot: null, signInRateLimit: 10_000 });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'official.ben', password: DEMO_PASSWORD },
      });
      expect(response.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('a password cannot be changed to the published demo password outside demo mode', async () => {
    const outside = createContext(server.ctx.db, { demoMode: false });
    const app = await buildServer({ ctx: outside, engine: server.database.engine, webRoot: null, signInRateLimit: 10_000 });
    try {
      await admin.post('/api/users', {
        username: 'official.sam',
        displayName: 'Sam Vo',
        roles: ['authorized-official'],
        password: 'first-long-password',
      });
      const sam = await signedIn(app, 'official.sam', 'first-long-password');
      const refused = await sam.post('/api/session/password', { currentPassword: 'first-long-password', newPassword: DEMO_PASSWORD });
      expect(refused.status).toBe(400);
      expect(refused.body.field).toBe('newPassword');
    } finally {
      await app.close();
    }
  });
});

describe('finding 11.8: smaller findings', () => {
  it('responses with personal data carry Cache-Control: no-store', async () => {
    const grace = await signedIn(server.app, 'supervisor.grace');
    const response = await grace.get('/api/users');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('the calculator refuses a training of more than 60 months, before calculating anything', async () => {
    const ada = await signedIn(server.app, 'official.ada');
    const evidence = Array.from({ length: 150 }, () => ({
      type: 'income',
      subtype: 'employment-earnings',
      person: 'L',
      amount: '1.00',
      period: { start: '2024-01-01' },
    }));
    const body = {
      asOf: '2024-01-01',
      people: [{ id: 'L', birthDate: '1995-02-11' }],
      learners: [{ person: 'L', training: { start: '2024-01-01', end: '2199-12-31', load: 'full-time' } }],
      evidence,
    };
    expect(JSON.stringify(body).length).toBeLessThan(24 * 1024);
    const response = await ada.post('/api/simulations', body);
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'REQUEST_TOO_LARGE', field: 'learners.0.training.end' });
  });

  it('the calculator refuses many months times many pieces of evidence (an answer of megabytes)', async () => {
    const ada = await signedIn(server.app, 'official.ada');
    const evidence = Array.from({ length: 199 }, () => ({
      type: 'income',
      subtype: 'employment-earnings',
      person: 'L',
      amount: '1.00',
      period: { start: '2024-01-01' },
    }));
    const body = {
      asOf: '2024-01-01',
      people: [{ id: 'L', birthDate: '1995-02-11' }],
      learners: [{ person: 'L', training: { start: '2024-01-01', end: '2028-12-31', load: 'full-time' } }],
      evidence,
    };
    const response = await ada.post('/api/simulations', body);
    expect(response.status).toBe(413);
    expect(response.body.field).toBe('evidence');
  });

  it('the calculator is rate-limited per address', async () => {
    const local = await startTestServer();
    try {
      const ada = await signedIn(local.app, 'official.ada');
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await ada.post('/api/simulations', { asOf: 'x' })).status);
      expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
      expect(statuses[30]).toBe(429);
    } finally {
      await local.close();
    }
  });

  it('a task cannot be assigned to an auditor', async () => {
    const task = await createTask(server.ctx.db, null, {
      kind: 'follow-up',
      title: 'Call back',
      assigneeRole: 'authorized-official',
      dueOn: TEST_TODAY,
    });
    const grace = await signedIn(server.app, 'supervisor.grace');
    const refused = await grace.post(`/api/tasks/${task!.id}/assign`, { version: task!.version, assigneeId: await userId('auditor.hugo') });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'ASSIGNEE_CANNOT_WORK_TASKS', field: 'assigneeId' });
  });

  it('an auditor assigned a task (before this rule) cannot complete it', async () => {
    const task = await createTask(server.ctx.db, null, {
      kind: 'follow-up',
      title: 'Check',
      assigneeId: await userId('auditor.hugo'),
      dueOn: TEST_TODAY,
    });
    const hugo = await signedIn(server.app, 'auditor.hugo');
    const refused = await hugo.post(`/api/tasks/${task!.id}/complete`, { version: task!.version });
    expect(refused.status).toBe(403);
  });

  it('a name of only a zero-width space is refused', async () => {
    const response = await admin.post('/api/users', {
      username: 'official.zw',
      displayName: '\u200b',
      roles: ['auditor'],
      password: 'a-long-enough-password',
    });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('displayName');
  });

  it('a name with a bidirectional override is refused', async () => {
    const ada = await signedIn(server.app, 'official.ada');
    const response = await ada.post('/api/people', { givenName: 'Ma\u202eria', familyName: 'Santos', birthDate: '1990-04-02' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/givenName/);
  });
});
