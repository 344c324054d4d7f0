import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { snapshot } from '../support/rows.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const signIn = (username: string, password: string, headers: Record<string, string> = {}) =>
  server.app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, headers });

describe('security headers', () => {
  it('pages and API answers carry a strict content security policy and no-sniff, and cannot be framed', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/health' });
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(response.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('every answer, a problem as much as a success, carries the whole set of security headers', async () => {
    const expected = {
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';upgrade-insecure-requests;connect-src 'self'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    for (const url of ['/health', '/api/nothing-here']) {
      const response = await server.app.inject({ method: 'GET', url });
      expect(response.headers).toMatchObject(expected);
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('a server behind HTTPS (secure cookies on) also tells browsers to come back only over HTTPS for a year, subdomains included', async () => {
    const secure = await startTestServer({ secureCookies: true });
    try {
      for (const url of ['/health', '/api/nothing-here']) {
        const response = await secure.app.inject({ method: 'GET', url });
        expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      }
    } finally {
      await secure.close();
    }
  });
});

describe('CSRF protection for cookie sessions', () => {
  it('a state-changing request from another origin is refused and changes nothing', async () => {
    const signInResponse = await signIn('official.ada', 'waypoint-demo-1');
    const cookie = signInResponse.cookies.find((c) => c.name === 'waypoint_session')!.value;
    const before = await snapshot(server.database.db);
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/people',
      payload: personBody(),
      cookies: { waypoint_session: cookie },
      headers: { origin: 'https://evil.example', host: 'localhost:80' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('CSRF_REJECTED');
    expect(await snapshot(server.database.db)).toEqual(before);
  });

  it('a request the browser marks cross-site is refused', async () => {
    const response = await server.app.inject({ method: 'DELETE', url: '/api/session', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(response.statusCode).toBe(403);
  });

  it('a same-origin request is accepted', async () => {
    const response = await signIn('official.ben', 'waypoint-demo-1', { origin: 'http://localhost:80', host: 'localhost:80' });
    expect(response.statusCode).toBe(200);
  });

  it('a form-encoded body (what a cross-site HTML form sends) is refused', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: 'username=official.ada&password=waypoint-demo-1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(415);
  });
});

describe('sign-in throttling and rate limiting', () => {
  it('after five failed sign-ins in a row from one address, that address waits, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('official.carmen', 'wrong-password-1')).statusCode).toBe(401);
    const throttled = await signIn('official.carmen', 'waypoint-demo-1');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().code).toBe('SIGN_IN_THROTTLED');
  });

  it('an administrator can clear the wait on an account', async () => {
    for (let i = 0; i < 5; i++) await signIn('lbc.eli', 'wrong-password-1');
    const admin = await signedIn(server.app, 'admin.iris');
    const eli = (await admin.get('/api/users')).body.users.find((u: { username: string }) => u.username === 'lbc.eli');
    const account = (await server.database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, eli.id) }))!;
    expect((await admin.patch(`/api/users/${eli.id}`, { version: account.version, unlock: true })).status).toBe(200);
    expect((await signIn('lbc.eli', 'waypoint-demo-1')).statusCode).toBe(200);
  });

  it('too many sign-in attempts from one address in a minute are refused with 429', async () => {
    const limited = await startTestServer({ signInRateLimit: 12 });
    try {
      const answers = [];
      for (let i = 0; i < 14; i++) {
        answers.push(
          (
            await limited.app.inject({
              method: 'POST',
              url: '/api/session',
              payload: { username: `nobody.${i}`, password: 'whatever-password' },
            })
          ).statusCode,
        );
      }
      expect(answers.slice(0, 12).every((s) => s === 401)).toBe(true);
      expect(answers.slice(12)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('sessions and passwords', () => {
  it("revoking an account's sessions signs it out everywhere", async () => {
    const fresh = await startTestServer();
    try {
      const ben = await fresh.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'official.ben', password: 'waypoint-demo-1' },
      });
      const cookie = ben.cookies.find((c) => c.name === 'waypoint_session')!.value;
      const admin = await signedIn(fresh.app, 'admin.iris');
      const benId = (await admin.get('/api/users')).body.users.find((u: { username: string }) => u.username === 'official.ben').id;
      expect((await admin.post(`/api/users/${benId}/sessions/revoke`)).body.revoked).toBe(1);
      expect((await fresh.app.inject({ method: 'GET', url: '/api/session', cookies: { waypoint_session: cookie } })).statusCode).toBe(401);
    } finally {
      await fresh.close();
    }
  });

  it('a deactivated account cannot use its session', async () => {
    const fresh = await startTestServer();
    try {
      const gus = await fresh.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'auditor.ines', password: 'waypoint-demo-1' },
      });
      const cookie = gus.cookies.find((c) => c.name === 'waypoint_session')!.value;
      const admin = await signedIn(fresh.app, 'admin.iris');
      const user = (await admin.get('/api/users')).body.users.find((u: { username: string }) => u.username === 'auditor.ines');
      expect((await admin.patch(`/api/users/${user.id}`, { version: 1, active: false })).status).toBe(200);
      expect((await fresh.app.inject({ method: 'GET', url: '/api/session', cookies: { waypoint_session: cookie } })).statusCode).toBe(401);
    } finally {
      await fresh.close();
    }
  });

  it.each([
    ['shorter than 12 characters', 'short-pass'],
    ['containing the username', 'official.zoe-secret'],
    ['a well-known password', 'password1234'],
  ])('a password %s is refused', async (_why, password) => {
    const admin = await signedIn(server.app, 'admin.jon');
    const response = await admin.post('/api/users', {
      username: 'official.zoe',
      displayName: 'Zoe',
      roles: ['authorized-official'],
      password,
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'INVALID_FORMAT', field: 'password', rule: 'Waypoint password rules' });
  });
});
