import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, signedIn } from '../support/api.ts';
import { snapshot } from '../support/rows.ts';
import { startTestServer, TEST_TODAY, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('signing in', () => {
  it('a right password sets an HttpOnly SameSite=Strict session cookie and returns the user', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'official.ada', password: 'waypoint-demo-1' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ username: 'official.ada', roles: ['authorized-official'] });
    const cookie = response.cookies.find((c) => c.name === 'waypoint_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  });

  it("the session says the ministry's today by the server's clock, which the web forms check dates against", async () => {
    const ada = await signedIn(server.app, 'official.ada');
    expect((await ada.get('/api/session')).body.today).toBe(TEST_TODAY);
  });

  it('a wrong password is refused with 401 INVALID_CREDENTIALS and opens no session', async () => {
    const before = await snapshot(server.database.db);
    const response = await anonymous(server.app).post('/api/session', { username: 'official.ada', password: 'wrong-password' });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('INVALID_CREDENTIALS');
    expect((await snapshot(server.database.db)).sessions).toBe(before.sessions);
  });

  it('an unknown username gets the same answer as a wrong password', async () => {
    const response = await anonymous(server.app).post('/api/session', { username: 'nobody', password: 'waypoint-demo-1' });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('the API refuses a request without a session with 401 UNAUTHENTICATED', async () => {
    const response = await anonymous(server.app).get('/api/people?q=a');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it('after signing out the old session cookie no longer works', async () => {
    const signIn = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'official.ben', password: 'waypoint-demo-1' },
    });
    const token = signIn.cookies.find((c) => c.name === 'waypoint_session')!.value;
    const out = await server.app.inject({ method: 'DELETE', url: '/api/session', cookies: { waypoint_session: token } });
    expect(out.statusCode).toBe(204);
    const after = await server.app.inject({ method: 'GET', url: '/api/session', cookies: { waypoint_session: token } });
    expect(after.statusCode).toBe(401);
  });

  it('sessions live in the database, so a second server instance on the same database accepts the cookie', async () => {
    const { buildServer } = await import('../../src/http/server.ts');
    const second = await buildServer({ ctx: server.ctx, engine: server.database.engine, webRoot: null });
    const signIn = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'official.ada', password: 'waypoint-demo-1' },
    });
    const token = signIn.cookies.find((c) => c.name === 'waypoint_session')!.value;
    const me = await second.inject({ method: 'GET', url: '/api/session', cookies: { waypoint_session: token } });
    expect(me.json().user.username).toBe('official.ada');
    await second.close();
  });
});

describe('accounts', () => {
  it('an administrator creates an account with roles, and it can sign in', async () => {
    const admin = await signedIn(server.app, 'admin.iris');
    const created = await admin.post('/api/users', {
      username: 'official.kim',
      displayName: 'Kim Lee',
      roles: ['authorized-official'],
      password: 'a-long-enough-password',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'official.kim', roles: ['authorized-official'] });
    expect(created.body.passwordHash).toBeUndefined();
    await expect(signedIn(server.app, 'official.kim', 'a-long-enough-password')).resolves.toBeDefined();
  });

  it('a password shorter than 12 characters is refused and no account is created', async () => {
    const admin = await signedIn(server.app, 'admin.iris');
    const before = await snapshot(server.database.db);
    const response = await admin.post('/api/users', {
      username: 'official.short',
      displayName: 'Short',
      roles: ['authorized-official'],
      password: 'short',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'INVALID_FORMAT', field: 'password' });
    expect(await snapshot(server.database.db)).toEqual(before);
  });

  it('an unknown role is refused naming the roles field', async () => {
    const admin = await signedIn(server.app, 'admin.iris');
    const response = await admin.post('/api/users', {
      username: 'official.x',
      displayName: 'X',
      roles: ['wizard'],
      password: 'a-long-enough-password',
    });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('roles.0');
  });

  it('a taken username is refused with 409 USERNAME_TAKEN', async () => {
    const admin = await signedIn(server.app, 'admin.iris');
    const response = await admin.post('/api/users', {
      username: 'official.ada',
      displayName: 'Ada again',
      roles: ['authorized-official'],
      password: 'a-long-enough-password',
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('USERNAME_TAKEN');
  });

  it('an official cannot create accounts', async () => {
    const ada = await signedIn(server.app, 'official.ada');
    const before = await snapshot(server.database.db);
    const response = await ada.post('/api/users', {
      username: 'official.y',
      displayName: 'Y',
      roles: ['administrator'],
      password: 'a-long-enough-password',
    });
    expect(response.status).toBe(403);
    expect(await snapshot(server.database.db)).toEqual(before);
  });

  it('password hashes are argon2id, never the password', async () => {
    const rows = await server.database.db.query.users.findMany();
    expect(rows.every((u) => u.passwordHash.startsWith('$argon2id$'))).toBe(true);
  });
});
