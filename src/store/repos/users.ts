/** Staff accounts and their sessions. */
import { and, asc, count, eq, gt, ilike, isNull, ne, or, sql } from 'drizzle-orm';
import { preparedOn, type Queryable } from '../db.ts';
import { sessions, users } from '../schema.ts';
import { updateVersioned } from '../versioned.ts';
import { uuidIn } from './uuid-list.ts';

export type UserRow = typeof users.$inferSelect;

export async function userById(q: Queryable, id: string, options: { lock?: boolean } = {}): Promise<UserRow | undefined> {
  const base = q.select().from(users).where(eq(users.id, id));
  const [row] = options.lock ? await base.for('update') : await base;
  return row;
}

export async function userByUsername(q: Queryable, username: string): Promise<UserRow | undefined> {
  const [row] = await q.select().from(users).where(eq(users.username, username));
  return row;
}

export async function userDisplayName(q: Queryable, id: string): Promise<string | null> {
  const [row] = await q.select({ name: users.displayName }).from(users).where(eq(users.id, id));
  return row?.name ?? null;
}

/** Display names by user id. */
export async function userNames(q: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await q.select({ id: users.id, name: users.displayName }).from(users).where(uuidIn(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Every account, by username. */
export async function allUsers(q: Queryable): Promise<UserRow[]> {
  return q.select().from(users).orderBy(asc(users.username));
}

/**
 * Accounts whose username or display name contains `text` (any case), by username: one page
 * (every match when `limit` is null), and how many match in all.
 */
export async function searchUsers(
  q: Queryable,
  text: string,
  page: { limit: number | null; offset: number },
): Promise<{ rows: UserRow[]; total: number }> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = text === '' ? undefined : or(ilike(users.username, pattern), ilike(users.displayName, pattern));
  const base = q.select().from(users).where(where).orderBy(asc(users.username)).offset(page.offset);
  const rows = page.limit === null ? await base : await base.limit(page.limit);
  const [counted] = await q.select({ n: count() }).from(users).where(where);
  return { rows, total: Number(counted?.n ?? 0) };
}

export async function activeUsers(q: Queryable): Promise<UserRow[]> {
  return q.select().from(users).where(eq(users.active, true));
}

export async function insertUser(q: Queryable, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await q.insert(users).values(values).returning();
  return row!;
}

export async function updateUserVersioned(q: Queryable, id: string, version: number, values: Partial<typeof users.$inferInsert>) {
  return updateVersioned(q, users, id, version, values);
}

/** Sets the account's password hash (not version-checked: the account holder or an administrator acts now). */
export async function setPasswordHash(q: Queryable, id: string, passwordHash: string, mustChangePassword: boolean): Promise<void> {
  await q
    .update(users)
    .set({ passwordHash, mustChangePassword, version: sql`${users.version} + 1` })
    .where(eq(users.id, id));
}

export async function insertSession(q: Queryable, values: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
  await q.insert(sessions).values(values);
}

export async function revokeSession(q: Queryable, tokenHash: string, at: Date): Promise<void> {
  await q.update(sessions).set({ revokedAt: at }).where(eq(sessions.tokenHash, tokenHash));
}

/** Revokes the user's live sessions (all but `keepTokenHash`); how many. */
export async function revokeSessionsOf(q: Queryable, userId: string, at: Date, keepTokenHash: string | null = null): Promise<number> {
  const revoked = await q
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), ...(keepTokenHash ? [ne(sessions.tokenHash, keepTokenHash)] : [])))
    .returning({ tokenHash: sessions.tokenHash });
  return revoked.length;
}

/**
 * What makes a session live, as SQL over `sessions s join users u on u.id = s.user_id` (`token`
 * and `now` are the statement's placeholders): the rule of `liveSession` below, for the statements
 * that read a session together with what a request writes, in one round trip (pdc-write-facts.ts).
 * A change to the one is a change to the other.
 */
export const LIVE_SESSION_SQL = (token: string, now: string) =>
  `s.token_hash = ${token} and s.revoked_at is null and s.expires_at > ${now}::timestamptz and u.active`;

/** The active account behind a live (unrevoked, unexpired at `now`) session (the same rule as LIVE_SESSION_SQL). */
export async function userOfLiveSession(q: Queryable, tokenHash: string, now: Date): Promise<UserRow | undefined> {
  const [row] = await preparedOn(q, 'waypoint_live_session', liveSession).execute({ tokenHash, now: now.toISOString() });
  return row?.user;
}

const liveSession = (q: Queryable, name: string) =>
  q
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql.placeholder('now')),
        eq(users.active, true),
      ),
    )
    .prepare(name);

/** The office the user works in, if they are placed in one. */
export async function userOfficeCode(q: Queryable, id: string): Promise<string | null> {
  const [row] = await q.select({ officeCode: users.officeCode }).from(users).where(eq(users.id, id));
  return row?.officeCode ?? null;
}

export async function countUsers(q: Queryable): Promise<number> {
  const [row] = await q.select({ n: count() }).from(users);
  return Number(row?.n ?? 0);
}
