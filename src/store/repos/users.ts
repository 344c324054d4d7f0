/** Staff accounts and their sessions. */
import { eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { users } from '../schema.ts';

export type UserRow = typeof users.$inferSelect;

export async function userById(q: Queryable, id: string, options: { lock?: boolean } = {}): Promise<UserRow | undefined> {
  const base = q.select().from(users).where(eq(users.id, id));
  const [row] = options.lock ? await base.for('update') : await base;
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
  const rows = await q.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
