/**
 * Sign-in throttling (docs/sign-in.md): failed sign-ins are counted atomically in the database per
 * (username, client address); past the free attempts that pair waits, longer each time. Nobody can
 * lock someone else out: the real user signs in from their own address. Unknown usernames, wrong
 * passwords and throttled attempts answer alike, so the answer never tells whether an account exists.
 * The staff directory is for administrators and supervisors only.
 */

import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/app/context.ts';
import { ROLES } from '../../src/app/roles.ts';
import { SIGN_IN_FREE_ATTEMPTS } from '../../src/app/sign-in-throttle.ts';
import { buildServer } from '../../src/http/server.ts';
import { signedIn } from '../support/api.ts';
import { MATRIX_USERS } from '../support/operation-fixture.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.ts';

let now = Temporal.Instant.from('2026-06-15T12:00:00Z');
const clock: Clock = { now: () => now, today: () => now.toZonedDateTimeISO('America/Edmonton').toPlainDate() };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(() => server.close());

let addresses = 0;
/** A fresh client address for each test, so tests do not share a throttle. */
const newAddress = () => `198.51.100.${++addresses}`;

const signIn = (username: string, password: string, remoteAddress: string) =>
  server.app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress });

/** The parts of an answer an attacker can compare (the instance path is the same for all). */
const answer = (response: { statusCode: number; body: string; headers: Record<string, unknown> }) => ({
  status: response.statusCode,
  body: JSON.parse(response.body) as unknown,
  retryAfter: response.headers['retry-after'],
});

describe('finding 6: the failure counter cannot be raced', () => {
  it('finding 6: 25 parallel wrong passwords are all counted, and the throttle then refuses even the right password from that address', async () => {
    const attacker = newAddress();
    const responses = await Promise.all(Array.from({ length: 25 }, () => signIn('official.carmen', 'wrong-password-1', attacker)));
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_FREE_ATTEMPTS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25 - SIGN_IN_FREE_ATTEMPTS);
    const right = await signIn('official.carmen', DEMO_PASSWORD, attacker);
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('SIGN_IN_THROTTLED');
  });

  it('finding 6: after 25 parallel wrong guesses from one address, the real user still signs in from another', async () => {
    const attacker = newAddress();
    await Promise.all(Array.from({ length: 25 }, () => signIn('official.ben', 'wrong-password-1', attacker)));
    expect((await signIn('official.ben', DEMO_PASSWORD, newAddress())).statusCode).toBe(200);
  });
});

describe('finding 6: nobody can lock someone else out', () => {
  it("finding 6: wrong guesses at an administrator's password never keep the administrator out", async () => {
    const attacker = newAddress();
    for (let i = 0; i < 10; i++) await signIn('admin.jon', 'wrong-password-1', attacker);
    expect((await signIn('admin.jon', DEMO_PASSWORD, newAddress())).statusCode).toBe(200);
  });

  it('the wait grows with each throttled failure and ends: after it the address may try again', async () => {
    const address = newAddress();
    for (let i = 0; i < SIGN_IN_FREE_ATTEMPTS; i++) await signIn('lbs.gabriel', 'wrong-password-1', address);
    const first = await signIn('lbs.gabriel', DEMO_PASSWORD, address);
    expect(first.statusCode).toBe(429);
    const wait = Number(first.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    now = now.add({ seconds: wait });
    expect((await signIn('lbs.gabriel', 'wrong-password-1', address)).statusCode).toBe(401);
    const second = await signIn('lbs.gabriel', DEMO_PASSWORD, address);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(wait);
    now = now.add({ seconds: Number(second.headers['retry-after']) });
    expect((await signIn('lbs.gabriel', DEMO_PASSWORD, address)).statusCode).toBe(200);
  });

  it('a right password resets the count for that address', async () => {
    const address = newAddress();
    for (let i = 0; i < SIGN_IN_FREE_ATTEMPTS - 1; i++) await signIn('lbc.eli', 'wrong-password-1', address);
    expect((await signIn('lbc.eli', DEMO_PASSWORD, address)).statusCode).toBe(200);
    for (let i = 0; i < SIGN_IN_FREE_ATTEMPTS - 1; i++) expect((await signIn('lbc.eli', 'wrong-password-1', address)).statusCode).toBe(401);
  });

  it('counts untouched for a day are forgotten when someone signs in', async () => {
    const address = newAddress();
    await signIn('nobody.old', 'wrong-password-1', address);
    const count = async () =>
      (await server.database.db.query.signInThrottles.findMany({ where: (t, { eq }) => eq(t.client, address) })).length;
    expect(await count()).toBe(1);
    now = now.add({ hours: 25 });
    expect((await signIn('official.ada', DEMO_PASSWORD, newAddress())).statusCode).toBe(200);
    expect(await count()).toBe(0);
  });

  it("an administrator can clear an address's wait on an account", async () => {
    const address = newAddress();
    for (let i = 0; i < SIGN_IN_FREE_ATTEMPTS; i++) await signIn('auditor.ines', 'wrong-password-1', address);
    expect((await signIn('auditor.ines', DEMO_PASSWORD, address)).statusCode).toBe(429);
    const admin = await signedIn(server.app, 'admin.iris');
    const ines = (await admin.get('/api/users')).body.users.find((u: { username: string }) => u.username === 'auditor.ines');
    const row = (await server.database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, ines.id) }))!;
    expect((await admin.patch(`/api/users/${ines.id}`, { version: row.version, unlock: true })).status).toBe(200);
    expect((await signIn('auditor.ines', DEMO_PASSWORD, address)).statusCode).toBe(200);
  });
});

describe('client addresses behind a reverse proxy', () => {
  it('behind a trusted proxy, each forwarded client address has its own wait', async () => {
    const proxied = await buildServer({
      ctx: server.ctx,
      engine: server.database.engine,
      webRoot: null,
      signInRateLimit: 10_000,
      trustedProxies: ['127.0.0.1'],
    });
    try {
      const attempt = (password: string, client: string) =>
        proxied.inject({
          method: 'POST',
          url: '/api/session',
          payload: { username: 'official.ada', password },
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': client },
        });
      const attacker = newAddress();
      for (let i = 0; i < SIGN_IN_FREE_ATTEMPTS; i++) await attempt('wrong-password-1', attacker);
      expect((await attempt(DEMO_PASSWORD, attacker)).statusCode).toBe(429);
      expect((await attempt(DEMO_PASSWORD, newAddress())).statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it('an X-Forwarded-For from a caller that is not a trusted proxy is ignored', async () => {
    const caller = newAddress();
    for (let i = 0; i < SIGN_IN_FREE_ATTEMPTS; i++) {
      await server.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'official.ada', password: 'wrong-password-1' },
        remoteAddress: caller,
        headers: { 'x-forwarded-for': newAddress() },
      });
    }
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'official.ada', password: DEMO_PASSWORD },
      remoteAddress: caller,
      headers: { 'x-forwarded-for': newAddress() },
    });
    expect(response.statusCode).toBe(429);
  });
});

describe('finding 6: the answer never tells whether a username exists', () => {
  it('an unknown username and a wrong password get the same answer', async () => {
    const address = newAddress();
    expect(answer(await signIn('nobody.here', 'wrong-password-1', address))).toEqual(
      answer(await signIn('official.ada', 'wrong-password-1', address)),
    );
  });

  it('finding 6: a throttled unknown username and a throttled account get the same answer', async () => {
    const address = newAddress();
    for (let i = 0; i < SIGN_IN_FREE_ATTEMPTS; i++) {
      expect(answer(await signIn('nobody.there', 'wrong-password-1', address))).toEqual(
        answer(await signIn('supervisor.hamid', 'wrong-password-1', address)),
      );
    }
    const unknown = answer(await signIn('nobody.there', 'wrong-password-1', address));
    const known = answer(await signIn('supervisor.hamid', 'wrong-password-1', address));
    expect(known).toEqual(unknown);
    expect(known).toMatchObject({ status: 429, body: { code: 'SIGN_IN_THROTTLED' } });
  });
});

describe('finding 6: the staff directory is for administrators and supervisors only', () => {
  it.each(ROLES)('finding 6: the staff directory answers %s as the permission table says', async (role) => {
    const api = await signedIn(server.app, MATRIX_USERS[role]);
    const response = await api.get('/api/users');
    expect(response.status).toBe(role === 'administrator' || role === 'supervisor' ? 200 : 403);
  });
});
