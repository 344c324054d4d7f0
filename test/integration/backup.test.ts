/**
 * Backup and restore (src/store/backup.ts): the demo data plus some later work is backed up and
 * restored into a fresh database of the same engine and of the other engine; every table is compared
 * row by row in key order, every sequence's state, and the audit hash chain verifies. A database
 * with data and a damaged file are refused, changing nothing.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/app/audit-verify.ts';
import { createContext } from '../../src/app/create-context.ts';
import { registerPerson } from '../../src/app/people.ts';
import { BackupError, backupDatabase, restoreDatabase } from '../../src/store/backup.ts';
import type { Db } from '../../src/store/db.ts';
import { signedIn } from '../support/api.ts';
import { createTestDatabase, type Engine, testEngine } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const run = promisify(execFile);
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/** Every table of schema public, each row as JSON (UTC instants) in primary-key order; written independently of backup.ts. */
async function dumpAll(db: Db): Promise<Record<string, string[]>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    const tables = rowsOf<{ name: string }>(
      await tx.execute(
        sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
      ),
    ).map((t) => t.name);
    const dump: Record<string, string[]> = {};
    for (const table of tables) {
      const key = rowsOf<{ name: string }>(
        await tx.execute(sql`
          select k.column_name as name from information_schema.table_constraints c
          join information_schema.key_column_usage k on k.constraint_name = c.constraint_name and k.table_schema = c.table_schema and k.table_name = c.table_name
          where c.table_schema = 'public' and c.table_name = ${table} and c.constraint_type = 'PRIMARY KEY' order by k.ordinal_position`),
      ).map((k) => `t."${k.name}"`);
      // Without a primary key (determination_months, job_chunks): the whole row orders.
      const order = key.length ? key.join(', ') : 't';
      dump[table] = rowsOf<{ r: string }>(
        await tx.execute(sql.raw(`select row_to_json(t)::text as r from public."${table}" t order by ${order}`)),
      ).map((r) => r.r);
    }
    return dump;
  });
}

async function sequencesOf(db: Db): Promise<Record<string, string>> {
  const names = rowsOf<{ name: string }>(
    await db.execute(sql`select sequence_name as name from information_schema.sequences where sequence_schema = 'public' order by 1`),
  ).map((s) => s.name);
  const states: Record<string, string> = {};
  for (const name of names) {
    const [row] = rowsOf<{ v: string; c: boolean }>(
      await db.execute(sql.raw(`select last_value::text as v, is_called as c from public."${name}"`)),
    );
    states[name] = `${row!.v}/${String(row!.c)}`;
  }
  return states;
}

/** Row-by-row equality, table by table, so a difference names its table and row. */
function expectSameRows(actual: Record<string, string[]>, expected: Record<string, string[]>) {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const table of Object.keys(expected)) {
    expect(actual[table]!.length, `${table}: row count`).toBe(expected[table]!.length);
    for (const [i, row] of expected[table]!.entries()) expect(actual[table]![i], `${table} row ${i}`).toBe(row);
  }
}

const otherEngine: Engine = testEngine() === 'pglite' ? 'postgres' : 'pglite';
const otherAvailable = otherEngine === 'pglite' || Boolean(process.env.TEST_DATABASE_URL);

let server: TestServer;
let dir: string;
let plainFile: string;
let gzipFile: string;
let source: Record<string, string[]>;
let sourceSequences: Record<string, string>;
let sourceEvents: number;

beforeAll(async () => {
  server = await startTestServer({ demoData: true });
  // Later work on top of the demo data: a correction applied (a new determination version with
  // over/underpayments), a contact, an edited plan item, sessions.
  const dana = await signedIn(server.app, 'lbc.dana');
  const ada = await signedIn(server.app, 'official.ada');
  const [{ id: mariaId } = { id: '' }] = rowsOf<{ id: string }>(
    await server.database.db.execute(sql`select id from persons where given_name = 'Maria'`),
  );
  const [pdc] = rowsOf<{ id: string }>(
    await server.database.db.execute(sql`select id from product_delivery_cases where person_id = ${mariaId}`),
  );
  const evidence = (await dana.get(`/api/pdcs/${pdc!.id}/evidence`)).body.evidence;
  const childCare = evidence.find((e: { type: string }) => e.type === 'child-care').versions[0];
  expect((await dana.post(`/api/evidence-versions/${childCare.id}/correct`, { version: childCare.version, amount: '450.25' })).status).toBe(
    201,
  );
  const applied = await dana.post(`/api/pdcs/${pdc!.id}/apply`);
  expect(applied.status, JSON.stringify(applied.body)).toBe(200);
  expect(
    (
      await ada.post(`/api/people/${mariaId}/interactions`, {
        occurredOn: '2026-06-12',
        channel: 'phone',
        note: 'Asked about child care — "quotes", ünïcode & \\ backslashes.',
      })
    ).status,
  ).toBe(201);
  const [item] = rowsOf<{ id: string; version: number }>(
    await server.database.db.execute(
      sql`select id, version from plan_items where owner_id = (select id from users where username = 'official.ada') and outcome is null limit 1`,
    ),
  );
  expect(
    (await ada.patch(`/api/plan-items/${item!.id}`, { version: item!.version, description: 'Practical Nurse diploma; start confirmed.' }))
      .status,
  ).toBe(200);

  dir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-backup-'));
  plainFile = path.join(dir, 'backup.jsonl');
  gzipFile = path.join(dir, 'backup.jsonl.gz');
  source = await dumpAll(server.database.db);
  sourceSequences = await sequencesOf(server.database.db);
  const verified = await verifyAuditChain(server.database.db);
  expect(verified.ok).toBe(true);
  sourceEvents = verified.events;
  const plain = await backupDatabase(server.database, plainFile);
  const gz = await backupDatabase(server.database, gzipFile);
  expect(gz.rows).toBe(plain.rows);
  expect(readFileSync(gzipFile).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  // The snapshot is what the database holds: every table, with the data that matters in it.
  expect(plain.tables).toBe(Object.keys(source).length);
  expect(plain.rowsByTable).toEqual(Object.fromEntries(Object.entries(source).map(([t, rows]) => [t, rows.length])));
  for (const t of [
    'determinations',
    'determination_months',
    'payment_differences',
    'audit_events',
    'evidence_versions',
    'person_details',
    'sessions',
  ]) {
    expect(source[t]!.length, t).toBeGreaterThan(0);
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function restoreAndCompare(engine: Engine, file: string) {
  const target = await createTestDatabase(engine);
  try {
    const started = Date.now();
    const summary = await restoreDatabase(target, file);
    const ms = Date.now() - started;
    expectSameRows(await dumpAll(target.db), source);
    expect(await sequencesOf(target.db)).toEqual(sourceSequences);
    const verified = await verifyAuditChain(target.db);
    expect(verified.problems).toEqual([]);
    expect(verified.events).toBe(sourceEvents);
    // Life goes on after a restore: the next reference follows on and the chain grows intact.
    const ctx = createContext(target.db);
    const [official] = rowsOf<{ id: string; display_name: string }>(
      await target.db.execute(sql`select id, display_name from users where username = 'official.ada'`),
    );
    const person = await registerPerson(
      ctx,
      { userId: official!.id, displayName: official!.display_name, roles: ['authorized-official'] },
      {
        givenName: 'After',
        familyName: 'Restore',
        birthDate: '1992-02-02',
        phone: '780-555-0111',
        acknowledgeDuplicates: true,
      },
    );
    expect(person.reference).toBe(`P-${String(source.persons!.length + 1).padStart(6, '0')}`);
    expect((await verifyAuditChain(target.db)).ok).toBe(true);
    console.log(
      `restore ${path.basename(file)} -> ${engine}: ${summary.tables} tables, ${summary.rows} rows, ${summary.sequences} sequences, ${ms} ms; tables compared: ${Object.keys(source).length}, rows lost: 0`,
    );
    return summary;
  } finally {
    await target.destroy();
  }
}

describe(`backup and restore (${testEngine()})`, () => {
  it('restores into a fresh database of the same engine: every table row by row, every sequence, the audit chain', async () => {
    const summary = await restoreAndCompare(testEngine(), plainFile);
    expect(summary.tables).toBe(Object.keys(source).length);
  });

  it('restores a gzip backup the same way', async () => {
    await restoreAndCompare(testEngine(), gzipFile);
  });

  it.runIf(otherAvailable)(`restores across engines (${testEngine()} -> ${otherEngine})`, async () => {
    await restoreAndCompare(otherEngine, gzipFile);
  });

  it('refuses a database that has data, and changes nothing in it', async () => {
    const before = await dumpAll(server.database.db);
    const sequencesBefore = await sequencesOf(server.database.db);
    const refused = await restoreDatabase(server.database, plainFile).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(BackupError);
    expect((refused as BackupError).code).toBe('RESTORE_TARGET_NOT_EMPTY');
    expect((refused as Error).message).toMatch(/already has data \(.*users.*\).*empty database only/);
    expectSameRows(await dumpAll(server.database.db), before);
    expect(await sequencesOf(server.database.db)).toEqual(sequencesBefore);
    expect((await verifyAuditChain(server.database.db)).ok).toBe(true);
  });

  it('refuses a damaged file before touching the database; a consistent-looking but invalid file rolls back entirely', async () => {
    const target = await createTestDatabase();
    try {
      const empty = await dumpAll(target.db);
      const emptySequences = await sequencesOf(target.db);
      const expectRefused = async (file: string, message: RegExp) => {
        const error = await restoreDatabase(target, file).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, String(error)).toBeInstanceOf(Error);
        expect((error as Error).message).toMatch(message);
        expectSameRows(await dumpAll(target.db), empty);
        expect(await sequencesOf(target.db)).toEqual(emptySequences);
      };
      const lines = readFileSync(plainFile, 'utf8').split('\n');
      // One value altered: the checksum says so.
      const altered = path.join(dir, 'altered.jsonl');
      const at = lines.findIndex((l) => l.includes('"Maria"'));
      writeFileSync(altered, lines.map((l, i) => (i === at ? l.replace('"Maria"', '"Mario"') : l)).join('\n'));
      await expectRefused(altered, /BACKUP_CORRUPT: .*checksum does not match/);
      // Cut short: plain and gzip.
      const cut = path.join(dir, 'cut.jsonl');
      writeFileSync(cut, lines.slice(0, Math.floor(lines.length / 2)).join('\n'));
      await expectRefused(cut, /BACKUP_CORRUPT: .*cut short/);
      const gz = readFileSync(gzipFile);
      const cutGz = path.join(dir, 'cut.jsonl.gz');
      writeFileSync(cutGz, gz.subarray(0, gz.length - 200));
      await expectRefused(cutGz, /BACKUP_CORRUPT/);
      // Garbage inside the gzip stream.
      const flipped = Buffer.from(gz);
      for (let i = 200; i < 260; i++) flipped[i] = flipped[i]! ^ 0x5a;
      const badGz = path.join(dir, 'flipped.jsonl.gz');
      writeFileSync(badGz, flipped);
      await expectRefused(badGz, /BACKUP_CORRUPT/);
      // Not a backup at all.
      const other = path.join(dir, 'other.jsonl');
      writeFileSync(other, '{"hello":"world"}\n');
      await expectRefused(other, /BACKUP_CORRUPT: .*no Waypoint backup header/);
      // A well-formed file (checksum recomputed) whose rows break a foreign key: the database
      // refuses it mid-restore and the transaction leaves nothing behind, not even the cleared chain head.
      const body = lines.slice(0, -2);
      const personRow = body.findIndex((l) => l.includes('"Maria"') && l.startsWith('['));
      const row = JSON.parse(body[personRow]!) as (string | null)[];
      const header = JSON.parse(body[0]!) as { tables: { name: string; columns: { name: string }[] }[] };
      const createdBy = header.tables.find((t) => t.name === 'persons')!.columns.findIndex((c) => c.name === 'created_by');
      row[createdBy] = '00000000-0000-4000-8000-000000000000';
      body[personRow] = JSON.stringify(row);
      const text = body.map((l) => `${l}\n`).join('');
      const trailer = JSON.parse(lines.at(-2)!) as { rows: number };
      const forged = path.join(dir, 'forged.jsonl');
      writeFileSync(
        forged,
        `${text}${JSON.stringify({ end: true, rows: trailer.rows, sha256: createHash('sha256').update(text).digest('hex') })}\n`,
      );
      await expectRefused(forged, /foreign key|violates|Failed query/i);
      // The same empty database then takes the good backup.
      await restoreDatabase(target, gzipFile);
      expectSameRows(await dumpAll(target.db), source);
    } finally {
      await target.destroy();
    }
  });

  it('the CLI checks a backup file and refuses a damaged one with exit 1', async () => {
    const bin = path.resolve('bin/waypoint.js');
    const ok = await run(process.execPath, [bin, 'restore', '--check-only', gzipFile]);
    expect(ok.stdout).toMatch(/is intact: .* \d+ tables/);
    const damaged = path.join(dir, 'damaged-for-cli.jsonl');
    writeFileSync(damaged, readFileSync(plainFile, 'utf8').replace('"Maria"', '"Mario"'));
    const failed = await run(process.execPath, [bin, 'restore', '--check-only', damaged]).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/waypoint: BACKUP_CORRUPT: .*checksum/);
  });
});
