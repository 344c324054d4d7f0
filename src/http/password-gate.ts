/**
 * The forced password change: a session signed in with a one-time password (an administrator's
 * reset) may only see who it is, change the password, or sign out. Everything else under /api is
 * refused with PASSWORD_CHANGE_REQUIRED until the password is changed.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../app/errors.ts';

const ALLOWED = new Set(['GET /api/session', 'POST /api/session', 'DELETE /api/session', 'POST /api/session/password']);

export function registerPasswordGate(app: FastifyInstance): void {
  // After the session hook (registered first), so request.session is known.
  app.addHook('preHandler', async (request) => {
    if (!request.session?.user.mustChangePassword) return;
    const route = `${request.method} ${request.url.split('?')[0]}`;
    if (!request.url.startsWith('/api/') || ALLOWED.has(route)) return;
    throw new AppError(
      'PASSWORD_CHANGE_REQUIRED',
      'This account signed in with a one-time password: change it first (POST /api/session/password).',
      { rule: 'Waypoint password reset' },
    );
  });
}
