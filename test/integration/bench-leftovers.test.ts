/**
 * bench/pg.ts dropLeftovers: two benchmark runs sharing one PostgreSQL server must not break each
 * other, so a run cleans up only the databases of runs that are no longer running.
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { runBench } from '../../bench/bench.ts';
import { benchDatabaseName, createDatabase, dropDatabase, dropLeftovers, markKept } from '../../bench/pg.ts';
import { postgresOnly } from '../support/postgres-only.ts';

const only = postgresOnly('Dropping bench leftovers');

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe.skipIf(!only.run)('bench leftovers', () => {
  const prefix = `waypoint_leftovers_${process.pid}`;
  const names: string[] = [];
  const existing = async (): Promise<string[]> => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(
        'select datname from pg_database where starts_with(datname, $1) order by 1',
        [prefix],
      );
      return rows.map((r) => r.datname);
    } finally {
      await client.end();
    }
  };
  beforeAll(() => {
    vi.stubEnv('BENCH_DATABASE_URL', process.env.TEST_DATABASE_URL);
    vi.stubEnv('BENCH_DATABASE_PREFIX', prefix);
  });
  afterAll(async () => {
    for (const name of names) await dropDatabase(name);
    vi.unstubAllEnvs();
  });

  test('a running bench keeps its databases, a dead run loses its own, and a name that says no run is kept', async () => {
    const running = benchDatabaseName('running');
    const dead = benchDatabaseName('dead').replace(`_p${process.pid}_`, `_p${deadPid()}_`);
    const unattributed = `${prefix}_old_0123abcd`;
    names.push(running, dead, unattributed);
    for (const name of names) await createDatabase(name);

    expect(await dropLeftovers()).toEqual([dead]);
    expect(await existing()).toEqual([running, unattributed].sort());
  });

  test('a dead run’s database that someone is still connected to is kept', async () => {
    const dead = benchDatabaseName('inspected').replace(`_p${process.pid}_`, `_p${deadPid()}_`);
    names.push(dead);
    const url = await createDatabase(dead);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect(await dropLeftovers()).toEqual([]);
      expect(await existing()).toContain(dead);
    } finally {
      await client.end();
    }
  });

  test('a database an ended run kept on purpose (--keep) is not a leftover', async () => {
    const kept = benchDatabaseName('kept').replace(`_p${process.pid}_`, `_p${deadPid()}_`);
    names.push(kept);
    await createDatabase(kept);
    await markKept(kept);
    expect(await dropLeftovers()).not.toContain(kept);
    expect(await existing()).toContain(kept);
  });

  test('a bench run that uses PostgreSQL first drops what an ended run left behind', async () => {
    const dead = benchDatabaseName('killed').replace(`_p${process.pid}_`, `_p${deadPid()}_`);
    names.push(dead);
    await createDatabase(dead);
    await runBench({ quick: true, only: ['detection'], sizes: { detectionPeople: 200 }, isolate: false });
    expect(await existing()).not.toContain(dead);
  }, 120_000);
});
