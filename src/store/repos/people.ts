/** People: the person record and lookups by id. */
import { and, asc, count, eq, ilike, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { DEFAULT_OFFICE, personDetails, persons, users } from '../schema.ts';
import { updateVersioned } from '../versioned.ts';
import { uuidIn } from './uuid-list.ts';

export { DEFAULT_OFFICE };

export type PersonRow = typeof persons.$inferSelect;

export async function personById(q: Queryable, id: string, options: { lock?: boolean } = {}): Promise<PersonRow | undefined> {
  const base = q.select().from(persons).where(eq(persons.id, id));
  const [row] = options.lock ? await base.for('update') : await base;
  return row;
}

/** The reference number of each of these people. */
export async function personReferences(q: Queryable, ids: readonly string[]): Promise<{ id: string; reference: string }[]> {
  if (ids.length === 0) return [];
  return q.select({ id: persons.id, reference: persons.reference }).from(persons).where(uuidIn(persons.id, ids));
}

export type PersonDetailRow = typeof personDetails.$inferSelect;

/** These people, and their birth dates, locked in id order (a change touching several people). */
export async function lockPeople(q: Queryable, ids: readonly string[]): Promise<{ id: string; birthDate: string }[]> {
  if (ids.length === 0) return [];
  return q
    .select({ id: persons.id, birthDate: persons.birthDate })
    .from(persons)
    .where(inArray(persons.id, [...ids]))
    .orderBy(persons.id)
    .for('update');
}

export async function peopleByIds(q: Queryable, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return q.select().from(persons).where(uuidIn(persons.id, ids));
}

/** The recorded details (effective-dated) of these people, in recording order. */
export async function detailsOfPeople(q: Queryable, ids: readonly string[]): Promise<PersonDetailRow[]> {
  if (ids.length === 0) return [];
  return q
    .select()
    .from(personDetails)
    .where(inArray(personDetails.personId, [...ids]))
    .orderBy(asc(personDetails.seq));
}

/** Everyone born on one of these dates (ISO): the possible-duplicate check's candidates. */
export async function peopleBornOn(q: Queryable, birthDates: readonly string[]): Promise<PersonRow[]> {
  if (birthDates.length === 0) return [];
  return q
    .select()
    .from(persons)
    .where(inArray(persons.birthDate, [...birthDates]));
}

export async function insertPerson(q: Queryable, values: typeof persons.$inferInsert): Promise<PersonRow> {
  const [row] = await q.insert(persons).values(values).returning();
  return row!;
}

export async function updatePersonVersioned(q: Queryable, id: string, version: number, values: Partial<typeof persons.$inferInsert>) {
  return updateVersioned(q, persons, id, version, values);
}

export async function insertPersonDetails(q: Queryable, rows: readonly (typeof personDetails.$inferInsert)[]): Promise<PersonDetailRow[]> {
  if (rows.length === 0) return [];
  return q
    .insert(personDetails)
    .values([...rows])
    .returning();
}

/** A person search (docs/access-control.md "Searching"): name-word and family-name prefixes, a birth date, and the searcher's clearance. */
export interface PersonSearch {
  /** Each matches the start of the given or the family name. */
  readonly words: readonly string[];
  /** One of them starts the family name. */
  readonly familyPrefixes: readonly string[];
  readonly birthDate: string | null;
  /** People above this user's clearance are left out. */
  readonly searcherId: string;
}

function searchCondition(search: PersonSearch) {
  const prefix = (w: string) => `${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const conditions: SQL[] = [
    ...search.words.map((w) => or(ilike(persons.givenName, prefix(w)), ilike(persons.familyName, prefix(w)))!),
    or(...search.familyPrefixes.map((w) => ilike(persons.familyName, prefix(w))))!,
    lte(persons.sensitivity, sql`(select ${users.clearance} from ${users} where ${users.id} = ${search.searcherId})`),
  ];
  if (search.birthDate) conditions.push(eq(persons.birthDate, search.birthDate));
  return and(...conditions);
}

/** One page of matching ids (by name and birth date), and how many match, counted up to `countCap` + 1. */
export async function searchPersonIds(q: Queryable, search: PersonSearch, page: { limit: number; offset: number; countCap: number }) {
  const where = searchCondition(search);
  const rows = await q
    .select({ id: persons.id })
    .from(persons)
    .where(where)
    .orderBy(asc(persons.familyName), asc(persons.givenName), asc(persons.birthDate), asc(persons.id))
    .limit(page.limit)
    .offset(page.offset);
  const capped = q
    .select({ id: persons.id })
    .from(persons)
    .where(where)
    .limit(page.countCap + 1)
    .as('capped');
  const [counted] = await q.select({ n: count() }).from(capped);
  return { ids: rows.map((r) => r.id), matches: Number(counted?.n ?? 0) };
}
