/** Failed sign-in counts per (username, client address), shared by every server (the rules: src/app/sign-in-throttle.ts). */
import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { signInThrottles as t } from '../schema.ts';

export interface ThrottleKey {
  readonly username: string;
  readonly client: string;
}

/** The back-off: free attempts, then a wait doubling from the first up to the most. */
export interface BackOff {
  readonly freeAttempts: number;
  readonly firstWaitSeconds: number;
  readonly maxWaitSeconds: number;
}

/**
 * Counts an attempt unless the pair is waiting: the increment and the wait it sets happen in one
 * statement on one row, so concurrent attempts are numbered one by one. The attempt's number, or
 * null while the pair must wait.
 */
export async function takeAttempt(
  q: Queryable,
  key: ThrottleKey,
  now: Date,
  backOff: BackOff,
  firstBlockedUntil: Date | null,
): Promise<number | null> {
  const next = sql`${t.failures} + 1`;
  const doublings = sql`least(greatest(${t.failures} + 1 - ${backOff.freeAttempts}::int, 0), 20)`;
  const [row] = await q
    .insert(t)
    .values({ username: key.username, client: key.client, failures: 1, blockedUntil: firstBlockedUntil, updatedAt: now })
    .onConflictDoUpdate({
      target: [t.username, t.client],
      set: {
        failures: next,
        blockedUntil: sql`case when ${next} >= ${backOff.freeAttempts}::int
          then ${now.toISOString()}::timestamptz + least(${backOff.firstWaitSeconds}::int * power(2, ${doublings}), ${backOff.maxWaitSeconds}::int) * interval '1 second'
          else null end`,
        updatedAt: now,
      },
      setWhere: sql`${t.blockedUntil} is null or ${t.blockedUntil} <= ${now.toISOString()}::timestamptz`,
    })
    .returning({ failures: t.failures });
  return row ? row.failures : null;
}

/** Until when the pair waits, if it does. */
export async function blockedUntil(q: Queryable, key: ThrottleKey): Promise<Date | null> {
  const [row] = await q
    .select({ until: t.blockedUntil })
    .from(t)
    .where(and(eq(t.username, key.username), eq(t.client, key.client)));
  return row?.until ?? null;
}

/** Forgets the pair's count, and every count untouched since `staleBefore`. */
export async function forgetAttempts(q: Queryable, key: ThrottleKey, staleBefore: Date): Promise<void> {
  await q.delete(t).where(or(and(eq(t.username, key.username), eq(t.client, key.client)), lt(t.updatedAt, staleBefore)));
}

/** Forgets the username's counts from every address. */
export async function forgetAllAttempts(q: Queryable, username: string): Promise<void> {
  await q.delete(t).where(eq(t.username, username));
}
