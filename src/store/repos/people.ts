/** People: the person record and lookups by id. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { personDetails, persons } from '../schema.ts';

export type PersonRow = typeof persons.$inferSelect;

export async function personById(q: Queryable, id: string, options: { lock?: boolean } = {}): Promise<PersonRow | undefined> {
  const base = q.select().from(persons).where(eq(persons.id, id));
  const [row] = options.lock ? await base.for('update') : await base;
  return row;
}

/** The reference number of each of these people. */
export async function personReferences(q: Queryable, ids: readonly string[]): Promise<{ id: string; reference: string }[]> {
  if (ids.length === 0) return [];
  return q.select({ id: persons.id, reference: persons.reference }).from(persons).where(inArray(persons.id, [...ids]));
}

export type PersonDetailRow = typeof personDetails.$inferSelect;

/** These people, and their birth dates, locked in id order (a change touching several people). */
export async function lockPeople(q: Queryable, ids: readonly string[]): Promise<{ id: string; birthDate: string }[]> {
  if (ids.length === 0) return [];
  return q.select({ id: persons.id, birthDate: persons.birthDate }).from(persons).where(inArray(persons.id, [...ids])).orderBy(persons.id).for('update');
}

export async function peopleByIds(q: Queryable, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return q.select().from(persons).where(inArray(persons.id, [...ids]));
}

/** The recorded details (effective-dated) of these people, in recording order. */
export async function detailsOfPeople(q: Queryable, ids: readonly string[]): Promise<PersonDetailRow[]> {
  if (ids.length === 0) return [];
  return q.select().from(personDetails).where(inArray(personDetails.personId, [...ids])).orderBy(asc(personDetails.seq));
}
