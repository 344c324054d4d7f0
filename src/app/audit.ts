/**
 * Audit events: who did what, when, to which record, with before and after. Written in the same
 * transaction as the change it records; append-only (a database trigger refuses DELETE, and UPDATE
 * except the sealer's). An event is inserted unsealed and touches no shared row: the sealer
 * (audit-seal.ts) chains it with a keyed hash after it commits (docs/audit-integrity.md).
 */
import type { Queryable } from '../store/db.ts';
import { type NewAuditEvent as AuditRow, insertAuditEvents } from '../store/repos/audit.ts';
import type { AuditAction } from './audit-actions.ts';
import type { Actor } from './context.ts';

/**
 * The kinds of record an audit event is about (`audit_events.record_type`): the one list every audit
 * writer takes its type from (`AuditEntry`; the events src/store writes itself are of `task` and
 * `two_attending`) and the audit search accepts (`GET /api/audit?recordType=`).
 */
export const AUDIT_RECORD_TYPES = [
  'person',
  'relationship',
  'integrated_case',
  'assessment',
  'user',
  'office',
  'service_plan',
  'plan_item',
  'task',
  'pdc',
  'debt',
  'payment-run',
  'two_attending',
  'training_exception',
] as const;
export type AuditRecordType = (typeof AUDIT_RECORD_TYPES)[number];

export interface AuditEntry {
  /** One of the catalogue's actions (app/audit-actions.ts), so that every action written reads in words. */
  readonly action: AuditAction;
  readonly recordType: AuditRecordType;
  readonly recordId: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Transactions whose audit events are held until `flushDeferredAudit` (batch chunks). */
const deferred = new WeakMap<Queryable, AuditRow[]>();

export async function recordAudit(q: Queryable, actor: Actor | null, entry: AuditEntry): Promise<void> {
  const row: AuditRow = {
    actorId: actor?.userId ?? null,
    action: entry.action,
    recordType: entry.recordType,
    recordId: entry.recordId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  };
  const pending = deferred.get(q);
  if (pending) pending.push(row);
  else await insertAuditEvents(q, [row]);
}

/**
 * Batch work (jobs/chunked.ts): a chunk's audit events are written together at the end of its
 * transaction, still before it commits (all or nothing with the changes they record), in
 * one statement instead of one round trip per event.
 */
export function deferAudit(tx: Queryable): void {
  deferred.set(tx, []);
}

export async function flushDeferredAudit(tx: Queryable): Promise<void> {
  const rows = deferred.get(tx) ?? [];
  deferred.delete(tx);
  await insertAuditEvents(tx, rows);
}
