/**
 * Host and Origin checks (docs/sign-in.md "Host and Origin"), against the one public origin users
 * reach Waypoint at (WAYPOINT_PUBLIC_ORIGIN; by default the address the server listens on):
 * - every request must name that host, in the Host header and in a full-URL request line, so a
 *   host name rebound to this server's address (DNS rebinding) gets nothing;
 * - a state-changing request is refused when the browser says it comes from another origin
 *   (Sec-Fetch-Site other than same-origin or none, an Origin or, without one, a Referer that is not
 *   the public origin), and when it carries a Content-Type other than application/json: a
 *   cross-site HTML form can send a body-less text/plain POST without asking first.
 * Besides these, session cookies are SameSite=Strict.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';
import { routePath } from './route-table.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF = { rule: 'Waypoint CSRF protection' };
const HOST = { rule: 'Waypoint public origin (WAYPOINT_PUBLIC_ORIGIN)' };

/** Paths answered whatever the Host: a load balancer's health probe calls the server by its address; /health tells nothing. */
const ANY_HOST = new Set(['/health']);

/**
 * The public origin: the configured one, or the address the server listens on (known once it
 * listens). A server that does not listen is reached only in-process (tests' `inject`), whose
 * requests name http://localhost.
 */
export function publicOriginResolver(app: FastifyInstance, configured: string | null | undefined): () => URL {
  if (configured) {
    const fixed = new URL(configured);
    return () => fixed;
  }
  let listening: URL | null = null;
  return () => {
    if (listening) return listening;
    const address = app.server.address();
    if (!address || typeof address === 'string') return new URL('http://localhost');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    listening = new URL(`http://${host}:${address.port}`);
    return listening;
  };
}

/** The host of `authority` as `expected` would write it (scheme's default port dropped), or null when it is no host. */
function normalHost(authority: string, expected: URL): string | null {
  if (!authority || /[/?#@\s\\]/.test(authority)) return null;
  try {
    return new URL(`${expected.protocol}//${authority}`).host;
  } catch {
    return null;
  }
}

const originOf = (value: string): string | null => {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
};

/** The onRequest hook: refuses requests for another host, and state-changing requests from another origin. */
export function originGuard(expectedOrigin: () => URL) {
  return async function checkOrigin(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const expected = expectedOrigin();
    const target = request.raw.url ?? '/';
    let path = target;
    if (!target.startsWith('/')) {
      // A full-URL (absolute-form) request line names its host itself: it must be ours too.
      let url: URL | null = null;
      try {
        url = new URL(target);
      } catch {
        url = null;
      }
      if (!url || url.host !== expected.host) {
        throw new AppError('HOST_REJECTED', `This server answers only for ${expected.host}.`, HOST);
      }
      path = url.pathname;
    }
    if (!ANY_HOST.has(routePath(path.split('?')[0]!)) && normalHost(request.headers.host ?? '', expected) !== expected.host) {
      throw new AppError('HOST_REJECTED', `This server answers only for ${expected.host}.`, HOST);
    }
    if (SAFE.has(request.method)) return;

    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw new AppError('CSRF_REJECTED', 'This request came from another site and was refused.', CSRF);
    }
    const origin = request.headers.origin;
    const referer = request.headers.referer;
    const from = origin !== undefined ? origin : referer;
    if (from !== undefined && originOf(from) !== expected.origin) {
      throw new AppError(
        'CSRF_REJECTED',
        `Requests from ${origin === 'null' ? 'an opaque origin' : (originOf(from) ?? 'an invalid origin')} are not accepted; this server is ${expected.origin}.`,
        CSRF,
      );
    }
    const type = request.headers['content-type'];
    if (type !== undefined && type.split(';')[0]!.trim().toLowerCase() !== 'application/json') {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'A request that changes something sends JSON (Content-Type: application/json) or no body at all.',
        {
          field: 'content-type',
          rule: 'Waypoint CSRF protection',
        },
      );
    }
  };
}
