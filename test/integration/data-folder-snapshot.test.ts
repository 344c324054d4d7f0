import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, rowsOf } from '../../src/store/db.ts';
import { runCli } from '../support/server-process.ts';

/**
 * A new data folder starts as a copy of the migrated empty database the build makes beside the built
 * server (scripts/build.js, issue 14: the first start without initdb and every migration). It must be the
 * database the migrations make, exactly.
 */
const SCHEMA = sql`
  select 'column' as kind, table_schema || '.' || table_name || '.' || column_name as name,
         concat_ws(' ', data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision) as definition
    from information_schema.columns where table_schema not in ('pg_catalog', 'information_schema')
  union all
  select 'constraint', conrelid::regclass::text || '.' || conname, pg_get_constraintdef(oid)
    from pg_constraint where connamespace not in ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
  union all
  select 'index', schemaname || '.' || indexname, indexdef from pg_indexes where schemaname not in ('pg_catalog', 'information_schema')
  union all
  select 'extension', extname, extversion from pg_extension
  union all
  select 'function', p.oid::regprocedure::text, md5(p.prosrc) from pg_proc p
    where p.pronamespace not in ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
  union all
  select 'trigger', tgrelid::regclass::text || '.' || tgname, pg_get_triggerdef(oid) from pg_trigger where not tgisinternal
  union all
  select 'view', schemaname || '.' || viewname, md5(definition) from pg_views where schemaname not in ('pg_catalog', 'information_schema')
  union all
  select 'migration', hash, created_at::text from drizzle.__drizzle_migrations
  order by 1, 2, 3`;

const schemaOf = async (database: Database) =>
  rowsOf<{ kind: string; name: string; definition: string }>(await database.db.execute(SCHEMA));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-snapshot-folder-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// About the embedded engine's data folder: the same on either engine's project, so it runs on one.
describe.skipIf(process.env.WAYPOINT_TEST_ENGINE === 'postgres')('a new data folder', () => {
  it('starts from the build’s migrated snapshot and has exactly the schema and migrations that initdb and every migration make', async () => {
    const folder = path.join(dir, 'new');
    expect((await runCli(folder, ['migrate'])).stdout).toMatch(/Migrations are up to date/);
    expect(existsSync(path.resolve('dist/server/migrated-empty/PG_VERSION'))).toBe(true);
    const fromSnapshot = await openDatabase({ engine: 'pglite', dataDir: folder });
    const migrated = await openDatabase({ engine: 'pglite', dataDir: null });
    try {
      const expected = await schemaOf(migrated);
      expect(expected.filter((r) => r.kind === 'migration').length).toBeGreaterThan(0);
      expect(await schemaOf(fromSnapshot)).toEqual(expected);
    } finally {
      await fromSnapshot.close();
      await migrated.close();
    }
  }, 180_000);

  it('a copy of the snapshot cut short by a process that is gone is removed at the next start; one of a live process is left alone', async () => {
    const folder = path.join(dir, 'interrupted');
    const partial = (pid: number) => path.join(folder, `pglite.partial-${pid}`);
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      for (const pid of [gone, live.pid!]) {
        mkdirSync(partial(pid), { recursive: true });
        writeFileSync(path.join(partial(pid), 'PG_VERSION'), '18\n');
      }
      expect((await runCli(folder, ['migrate'])).stdout).toMatch(/Migrations are up to date/);
      expect({
        gone: existsSync(partial(gone)),
        live: existsSync(partial(live.pid!)),
        database: existsSync(path.join(folder, 'pglite')),
      }).toEqual({
        gone: false,
        live: true,
        database: true,
      });
    } finally {
      live.kill();
    }
  }, 180_000);
});
