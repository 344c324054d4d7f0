/** Many rows in one statement: the rows as one JSON parameter, expanded by `jsonb_to_recordset` (PostgreSQL and PGlite alike). */
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { type Queryable, rowsOf } from '../db.ts';

export async function insertJsonRows<R = Record<string, unknown>>(
  q: Queryable,
  table: string,
  columns: Readonly<Record<string, string>>,
  rows: readonly Readonly<Record<string, unknown>>[],
  options: { readonly onConflict?: string; readonly returning?: string } = {},
): Promise<R[]> {
  if (rows.length === 0) return [];
  const names = Object.keys(columns).join(', ');
  const spec = Object.entries(columns)
    .map(([c, t]) => `${c} ${t}`)
    .join(', ');
  const tail = `${options.onConflict ? ` on conflict ${options.onConflict}` : ''}${options.returning ? ` returning ${options.returning}` : ''}`;
  const result = await q.execute(
    sql`insert into ${sql.raw(table)} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${sql.raw(spec)})${sql.raw(tail)}`,
  );
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

/**
 * A SQL expression giving the row `alias` of `table` as the jsonb that JSON.stringify of the Drizzle
 * row would give (camelCase keys, dates as text, timestamps as ISO instants): for an audit event
 * written in the same statement as the rows it records.
 */
export function rowAsJsonSql(table: PgTable, alias: string): string {
  const fields = Object.entries(getTableColumns(table)).map(([key, column]) => {
    const render = JSON_OF_COLUMN[column.columnType];
    if (!render) throw new Error(`rowAsJsonSql: no JSON form for ${column.columnType} (${getTableName(table)}.${column.name})`);
    return `'${key}', ${render(`${alias}."${column.name}"`)}`;
  });
  return `jsonb_build_object(${fields.join(', ')})`;
}
