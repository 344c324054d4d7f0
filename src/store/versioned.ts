/**
 * Optimistic concurrency: an update names the version it read; it applies only if the row still
 * has that version, and bumps it. Otherwise nothing changes and the caller learns why.
 */
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from './db.ts';

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

export type VersionedUpdate<Row> =
  | { ok: true; row: Row }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'stale'; currentVersion: number };

export async function updateVersioned<T extends VersionedTable>(
  q: Queryable,
  table: T,
  id: string,
  expectedVersion: number,
  values: Partial<T['$inferInsert']>,
): Promise<VersionedUpdate<T['$inferSelect']>> {
  const set = { ...values, version: sql`${table.version} + 1` } as Record<string, unknown>;
  const updated = (await q
    .update(table)
    .set(set as never)
    .where(and(eq(table.id, id), eq(table.version, expectedVersion)) as SQL)
    .returning()) as T['$inferSelect'][];
  if (updated[0]) return { ok: true, row: updated[0] };
  const [current] = (await q
    .select({ version: table.version })
    .from(table as PgTable)
    .where(eq(table.id, id))) as { version: number }[];
  return current ? { ok: false, reason: 'stale', currentVersion: current.version } : { ok: false, reason: 'not-found' };
}

const PREFIXES = { person: 'P', integrated_case: 'IC', service_plan: 'SP', pdc: 'PDC' } as const;

/** Next human-friendly reference from a sequence: P-000123, IC-000045, SP-000007, PDC-000002. */
export async function nextReference(q: Queryable, kind: keyof typeof PREFIXES): Promise<string> {
  const prefix = PREFIXES[kind];
  const result = await q.execute(sql.raw(`select nextval('${kind}_reference_seq')::int as n`));
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number | string }[];
  return `${prefix}-${String(rows[0]!.n).padStart(6, '0')}`;
}
