import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../support/api.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the account list (GET /api/users)', () => {
  it('without a limit it answers the whole directory, as the owner pickers use it', async () => {
    const admin = await signedIn(server.app, 'admin.iris');
    const response = await admin.get('/api/users');
    expect(response.status).toBe(200);
    expect(response.body.users.length).toBe(response.body.total);
    expect(response.body.nextOffset).toBeNull();
  });

  it('q matches part of the username or the display name, in any case', async () => {
    const admin = await signedIn(server.app, 'admin.iris');
    const byName = await admin.get('/api/users?q=TREMBLAY');
    const byUsername = await admin.get('/api/users?q=lbs.');
    expect(byName.body.users.map((u: { username: string }) => u.username)).toEqual(['official.ben']);
    expect(byUsername.body.users.map((u: { username: string }) => u.username)).toEqual(['lbs.farah', 'lbs.gabriel']);
  });

  it('with a limit it answers one page, the total of matches and where the next page starts', async () => {
    const admin = await signedIn(server.app, 'admin.iris');
    const first = await admin.get('/api/users?q=official&limit=2');
    const second = await admin.get(`/api/users?q=official&limit=2&offset=${first.body.nextOffset}`);
    expect(first.body).toMatchObject({ total: 3, nextOffset: 2 });
    expect(first.body.users.map((u: { username: string }) => u.username)).toEqual(['official.ada', 'official.ben']);
    expect(second.body.users.map((u: { username: string }) => u.username)).toEqual(['official.carmen']);
    expect(second.body.nextOffset).toBeNull();
  });

  it('a wildcard in q is matched as itself', async () => {
    const admin = await signedIn(server.app, 'admin.iris');
    const response = await admin.get('/api/users?q=%25');
    expect(response.body.total).toBe(0);
  });

  it('each account carries its version, for the change that follows', async () => {
    const admin = await signedIn(server.app, 'admin.iris');
    const response = await admin.get('/api/users?q=official.ada');
    expect(response.body.users[0]).toMatchObject({ username: 'official.ada', active: true, version: expect.any(Number) });
  });
});
