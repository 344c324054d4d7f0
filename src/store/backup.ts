/**
 * Logical backup and restore (`waypoint backup FILE`, `waypoint restore FILE`), the same for both
 * engines: a backup taken on PGlite restores into PostgreSQL and the other way round.
 *
 * The file is JSON lines (gzip when asked, or when the name ends in .gz):
 *   1. a header: format and version, when, the engine, the migrations applied, and every table of
 *      schema `public` in dependency order (parents first) with its columns, types and sort key;
 *   2. per table, `{"table":name}`, one JSON array per row (every value as PostgreSQL's own text
 *      form, or null: bigint, date, timestamptz, jsonb and arrays round-trip exactly), then
 *      `{"tableEnd":name,"rows":n}`;
 *   3. `{"sequences":[...]}`: every sequence's state;
 *   4. a trailer `{"end":true,"rows":n,"sha256":...}`: the hash of every byte before it, so a
 *      truncated or altered file is refused before anything is written.
 * The backup reads one consistent snapshot (a REPEATABLE READ, read-only transaction) and is written
 * to a temporary file renamed into place, so a crash never leaves a half-written backup under FILE.
 *
 * A restore goes into an empty, migrated database only, at the same migrations as the backup, in a
 * single transaction: it locks every table, refuses a database with data, switches off the tables'
 * own triggers for the duration (the audit hash chain must keep the hashes it had, not recompute
 * them; append-only guards do not fire on INSERT anyway), inserts in dependency order with foreign
 * keys still checked, puts audit_chain_head and every sequence back, and checks the row counts and
 * the chain head before committing. Anything wrong rolls the whole restore back.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fsyncSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { type SQL, sql } from 'drizzle-orm';
import { type Database, type Queryable, rowsOf } from './db.ts';

export const BACKUP_FORMAT = 'waypoint-backup';
export const BACKUP_FORMAT_VERSION = 1;

export type BackupErrorCode = 'BACKUP_CORRUPT' | 'BACKUP_INCOMPATIBLE' | 'RESTORE_TARGET_NOT_EMPTY' | 'RESTORE_CHECK_FAILED';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'BackupError';
  }
}

export interface BackupColumn {
  readonly name: string;
  /** format_type(): e.g. "uuid", "text[]", "timestamp with time zone". */
  readonly type: string;
}

export interface BackupTable {
  readonly name: string;
  readonly columns: readonly BackupColumn[];
  /** The columns rows are sorted by: the primary key, else a unique index on non-null columns, else every column. */
  readonly key: readonly string[];
  /** Whether `key` identifies a row (so rows can be read a page at a time after the last key). */
  readonly unique: boolean;
}

export interface BackupHeader {
  readonly format: typeof BACKUP_FORMAT;
  readonly formatVersion: number;
  readonly createdAt: string;
  readonly engine: Database['engine'];
  readonly serverVersion: string;
  readonly migrations: readonly { readonly hash: string; readonly createdAt: string }[];
  readonly tables: readonly BackupTable[];
  readonly sequences: readonly string[];
}

export interface SequenceState {
  readonly name: string;
  readonly lastValue: string;
  readonly isCalled: boolean;
}

export interface BackupSummary {
  readonly file: string;
  readonly tables: number;
  readonly rows: number;
  readonly rowsByTable: Readonly<Record<string, number>>;
  readonly sequences: number;
  readonly bytes: number;
}

export interface RestoreSummary {
  readonly tables: number;
  readonly rows: number;
  readonly rowsByTable: Readonly<Record<string, number>>;
  readonly sequences: number;
  readonly header: BackupHeader;
}

/**
 * Tables the migrations fill (a fresh database is "empty" with these rows in them): the condition
 * a row meets when it is still as the migration left it. A restore replaces their rows.
 */
const MIGRATION_SEEDED: Readonly<Record<string, string>> = {
  audit_chain_head: `id = 1 and last_index = 0 and last_hash = repeat('0', 64)`,
  offices: `code = 'main' and name = 'Main office'`,
};

const PAGE = 2000;
/** Bind parameters per INSERT (PostgreSQL allows 65535). */
const MAX_PARAMS = 30_000;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const qualified = (name: string) => `public.${ident(name)}`;

async function query<T>(q: Queryable, statement: SQL | string): Promise<T[]> {
  return rowsOf<T>(await q.execute(typeof statement === 'string' ? sql.raw(statement) : statement));
}

/** Text forms that do not depend on the session: UTC instants, ISO dates, hex bytea, exact floats. */
async function fixSessionFormats(q: Queryable): Promise<void> {
  for (const setting of [
    `timezone = 'UTC'`,
    `datestyle = 'ISO, YMD'`,
    `intervalstyle = 'postgres'`,
    `extra_float_digits = 3`,
    `bytea_output = 'hex'`,
  ]) {
    await q.execute(sql.raw(`set local ${setting}`));
  }
}

// ---------------------------------------------------------------------------------------------
// The catalogue: tables, columns, keys, foreign keys, sequences, migrations (both engines).

export async function listTables(q: Queryable): Promise<BackupTable[]> {
  const names = (
    await query<{ name: string }>(
      q,
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
    )
  ).map((r) => r.name);
  const columns = await query<{ table: string; name: string; type: string; notnull: boolean; num: number }>(
    q,
    `select c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as notnull, a.attnum as num
     from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
     order by c.relname, a.attnum`,
  );
  const indexes = await query<{ table: string; index: string; primary: boolean; columns: string[] }>(
    q,
    `select c.relname as table, ic.relname as index, i.indisprimary as primary,
            array(select a.attname from unnest(i.indkey::int2[]) with ordinality k(attnum, ord)
                  join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum order by k.ord)::text[] as columns
     from pg_index i join pg_class c on c.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid
     join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and i.indisunique and i.indpred is null and i.indexprs is null
     order by c.relname, i.indisprimary desc, ic.relname`,
  );
  const foreign = await query<{ child: string; parent: string }>(
    q,
    `select distinct ch.relname as child, pa.relname as parent
     from pg_constraint k join pg_class ch on ch.oid = k.conrelid join pg_class pa on pa.oid = k.confrelid
     join pg_namespace n on n.oid = ch.relnamespace
     where k.contype = 'f' and n.nspname = 'public'`,
  );
  const byTable = new Map<string, BackupTable>();
  for (const name of names) {
    const cols = columns.filter((c) => c.table === name);
    const notNull = new Set(cols.filter((c) => c.notnull).map((c) => c.name));
    const unique = indexes.filter((i) => i.table === name);
    const key = unique.find((i) => i.primary)?.columns ?? unique.find((i) => i.columns.every((c) => notNull.has(c)))?.columns;
    byTable.set(name, {
      name,
      columns: cols.map((c) => ({ name: c.name, type: c.type })),
      key: [...(key ?? cols.map((c) => c.name))],
      unique: key !== undefined,
    });
  }
  // Parents before children (Kahn, by name among equals); a self-reference does not order.
  const parents = new Map(
    names.map((n) => [n, new Set(foreign.filter((f) => f.child === n && f.parent !== n && byTable.has(f.parent)).map((f) => f.parent))]),
  );
  const ordered: BackupTable[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter((n) => !placed.has(n) && [...parents.get(n)!].every((p) => placed.has(p)));
    // A cycle of foreign keys: take the rest by name (the restore's foreign-key checks will say if that fails).
    const next = ready.length ? ready : names.filter((n) => !placed.has(n));
    for (const n of next) {
      placed.add(n);
      ordered.push(byTable.get(n)!);
    }
  }
  return ordered;
}

async function listSequences(q: Queryable): Promise<string[]> {
  return (
    await query<{ name: string }>(
      q,
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
    )
  ).map((r) => r.name);
}

async function sequenceStates(q: Queryable, names: readonly string[]): Promise<SequenceState[]> {
  const states: SequenceState[] = [];
  for (const name of names) {
    const [row] = await query<{ last_value: string; is_called: boolean }>(
      q,
      `select last_value::text as last_value, is_called from ${qualified(name)}`,
    );
    states.push({
      name,
      lastValue: row!.last_value,
      isCalled: row!.is_called === true || String(row!.is_called) === 't' || String(row!.is_called) === 'true',
    });
  }
  return states;
}

/** Sequences that feed a column (bigserial, identity): after a restore they must be past its largest value. */
async function ownedSequences(q: Queryable): Promise<{ sequence: string; table: string; column: string }[]> {
  return query(
    q,
    `select s.relname as sequence, t.relname as table, a.attname as column
     from pg_depend d join pg_class s on s.oid = d.objid and s.relkind = 'S'
     join pg_class t on t.oid = d.refobjid join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
     join pg_namespace n on n.oid = s.relnamespace
     where n.nspname = 'public' and d.deptype in ('a', 'i')`,
  );
}

/** The drizzle migrations applied (schema "drizzle", not backed up as data). */
export async function appliedMigrations(q: Queryable): Promise<{ hash: string; createdAt: string }[]> {
  const [exists] = await query<{ found: boolean }>(q, `select to_regclass('drizzle.__drizzle_migrations') is not null as found`);
  if (!exists?.found) return [];
  return (
    await query<{ hash: string; created_at: string }>(
      q,
      `select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by id`,
    )
  ).map((m) => ({
    hash: m.hash,
    createdAt: m.created_at,
  }));
}

// ---------------------------------------------------------------------------------------------
// Reading rows.

/** Every row of a table, in key order, each value as text (or null), a page at a time. */
export async function* tableRows(q: Queryable, table: BackupTable): AsyncGenerator<(string | null)[]> {
  const select = table.columns.map((c) => `${ident(c.name)}::text`).join(', ');
  const order = table.key.map(ident).join(', ');
  const keyIndex = table.key.map((k) => table.columns.findIndex((c) => c.name === k));
  const keyTypes = table.key.map((k) => table.columns.find((c) => c.name === k)!.type);
  const paged = table.unique && keyIndex.every((i) => i >= 0);
  let after: (string | null)[] | null = null;
  for (;;) {
    let statement: SQL;
    const base = `select ${select} from ${qualified(table.name)}`;
    if (after === null) statement = sql.raw(`${base} order by ${order}${paged ? ` limit ${PAGE}` : ''}`);
    else {
      const bound = after.map((v, i) => sql`${v}::text::${sql.raw(keyTypes[i]!)}`);
      statement = sql`${sql.raw(base)} where (${sql.raw(order)}) > (${sql.join(bound, sql`, `)}) order by ${sql.raw(order)} limit ${sql.raw(String(PAGE))}`;
    }
    const rows = await query<Record<string, string | null>>(q, statement);
    for (const row of rows) yield table.columns.map((c) => row[c.name] ?? null);
    if (rows.length < PAGE || !paged) return;
    const last = rows.at(-1)!;
    after = keyIndex.map((i) => last[table.columns[i]!.name] ?? null);
  }
}

// ---------------------------------------------------------------------------------------------
// Backup.

class HashingLineWriter {
  readonly hash = createHash('sha256');
  bytes = 0;
  constructor(private readonly out: Writable) {}

  async line(value: unknown, hashed = true): Promise<void> {
    const text = `${JSON.stringify(value)}\n`;
    if (hashed) this.hash.update(text, 'utf8');
    this.bytes += Buffer.byteLength(text);
    if (!this.out.write(text)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }
}

/** Writes a backup of the whole database to `file` (gzip when `gzip` or when the name ends in .gz). */
export async function backupDatabase(
  database: Database,
  file: string,
  options: { gzip?: boolean; now?: () => Date } = {},
): Promise<BackupSummary> {
  const gzip = options.gzip ?? file.endsWith('.gz');
  const partial = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.partial-${process.pid}`);
  const fileStream = createWriteStream(partial, { flags: 'wx' });
  const opened = new Promise<void>((resolve, reject) => fileStream.once('open', () => resolve()).once('error', reject));
  let out: Writable = fileStream;
  if (gzip) {
    const z = createGzip();
    z.pipe(fileStream);
    out = z;
  }
  const finished = new Promise<void>((resolve, reject) => {
    fileStream.once('close', resolve);
    fileStream.once('error', reject);
    out.once('error', reject);
  });
  try {
    await opened;
    const writer = new HashingLineWriter(out);
    const summary = await database.db.transaction(
      async (tx) => {
        await fixSessionFormats(tx);
        const [version] = await query<{ v: string }>(tx, `select current_setting('server_version') as v`);
        const tables = await listTables(tx);
        const sequences = await listSequences(tx);
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          createdAt: (options.now?.() ?? new Date()).toISOString(),
          engine: database.engine,
          serverVersion: version?.v ?? '',
          migrations: await appliedMigrations(tx),
          tables,
          sequences,
        };
        await writer.line(header);
        const rowsByTable: Record<string, number> = {};
        let rows = 0;
        for (const table of tables) {
          await writer.line({ table: table.name });
          let n = 0;
          for await (const row of tableRows(tx, table)) {
            await writer.line(row);
            n += 1;
          }
          await writer.line({ tableEnd: table.name, rows: n });
          rowsByTable[table.name] = n;
          rows += n;
        }
        // Read last: a sequence is not transactional, so now it is past every value in the snapshot.
        await writer.line({ sequences: await sequenceStates(tx, sequences) });
        return { tables: tables.length, rows, rowsByTable, sequences: sequences.length };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    await writer.line({ end: true, rows: summary.rows, sha256: writer.hash.digest('hex') }, false);
    out.end();
    await finished;
    const fd = openSync(partial, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, file);
    return { file, ...summary, bytes: writer.bytes };
  } catch (error) {
    out.destroy();
    fileStream.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a backup file.

function isGzip(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const magic = Buffer.alloc(2);
    return readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** The file's lines (gunzipped when it is gzip); read errors and damaged gzip data throw. */
async function* linesOf(file: string): AsyncGenerator<string> {
  const input = createReadStream(file);
  let stream: Readable = input;
  if (isGzip(file)) {
    stream = input.pipe(createGunzip());
    input.once('error', (error) => stream.destroy(error));
  }
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  try {
    for await (const chunk of stream) {
      buffer += decoder.write(chunk as Buffer);
      let start = 0;
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n', start)) {
        yield buffer.slice(start, i);
        start = i + 1;
      }
      buffer = buffer.slice(start);
    }
    buffer += decoder.end();
    if (buffer.length) yield buffer;
  } finally {
    stream.destroy();
    input.destroy();
  }
}

type Item =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'rows'; table: BackupTable; rows: (string | null)[][] }
  | { kind: 'tableEnd'; table: BackupTable; rows: number }
  | { kind: 'sequences'; sequences: SequenceState[] };

const corrupt = (file: string, line: number, what: string) =>
  new BackupError(
    'BACKUP_CORRUPT',
    `${file}, line ${line}: ${what}. The file is damaged or is not a Waypoint backup; nothing was restored.`,
  );

/**
 * Reads a backup file, checking its structure as it goes and its checksum at the end; yields the
 * header, batches of rows per table, table ends and the sequences. Throws BACKUP_CORRUPT at the
 * first thing wrong (a consumer writing inside a transaction then rolls back).
 */
async function* readBackup(file: string, batchRows: (table: BackupTable) => number): AsyncGenerator<Item> {
  const hash = createHash('sha256');
  let header: BackupHeader | null = null;
  let tableIndex = -1;
  let table: BackupTable | null = null;
  let batch: (string | null)[][] = [];
  let inTable = 0;
  let total = 0;
  let sequencesSeen = false;
  let ended = false;
  let n = 0;
  try {
    for await (const text of linesOf(file)) {
      n += 1;
      if (ended) throw corrupt(file, n, 'text after the end of the backup');
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw corrupt(file, n, 'not valid JSON');
      }
      const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
      if (obj && obj.end === true) {
        if (!sequencesSeen) throw corrupt(file, n, 'the backup ends before its sequences');
        if (obj.rows !== total) throw corrupt(file, n, `the trailer counts ${String(obj.rows)} rows, the file has ${total}`);
        if (obj.sha256 !== hash.digest('hex')) throw corrupt(file, n, 'the checksum does not match the contents');
        ended = true;
        continue;
      }
      hash.update(`${text}\n`, 'utf8');
      if (!header) {
        if (!obj || obj.format !== BACKUP_FORMAT) throw corrupt(file, n, 'no Waypoint backup header');
        if (obj.formatVersion !== BACKUP_FORMAT_VERSION)
          throw new BackupError(
            'BACKUP_INCOMPATIBLE',
            `${file} is backup format version ${String(obj.formatVersion)}; this Waypoint reads version ${BACKUP_FORMAT_VERSION}.`,
          );
        if (!Array.isArray(obj.tables) || !Array.isArray(obj.migrations) || !Array.isArray(obj.sequences))
          throw corrupt(file, n, 'the header is incomplete');
        header = obj as unknown as BackupHeader;
        yield { kind: 'header', header };
        continue;
      }
      if (Array.isArray(value)) {
        if (!table) throw corrupt(file, n, 'a row outside a table section');
        if (value.length !== table.columns.length || !value.every((v) => v === null || typeof v === 'string'))
          throw corrupt(file, n, `a ${table.name} row does not have its ${table.columns.length} columns`);
        batch.push(value as (string | null)[]);
        inTable += 1;
        total += 1;
        if (batch.length >= batchRows(table)) {
          yield { kind: 'rows', table, rows: batch };
          batch = [];
        }
        continue;
      }
      if (obj && typeof obj.table === 'string') {
        if (table) throw corrupt(file, n, `table ${obj.table} starts before ${table.name} ends`);
        tableIndex += 1;
        const expected = header.tables[tableIndex];
        if (!expected || expected.name !== obj.table)
          throw corrupt(file, n, `table ${obj.table} is not the next one the header lists (${expected?.name ?? 'none'})`);
        table = expected;
        inTable = 0;
        continue;
      }
      if (obj && typeof obj.tableEnd === 'string') {
        if (!table || table.name !== obj.tableEnd) throw corrupt(file, n, `an end of table ${obj.tableEnd} out of place`);
        if (obj.rows !== inTable)
          throw corrupt(file, n, `table ${table.name} should have ${String(obj.rows)} rows, the file has ${inTable}`);
        if (batch.length) yield { kind: 'rows', table, rows: batch };
        batch = [];
        yield { kind: 'tableEnd', table, rows: inTable };
        table = null;
        continue;
      }
      if (obj && Array.isArray(obj.sequences)) {
        if (table || tableIndex !== header.tables.length - 1) throw corrupt(file, n, 'the sequences come before every table has ended');
        const states = obj.sequences as SequenceState[];
        if (
          !states.every(
            (s) =>
              s &&
              typeof s.name === 'string' &&
              typeof s.lastValue === 'string' &&
              /^-?\d+$/.test(s.lastValue) &&
              typeof s.isCalled === 'boolean',
          )
        )
          throw corrupt(file, n, 'a sequence state is malformed');
        sequencesSeen = true;
        yield { kind: 'sequences', sequences: states };
        continue;
      }
      throw corrupt(file, n, 'an unexpected line');
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    // zlib: "unexpected end of file", "incorrect header check"...
    throw new BackupError(
      'BACKUP_CORRUPT',
      `${file}: ${error instanceof Error ? error.message : String(error)}. The file is damaged; nothing was restored.`,
    );
  }
  if (!header) throw corrupt(file, n, 'the file is empty');
  if (!ended) throw corrupt(file, n, 'the backup is cut short (no trailer)');
}

/** Reads the whole file and checks it (structure, counts, checksum) without touching a database. */
export async function verifyBackupFile(file: string): Promise<{ header: BackupHeader; rows: number; rowsByTable: Record<string, number> }> {
  let header: BackupHeader | null = null;
  const rowsByTable: Record<string, number> = {};
  let rows = 0;
  for await (const item of readBackup(file, () => 5000)) {
    if (item.kind === 'header') header = item.header;
    if (item.kind === 'tableEnd') {
      rowsByTable[item.table.name] = item.rows;
      rows += item.rows;
    }
  }
  return { header: header!, rows, rowsByTable };
}

// ---------------------------------------------------------------------------------------------
// Restore.

const sameColumns = (a: readonly BackupColumn[], b: readonly BackupColumn[]) =>
  a.length === b.length && a.every((c, i) => c.name === b[i]!.name && c.type === b[i]!.type);

async function insertRows(q: Queryable, table: BackupTable, rows: readonly (string | null)[][]): Promise<void> {
  const columns = table.columns.map((c) => ident(c.name)).join(', ');
  const values = rows.map(
    (row) =>
      sql`(${sql.join(
        row.map((v, i) => sql`${v}::text::${sql.raw(table.columns[i]!.type)}`),
        sql`, `,
      )})`,
  );
  await q.execute(
    sql`insert into ${sql.raw(qualified(table.name))} (${sql.raw(columns)}) overriding system value values ${sql.join(values, sql`, `)}`,
  );
}

/**
 * Restores `file` into `database`, which must be migrated to the backup's migrations and empty.
 * One transaction: on any error nothing is left behind.
 */
export async function restoreDatabase(database: Database, file: string): Promise<RestoreSummary> {
  // Check the whole file first: a damaged backup is refused before the database is touched.
  const checked = await verifyBackupFile(file);
  const header = checked.header;
  const migrations = await appliedMigrations(database.db);
  const want = header.migrations.map((m) => m.hash);
  const have = migrations.map((m) => m.hash);
  if (want.length !== have.length || want.some((h, i) => h !== have[i])) {
    throw new BackupError(
      'BACKUP_INCOMPATIBLE',
      `The backup was taken at ${want.length} migrations and this database has ${have.length}${want.length === have.length ? ' different ones' : ''}. Restore with the Waypoint version that made the backup (then upgrade), into a database it migrated.`,
    );
  }
  return database.db.transaction(async (tx) => {
    await fixSessionFormats(tx);
    const target = await listTables(tx);
    const byName = new Map(target.map((t) => [t.name, t]));
    for (const t of header.tables) {
      const mine = byName.get(t.name);
      if (!mine) throw new BackupError('BACKUP_INCOMPATIBLE', `This database has no table ${t.name}.`);
      if (!sameColumns(mine.columns, t.columns))
        throw new BackupError('BACKUP_INCOMPATIBLE', `Table ${t.name} has different columns here than in the backup.`);
    }
    const extra = target.filter((t) => !header.tables.some((h) => h.name === t.name));
    if (extra.length)
      throw new BackupError('BACKUP_INCOMPATIBLE', `This database has tables the backup does not: ${extra.map((t) => t.name).join(', ')}.`);

    // Nobody writes while we check and fill (and ALTER TABLE needs this lock anyway).
    await tx.execute(sql.raw(`lock table ${target.map((t) => qualified(t.name)).join(', ')} in access exclusive mode`));
    const nonEmpty: string[] = [];
    for (const t of target) {
      const seeded = MIGRATION_SEEDED[t.name];
      const [row] = await query<{ found: boolean }>(
        tx,
        `select exists (select 1 from ${qualified(t.name)}${seeded ? ` where not (${seeded})` : ''}) as found`,
      );
      if (row?.found) nonEmpty.push(t.name);
    }
    if (nonEmpty.length) {
      throw new BackupError(
        'RESTORE_TARGET_NOT_EMPTY',
        `The database already has data (${nonEmpty.join(', ')}). A restore goes into an empty database only: create a new database (or point WAYPOINT_DATA_DIR at a new folder), then run waypoint restore again. Nothing was changed.`,
      );
    }
    for (const name of Object.keys(MIGRATION_SEEDED)) if (byName.has(name)) await tx.execute(sql.raw(`delete from ${qualified(name)}`));

    // The tables' own triggers stay off while rows go back as they were (internal foreign-key triggers stay on).
    const triggered = (
      await query<{ table: string }>(
        tx,
        `select distinct c.relname as table from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and not g.tgisinternal order by 1`,
      )
    ).map((r) => r.table);
    for (const t of triggered) await tx.execute(sql.raw(`alter table ${qualified(t)} disable trigger user`));

    const rowsByTable: Record<string, number> = {};
    let rows = 0;
    let sequences: SequenceState[] = [];
    const batchRows = (t: BackupTable) => Math.max(1, Math.min(500, Math.floor(MAX_PARAMS / Math.max(1, t.columns.length))));
    for await (const item of readBackup(file, batchRows)) {
      if (item.kind === 'rows') {
        await insertRows(tx, item.table, item.rows);
        rowsByTable[item.table.name] = (rowsByTable[item.table.name] ?? 0) + item.rows.length;
        rows += item.rows.length;
      } else if (item.kind === 'tableEnd') rowsByTable[item.table.name] ??= 0;
      else if (item.kind === 'sequences') sequences = item.sequences;
    }
    for (const t of triggered) await tx.execute(sql.raw(`alter table ${qualified(t)} enable trigger user`));

    const known = new Set(await listSequences(tx));
    for (const s of sequences) {
      if (!known.has(s.name)) throw new BackupError('BACKUP_INCOMPATIBLE', `This database has no sequence ${s.name}.`);
      await tx.execute(sql`select setval(${qualified(s.name)}, ${s.lastValue}::text::bigint, ${s.isCalled})`);
    }
    // A column's sequence is never behind the column (a backup from an older format could be).
    for (const o of await ownedSequences(tx)) {
      await tx.execute(
        sql.raw(
          `select setval('${qualified(o.sequence).replaceAll("'", "''")}', m) from (select max(${ident(o.column)})::bigint as m from ${qualified(o.table)}) x
           where m is not null and m > (select case when is_called then last_value else last_value - 1 end from ${qualified(o.sequence)})`,
        ),
      );
    }

    // The checks before committing: every row arrived, and the chain head matches the last event.
    for (const t of header.tables) {
      const [row] = await query<{ n: string }>(tx, `select count(*)::text as n from ${qualified(t.name)}`);
      if (Number(row!.n) !== (checked.rowsByTable[t.name] ?? 0)) {
        throw new BackupError(
          'RESTORE_CHECK_FAILED',
          `Table ${t.name} has ${row!.n} rows after the restore; the backup has ${checked.rowsByTable[t.name] ?? 0}. Nothing was restored.`,
        );
      }
    }
    if (byName.has('audit_chain_head') && byName.has('audit_events')) {
      const [head] = await query<{ ok: boolean }>(
        tx,
        `select coalesce((select h.last_index = coalesce(e.chain_index, 0) and h.last_hash = coalesce(e.hash, repeat('0', 64))
           from audit_chain_head h left join (select chain_index, hash from audit_events order by chain_index desc nulls last limit 1) e on true
           where h.id = 1), false) as ok`,
      );
      if (!head?.ok)
        throw new BackupError(
          'RESTORE_CHECK_FAILED',
          'The audit chain head does not match the last audit event in the backup. Nothing was restored.',
        );
    }
    return { tables: header.tables.length, rows, rowsByTable, sequences: sequences.length, header };
  });
}
