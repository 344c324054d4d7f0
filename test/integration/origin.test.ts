/**
 * Host and Origin checks against the configured public origin (WAYPOINT_PUBLIC_ORIGIN, by default
 * the listen address; docs/sign-in.md "Host and Origin"): a request for another host is refused
 * whatever its Origin says (DNS rebinding), a full-URL request line must name the public origin, and
 * a state-changing request carries JSON or no Content-Type at all.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from '../support/rows.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ listen: true });
});
afterAll(() => server.close());

/** The listen address, e.g. 127.0.0.1:41234: the default public origin's host. */
const authority = () => new URL(server.baseUrl).host;

/** One raw HTTP/1.1 exchange (Connection: close), for request lines no HTTP client sends (absolute-form targets). */
function raw(text: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () =>
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), body: data.slice(data.indexOf('\r\n\r\n') + 4) }),
    );
  });
}

/** One request over the network with exactly these headers (fetch would not let a test set Host). */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; json: any; cookie: string | null }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.baseUrl}${path}`,
      { method, headers: { ...(body !== undefined && { 'content-length': String(Buffer.byteLength(body)) }), ...headers } },
      (res) => {
        let data = '';
        res.on('data', (chunk) => (data += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json: data ? JSON.parse(data) : null,
            cookie: res.headers['set-cookie']?.[0]?.split(';')[0] ?? null,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const json = { 'content-type': 'application/json' };

async function sessionOf(username: string): Promise<string> {
  const response = await send('POST', '/api/session', json, JSON.stringify({ username, password: DEMO_PASSWORD }));
  if (response.status !== 200 || !response.cookie) throw new Error(`sign-in as ${username} failed: ${response.status}`);
  return response.cookie;
}

const signInBody = JSON.stringify({ username: 'official.ada', password: DEMO_PASSWORD });

describe('finding 7: the Host header must name the public origin', () => {
  it('finding 7: a sign-in through a rebound host name, whose Origin matches its Host, is refused', async () => {
    const response = await send('POST', '/api/session', { ...json, host: 'rebound.example', origin: 'http://rebound.example' }, signInBody);
    expect(response.status).toBe(421);
    expect(response.json.code).toBe('HOST_REJECTED');
  });

  it('a read through a rebound host name is refused too', async () => {
    expect((await send('GET', '/api/session', { host: 'rebound.example' })).status).toBe(421);
  });

  it('the public origin itself is served', async () => {
    expect((await send('POST', '/api/session', { ...json, origin: server.baseUrl }, signInBody)).status).toBe(200);
  });
});

describe('finding 7: a full-URL request line must name the public origin', () => {
  it('finding 7: a full-URL request line naming another host is refused', async () => {
    const response = await raw(
      `POST http://rebound.example/api/session HTTP/1.1\r\nHost: ${authority()}\r\nOrigin: http://rebound.example\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(signInBody)}\r\nConnection: close\r\n\r\n${signInBody}`,
    );
    expect(response.status).toBe(421);
    expect(JSON.parse(response.body).code).toBe('HOST_REJECTED');
  });

  it('a full-URL request line naming the public origin is served', async () => {
    const response = await raw(
      `POST ${server.baseUrl}/api/session HTTP/1.1\r\nHost: ${authority()}\r\nOrigin: ${server.baseUrl}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(signInBody)}\r\nConnection: close\r\n\r\n${signInBody}`,
    );
    expect(response.status).toBe(200);
  });

  it('a full-URL request line from another origin is checked like any other request', async () => {
    const response = await raw(
      `POST ${server.baseUrl}/api/session HTTP/1.1\r\nHost: ${authority()}\r\nOrigin: https://evil.example\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(signInBody)}\r\nConnection: close\r\n\r\n${signInBody}`,
    );
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).code).toBe('CSRF_REJECTED');
  });
});

describe('finding 7: Origin, Referer and Content-Type of state-changing requests', () => {
  it('finding 7: a body-less POST sent as text/plain (what a cross-site form can send) is refused and changes nothing', async () => {
    const admin = await sessionOf('admin.iris');
    const ben = (await send('GET', '/api/users', { cookie: admin })).json.users.find(
      (u: { username: string }) => u.username === 'official.ben',
    );
    await sessionOf('official.ben');
    const before = await snapshot(server.database.db);
    const response = await send('POST', `/api/users/${ben.id}/sessions/revoke`, { cookie: admin, 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
    expect(response.json.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await snapshot(server.database.db)).toEqual(before);
  });

  it('a body-less POST without a Content-Type is accepted', async () => {
    const admin = await sessionOf('admin.iris');
    const ben = (await send('GET', '/api/users', { cookie: admin })).json.users.find(
      (u: { username: string }) => u.username === 'official.ben',
    );
    expect((await send('POST', `/api/users/${ben.id}/sessions/revoke`, { cookie: admin })).status).toBe(200);
  });

  it('without an Origin, a Referer from another site is refused', async () => {
    expect((await send('POST', '/api/session', { ...json, referer: 'https://evil.example/page' }, signInBody)).status).toBe(403);
  });

  it('an Origin on the right host but another port is refused', async () => {
    const other = new URL(server.baseUrl);
    other.port = String(Number(other.port) + 1);
    expect((await send('POST', '/api/session', { ...json, origin: other.origin }, signInBody)).status).toBe(403);
  });

  it('a request the browser marks same-site (a sibling host) is refused', async () => {
    expect((await send('POST', '/api/session', { ...json, 'sec-fetch-site': 'same-site' }, signInBody)).status).toBe(403);
  });
});
