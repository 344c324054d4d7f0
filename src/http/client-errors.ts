/**
 * Requests refused before any route runs, answered as problem+json from the one catalogue
 * (problems.ts) like every other error: an address longer than Waypoint accepts (an onRequest hook,
 * `rejectLongUrls`), and what Node's HTTP parser refuses before Fastify sees a request (Fastify's
 * `clientErrorHandler` server option, which writes to the raw socket: a whole HTTP/1.1 answer, then
 * the connection is closed, as Node and Fastify's default handler do).
 *
 * Node's parser holds the request line and headers to 16 KB together (`--max-http-header-size`); an
 * address past that is told apart from large headers by the request line the refused data starts
 * with, when it does (a request sent in one piece); otherwise the answer says both.
 */
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type CatalogueCode, problem } from './problems.ts';

/** The longest address (path and query) Waypoint reads, in characters. */
export const URL_MAX = 8192;

const URL_TOO_LONG_DETAIL = `The address is longer than Waypoint accepts (${URL_MAX.toLocaleString('en-CA')} characters); shorten the search or filters.`;

/** onRequest, first of all: an address over URL_MAX answers 414 URL_TOO_LONG before anything reads it. */
export async function rejectLongUrls(request: FastifyRequest, reply: FastifyReply) {
  const url = request.raw.url ?? '';
  if (url.length <= URL_MAX) return;
  const body = problem('URL_TOO_LONG', URL_TOO_LONG_DETAIL);
  return reply.code(body.status).type('application/problem+json').send(body);
}

/** Whether the refused data starts with a request line whose target is over URL_MAX. */
function requestLineTooLong(packet: Buffer): boolean {
  const head = packet.subarray(0, URL_MAX + 64).toString('latin1');
  const line = /^[A-Z]+ (\S+)/.exec(head);
  return line !== null && line[1]!.length > URL_MAX;
}

/** The catalogue code and detail for an error of Node's HTTP parser (or its timeouts); null when there is no one to answer. */
export function clientProblem(
  error: Pick<ConnectionError, 'code'> & { rawPacket?: unknown },
): { code: CatalogueCode; detail: string } | null {
  switch (error.code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return null;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'REQUEST_TIMEOUT', detail: 'The request took too long to arrive; send it again.' };
    case 'HPE_HEADER_OVERFLOW': {
      const packet = Buffer.isBuffer(error.rawPacket) ? error.rawPacket : Buffer.alloc(0);
      return requestLineTooLong(packet)
        ? { code: 'URL_TOO_LONG', detail: URL_TOO_LONG_DETAIL }
        : {
            code: 'HEADERS_TOO_LARGE',
            detail: `The request's address and headers together are larger than Waypoint accepts (16 KB); an address has at most ${URL_MAX.toLocaleString('en-CA')} characters.`,
          };
    }
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return {
        code: 'BAD_REQUEST',
        detail: 'The request has a Content-Length that is not valid or is sent together with Transfer-Encoding; send one of them.',
      };
    case 'HPE_INVALID_TRANSFER_ENCODING':
      return { code: 'BAD_REQUEST', detail: 'The request has a Transfer-Encoding Waypoint cannot read.' };
    default:
      return { code: 'BAD_REQUEST', detail: 'The request is not valid HTTP and could not be read.' };
  }
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
};

/** The whole HTTP/1.1 answer for a problem, for the raw socket. */
export function rawProblemAnswer(code: CatalogueCode, detail: string): string {
  const body = problem(code, detail);
  const json = JSON.stringify(body);
  return [
    `HTTP/1.1 ${body.status} ${REASONS[body.status] ?? 'Error'}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(json)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    json,
  ].join('\r\n');
}

/**
 * Fastify's `clientErrorHandler`: answers the parser's refusal on the raw socket, unless the socket
 * is gone or an answer is already on its way (keep-alive), then closes the connection. The log line
 * holds the error's code only: the refused bytes may hold a query string with a name in it.
 */
export function clientErrorHandler(this: FastifyInstance, error: ConnectionError, socket: Socket): void {
  const answer = clientProblem(error as ConnectionError & { rawPacket?: unknown });
  if (!answer || socket.destroyed) return;
  this.log.debug({ code: error.code }, 'client error');
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) socket.write(rawProblemAnswer(answer.code, answer.detail));
  socket.destroy();
}
