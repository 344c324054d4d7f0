/** Contacts with a person (interactions). */
import { eq, max } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { interactions } from '../schema.ts';

/** The date (ISO) of the latest recorded contact with the person, if any. */
export async function lastContactOn(q: Queryable, personId: string): Promise<string | null> {
  const [row] = await q.select({ last: max(interactions.occurredOn) }).from(interactions).where(eq(interactions.personId, personId));
  return row?.last ?? null;
}
