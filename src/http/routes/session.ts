/** Sign in, who am I, sign out; user accounts. */

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { AppError } from '../../app/errors.ts';
import { Username } from '../../app/fields.ts';
import { changeOwnPassword, resetPassword } from '../../app/passwords.ts';
import { createUser, listUsers, revokeSessions, signIn, signOut, tokenHash, updateAccount } from '../../app/users.ts';
import { actorOf, clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../auth.ts';
import { problems } from '../response-problems.ts';
import { Account, AccountList, CalendarDate, Int, OneTimePassword, User } from '../response-schemas.ts';
import { IdParams, Name, Role, Version } from '../schemas.ts';

/** Who is signed in, and the ministry's today by the server's clock (forms check dates against it, not the browser's). */
const SignedIn = z.object({
  user: User,
  today: CalendarDate.describe("Today's calendar date where the ministry is (its time zone), as the server counts it"),
});

export const sessionRoutes =
  (ctx: AppContext, secureCookies: boolean, signInPerMinute: number): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/session',
      {
        config: {
          rateLimit: {
            max: signInPerMinute,
            timeWindow: 60_000,
            errorResponseBuilder: () =>
              new AppError('TOO_MANY_REQUESTS', 'Too many sign-in attempts from this address; wait a minute.', {
                rule: 'Waypoint sign-in rate limit',
              }),
          },
        },
        schema: {
          tags: ['session'],
          summary: 'Sign in with a username and password; sets the session cookie',
          body: z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
          response: { 200: SignedIn, ...problems('INVALID_CREDENTIALS', 'SIGN_IN_THROTTLED') },
        },
      },
      async (request, reply) => {
        const { token, user, expiresAt } = await signIn(ctx, request.body.username, request.body.password, request.ip).catch(
          (error: unknown) => {
            if (error instanceof AppError && error.code === 'SIGN_IN_THROTTLED')
              reply.header('retry-after', String(error.extras.facts?.retryAfterSeconds ?? 1));
            throw error;
          },
        );
        setSessionCookie(reply, token, expiresAt, secureCookies);
        return { user, today: ctx.clock.today().toString() };
      },
    );
    app.get(
      '/api/session',
      { schema: { tags: ['session'], summary: "The signed-in user, and the ministry's today", response: { 200: SignedIn } } },
      async (request) => {
        actorOf(request);
        return { user: request.session!.user, today: ctx.clock.today().toString() };
      },
    );
    app.delete(
      '/api/session',
      { schema: { tags: ['session'], summary: 'Sign out', response: { 204: z.undefined().describe('Signed out') } } },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await signOut(ctx, token);
        clearSessionCookie(reply);
        return reply.code(204).send();
      },
    );
    app.get(
      '/api/users',
      {
        schema: {
          tags: ['users'],
          summary:
            'The staff directory (accounts, roles, active): `q` matches the username or display name; with `limit` (at most 100) a page at a time, without it every match; `total` counts every match',
          querystring: z.strictObject({
            q: z.string().max(100).optional(),
            limit: z.coerce.number().int().min(1).max(100).optional(),
            offset: z.coerce.number().int().min(0).max(100_000).optional(),
          }),
          response: { 200: AccountList },
        },
      },
      async (request) => listUsers(ctx, actorOf(request), request.query),
    );
    app.post(
      '/api/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Create an account (administrator)',
          body: z.strictObject({
            username: Username,
            displayName: Name,
            roles: z.array(Role).min(1).max(6),
            password: z.string().min(1).max(200),
          }),
          response: { 201: User, ...problems('USERNAME_TAKEN', 'UNKNOWN_ROLE', 'ROLE_SET_REFUSED') },
        },
      },
      async (request, reply) => reply.code(201).send(await createUser(ctx, actorOf(request), request.body)),
    );
    app.patch(
      '/api/users/:id',
      {
        schema: {
          tags: ['users'],
          summary:
            "Activate or deactivate an account, unlock it or change its roles (administrator; never one's own roles); deactivating ends its sessions",
          params: IdParams,
          body: z.strictObject({
            version: Version,
            active: z.boolean().optional(),
            unlock: z.boolean().optional(),
            roles: z.array(Role).min(1).max(6).optional(),
          }),
          response: { 200: Account, ...problems('OWN_ROLES', 'UNKNOWN_ROLE', 'ROLE_SET_REFUSED') },
        },
      },
      async (request) => updateAccount(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/session/password',
      {
        schema: {
          tags: ['session'],
          summary:
            "Change the signed-in account's own password (also the forced change after an administrator's reset); ends its other sessions",
          body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
          response: { 200: z.object({ changed: z.boolean() }), ...problems('CURRENT_PASSWORD_WRONG') },
        },
      },
      async (request) => {
        const token = request.cookies[SESSION_COOKIE];
        return changeOwnPassword(ctx, actorOf(request), request.body, token ? tokenHash(token) : null);
      },
    );
    app.post(
      '/api/users/:id/password-reset',
      {
        schema: {
          tags: ['users'],
          summary:
            'Reset an account to a one-time password, shown once, that must be changed at its next sign-in (administrator); ends its sessions',
          params: IdParams,
          response: { 200: OneTimePassword },
        },
      },
      async (request) => resetPassword(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/api/users/:id/sessions/revoke',
      {
        schema: {
          tags: ['users'],
          summary: 'End every session of an account (administrator)',
          params: IdParams,
          response: { 200: z.object({ revoked: Int }) },
        },
      },
      async (request) => revokeSessions(ctx, actorOf(request), request.params.id),
    );
  };
