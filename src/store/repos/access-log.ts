/** The access log: one row per read of a person's data; never deleted (a trigger refuses DELETE). */
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { accessLog, persons, users } from '../schema.ts';

export async function insertAccessReads(q: Queryable, rows: readonly (typeof accessLog.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await q.insert(accessLog).values([...rows]);
}

export interface AccessLogQuery {
  readonly actorId?: string | undefined;
  readonly personId?: string | undefined;
  /** The person's reference (P-000009). */
  readonly reference?: string | undefined;
  /** From this instant (inclusive) and before this one (exclusive). */
  readonly from?: Date | undefined;
  readonly until?: Date | undefined;
  readonly breakGlass?: boolean | undefined;
  /** Rows older than this `seq` (keyset paging). */
  readonly beforeSeq?: number | undefined;
}

/** Matching rows, newest first, with the actor and the person's reference. */
export async function accessLogRows(q: Queryable, query: AccessLogQuery, limit: number) {
  const conditions: SQL[] = [];
  if (query.actorId) conditions.push(eq(accessLog.actorId, query.actorId));
  if (query.personId) conditions.push(eq(accessLog.personId, query.personId));
  if (query.reference) conditions.push(eq(persons.reference, query.reference));
  if (query.from) conditions.push(gte(accessLog.at, query.from));
  if (query.until) conditions.push(lt(accessLog.at, query.until));
  if (query.breakGlass !== undefined) conditions.push(eq(accessLog.breakGlass, query.breakGlass));
  if (query.beforeSeq !== undefined) conditions.push(lt(accessLog.seq, query.beforeSeq));
  return q
    .select({ log: accessLog, actorName: users.displayName, actorUsername: users.username, reference: persons.reference })
    .from(accessLog)
    .innerJoin(users, eq(users.id, accessLog.actorId))
    .innerJoin(persons, eq(persons.id, accessLog.personId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(accessLog.seq))
    .limit(limit);
}
