/** Contacts with a person (interactions). */
import { desc, eq, max } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { interactions, users } from '../schema.ts';

/** The date (ISO) of the latest recorded contact with the person, if any. */
export async function lastContactOn(q: Queryable, personId: string): Promise<string | null> {
  const [row] = await q
    .select({ last: max(interactions.occurredOn) })
    .from(interactions)
    .where(eq(interactions.personId, personId));
  return row?.last ?? null;
}

export type InteractionRow = typeof interactions.$inferSelect;

export async function insertInteraction(q: Queryable, values: typeof interactions.$inferInsert): Promise<InteractionRow> {
  const [row] = await q.insert(interactions).values(values).returning();
  return row!;
}

export async function interactionById(q: Queryable, id: string): Promise<InteractionRow | undefined> {
  const [row] = await q.select().from(interactions).where(eq(interactions.id, id));
  return row;
}

/** The person's contacts, newest first, with who recorded each. */
export async function interactionsOfPerson(q: Queryable, personId: string, limit: number) {
  return q
    .select({ i: interactions, by: users.displayName })
    .from(interactions)
    .innerJoin(users, eq(users.id, interactions.recordedBy))
    .where(eq(interactions.personId, personId))
    .orderBy(desc(interactions.occurredOn), desc(interactions.createdAt))
    .limit(limit);
}
