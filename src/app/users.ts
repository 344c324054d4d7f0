/** Accounts and sessions: password sign-in (argon2id), sessions kept in the database. */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { sessions, users } from '../store/schema.ts';
import { recordAudit } from './audit.ts';
import type { Actor, AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { authorize } from './permissions.ts';
import { isRole, type Role } from './roles.ts';

export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: Role[];
}

const toView = (u: typeof users.$inferSelect): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles.filter(isRole),
});

export const MIN_PASSWORD_LENGTH = 12;

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
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('INVALID_FORMAT', `A password has at least ${MIN_PASSWORD_LENGTH} characters.`, { field: 'password', rule: 'Waypoint password rules' });
  }
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

export async function listUsers(ctx: AppContext, actor: Actor): Promise<UserView[]> {
  authorize(actor, 'user.read');
  const rows = await ctx.db.select().from(users).orderBy(asc(users.username));
  return rows.map(toView);
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Verifies the password and opens a session; the token goes in an HttpOnly cookie. */
export async function signIn(ctx: AppContext, username: string, password: string): Promise<{ token: string; user: UserView; expiresAt: Date }> {
  const [user] = await ctx.db.select().from(users).where(eq(users.username, username));
  // Verify against a dummy hash for unknown users too, so timing does not reveal which usernames exist.
  const ok = await verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
  if (!user || !user.active || !ok) {
    throw new AppError('INVALID_CREDENTIALS', 'The username or password is not right.', { rule: 'Waypoint sign-in' });
  }
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
