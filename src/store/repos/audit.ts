/** Audit events: appended, never changed (except the sealer's chain columns, audit-seal.ts). */
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db.ts';
import { auditEvents, users } from '../schema.ts';

export type NewAuditEvent = typeof auditEvents.$inferInsert;

/** Appends events, in multi-row inserts of 500. */
export async function insertAuditEvents(q: Queryable, rows: readonly NewAuditEvent[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await q.insert(auditEvents).values(rows.slice(i, i + 500));
}

/** The events about one record, oldest first, with the actor's name. */
export async function auditEventsOf(q: Queryable, recordType: string, recordId: string, limit: number) {
  return q
    .select({
      seq: auditEvents.seq,
      at: auditEvents.at,
      actorId: auditEvents.actorId,
      actorName: users.displayName,
      action: auditEvents.action,
      recordType: auditEvents.recordType,
      recordId: auditEvents.recordId,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.recordType, recordType), eq(auditEvents.recordId, recordId)))
    .orderBy(asc(auditEvents.seq))
    .limit(limit);
}
