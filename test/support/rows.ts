/** Counts every table's rows: "bad input changes nothing" is checked by comparing counts and versions. */
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../src/store/db.ts';

const TABLES = [
  'users',
  'sessions',
  'persons',
  'person_details',
  'relationships',
  'integrated_cases',
  'assessments',
  'audit_events',
] as const;

export async function snapshot(db: Db): Promise<Record<string, number | string>> {
  const counts: Record<string, number | string> = {};
  for (const table of TABLES) {
    const result = await db.execute(sql.raw(`select count(*)::int as n from ${table}`));
    const rows = (Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows) as { n: number }[];
    counts[table] = Number(rows[0]!.n);
  }
  // Versions catch in-place updates that add no row.
  for (const table of ['persons', 'relationships', 'integrated_cases', 'assessments']) {
    const result = await db.execute(sql.raw(`select coalesce(sum(version), 0)::int as v from ${table}`));
    const rows = (Array.isArray(result) ? result : (result as { rows: { v: number }[] }).rows) as { v: number }[];
    counts[`${table}.versions`] = Number(rows[0]!.v);
  }
  return counts;
}

/** Sends a request that must be refused with `status` and `code`, checks no row changed, and returns the problem body. */
export async function expectRefusedNoChange(
  db: Db,
  send: () => Promise<{ status: number; body: any }>,
  status: number,
  code: string,
): Promise<any> {
  const before = await snapshot(db);
  const response = await send();
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expect(await snapshot(db)).toEqual(before);
  return response.body;
}
