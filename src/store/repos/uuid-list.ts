/**
 * `column = any('{...}'::uuid[])`: membership in a list of ids as one parameter, however long the
 * list. Batch work asks about hundreds of ids at a time; `inArray` makes a parameter of each, and
 * building that statement costs more than running it. The ids are checked to be UUIDs (the array
 * literal then needs no quoting).
 */
import { type Column, type SQL, sql } from 'drizzle-orm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuidIn(column: Column | SQL, ids: readonly string[]): SQL {
  for (const id of ids) if (!UUID.test(id)) throw new TypeError(`not a UUID: ${id}`);
  return sql`${column} = any(${`{${ids.join(',')}}`}::uuid[])`;
}
