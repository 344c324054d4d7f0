/**
 * "Bad input changes nothing" for Service Plan work: the registration snapshot (rows.ts) plus row
 * counts of the plan, sub-goal, plan item, PDC, interaction, task and audit tables, and version
 * sums of the versioned ones, so an in-place update (an owner, a status, a completed task) shows.
 */
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import type { ApiResponse } from './api.ts';
import { snapshot as registrationSnapshot } from './rows.ts';

const COUNTED = ['service_plans', 'sub_goals', 'plan_items', 'product_delivery_cases', 'interactions', 'tasks', 'audit_events'] as const;
const VERSIONED = ['service_plans', 'plan_items', 'product_delivery_cases', 'tasks'] as const;

async function one(db: Db, query: string): Promise<number> {
  const result = await db.execute(sql.raw(query));
  const rows = (Array.isArray(result) ? result : (result as { rows: { n: number | string }[] }).rows) as { n: number | string }[];
  return Number(rows[0]!.n);
}

export async function planSnapshot(db: Db): Promise<Record<string, number | string>> {
  const counts = await registrationSnapshot(db);
  for (const table of COUNTED) counts[table] = await one(db, `select count(*)::int as n from ${table}`);
  for (const table of VERSIONED) counts[`${table}.versions`] = await one(db, `select coalesce(sum(version), 0)::int as n from ${table}`);
  return counts;
}

/**
 * Sends a request that must be refused: checks the status, the problem code (and field when
 * given), and that no row anywhere changed. Returns the problem body for further checks.
 */
export async function expectRefusedUnchanged(db: Db, send: () => Promise<ApiResponse>, status: number, code: string, field?: string) {
  const before = await planSnapshot(db);
  const response = await send();
  expect(response.body, JSON.stringify(response.body)).toMatchObject({ status, code, ...(field !== undefined && { field }) });
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(await planSnapshot(db)).toEqual(before);
  return response.body;
}
