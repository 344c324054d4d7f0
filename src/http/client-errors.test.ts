import { describe, expect, it } from 'vitest';
import { clientProblem, rawProblemAnswer, URL_MAX } from './client-errors.ts';

describe('clientProblem', () => {
  it('answers nobody on a connection the client reset', () => {
    expect(clientProblem({ code: 'ECONNRESET' })).toBeNull();
  });

  it('names a request that took too long REQUEST_TIMEOUT', () => {
    expect(clientProblem({ code: 'ERR_HTTP_REQUEST_TIMEOUT' })?.code).toBe('REQUEST_TIMEOUT');
  });

  it('tells an over-long address from large headers by the request line the refused data starts with', () => {
    const longLine = Buffer.from(`GET /api/tasks?q=${'a'.repeat(URL_MAX)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const bigHeader = Buffer.from(`GET /api/tasks HTTP/1.1\r\nX-Padding: ${'a'.repeat(17_000)}\r\n\r\n`);
    const middle = Buffer.from('a'.repeat(17_000));
    expect(clientProblem({ code: 'HPE_HEADER_OVERFLOW', rawPacket: longLine })?.code).toBe('URL_TOO_LONG');
    expect(clientProblem({ code: 'HPE_HEADER_OVERFLOW', rawPacket: bigHeader })?.code).toBe('HEADERS_TOO_LARGE');
    expect(clientProblem({ code: 'HPE_HEADER_OVERFLOW', rawPacket: middle })?.code).toBe('HEADERS_TOO_LARGE');
  });

  it('answers any other parse error BAD_REQUEST', () => {
    expect(clientProblem({ code: 'HPE_INVALID_CONTENT_LENGTH' })?.code).toBe('BAD_REQUEST');
    expect(clientProblem({ code: 'HPE_INVALID_METHOD' })?.code).toBe('BAD_REQUEST');
  });
});

describe('rawProblemAnswer', () => {
  it('is a whole HTTP/1.1 answer whose Content-Length counts the bytes of a non-ASCII detail', () => {
    const answer = rawProblemAnswer('BAD_REQUEST', 'Données illisibles.');
    const [head, body] = answer.split('\r\n\r\n') as [string, string];
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body)).toMatchObject({ code: 'BAD_REQUEST', status: 400 });
  });
});
