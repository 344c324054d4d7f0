/** Evidence on a learner case: a record per piece, and its numbered versions (in edit, active, superseded...). */
import { and, asc, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { executeNamedAndCommit } from '../pipeline.ts';
import { evidence, evidenceVersions, persons, users } from '../schema.ts';
import { updateVersioned } from '../versioned.ts';
import { INSERT_AUDIT_EVENTS, rowAsJsonSql } from './json-rows.ts';

export type EvidenceRow = typeof evidence.$inferSelect;
export type EvidenceVersionRow = typeof evidenceVersions.$inferSelect;
type NewVersion = typeof evidenceVersions.$inferInsert;

export async function evidenceById(q: Queryable, id: string): Promise<EvidenceRow | undefined> {
  const [row] = await q.select().from(evidence).where(eq(evidence.id, id));
  return row;
}

export async function insertEvidenceVersion(q: Queryable, values: NewVersion): Promise<EvidenceVersionRow> {
  const [row] = await q.insert(evidenceVersions).values(values).returning();
  return row!;
}

/**
 * Parameters: $1 the case, $2 the type, $3 who enters it; the first version's $4 subtype, $5 person,
 * $6 amount (cents), $7 period start, $8 period end, $9 note, $10 approval; the audit event's $11
 * action, $12 record type and $13 record id; $14 the record's id, or null for a new one (an id is
 * given when an Idempotency-Key was claimed for it). Its `after` is both rows as inserted.
 */
const ADD_EVIDENCE = `
  with e as (
    insert into evidence (id, pdc_id, type, created_by) values (coalesce($14::uuid, gen_random_uuid()), $1::uuid, $2, $3::uuid) returning *
  ), v as (
    insert into evidence_versions (evidence_id, number, kind, subtype, person_id, amount_cents, period_start, period_end, note, status, approval, created_by)
    select e.id, 1, 'original', $4, $5::uuid, $6::bigint, $7::date, $8::date, $9, 'in-edit', $10, e.created_by from e
    returning *
  ), a as (
    ${INSERT_AUDIT_EVENTS}
    select e.created_by, $11, $12, $13,
      jsonb_build_object('evidence', ${rowAsJsonSql(evidence, 'e')}, 'version', ${rowAsJsonSql(evidenceVersions, 'v')})
    from e, v
  )
  select e.id as evidence_id, v.id as version_id from e, v`;

/**
 * A new evidence record, its first version (in edit) and the audit event recording both, in one
 * statement, the last of its transaction, sent with the COMMIT (`executeNamedAndCommit`: in a
 * `pipelinedTransaction` on PostgreSQL one round trip for both): the event is the one `recordAudit`
 * would write, its `after` being `{ evidence, version }` exactly as Drizzle reads the two rows.
 */
export async function insertEvidenceWithFirstVersionAndCommit(
  q: Queryable,
  record: { id?: string | null | undefined; pdcId: string; type: string; createdBy: string },
  first: Pick<NewVersion, 'subtype' | 'personId' | 'amountCents' | 'periodStart' | 'periodEnd' | 'note' | 'approval'>,
  audit: { action: string; recordType: string; recordId: string },
): Promise<{ evidenceId: string; versionId: string }> {
  const [row] = await executeNamedAndCommit<{ evidence_id: string; version_id: string }>(q, {
    name: 'waypoint_add_evidence',
    text: ADD_EVIDENCE,
    params: [
      record.pdcId,
      record.type,
      record.createdBy,
      first.subtype ?? null,
      first.personId ?? null,
      first.amountCents ?? null,
      first.periodStart,
      first.periodEnd ?? null,
      first.note ?? '',
      first.approval,
      audit.action,
      audit.recordType,
      audit.recordId,
      record.id ?? null,
    ],
  });
  return { evidenceId: row!.evidence_id, versionId: row!.version_id };
}

/** The record's first version (the one it was added with). */
export async function firstVersionOf(q: Queryable, evidenceId: string): Promise<EvidenceVersionRow | undefined> {
  const [row] = await q
    .select()
    .from(evidenceVersions)
    .where(and(eq(evidenceVersions.evidenceId, evidenceId), eq(evidenceVersions.number, 1)));
  return row;
}

/** A version with its evidence record. */
export async function evidenceVersionById(q: Queryable, versionId: string): Promise<{ v: EvidenceVersionRow; e: EvidenceRow } | undefined> {
  const [row] = await q
    .select({ v: evidenceVersions, e: evidence })
    .from(evidenceVersions)
    .innerJoin(evidence, eq(evidence.id, evidenceVersions.evidenceId))
    .where(eq(evidenceVersions.id, versionId));
  return row;
}

/** The number the record's next version takes. */
export async function nextVersionNumber(q: Queryable, evidenceId: string): Promise<number> {
  const [row] = await q
    .select({ n: max(evidenceVersions.number) })
    .from(evidenceVersions)
    .where(eq(evidenceVersions.evidenceId, evidenceId));
  return (row?.n ?? 0) + 1;
}

/** An in-edit correction of this version, if one is pending. */
export async function pendingCorrectionOf(q: Queryable, versionId: string): Promise<{ id: string; number: number } | undefined> {
  const [row] = await q
    .select({ id: evidenceVersions.id, number: evidenceVersions.number })
    .from(evidenceVersions)
    .where(and(eq(evidenceVersions.correctsVersionId, versionId), eq(evidenceVersions.status, 'in-edit')))
    .limit(1);
  return row;
}

/** The record's newest active version. */
export async function latestActiveVersion(q: Queryable, evidenceId: string): Promise<EvidenceVersionRow | undefined> {
  const [row] = await q
    .select()
    .from(evidenceVersions)
    .where(and(eq(evidenceVersions.evidenceId, evidenceId), eq(evidenceVersions.status, 'active')))
    .orderBy(desc(evidenceVersions.number))
    .limit(1);
  return row;
}

/** Every version of the evidence on these cases, by record and number, with its type and case. */
export async function versionsOfCases(q: Queryable, pdcIds: readonly string[]) {
  if (pdcIds.length === 0) return [];
  return q
    .select({ v: evidenceVersions, type: evidence.type, pdcId: evidence.pdcId })
    .from(evidenceVersions)
    .innerJoin(evidence, eq(evidence.id, evidenceVersions.evidenceId))
    .where(inArray(evidence.pdcId, [...pdcIds]))
    .orderBy(asc(evidenceVersions.evidenceId), asc(evidenceVersions.number));
}

/** The case's evidence for display: every version with who entered it and the person it names. */
export async function evidenceListing(q: Queryable, pdcId: string) {
  return q
    .select({ v: evidenceVersions, e: evidence, by: users.displayName, personGiven: persons.givenName, personFamily: persons.familyName })
    .from(evidenceVersions)
    .innerJoin(evidence, eq(evidence.id, evidenceVersions.evidenceId))
    .innerJoin(users, eq(users.id, evidenceVersions.createdBy))
    .leftJoin(persons, eq(persons.id, evidenceVersions.personId))
    .where(eq(evidence.pdcId, pdcId))
    .orderBy(asc(evidence.createdAt), asc(evidenceVersions.number));
}

/** Applies an in-edit version (it becomes active) and marks the versions it supersedes. */
export async function applyVersion(q: Queryable, versionId: string, superseded: readonly string[], at: Date, by: string): Promise<void> {
  if (superseded.length)
    await q
      .update(evidenceVersions)
      .set({ status: 'superseded', version: sql`${evidenceVersions.version} + 1` })
      .where(inArray(evidenceVersions.id, [...superseded]));
  await q
    .update(evidenceVersions)
    .set({ status: 'active', appliedAt: at, appliedBy: by, version: sql`${evidenceVersions.version} + 1` })
    .where(eq(evidenceVersions.id, versionId));
}

export async function updateEvidenceVersionVersioned(q: Queryable, id: string, version: number, values: Partial<NewVersion>) {
  return updateVersioned(q, evidenceVersions, id, version, values);
}
