/** Accounts and sessions: password sign-in (argon2id), sessions kept in the database. */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { sessions, users } from '../store/schema.ts';
import { recordAudit } from './audit.ts';
import type { Actor, AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { authorize } from './permissions.ts';
import { updateVersioned } from '../store/versioned.ts';
import { expectUpdated } from './versioning.ts';
import { isRole, type Role } from './roles.ts';
import { isRefusedDemoPassword, newPasswordRefusal } from './passwords.ts';
import { USERNAME_PATTERN, USERNAME_RULE } from './fields.ts';

export { MIN_PASSWORD_LENGTH, passwordProblem } from './passwords.ts';

export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: Role[];
  /** A one-time password from an administrator's reset: it must be changed before anything else. */
  readonly mustChangePassword: boolean;
}

const toView = (u: typeof users.$inferSelect): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles.filter(isRole),
  mustChangePassword: u.mustChangePassword,
});

/** Failed sign-ins in a row before the account locks, and for how long. */
export const LOCKOUT_AFTER = 5;
export const LOCKOUT_MINUTES = 15;

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly password: string;
}

/** Creates an account. `actor` null only for the system itself (demo data, first administrator). */
export async function createUser(ctx: AppContext, actor: Actor | null, input: NewUser): Promise<UserView> {
  if (actor) authorize(actor, 'user.create');
  const unknown = input.roles.filter((r) => !isRole(r));
  if (unknown.length > 0 || input.roles.length === 0) {
    throw new AppError('UNKNOWN_ROLE', `Roles must be among the Waypoint roles; unknown: ${unknown.join(', ') || '(none given)'}.`, { field: 'roles' });
  }
  if (!USERNAME_PATTERN.test(input.username)) throw new AppError('INVALID_FORMAT', USERNAME_RULE, { field: 'username', rule: 'Waypoint usernames' });
  const refusal = newPasswordRefusal(ctx, input.password, input.username, 'password');
  if (refusal) throw refusal;
  const passwordHash = await hash(input.password);
  return ctx.db.transaction(async (tx) => {
    const taken = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (taken.length > 0) throw new AppError('USERNAME_TAKEN', `The username ${input.username} is taken.`, { field: 'username' });
    const [row] = await tx
      .insert(users)
      .values({ username: input.username, displayName: input.displayName, roles: [...input.roles], passwordHash })
      .returning();
    const view = toView(row!);
    await recordAudit(tx, actor, { action: 'user.create', recordType: 'user', recordId: view.id, after: view });
    return view;
  });
}

/** The staff directory: who can be chosen as owner, coordinator or assignee (with whether they are active). */
export async function listUsers(ctx: AppContext, actor: Actor): Promise<(UserView & { active: boolean })[]> {
  authorize(actor, 'user.read');
  const rows = await ctx.db.select().from(users).orderBy(asc(users.username));
  return rows.map((u) => ({ ...toView(u), active: u.active }));
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Verifies the password and opens a session; the token goes in an HttpOnly cookie. */
export async function signIn(ctx: AppContext, username: string, password: string): Promise<{ token: string; user: UserView; expiresAt: Date }> {
  const [user] = await ctx.db.select().from(users).where(eq(users.username, username));
  const now = new Date(ctx.clock.now().epochMilliseconds);
  if (user?.lockedUntil && user.lockedUntil > now) {
    throw new AppError('SIGN_IN_LOCKED', `Too many failed sign-ins: this account is locked until ${user.lockedUntil.toISOString()}. An administrator can unlock it sooner.`, { rule: 'Waypoint sign-in lockout' });
  }
  // Verify against a dummy hash for unknown users too, so timing does not reveal which usernames exist.
  // The published demo password opens nothing outside demo mode (a demo account on a real database).
  const ok = (await verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false)) && !isRefusedDemoPassword(ctx, password);
  if (!user || !user.active || !ok) {
    if (user) {
      const failed = user.failedSignIns + 1;
      const lock = failed >= LOCKOUT_AFTER;
      await ctx.db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ failedSignIns: lock ? 0 : failed, lockedUntil: lock ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : user.lockedUntil })
          .where(eq(users.id, user.id));
        await recordAudit(tx, null, { action: lock ? 'session.locked' : 'session.sign-in-failed', recordType: 'user', recordId: user.id, after: { failedSignIns: failed } });
      });
    }
    throw new AppError('INVALID_CREDENTIALS', 'The username or password is not right.', { rule: 'Waypoint sign-in' });
  }
  if (user.failedSignIns > 0 || user.lockedUntil) await ctx.db.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, user.id));
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(ctx.clock.now().epochMilliseconds + ctx.sessionHours * 3_600_000);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(sessions).values({ tokenHash: tokenHash(token), userId: user.id, expiresAt });
    await recordAudit(tx, toActor(user), { action: 'session.sign-in', recordType: 'user', recordId: user.id });
  });
  return { token, user: toView(user), expiresAt };
}

export async function signOut(ctx: AppContext, token: string): Promise<void> {
  await ctx.db
    .update(sessions)
    .set({ revokedAt: new Date(ctx.clock.now().epochMilliseconds) })
    .where(eq(sessions.tokenHash, tokenHash(token)));
}

/** The actor behind a session token, or null when the session is unknown, expired or revoked. */
export async function authenticate(ctx: AppContext, token: string): Promise<{ actor: Actor; user: UserView } | null> {
  const now = new Date(ctx.clock.now().epochMilliseconds);
  const [row] = await ctx.db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), eq(users.active, true)));
  return row ? { actor: toActor(row.user), user: toView(row.user) } : null;
}

const toActor = (u: typeof users.$inferSelect): Actor => ({ userId: u.id, displayName: u.displayName, roles: u.roles.filter(isRole) });

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$yD2mYdXoBhN0PLc2b3qkLVlO4XiuUlZ6Q4z3rpJ1Xho';

/** Revokes every live session of a user (administrator): they must sign in again. */
export async function revokeSessions(ctx: AppContext, actor: Actor, userId: string): Promise<{ revoked: number }> {
  authorize(actor, 'user.create');
  return ctx.db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!user) throw AppError.notFound('user', userId);
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: new Date(ctx.clock.now().epochMilliseconds) })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning({ tokenHash: sessions.tokenHash });
    await recordAudit(tx, actor, { action: 'user.sessions-revoke', recordType: 'user', recordId: userId, after: { revoked: revoked.length } });
    return { revoked: revoked.length };
  });
}

/** Activates or deactivates an account (administrator); deactivating ends its sessions, unlocking clears a lockout. */
export async function updateAccount(ctx: AppContext, actor: Actor, userId: string, input: { version: number; active?: boolean | undefined; unlock?: boolean | undefined }) {
  authorize(actor, 'user.create');
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId));
    if (!before) throw AppError.notFound('user', userId);
    const after = expectUpdated(
      await updateVersioned(tx, users, userId, input.version, {
        ...(input.active !== undefined && { active: input.active }),
        ...(input.unlock && { failedSignIns: 0, lockedUntil: null }),
      }),
      'user',
      userId,
      input.version,
    );
    if (input.active === false) {
      await tx.update(sessions).set({ revokedAt: new Date(ctx.clock.now().epochMilliseconds) }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    }
    await recordAudit(tx, actor, { action: 'user.update', recordType: 'user', recordId: userId, before: { active: before.active, locked: !!before.lockedUntil }, after: { active: after.active, locked: !!after.lockedUntil } });
    return { ...toView(after), active: after.active, version: after.version };
  });
}
