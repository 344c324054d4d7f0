/** Many rows in one statement: the rows as one JSON parameter, expanded by `jsonb_to_recordset` (PostgreSQL and PGlite alike). */
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import { PgArray, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { type Queryable, rowsOf } from '../db.ts';

/**
 * An audit event for each row inserted, written by the same statement: the event `recordAudit`
 * (app/audit.ts) would write, its `after` the row as Drizzle reads it (rowAsJsonSql), `before` none.
 */
export interface InsertAudit {
  /** The table inserted into (its columns give the event's `after`). */
  readonly of: PgTable;
  readonly actorId: string | null;
  readonly action: string;
  readonly recordType: string;
}

/**
 * The head of a statement writing audit events for rows just written, followed by a `select` of the
 * actor, action, record type, record id and `after` (a row as `rowAsJsonSql` renders it): the event
 * `recordAudit` (app/audit.ts) would write, unsealed, with no `before`.
 */
export const INSERT_AUDIT_EVENTS = 'insert into audit_events (actor_id, action, record_type, record_id, after)';

export async function insertJsonRows<R = Record<string, unknown>>(
  q: Queryable,
  table: string,
  columns: Readonly<Record<string, string>>,
  rows: readonly Readonly<Record<string, unknown>>[],
  options: { readonly onConflict?: string; readonly returning?: string; readonly audit?: InsertAudit } = {},
): Promise<R[]> {
  if (rows.length === 0) return [];
  const names = Object.keys(columns).join(', ');
  const spec = Object.entries(columns)
    .map(([c, t]) => `${c} ${t}`)
    .join(', ');
  const conflict = options.onConflict ? ` on conflict ${options.onConflict}` : '';
  const insert = sql`insert into ${sql.raw(table)} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${sql.raw(spec)})${sql.raw(conflict)}`;
  const { audit } = options;
  if (!audit) return rowsOf<R>(await q.execute(sql`${insert}${sql.raw(options.returning ? ` returning ${options.returning}` : '')}`));
  // The events in the order of the rows returned (the order inserted), as recordAudit row by row would.
  const result = await q.execute(sql`
    with inserted as (${insert} returning *),
    audited as (
      ${sql.raw(INSERT_AUDIT_EVENTS)}
      select ${audit.actorId}::uuid, ${audit.action}, ${audit.recordType}, i.id::text, ${sql.raw(rowAsJsonSql(audit.of, 'i'))} from inserted i
    )
    select ${sql.raw(options.returning ?? 'null')} from inserted`);
  return rowsOf<R>(result);
}

/** How each column type Drizzle reads renders in JSON.stringify of the row it returns. */
const JSON_OF_COLUMN: Readonly<Record<string, (ref: string) => string>> = {
  PgUUID: (ref) => ref,
  PgText: (ref) => ref,
  PgInteger: (ref) => ref,
  PgBigInt53: (ref) => ref,
  PgBoolean: (ref) => ref,
  PgDateString: (ref) => ref,
  // A JS Date: toISOString, in UTC to the millisecond (truncated, as the drivers parse it).
  PgTimestamp: (ref) => `to_char(${ref} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

/** An array column renders as a JSON array when its elements render as themselves (text[]: strings). */
function jsonOfColumn(column: PgColumn): ((ref: string) => string) | undefined {
  if (column instanceof PgArray) return JSON_OF_COLUMN[column.baseColumn.columnType] === JSON_OF_COLUMN.PgText ? (ref) => ref : undefined;
  return JSON_OF_COLUMN[column.columnType];
}

/**
 * A SQL expression giving the row `alias` of `table` as the jsonb that JSON.stringify of the Drizzle
 * row would give (camelCase keys, dates as text, timestamps as ISO instants): for an audit event
 * written in the same statement as the rows it records.
 */
export function rowAsJsonSql(table: PgTable, alias: string): string {
  const fields = Object.entries(getTableColumns(table)).map(([key, column]) => {
    const render = jsonOfColumn(column);
    if (!render) throw new Error(`rowAsJsonSql: no JSON form for ${column.columnType} (${getTableName(table)}.${column.name})`);
    return `'${key}', ${render(`${alias}."${column.name}"`)}`;
  });
  return `jsonb_build_object(${fields.join(', ')})`;
}
