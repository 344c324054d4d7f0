/**
 * Requests Node's HTTP parser refuses before Fastify sees them (an address or headers over its 16 KB,
 * a body framed by both Transfer-Encoding and Content-Length, a request line that is not HTTP) answer
 * problem+json from the one catalogue (src/http/problems.ts), as every other error does: they once
 * answered Fastify's own `{"error":"Request Header Fields Too Large"}` and `{"error":"Bad Request"}`.
 * The requests go over a raw socket: no HTTP client sends them.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/http/problems.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ listen: true });
});
afterAll(() => server.close());

const authority = () => new URL(server.baseUrl).host;

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One raw HTTP/1.1 exchange: what the server wrote before it closed the connection. */
function raw(text: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let data = '';
    const done = () => {
      const head = data.slice(0, data.indexOf('\r\n\r\n'));
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0),
        headers,
        body: data.slice(data.indexOf('\r\n\r\n') + 4),
      });
    };
    socket.on('data', (chunk) => {
      data += chunk.toString('utf8');
    });
    // The server closes the connection after a refusal; a reset after its answer still counts as the answer.
    socket.on('error', (error) => (data ? done() : reject(error)));
    socket.on('close', done);
    socket.setTimeout(20_000, () => socket.destroy(new Error('no answer')));
  });
}

/** The answer is problem+json from the catalogue: this code, its status and title, a readable detail. */
function expectProblem(answer: RawAnswer, code: keyof typeof CATALOGUE) {
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  const body = JSON.parse(answer.body);
  expect(body).toMatchObject({ code, status: CATALOGUE[code].status, title: CATALOGUE[code].title });
  expect(answer.status).toBe(CATALOGUE[code].status);
  expect(body.type).toBe(`https://waypoint.example/problems/${code.toLowerCase().replaceAll('_', '-')}`);
  expect(body.detail).toMatch(/^[A-Z].*\.$/);
  return body;
}

describe('requests the HTTP parser refuses answer problem+json from the catalogue', () => {
  it('an address of 17,000 characters answers 414 URL_TOO_LONG, not Fastify’s 431 JSON', async () => {
    const answer = await raw(`GET /api/tasks?q=${'a'.repeat(17_000)} HTTP/1.1\r\nHost: ${authority()}\r\nConnection: close\r\n\r\n`);
    expectProblem(answer, 'URL_TOO_LONG');
  });

  it('headers over 16 KB answer 431 HEADERS_TOO_LARGE', async () => {
    const answer = await raw(
      `GET /api/tasks HTTP/1.1\r\nHost: ${authority()}\r\nX-Padding: ${'a'.repeat(17_000)}\r\nConnection: close\r\n\r\n`,
    );
    expectProblem(answer, 'HEADERS_TOO_LARGE');
  });

  it('a body framed by both Transfer-Encoding and Content-Length answers 400 BAD_REQUEST saying so', async () => {
    const answer = await raw(
      `POST /api/people HTTP/1.1\r\nHost: ${authority()}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    );
    const body = expectProblem(answer, 'BAD_REQUEST');
    expect(body.detail).toMatch(/Content-Length/);
  });

  it('a request line that is not HTTP answers 400 BAD_REQUEST', async () => {
    const answer = await raw('NOT HTTP AT ALL\r\n\r\n');
    expectProblem(answer, 'BAD_REQUEST');
  });

  it('an address over 8,192 characters that the parser lets through answers 414 URL_TOO_LONG too', async () => {
    const answer = await raw(`GET /api/tasks?q=${'a'.repeat(9_000)} HTTP/1.1\r\nHost: ${authority()}\r\nConnection: close\r\n\r\n`);
    expectProblem(answer, 'URL_TOO_LONG');
  });

  it('the server answers the next connection as usual', async () => {
    await raw(`GET /api/tasks?q=${'a'.repeat(17_000)} HTTP/1.1\r\nHost: ${authority()}\r\n\r\n`);
    const answer = await raw(`GET /health HTTP/1.1\r\nHost: ${authority()}\r\nConnection: close\r\n\r\n`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).status).toBe('ok');
  });
});
