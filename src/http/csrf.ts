/**
 * CSRF protection for cookie sessions. Besides SameSite=Strict cookies and JSON-only bodies (a
 * cross-site HTML form cannot send application/json), a state-changing request is refused when the
 * browser says it comes from another site (Sec-Fetch-Site) or names another origin (Origin).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function rejectCrossSite(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (SAFE.has(request.method) || !request.url.startsWith('/api/')) return;
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site') {
    throw new AppError('CSRF_REJECTED', 'This request came from another site and was refused.', { rule: 'Waypoint CSRF protection' });
  }
  const origin = request.headers.origin;
  if (origin && origin !== 'null') {
    let host: string;
    let expected: string;
    try {
      const url = new URL(origin);
      host = url.host;
      // Normalise the Host header the same way (a default port is dropped by URL).
      expected = new URL(`${url.protocol}//${request.headers.host ?? ''}`).host;
    } catch {
      throw new AppError('CSRF_REJECTED', 'The Origin header is not a valid origin.', { rule: 'Waypoint CSRF protection' });
    }
    if (host !== expected) {
      throw new AppError('CSRF_REJECTED', `Requests from ${origin} are not accepted.`, { rule: 'Waypoint CSRF protection' });
    }
  } else if (origin === 'null') {
    throw new AppError('CSRF_REJECTED', 'Requests from an opaque origin are not accepted.', { rule: 'Waypoint CSRF protection' });
  }
}
