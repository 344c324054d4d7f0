/** Offices: where users work and people belong (access by caseload, docs/access-control.md). */
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { offices } from '../schema.ts';

export type OfficeRow = typeof offices.$inferSelect;

export async function allOffices(q: Queryable): Promise<OfficeRow[]> {
  return q.select().from(offices).orderBy(asc(offices.code));
}

export async function officeByCode(q: Queryable, code: string): Promise<OfficeRow | undefined> {
  const [row] = await q.select().from(offices).where(eq(offices.code, code));
  return row;
}

/** Creates the office; null when one with that code exists. */
export async function insertOffice(q: Queryable, values: typeof offices.$inferInsert): Promise<OfficeRow | null> {
  const [row] = await q.insert(offices).values(values).onConflictDoNothing().returning();
  return row ?? null;
}
