/** Many rows in one statement: the rows as one JSON parameter, expanded by `jsonb_to_recordset` (PostgreSQL and PGlite alike). */
import { sql } from 'drizzle-orm';
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
