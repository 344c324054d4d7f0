/** Audit events: appended, never changed (except the sealer's chain columns, audit-seal.ts). */
import type { Queryable } from '../db.ts';
import { auditEvents } from '../schema.ts';

export type NewAuditEvent = typeof auditEvents.$inferInsert;

/** Appends events, in multi-row inserts of 500. */
export async function insertAuditEvents(q: Queryable, rows: readonly NewAuditEvent[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await q.insert(auditEvents).values(rows.slice(i, i + 500));
}
