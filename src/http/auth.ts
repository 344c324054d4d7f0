/** Session cookies: resolve the acting user for each request; routes ask for it with `actorOf`. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, AppContext } from '../app/context.ts';
import { AppError } from '../app/errors.ts';
import { authenticate, type UserView } from '../app/users.ts';

export const SESSION_COOKIE = 'waypoint_session';

declare module 'fastify' {
  interface FastifyRequest {
    session: { actor: Actor; user: UserView } | null;
  }
}

export function registerSessions(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('session', null);
  app.addHook('preHandler', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    request.session = token ? await authenticate(ctx, token) : null;
  });
}

/** The signed-in actor, or 401. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw new AppError('UNAUTHENTICATED', 'Sign in first.', { rule: 'Waypoint sign-in' });
  return request.session.actor;
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure, expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
