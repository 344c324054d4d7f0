/**
 * Batch work on many learner cases at once (jobs/reassessment.ts, the two-attending scan). Reads:
 * each what the one-case path reads (app/benefits/snapshot.ts, determinations.ts, holds.ts,
 * person-view.ts), for a whole chunk in one statement. Writes: a chunk's rows in one statement per table.
 */
import { and, asc, desc, eq, inArray, or } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { determinationMonths, determinations, productDeliveryCases, relationships, twoAttendingSituations } from '../schema.ts';
import { type InsertAudit, insertJsonRows } from './json-rows.ts';
import { liveLearnerCase } from './product-delivery-cases.ts';
import { uuidIn } from './uuid-list.ts';

type CaseRow = typeof productDeliveryCases.$inferSelect;
type RelationshipRow = typeof relationships.$inferSelect;

/** The cases, locked for update in id order (the order every worker locks them in). */
export async function lockCases(q: Queryable, pdcIds: readonly string[]): Promise<CaseRow[]> {
  if (pdcIds.length === 0) return [];
  return q
    .select()
    .from(productDeliveryCases)
    .where(uuidIn(productDeliveryCases.id, pdcIds))
    .orderBy(asc(productDeliveryCases.id))
    .for('update');
}

export async function casesByIds(q: Queryable, pdcIds: readonly string[]): Promise<CaseRow[]> {
  if (pdcIds.length === 0) return [];
  return q.select().from(productDeliveryCases).where(uuidIn(productDeliveryCases.id, pdcIds));
}

/** The live (detected or coordinated) two-attending situations of these cases. */
export async function liveSituationsOfCases(q: Queryable, pdcIds: readonly string[]) {
  if (pdcIds.length === 0) return [];
  return q
    .select()
    .from(twoAttendingSituations)
    .where(
      and(
        inArray(twoAttendingSituations.status, ['detected', 'coordinated']),
        or(uuidIn(twoAttendingSituations.firstPdcId, pdcIds), uuidIn(twoAttendingSituations.secondPdcId, pdcIds)),
      ),
    );
}

/** Each case's latest determination with its months (in month order), in two statements. */
export async function latestDeterminationsOf(q: Queryable, pdcIds: readonly string[]) {
  if (pdcIds.length === 0) return new Map();
  const latest = await q
    .selectDistinctOn([determinations.pdcId])
    .from(determinations)
    .where(uuidIn(determinations.pdcId, pdcIds))
    .orderBy(determinations.pdcId, desc(determinations.version));
  const months = latest.length
    ? await q
        .select()
        .from(determinationMonths)
        .where(
          uuidIn(
            determinationMonths.determinationId,
            latest.map((d) => d.id),
          ),
        )
        .orderBy(determinationMonths.determinationId, determinationMonths.month)
    : [];
  const byDetermination = new Map<string, (typeof months)[number][]>();
  for (const m of months) {
    const list = byDetermination.get(m.determinationId);
    if (list) list.push(m);
    else byDetermination.set(m.determinationId, [m]);
  }
  return new Map(latest.map((d) => [d.pdcId, { ...d, months: byDetermination.get(d.id) ?? [] }]));
}

/** The relationships of these people, and those whose related person is one of `partners` (the partners' dependants). */
export async function relationshipsAround(
  q: Queryable,
  personIds: readonly string[],
  partnersOf: (direct: readonly RelationshipRow[]) => string[],
) {
  if (personIds.length === 0) return { direct: [], viaPartners: [] };
  const direct = await q
    .select()
    .from(relationships)
    .where(or(uuidIn(relationships.personId, personIds), uuidIn(relationships.relatedPersonId, personIds)));
  const partners = partnersOf(direct);
  const viaPartners = partners.length ? await q.select().from(relationships).where(uuidIn(relationships.relatedPersonId, partners)) : [];
  return { direct, viaPartners };
}

/**
 * Many rows into a table in one statement: the rows travel as one JSON parameter and
 * `jsonb_to_recordset` turns them back into typed rows (no statement built per row or value, the
 * same on both engines). `columns` names each column (snake_case, as the row's keys) with its type;
 * `returning` what to give back. Table, column and type names are this module's constants.
 */

/**
 * Two-attending situations, each unless its pair has a live one, with the audit event of each
 * inserted (`audit`: its action, by the actor) in the same statement; the id and pair of each inserted, in order.
 */
export async function insertSituations(
  q: Queryable,
  rows: readonly Readonly<Record<string, unknown>>[],
  audit: Omit<InsertAudit, 'of' | 'recordType'>,
): Promise<{ id: string; pairKey: string }[]> {
  const inserted = await insertJsonRows<{ id: string; pair_key: string }>(
    q,
    'two_attending_situations',
    { first_pdc_id: 'uuid', second_pdc_id: 'uuid', pair_key: 'text', months: 'text[]', status: 'text', responsible_coordinator_id: 'uuid' },
    rows,
    {
      onConflict: "(pair_key) where status in ('detected', 'coordinated') do nothing",
      returning: 'id::text, pair_key',
      audit: { ...audit, of: twoAttendingSituations, recordType: 'two_attending' },
    },
  );
  return inserted.map((r) => ({ id: r.id, pairKey: r.pair_key }));
}

export interface DeterminationRow {
  readonly pdc_id: string;
  readonly version: number;
  readonly reason: string;
  readonly determined_on: string;
  readonly created_by: string | null;
}

/** New determination versions; their ids by case. */
export async function insertDeterminations(q: Queryable, rows: readonly DeterminationRow[]): Promise<Map<string, string>> {
  const ids = await insertJsonRows<{ id: string; pdc_id: string }>(
    q,
    'determinations',
    { pdc_id: 'uuid', version: 'integer', reason: 'text', determined_on: 'date', created_by: 'uuid' },
    rows as unknown as Record<string, unknown>[],
    { returning: 'id::text, pdc_id::text' },
  );
  return new Map(ids.map((r) => [r.pdc_id, r.id]));
}

export async function insertDeterminationMonths(q: Queryable, rows: readonly Readonly<Record<string, unknown>>[]): Promise<void> {
  await insertJsonRows(
    q,
    'determination_months',
    {
      determination_id: 'uuid',
      month: 'text',
      components: 'jsonb',
      needs_cents: 'bigint',
      resources_cents: 'bigint',
      entitlement_cents: 'bigint',
      held: 'boolean',
      hold_reason: 'text',
    },
    rows,
  );
}

export async function insertPaymentDifferences(q: Queryable, rows: readonly Readonly<Record<string, unknown>>[]): Promise<void> {
  await insertJsonRows(
    q,
    'payment_differences',
    {
      pdc_id: 'uuid',
      determination_id: 'uuid',
      month: 'text',
      previous_cents: 'bigint',
      new_cents: 'bigint',
      difference_cents: 'bigint',
      kind: 'text',
    },
    rows,
  );
}

/** Every live learner case (by person, then id) and the spouse relationships of their people, read 5,000 people at a time. */
export async function liveLearnerCasesAndSpouses(
  q: Queryable,
): Promise<{ cases: { id: string; personId: string }[]; spouses: { a: string; b: string }[] }> {
  const cases = await q
    .select({ id: productDeliveryCases.id, personId: productDeliveryCases.personId })
    .from(productDeliveryCases)
    .where(liveLearnerCase())
    .orderBy(asc(productDeliveryCases.personId), asc(productDeliveryCases.id));
  const people = [...new Set(cases.map((c) => c.personId))];
  const spouses: { a: string; b: string }[] = [];
  for (let i = 0; i < people.length; i += 5000) {
    const slice = people.slice(i, i + 5000);
    spouses.push(
      ...(await q
        .select({ a: relationships.personId, b: relationships.relatedPersonId })
        .from(relationships)
        .where(
          and(eq(relationships.kind, 'spouse'), or(uuidIn(relationships.personId, slice), uuidIn(relationships.relatedPersonId, slice))),
        )),
    );
  }
  return { cases, spouses };
}
