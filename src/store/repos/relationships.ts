/** Relationships between people (spouse or partner, dependant), with their dates: the household of a person. */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { union } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db.ts';
import { relationships } from '../schema.ts';
import { updateVersioned } from '../versioned.ts';
import { uuidIn } from './uuid-list.ts';

export type RelationshipRow = typeof relationships.$inferSelect;
type NewRelationship = typeof relationships.$inferInsert;

/** Relationships touching the person (either side), by start date. */
export async function relationshipsOfPerson(q: Queryable, personId: string): Promise<RelationshipRow[]> {
  return q
    .select()
    .from(relationships)
    .where(or(eq(relationships.personId, personId), eq(relationships.relatedPersonId, personId)))
    .orderBy(asc(relationships.startDate));
}

/** Relationships touching any of these people. */
export async function relationshipsOfPeople(q: Queryable, personIds: readonly string[]): Promise<RelationshipRow[]> {
  if (personIds.length === 0) return [];
  return q
    .select()
    .from(relationships)
    .where(or(inArray(relationships.personId, [...personIds]), inArray(relationships.relatedPersonId, [...personIds])));
}

/**
 * The household of a person: every relationship touching them, and those naming anyone they were
 * ever partnered with as the related person (a partner's dependants).
 */
export async function householdRelationshipsOf(q: Queryable, personId: string): Promise<RelationshipRow[]> {
  return householdRelationshipsQuery(q, personId);
}

/**
 * The statement of `householdRelationshipsOf` (its plan is tested: test/integration/household-lookup.test.ts);
 * `spouseOnly`: only its spouse relationships (who is partnered, as two-attending detection needs).
 */
export function householdRelationshipsQuery(q: Queryable, personId: string, options: { spouseOnly?: boolean } = {}) {
  // One statement: the partners are a subquery; the person's own relationships come first, by start date.
  // The rows are found by id from a union of index lookups: an OR of the person's columns with a
  // subquery cannot use the indexes, and read the whole table for every lookup.
  const partners = q
    .select({
      id: sql`case when ${relationships.personId} = ${personId} then ${relationships.relatedPersonId} else ${relationships.personId} end`,
    })
    .from(relationships)
    .where(and(eq(relationships.kind, 'spouse'), or(eq(relationships.personId, personId), eq(relationships.relatedPersonId, personId))));
  const touching = or(eq(relationships.personId, personId), eq(relationships.relatedPersonId, personId));
  const kind = options.spouseOnly ? eq(relationships.kind, 'spouse') : undefined;
  const ids = union(
    q.select({ id: relationships.id }).from(relationships).where(and(touching, kind)),
    q
      .select({ id: relationships.id })
      .from(relationships)
      .where(and(inArray(relationships.relatedPersonId, partners), kind)),
  );
  return q
    .select()
    .from(relationships)
    .where(inArray(relationships.id, ids))
    .orderBy(sql`case when ${touching} then 0 else 1 end`, asc(relationships.startDate), asc(relationships.id));
}

/**
 * The spouse relationships around these people (who is partnered: two-attending detection), in two
 * statements as `relationshipsAround` reads whole households: those touching them (`direct`), and
 * those naming as the related person any partner `partnersOf` finds in them; each by start date.
 */
export async function partnershipsAround(
  q: Queryable,
  personIds: readonly string[],
  partnersOf: (direct: readonly RelationshipRow[]) => string[],
): Promise<{ direct: RelationshipRow[]; viaPartners: RelationshipRow[] }> {
  if (personIds.length === 0) return { direct: [], viaPartners: [] };
  const spouse = eq(relationships.kind, 'spouse');
  const direct = await q
    .select()
    .from(relationships)
    .where(and(spouse, or(uuidIn(relationships.personId, personIds), uuidIn(relationships.relatedPersonId, personIds))))
    .orderBy(asc(relationships.startDate), asc(relationships.id));
  const partners = partnersOf(direct);
  const viaPartners = partners.length
    ? await q
        .select()
        .from(relationships)
        .where(and(spouse, uuidIn(relationships.relatedPersonId, partners)))
        .orderBy(asc(relationships.startDate), asc(relationships.id))
    : [];
  return { direct, viaPartners };
}

export async function relationshipById(q: Queryable, id: string): Promise<RelationshipRow | undefined> {
  const [row] = await q.select().from(relationships).where(eq(relationships.id, id));
  return row;
}

export async function insertRelationship(q: Queryable, values: NewRelationship): Promise<RelationshipRow> {
  const [row] = await q.insert(relationships).values(values).returning();
  return row!;
}

export async function updateRelationshipVersioned(q: Queryable, id: string, version: number, values: Partial<NewRelationship>) {
  return updateVersioned(q, relationships, id, version, values);
}
