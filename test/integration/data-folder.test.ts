import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFolderLockedError, openDatabase, type Database } from '../../src/store/db.ts';

const run = promisify(execFile);
const cli = path.resolve('bin/waypoint.js');
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-data-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// About the embedded engine's data folder: the PostgreSQL project excludes this file (vitest.config.ts).
describe('the PGlite data folder', () => {
  it('the CLI migrates, loads demo data and creates a user in a data folder', async () => {
    const env = { ...process.env, WAYPOINT_DATA_DIR: dataDir, DATABASE_URL: '', WAYPOINT_PASSWORD: 'a-long-enough-password' };
    expect((await run('node', [cli, 'migrate'], { env })).stdout).toMatch(/Migrations are up to date/);
    expect((await run('node', [cli, 'seed-demo'], { env })).stdout).toMatch(/Loaded 13 demo users and 7 people/);
    const created = await run('node', [cli, 'create-user', '--username', 'official.zed', '--name', 'Zed Ali', '--roles', 'authorized-official'], { env });
    expect(created.stdout).toMatch(/Created official\.zed/);
  }, 120_000);

  it('seeding demo data twice is refused with a clear message and a non-zero exit', async () => {
    const env = { ...process.env, WAYPOINT_DATA_DIR: dataDir, DATABASE_URL: '' };
    const outcome = await run('node', [cli, 'seed-demo'], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/already has users/);
  }, 60_000);

  describe('while a process has the folder open', () => {
    let held: Database;
    beforeAll(async () => {
      held = await openDatabase({ engine: 'pglite', dataDir });
    }, 60_000);
    afterAll(() => held.close());

    it('a second open in this process is refused with DataFolderLockedError', async () => {
      await expect(openDatabase({ engine: 'pglite', dataDir })).rejects.toBeInstanceOf(DataFolderLockedError);
    });

    it('another process (the CLI) is refused with DATA_FOLDER_LOCKED and exits non-zero', async () => {
      const env = { ...process.env, WAYPOINT_DATA_DIR: dataDir, DATABASE_URL: '' };
      const outcome = await run('node', [cli, 'migrate'], { env }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toMatch(/DATA_FOLDER_LOCKED/);
    }, 60_000);
  });
});
