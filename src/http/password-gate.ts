/**
 * The forced password change: a session signed in with a one-time password (an administrator's
 * reset) may only see who it is, change the password, or sign out. Everything else under /api is
 * refused with PASSWORD_CHANGE_REQUIRED until the password is changed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';
import { routePath } from './route-table.ts';

const ALLOWED = new Set(['GET /api/session', 'POST /api/session', 'DELETE /api/session', 'POST /api/session/password']);

/** Throws PASSWORD_CHANGE_REQUIRED when the request's session must change its password first and the request is not one it may make. */
export function refuseUntilPasswordChanged(request: FastifyRequest): void {
  if (!request.session?.user.mustChangePassword) return;
  const route = `${request.method} ${routePath(request.url.split('?')[0]!)}`;
  if (!request.url.startsWith('/api/') || ALLOWED.has(route)) return;
  throw new AppError(
    'PASSWORD_CHANGE_REQUIRED',
    'This account signed in with a one-time password: change it first (POST /api/session/password).',
    { rule: 'Waypoint password reset' },
  );
}

export function registerPasswordGate(app: FastifyInstance): void {
  // After the session hook (registered first), so request.session is known; a route that checks
  // its session in its own first round trip applies the gate itself (src/http/auth.ts `sessionWriter`).
  app.addHook('preHandler', async (request) => refuseUntilPasswordChanged(request));
}
