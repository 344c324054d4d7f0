import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/app/create-context.ts';
import { createUser } from '../../src/app/users.ts';
import { OWNER_FOLDER } from '../../src/store/data-folder-lock.ts';
import { type Database, DataFolderLockedError, openDatabase } from '../../src/store/db.ts';
import { users } from '../../src/store/schema.ts';
import { runCli, signInOverHttp, startServerProcess } from '../support/server-process.ts';

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
    expect((await run('node', [cli, 'seed-demo'], { env })).stdout).toMatch(/Loaded 14 demo users and 7 people/);
    const created = await run(
      'node',
      [cli, 'create-user', '--username', 'official.zed', '--name', 'Zed Ali', '--roles', 'authorized-official'],
      { env },
    );
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

  it('finding 11.8: create-user applies the API username rules: a Cyrillic look-alike of admin is refused, a trailing space is trimmed', async () => {
    const env = { WAYPOINT_PASSWORD: 'a-long-enough-password' };
    const lookAlike = await runCli(
      dataDir,
      ['create-user', '--username', '\u0430dmin', '--name', 'Look Alike', '--roles', 'administrator'],
      env,
    );
    expect(lookAlike.code).toBe(1);
    expect(lookAlike.stderr).toMatch(/username: INVALID_FORMAT/);
    const spaced = await runCli(
      dataDir,
      ['create-user', '--username', 'admin.spaced ', '--name', 'Spaced', '--roles', 'administrator'],
      env,
    );
    expect(spaced.stdout).toMatch(/Created admin\.spaced \(/);
  }, 120_000);

  it('finding 11.8: backup to a path that cannot be written ends with one plain line and exit code 1, no stack trace', async () => {
    const notAFolder = path.join(dataDir, '.waypoint-owner-file');
    writeFileSync(notAFolder, '');
    const outcome = await runCli(dataDir, ['backup', path.join(notAFolder, 'backup.jsonl')]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^waypoint: Cannot write the backup to .*: a part of the path is not a folder \(ENOTDIR\)\.$/),
    ]);
  }, 60_000);

  it('finding 11.8: backup never replaces something that is not a regular file (a device)', async () => {
    const outcome = await runCli(dataDir, ['backup', '/dev/null']);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/not a regular file/);
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

/**
 * Finding 11.1: the data-folder lock once went stale while its owner was alive (an mtime refreshed
 * every 7.5 s, taken over after 15 s): a server paused longer than that let the CLI in, and writes
 * it answered 201 to were lost, or the folder no longer opened. The lock now holds for as long as
 * its owner process lives, whatever it is doing.
 */
describe('the data-folder lock and a paused or killed server', () => {
  /** Longer than the old 15 s stale window (the refresh was every 7.5 s, so mtime was 15-22.5 s old). */
  const PAUSE_MS = Number(process.env.WAYPOINT_TEST_PAUSE_MS ?? 16_000);
  const TRIES = Number(process.env.WAYPOINT_TEST_PAUSE_TRIES ?? 10);
  const LANES = 2;
  const ADMIN = { username: 'admin.lock', password: 'a-long-enough-password' };
  const folders: string[] = [];

  async function newFolder(): Promise<string> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-lock-'));
    folders.push(dir);
    const database = await openDatabase({ engine: 'pglite', dataDir: dir });
    await createUser(createContext(database.db), null, { ...ADMIN, displayName: 'Lock Admin', roles: ['administrator'] });
    await database.close();
    return dir;
  }

  async function usernames(dir: string): Promise<string[]> {
    const database = await openDatabase({ engine: 'pglite', dataDir: dir });
    try {
      return (await database.db.select({ username: users.username }).from(users)).map((u) => u.username);
    } finally {
      await database.close();
    }
  }

  afterAll(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it(`finding 11.1: a server paused for longer than the old stale window keeps its lock: the CLI is refused and every write survives (${TRIES} tries)`, async () => {
    const lane = async (laneNo: number, tries: number) => {
      const dir = await newFolder();
      for (let i = 0; i < tries; i++) {
        const server = await startServerProcess(dir);
        try {
          const cookie = await signInOverHttp(server.base, ADMIN.username, ADMIN.password);
          server.proc.kill('SIGSTOP');
          await new Promise((r) => setTimeout(r, PAUSE_MS));
          const cli = await runCli(dir, ['create-user', '--username', `cli.${laneNo}.${i}`, '--name', 'Intruder', '--roles', 'auditor'], {
            WAYPOINT_PASSWORD: 'another-long-password',
          });
          server.proc.kill('SIGCONT');
          expect(cli.code, `try ${i}: the CLI was let in while the server was paused: ${cli.stdout}`).toBe(1);
          expect(cli.stderr).toMatch(/DATA_FOLDER_LOCKED/);
          const username = `after.pause.${laneNo}.${i}`;
          const created = await fetch(`${server.base}/api/users`, {
            method: 'POST',
            headers: { cookie, 'content-type': 'application/json' },
            body: JSON.stringify({ username, displayName: 'After Pause', roles: ['auditor'], password: 'yet-another-long-password' }),
          });
          expect(created.status, await created.text()).toBe(201);
          expect(await server.stop()).toBe(0);
          const names = await usernames(dir);
          expect(names, `try ${i}: a write answered 201 is missing after reopening`).toContain(username);
          expect(names).not.toContain(`cli.${laneNo}.${i}`);
        } finally {
          await server.stop();
        }
      }
    };
    const perLane = Math.ceil(TRIES / LANES);
    await Promise.all(Array.from({ length: LANES }, (_, n) => lane(n, Math.min(perLane, TRIES - n * perLane))));
  }, 900_000);

  it('finding 11.1: a server whose lock is taken away takes no further write and stops at once', async () => {
    const dir = await newFolder();
    const server = await startServerProcess(dir);
    try {
      const cookie = await signInOverHttp(server.base, ADMIN.username, ADMIN.password);
      for (const claim of readdirSync(path.join(dir, OWNER_FOLDER))) rmSync(path.join(dir, OWNER_FOLDER, claim));
      const write = await fetch(`${server.base}/api/users`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({
          username: 'after.lost',
          displayName: 'After Lost',
          roles: ['auditor'],
          password: 'yet-another-long-password',
        }),
      }).then(
        (r) => r.status,
        () => 'no answer',
      );
      expect([503, 'no answer']).toContain(write);
      expect(await server.exited).toBe(75);
      expect(server.output()).toMatch(/DATA_FOLDER_LOCK_LOST/);
      expect(await usernames(dir)).not.toContain('after.lost');
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('finding 11.1: after a SIGKILL of the server, an immediate restart on the same folder succeeds and keeps the acknowledged write', async () => {
    const dir = await newFolder();
    const first = await startServerProcess(dir);
    const cookie = await signInOverHttp(first.base, ADMIN.username, ADMIN.password);
    const created = await fetch(`${first.base}/api/users`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'before.kill',
        displayName: 'Before Kill',
        roles: ['auditor'],
        password: 'yet-another-long-password',
      }),
    });
    expect(created.status).toBe(201);
    first.proc.kill('SIGKILL');
    await first.exited;
    // Started once, at once: never refused as "in use" (the old lock was refused for 10-17 s here).
    const started = Date.now();
    const second = await startServerProcess(dir);
    try {
      console.log(`restart after SIGKILL: listening after ${Date.now() - started} ms`);
      expect(second.output()).not.toMatch(/DATA_FOLDER_LOCKED/);
      const again = await signInOverHttp(second.base, ADMIN.username, ADMIN.password);
      const list = await fetch(`${second.base}/api/users`, { headers: { cookie: again } });
      expect(((await list.json()) as { users: { username: string }[] }).users.map((u) => u.username)).toContain('before.kill');
    } finally {
      await second.stop();
    }
  }, 120_000);
});
