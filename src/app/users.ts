/** Accounts and sessions: password sign-in (argon2id), sessions kept in the database. */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import {
  activeUsers,
  insertSession,
  insertUser,
  revokeSession,
  revokeSessionsOf,
  searchUsers,
  type UserRow,
  updateUserVersioned,
  userById,
  userByUsername,
  userOfLiveSession,
} from '../store/repos/users.ts';
import { USERNAME_PATTERN, USERNAME_RULE } from './account-rules.ts';
import { recordAudit } from './audit.ts';
import { type Actor, type AppContext, timestamp } from './context.ts';
import { AppError } from './errors.ts';
import { isRefusedDemoPassword, newPasswordRefusal } from './passwords.ts';
import { authorize } from './permissions.ts';
import { isRole, type Role, roleSetProblem } from './roles.ts';
import { clearAllAttempts, clearAttempts, clientKey, reserveAttempt } from './sign-in-throttle.ts';
import { expectUpdated } from './versioning.ts';

export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: Role[];
  /** A one-time password from an administrator's reset: it must be changed before anything else. */
  readonly mustChangePassword: boolean;
}

/** What a request's session needs of its account (a whole `UserRow` will do). */
type SessionUser = Pick<UserRow, 'id' | 'username' | 'displayName' | 'roles' | 'mustChangePassword'>;

const toView = (u: SessionUser): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles.filter(isRole),
  mustChangePassword: u.mustChangePassword,
});

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly password: string;
}

/** Known roles, at least one, in a set an account may hold (docs/separation-of-duties.md). */
function checkRoleSet(roles: readonly string[]): Role[] {
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0 || roles.length === 0) {
    throw new AppError('UNKNOWN_ROLE', `Roles must be among the Waypoint roles; unknown: ${unknown.join(', ') || '(none given)'}.`, {
      field: 'roles',
    });
  }
  const known = [...new Set(roles.filter(isRole))];
  const problem = roleSetProblem(known);
  if (problem) throw new AppError('ROLE_SET_REFUSED', problem, { field: 'roles', rule: 'Waypoint separation of duties' });
  return known;
}

/** A role grant: never to oneself (an administrator would grant themselves case data), and only an allowed set. */
function checkRoleGrant(actor: Actor, userId: string, roles: readonly string[]): Role[] {
  if (actor.userId === userId) {
    throw new AppError('OWN_ROLES', 'Nobody changes the roles of their own account; another administrator does.', {
      field: 'roles',
      rule: 'Waypoint separation of duties',
    });
  }
  return checkRoleSet(roles);
}

/** Creates an account. `actor` null only for the system itself (demo data, first administrator). */
export async function createUser(ctx: AppContext, actor: Actor | null, input: NewUser): Promise<UserView> {
  if (actor) authorize(actor, 'user.create');
  const unknown = input.roles.filter((r) => !isRole(r));
  if (unknown.length > 0 || input.roles.length === 0) {
    throw new AppError('UNKNOWN_ROLE', `Roles must be among the Waypoint roles; unknown: ${unknown.join(', ') || '(none given)'}.`, {
      field: 'roles',
    });
  }
  checkRoleSet(input.roles);
  if (!USERNAME_PATTERN.test(input.username))
    throw new AppError('INVALID_FORMAT', USERNAME_RULE, { field: 'username', rule: 'Waypoint usernames' });
  const refusal = newPasswordRefusal(ctx, input.password, input.username, 'password');
  if (refusal) throw refusal;
  const passwordHash = await hash(input.password);
  return ctx.db.transaction(async (tx) => {
    const taken = await userByUsername(tx, input.username);
    if (taken) throw new AppError('USERNAME_TAKEN', `The username ${input.username} is taken.`, { field: 'username' });
    const row = await insertUser(tx, { username: input.username, displayName: input.displayName, roles: [...input.roles], passwordHash });
    const view = toView(row);
    await recordAudit(tx, actor, { action: 'user.create', recordType: 'user', recordId: view.id, after: view });
    return view;
  });
}

export type AccountView = UserView & { active: boolean; version: number };

/**
 * The staff directory: who can be chosen as owner, coordinator or assignee (with whether they are
 * active), and the administrator's account list. `q` matches the username or display name; without
 * `limit`, every match (the pickers' whole directory); `total` counts every match.
 */
export async function listUsers(
  ctx: AppContext,
  actor: Actor,
  query: { q?: string | undefined; limit?: number | undefined; offset?: number | undefined } = {},
): Promise<{ users: AccountView[]; total: number; nextOffset: number | null }> {
  authorize(actor, 'user.read');
  const offset = query.offset ?? 0;
  const limit = query.limit ?? null;
  const { rows, total } = await searchUsers(ctx.db, query.q?.trim() ?? '', { limit, offset });
  const next = offset + rows.length;
  return {
    users: rows.map((u) => ({ ...toView(u), active: u.active, version: u.version })),
    total,
    nextOffset: limit !== null && next < total ? next : null,
  };
}

/**
 * Accounts whose roles break separation of duties (made before role sets were checked): the server
 * names them at start so an administrator changes their roles (docs/separation-of-duties.md).
 */
export async function accountsWithRefusedRoleSets(ctx: AppContext): Promise<{ id: string; roles: Role[]; problem: string }[]> {
  const rows = await activeUsers(ctx.db);
  return rows.flatMap((u) => {
    const roles = u.roles.filter(isRole);
    const problem = roleSetProblem(roles);
    return problem ? [{ id: u.id, roles, problem }] : [];
  });
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Verifies the password and opens a session; the token goes in an HttpOnly cookie. `client` is the
 * caller's address: failed attempts are throttled per (username, client) (app/sign-in-throttle.ts).
 * A wrong password, an unknown username and an inactive account answer alike (the password hash
 * runs for unknown usernames too, so the time taken does not tell them apart either).
 */
export async function signIn(
  ctx: AppContext,
  username: string,
  password: string,
  client: string,
): Promise<{ token: string; user: UserView; expiresAt: Date }> {
  const now = timestamp(ctx.clock);
  const key = clientKey(client);
  const reservation = await reserveAttempt(ctx.db, username, key, now);
  if (!reservation.allowed) {
    throw new AppError(
      'SIGN_IN_THROTTLED',
      `Too many failed sign-ins for this username from your address; try again in ${reservation.retryAfterSeconds} seconds.`,
      {
        rule: 'Waypoint sign-in throttling',
        facts: { retryAfterSeconds: reservation.retryAfterSeconds },
      },
    );
  }
  const user = await userByUsername(ctx.db, username);
  // The published demo password opens nothing outside demo mode (a demo account on a real database).
  const ok = (await verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false)) && !isRefusedDemoPassword(ctx, password);
  if (!user?.active || !ok) {
    if (user) {
      await recordAudit(ctx.db, null, {
        action: 'session.sign-in-failed',
        recordType: 'user',
        recordId: user.id,
        after: { attempt: reservation.attempt },
      });
    }
    throw new AppError('INVALID_CREDENTIALS', 'The username or password is not right.', { rule: 'Waypoint sign-in' });
  }
  await clearAttempts(ctx.db, username, key, now);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = timestamp(ctx.clock, ctx.sessionHours * 3_600_000);
  await ctx.db.transaction(async (tx) => {
    await insertSession(tx, { tokenHash: tokenHash(token), userId: user.id, expiresAt });
    await recordAudit(tx, toActor(user), { action: 'session.sign-in', recordType: 'user', recordId: user.id });
  });
  return { token, user: toView(user), expiresAt };
}

export async function signOut(ctx: AppContext, token: string): Promise<void> {
  await revokeSession(ctx.db, tokenHash(token), timestamp(ctx.clock));
}

/** A signed-in request's session: who acts, and their account as the client sees it. */
export interface Session {
  readonly actor: Actor;
  readonly user: UserView;
}

/**
 * A writer known only by their session's token (a request's cookie; null: none), whose session is
 * read in the write's first round trip: `admit` turns the session found (null: none) into the
 * actor, or throws the answer a request with it gets (UNAUTHENTICATED, PASSWORD_CHANGE_REQUIRED),
 * as the request's own session checks would have before the write (src/http/auth.ts `sessionWriter`).
 */
export interface SessionWriter {
  readonly token: string | null | undefined;
  readonly admit: (session: Session | null) => Actor;
}

/** The session of a live session's account (as `authenticate` finds it, or a write's first round trip does). */
export const sessionOf = (user: SessionUser): Session => ({ actor: toActor(user), user: toView(user) });

/** The actor behind a session token, or null when the session is unknown, expired or revoked. */
export async function authenticate(ctx: AppContext, token: string): Promise<Session | null> {
  const now = timestamp(ctx.clock);
  const user = await userOfLiveSession(ctx.db, tokenHash(token), now);
  return user ? sessionOf(user) : null;
}

const toActor = (u: SessionUser): Actor => ({ userId: u.id, displayName: u.displayName, roles: u.roles.filter(isRole) });

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$yD2mYdXoBhN0PLc2b3qkLVlO4XiuUlZ6Q4z3rpJ1Xho';

/** Revokes every live session of a user (administrator): they must sign in again. */
export async function revokeSessions(ctx: AppContext, actor: Actor, userId: string): Promise<{ revoked: number }> {
  authorize(actor, 'user.create');
  return ctx.db.transaction(async (tx) => {
    const user = await userById(tx, userId);
    if (!user) throw AppError.notFound('user', userId);
    const revoked = await revokeSessionsOf(tx, userId, timestamp(ctx.clock));
    await recordAudit(tx, actor, { action: 'user.sessions-revoke', recordType: 'user', recordId: userId, after: { revoked } });
    return { revoked };
  });
}

/** Activates or deactivates an account, changes its roles (administrator); deactivating ends its sessions, unlocking clears its sign-in waits. */
export async function updateAccount(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  input: { version: number; active?: boolean | undefined; unlock?: boolean | undefined; roles?: readonly string[] | undefined },
) {
  authorize(actor, 'user.create');
  const roles = input.roles === undefined ? undefined : checkRoleGrant(actor, userId, input.roles);
  return ctx.db.transaction(async (tx) => {
    const before = await userById(tx, userId);
    if (!before) throw AppError.notFound('user', userId);
    const after = expectUpdated(
      await updateUserVersioned(tx, userId, input.version, {
        ...(input.active !== undefined && { active: input.active }),
        ...(roles !== undefined && { roles }),
      }),
      'user',
      userId,
      input.version,
    );
    if (input.unlock) await clearAllAttempts(tx, after.username);
    if (input.active === false) {
      await revokeSessionsOf(tx, userId, timestamp(ctx.clock));
    }
    await recordAudit(tx, actor, {
      action: 'user.update',
      recordType: 'user',
      recordId: userId,
      before: { active: before.active, roles: before.roles },
      after: { active: after.active, roles: after.roles, ...(input.unlock && { unlocked: true }) },
    });
    return { ...toView(after), active: after.active, version: after.version };
  });
}
