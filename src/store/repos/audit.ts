/** Audit events: appended, never changed (except the sealer's chain columns, audit-seal.ts). */
import type { Queryable } from '../db.ts';
import type { auditEvents } from '../schema.ts';
import { insertJsonRows } from './json-rows.ts';

export type NewAuditEvent = typeof auditEvents.$inferInsert;

/**
 * Appends events, up to 5,000 in one statement: the rows travel as one JSON parameter
 * (json-rows.ts), so a batch chunk's events cost no statement built per value. `before` and
 * `after` are stored as JSON exactly as the column would store them (dates as ISO strings); `at`
 * is the transaction's time, as the column's default gives it.
 */
export async function insertAuditEvents(q: Queryable, rows: readonly NewAuditEvent[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000)
    await insertJsonRows(
      q,
      'audit_events',
      { actor_id: 'uuid', action: 'text', record_type: 'text', record_id: 'text', before: 'jsonb', after: 'jsonb' },
      rows.slice(i, i + 5000).map((r) => ({
        actor_id: r.actorId ?? null,
        action: r.action,
        record_type: r.recordType,
        record_id: r.recordId,
        before: r.before ?? null,
        after: r.after ?? null,
      })),
    );
}
