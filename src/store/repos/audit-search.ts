/**
 * The auditors' search of the whole audit trail (docs/audit-integrity.md): filters, keyset pages on
 * `seq`, and the references and names of the records a page mentions, in one query.
 */
import { and, asc, desc, eq, gt, gte, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '../db.ts';
import { auditEvents, users } from '../schema.ts';

export interface AuditSearchQuery {
  readonly recordType?: string | undefined;
  /** Events about any of these records (by id). */
  readonly recordIds?: readonly string[] | undefined;
  /** Events about these people: their own record, or a record whose before or after names them. */
  readonly personIds?: readonly string[] | undefined;
  /** Matched against the actor's username and display name. */
  readonly actor?: string | undefined;
  /** An action's code exactly (`session.sign-in`, not `session.sign-in-failed`), or text matched anywhere in the code (`person.`). */
  readonly action?: { readonly exactly: string } | { readonly containing: string } | undefined;
  /** From this instant (inclusive) and before this one (exclusive). */
  readonly from?: Date | undefined;
  readonly until?: Date | undefined;
  readonly order: 'oldest' | 'newest';
  /** The last `seq` of the previous page. */
  readonly cursor?: number | undefined;
}

const likeText = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditionsOf(query: AuditSearchQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.recordType) conditions.push(eq(auditEvents.recordType, query.recordType));
  if (query.recordIds) conditions.push(query.recordIds.length ? inArray(auditEvents.recordId, [...query.recordIds]) : sql`false`);
  if (query.personIds) {
    const ids = [...query.personIds];
    conditions.push(
      ids.length
        ? (or(
            and(eq(auditEvents.recordType, 'person'), inArray(auditEvents.recordId, ids)),
            inArray(sql`${auditEvents.after}->>'personId'`, ids),
            inArray(sql`${auditEvents.before}->>'personId'`, ids),
          ) as SQL)
        : sql`false`,
    );
  }
  if (query.actor) {
    const like = likeText(query.actor);
    conditions.push(or(ilike(users.username, like), ilike(users.displayName, like)) as SQL);
  }
  if (query.action)
    conditions.push(
      'exactly' in query.action
        ? eq(auditEvents.action, query.action.exactly)
        : ilike(auditEvents.action, likeText(query.action.containing)),
    );
  if (query.from) conditions.push(gte(auditEvents.at, query.from));
  if (query.until) conditions.push(lt(auditEvents.at, query.until));
  if (query.cursor !== undefined)
    conditions.push(query.order === 'newest' ? lt(auditEvents.seq, query.cursor) : gt(auditEvents.seq, query.cursor));
  return conditions;
}

/** Matching events with the actor's name, `limit` of them, in the order asked. */
export async function searchAuditEvents(q: Queryable, query: AuditSearchQuery, limit: number) {
  const conditions = conditionsOf(query);
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
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(query.order === 'newest' ? desc(auditEvents.seq) : asc(auditEvents.seq))
    .limit(limit);
}

export interface RecordLabel {
  readonly kind: 'person' | 'integrated_case' | 'service_plan' | 'pdc' | 'plan_item' | 'task' | 'user';
  readonly id: string;
  /** A reference (P-000009), a name or a title. */
  readonly label: string;
}

const idList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/** The references and names of these ids (UUIDs), whichever kind of record each is: one query. */
export async function labelsOf(q: Queryable, ids: readonly string[]): Promise<RecordLabel[]> {
  if (ids.length === 0) return [];
  const list = idList(ids);
  return rowsOf<RecordLabel>(
    await q.execute(sql`
      select 'person' as kind, id::text as id, reference as label from persons where id::text in (${list})
      union all select 'integrated_case', id::text, reference from integrated_cases where id::text in (${list})
      union all select 'service_plan', id::text, reference from service_plans where id::text in (${list})
      union all select 'pdc', id::text, reference from product_delivery_cases where id::text in (${list})
      union all select 'plan_item', id::text, coalesce(custom_name, type) from plan_items where id::text in (${list})
      union all select 'task', id::text, title from tasks where id::text in (${list})
      union all select 'user', id::text, display_name from users where id::text in (${list})`),
  );
}

/** The records with this reference (P-000009, a case's, a plan's or a benefit case's): ids and kinds. */
export async function recordsWithReference(q: Queryable, reference: string): Promise<RecordLabel[]> {
  return rowsOf<RecordLabel>(
    await q.execute(sql`
      select 'person' as kind, id::text as id, reference as label from persons where reference = ${reference}
      union all select 'integrated_case', id::text, reference from integrated_cases where reference = ${reference}
      union all select 'service_plan', id::text, reference from service_plans where reference = ${reference}
      union all select 'pdc', id::text, reference from product_delivery_cases where reference = ${reference}`),
  );
}
