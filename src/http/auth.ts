/** Session cookies: resolve the acting user for each request; routes ask for it with `actorOf`. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, AppContext } from '../app/context.ts';
import { AppError } from '../app/errors.ts';
import { authenticate, type Session, type SessionWriter } from '../app/users.ts';
import { refuseUntilPasswordChanged } from './password-gate.ts';

export const SESSION_COOKIE = 'waypoint_session';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
  interface FastifyContextConfig {
    /**
     * The route's handler reads the session in its own first round trip to the database, with what
     * it writes (`sessionWriter`), instead of the session hook reading it before the handler.
     */
    sessionInHandler?: boolean;
  }
}

export function registerSessions(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('session', null);
  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.config.sessionInHandler) return;
    const token = request.cookies[SESSION_COOKIE];
    request.session = token ? await authenticate(ctx, token) : null;
  });
}

/**
 * For a route with `sessionInHandler`: its session cookie, and the checks the session and
 * password-gate hooks make, applied to the session once the use case has read it (the request's
 * session is then set as the hook would have set it): the actor, or UNAUTHENTICATED, or
 * PASSWORD_CHANGE_REQUIRED.
 */
export function sessionWriter(request: FastifyRequest): SessionWriter {
  return {
    token: request.cookies[SESSION_COOKIE],
    admit: (session) => {
      request.session = session;
      refuseUntilPasswordChanged(request);
      return actorOf(request);
    },
  };
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
