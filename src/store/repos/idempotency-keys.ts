/** The Idempotency-Keys of creations (docs/api.md "Retrying a write"): one per author and key. */
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { idempotencyKeys } from '../schema.ts';

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;

/** The write this author made with this key, if any. */
export async function idempotencyKeyOf(q: Queryable, createdBy: string, key: string): Promise<IdempotencyKeyRow | undefined> {
  const [row] = await q
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.createdBy, createdBy), eq(idempotencyKeys.key, key)));
  return row;
}

/**
 * Claims the key in the write's transaction: true when this transaction now holds it; false when
 * the author already has it (a claim of a key another transaction holds waits for that one to end:
 * committed, the key is theirs; rolled back, it is claimed here).
 */
export async function claimIdempotencyKey(q: Queryable, values: typeof idempotencyKeys.$inferInsert): Promise<boolean> {
  const claimed = await q.insert(idempotencyKeys).values(values).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  return claimed.length > 0;
}
