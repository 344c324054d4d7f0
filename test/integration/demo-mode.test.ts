/**
 * Finding 11.4: `npm start` (serve --demo-if-empty) once loaded the demo accounts, with their
 * published password, into any empty database, a PostgreSQL server named by DATABASE_URL included.
 * Demo data now goes only into the embedded database, or where it is asked for (--demo).
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { users } from '../../src/store/schema.ts';
import { createScratchDatabase, postgresOnly, type ScratchDatabase } from '../support/postgres-only.ts';
import { BIN } from '../support/server-process.ts';

const only = postgresOnly('The demo-mode test');
let scratch: ScratchDatabase;

/** Runs `waypoint serve ARGS` on the scratch database until it listens, then stops it; its output. */
async function serveOnce(args: string[]): Promise<string> {
  const proc = spawn(process.execPath, [BIN, 'serve', ...args], {
    env: { ...process.env, DATABASE_URL: scratch.url, WAYPOINT_SCHEDULER: 'off', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  const guard = setTimeout(() => proc.kill('SIGKILL'), 90_000);
  while (!/listening on/.test(output) && proc.exitCode === null) await new Promise((r) => setTimeout(r, 50));
  proc.kill('SIGTERM');
  await exited;
  clearTimeout(guard);
  return output;
}

async function usernames(): Promise<string[]> {
  const database = await openDatabase({ engine: 'postgres', url: scratch.url });
  try {
    return (await database.db.select({ username: users.username }).from(users)).map((u) => u.username);
  } finally {
    await database.close();
  }
}

describe.skipIf(!only.run)(`demo mode on PostgreSQL${only.reason ? `: ${only.reason}` : ''}`, () => {
  beforeAll(async () => {
    scratch = await createScratchDatabase('demo');
  });
  afterAll(() => scratch?.drop());

  it('finding 11.4: npm start (serve --demo-if-empty) on an empty PostgreSQL database loads no demo accounts and says how to create the first administrator', async () => {
    const output = await serveOnce(['--demo-if-empty']);
    expect(output).toMatch(/listening on/);
    expect(output).toMatch(/create-user/);
    expect(await usernames()).toEqual([]);
  }, 120_000);

  it('serve --demo loads the demo accounts into an empty PostgreSQL database (asked for explicitly)', async () => {
    await serveOnce(['--demo']);
    expect(await usernames()).toContain('admin.iris');
  }, 180_000);
});
