/**
 * Crash safety of the batch reassessment on PostgreSQL: a few hundred learner cases, their evidence
 * changed in bulk so every case needs a new determination version, then the job run as a real
 * process (`waypoint jobs run reassessment`, or `waypoint serve` with POST /api/jobs/reassessment/run
 * as supervisor.grace) and killed with SIGKILL at random moments, again and again, restarting each
 * time. After every kill, SQL checks that nothing is half written: every determination has all its
 * months, every payment difference its determination, every version its audit event, every chunk
 * completed on the job queue its cases' new versions. The last start finishes the job: each case then has its new
 * version exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/app/audit-verify.ts';
import { type AppContext, fixedClock } from '../../src/app/context.ts';
import { createContext } from '../../src/app/create-context.ts';
import { DEMO_PASSWORD } from '../../src/app/demo-data.ts';
import { withQueue } from '../../src/jobs/queue.ts';
import { type Database, openDatabase } from '../../src/store/db.ts';
import { type BulkLearner, changeEvidenceInBulk, createDemoUsers, createLearners } from '../support/bulk-learners.ts';
import { createScratchDatabase, postgresOnly, type ScratchDatabase } from '../support/postgres-only.ts';
import { TEST_TODAY } from '../support/server.ts';

const LEARNERS = 250;
const MIN_KILLS = 20;
/** Kills in a round before the restart that is left to finish it. */
const KILLS_PER_ROUND = 5;
const BIN = path.resolve('bin/waypoint.js');
const only = postgresOnly('The crash-safety test');
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

let scratch: ScratchDatabase;
let database: Database;
let ctx: AppContext;
let learners: BulkLearner[];

/** The months a case's training covers (what every determination version must have). */
const TRAINING_MONTHS = sql.raw(
  `((date_part('year', p.training_end) - date_part('year', p.training_start)) * 12 + date_part('month', p.training_end) - date_part('month', p.training_start) + 1)::int`,
);

/** Everything that must hold whenever the database is looked at, crash or no crash. `round`: versions every case has at least. */
async function expectConsistent(round: number, when: string) {
  const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(query));
  const incomplete = await q<{ id: string }>(sql`
    select d.id from determinations d join product_delivery_cases p on p.id = d.pdc_id
    left join determination_months m on m.determination_id = d.id
    group by d.id, p.training_start, p.training_end having count(m.*) <> ${TRAINING_MONTHS}`);
  expect(incomplete, `${when}: determinations missing months`).toEqual([]);
  const orphans = await q<{ id: string }>(sql`
    select x.id from payment_differences x left join determinations d on d.id = x.determination_id where d.id is null or d.pdc_id <> x.pdc_id`);
  expect(orphans, `${when}: payment differences without their determination`).toEqual([]);
  const versions = await q<{ pdc_id: string; n: number; top: number }>(sql`
    select p.id as pdc_id, count(d.id)::int as n, coalesce(max(d.version), 0)::int as top
    from product_delivery_cases p left join determinations d on d.pdc_id = p.id group by p.id
    having count(d.id) <> coalesce(max(d.version), 0) or count(d.id) not between ${round} and ${round + 1}`);
  expect(versions, `${when}: versions not contiguous, or not ${round} or ${round + 1}`).toEqual([]);
  const unaudited = await q<{ id: string }>(sql`
    select d.id from determinations d
    left join (select record_id, (after->>'version')::int as version, count(*)::int as n from audit_events
               where record_type = 'pdc' and action = 'pdc.reassess' group by 1, 2) e on e.record_id = d.pdc_id::text and e.version = d.version
    where coalesce(e.n, 0) <> 1`);
  expect(unaudited, `${when}: determinations without exactly one audit event`).toEqual([]);
  const withoutDifferences = await q<{ id: string }>(sql`
    select d.id from determinations d join product_delivery_cases p on p.id = d.pdc_id
    where d.version > 1 and (select count(*) from payment_differences x where x.determination_id = d.id) <> ${TRAINING_MONTHS}`);
  expect(withoutDifferences, `${when}: a new version without its month-by-month differences`).toEqual([]);
  const doneButNotWritten = await q<{ chunk: number }>(sql`
    select (c.data->>'chunk')::int as chunk from pgboss.job c
    where c.name = 'chunks.reassessment' and c.state = 'completed' and c.data->>'run' in (${UNFINISHED_RUNS})
      and exists (select 1 from jsonb_array_elements_text(c.data->'keys') k where (select max(version) from determinations where pdc_id = k::uuid) <> ${round + 1})`);
  expect(doneButNotWritten, `${when}: chunks marked done whose cases lack the new version`).toEqual([]);
}

async function versionsPerCase(): Promise<Map<number, number>> {
  const rows = rowsOf<{ n: number; cases: number }>(
    await database.db.execute(
      sql`select n, count(*)::int as cases from (select count(*)::int as n from determinations group by pdc_id) x group by n`,
    ),
  );
  return new Map(rows.map((r) => [Number(r.n), Number(r.cases)]));
}

/** The runs of the reassessment with a chunk not yet completed (or dead): at most one. */
const UNFINISHED_RUNS = sql`select data->>'run' from pgboss.job where name = 'chunks.reassessment' and state < 'completed'`;

/** The share of the current run's chunks not yet completed (1 when no run is under way). */
async function pendingShare(): Promise<number> {
  const [row] = rowsOf<{ pending: number; total: number }>(
    await database.db.execute(sql`
      select count(*) filter (where state < 'completed')::int as pending, count(*)::int as total
      from pgboss.job where name = 'chunks.reassessment' and data->>'run' in (${UNFINISHED_RUNS})`),
  );
  return row && Number(row.total) > 0 ? Number(row.pending) / Number(row.total) : 1;
}

async function runningRuns(): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await database.db.execute(sql`select count(distinct run)::int as n from (${UNFINISHED_RUNS}) r(run)`),
  );
  return Number(row!.n);
}

interface RunOutcome {
  readonly killed: boolean;
  readonly code: number | null;
  readonly output: string;
  readonly ms: number;
}

let starts = 0;

function child(args: string[]): {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  connected: () => Promise<void>;
} {
  const name = `waypoint-crash-${process.pid}-${++starts}`;
  const url = new URL(scratch.url);
  url.searchParams.set('application_name', name);
  const proc = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, DATABASE_URL: url.toString(), WAYPOINT_SCHEDULER: 'off', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  /** Resolves once the process has a connection to the database (its start-up is over), or has exited. */
  const connected = async () => {
    while (proc.exitCode === null && proc.signalCode === null) {
      const [row] = rowsOf<{ n: number }>(
        await database.db.execute(sql`select count(*)::int as n from pg_stat_activity where application_name = ${name}`),
      );
      if (Number(row!.n) > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { proc, output: () => output, exited, connected };
}

const progress = (line: string) => process.stderr.write(`[crash-safety] ${line}\n`);

/**
 * `waypoint jobs run reassessment`, SIGKILLed `killAfterMs` after it connected to the database (or,
 * with `fromSpawn`, after it was started: in the middle of its start-up), unless it finished first.
 */
async function cliRun(killAfterMs: number | null, options: { fromSpawn?: boolean } = {}): Promise<RunOutcome & { startupMs: number }> {
  const started = Date.now();
  const { proc, output, exited, connected } = child(['jobs', 'run', 'reassessment']);
  const guard = setTimeout(() => proc.kill('SIGKILL'), 120_000);
  if (!options.fromSpawn) await connected();
  const startupMs = Date.now() - started;
  let killed = false;
  const timer = killAfterMs === null ? null : setTimeout(() => (killed = proc.kill('SIGKILL')), killAfterMs);
  const code = await exited;
  if (timer) clearTimeout(timer);
  clearTimeout(guard);
  return { killed: killed && code === null, code, output: output(), ms: Date.now() - started, startupMs };
}

/** `waypoint serve`, then POST /api/jobs/reassessment/run as supervisor.grace; the server is SIGKILLed mid-request. */
async function serverRun(killAfterMs: number | null): Promise<RunOutcome> {
  const started = Date.now();
  const { proc, output, exited } = child(['serve', '--demo']); // demo mode: the demo accounts sign in with the published password
  const guard = setTimeout(() => proc.kill('SIGKILL'), 120_000);
  try {
    const base = await new Promise<string>((resolve, reject) => {
      const look = () => {
        const found = /listening on (http:\/\/[\d.:]+)/.exec(output());
        if (found) return resolve(found[1]!);
        if (proc.exitCode !== null) return reject(new Error(`the server stopped: ${output()}`));
        setTimeout(look, 25);
      };
      look();
    });
    const session = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor.grace', password: DEMO_PASSWORD }),
    });
    expect(session.status).toBe(200);
    const cookie = session.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    let killed = false;
    const timer = killAfterMs === null ? null : setTimeout(() => (killed = proc.kill('SIGKILL')), killAfterMs);
    const answer = await fetch(`${base}/api/jobs/reassessment/run`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    }).then(
      async (r) => ({ status: r.status, body: await r.text() }),
      () => null,
    );
    if (timer) clearTimeout(timer);
    if (answer) {
      expect(answer.status, answer.body).toBe(200);
      proc.kill('SIGTERM');
      await exited;
      return { killed: false, code: 0, output: `${output()}\n${answer.body}`, ms: Date.now() - started };
    }
    const code = await exited;
    return { killed: killed && code === null, code, output: output(), ms: Date.now() - started };
  } finally {
    clearTimeout(guard);
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGKILL');
      await exited;
    }
  }
}

describe.skipIf(!only.run)(`crash safety of the batch reassessment (PostgreSQL)${only.reason ? `: ${only.reason}` : ''}`, () => {
  beforeAll(async () => {
    scratch = await createScratchDatabase('crash');
    database = await openDatabase({ engine: 'postgres', url: scratch.url, poolSize: 10 });
    ctx = createContext(database.db, { clock: fixedClock(TEST_TODAY), demoMode: true });
    const actors = await createDemoUsers(ctx);
    const started = Date.now();
    learners = await createLearners(ctx, actors, LEARNERS, { concurrency: 8 });
    await withQueue(database.db, undefined, async () => {}); // pg-boss's schema, for the checks below
    console.log(`crash safety: ${learners.length} learner cases created in ${Date.now() - started} ms`);
  }, 180_000);

  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });

  it(`survives at least ${MIN_KILLS} SIGKILLs at random moments: never a half-written version, and each case gets its new version exactly once`, async () => {
    const started = Date.now();
    let round = 1;
    await expectConsistent(round, 'before');
    expect(await changeEvidenceInBulk(ctx, 1000)).toBe(LEARNERS);
    // A first run left alone: how long the work takes once the process is connected.
    const calibration = await cliRun(null);
    expect(calibration.code, calibration.output).toBe(0);
    expect(await runningRuns()).toBe(0);
    await expectConsistent(round, 'after the uninterrupted run');
    expect(await versionsPerCase()).toEqual(new Map([[round + 1, LEARNERS]]));
    const work = Math.max(500, calibration.ms - calibration.startupMs);
    progress(`calibration: start-up ${calibration.startupMs} ms, work ${work} ms`);
    round += 1;
    let kills = 0;
    let runs = 0;
    let unfinishedExits = 0;
    // Kills in a row that let no chunk commit: each widens the window, so the run always gets to finish.
    let stalls = 0;
    let lastDone = 0;
    const log: string[] = [];
    await changeEvidenceInBulk(ctx, 1000);
    let killsThisRound = 0;
    for (;;) {
      runs += 1;
      const mode = runs % 4 === 0 ? 'server' : 'cli';
      // After KILLS_PER_ROUND crashes, the next start is left alone: it must finish the run.
      const finishing = killsThisRound >= KILLS_PER_ROUND;
      const fromSpawn = !finishing && mode === 'cli' && runs % 5 === 0;
      // Otherwise a random moment within what is left to do (what is left shrinks as chunks commit).
      const left = await pendingShare();
      const window = (work * left * 0.9 + 100) * 1.5 ** stalls;
      const delay = finishing ? null : Math.round(Math.random() * (fromSpawn ? calibration.startupMs : window));
      const outcome = await (mode === 'cli' ? cliRun(delay, { fromSpawn }) : serverRun(delay));
      if (outcome.killed) {
        kills += 1;
        killsThisRound += 1;
        const counts = await versionsPerCase();
        const done = counts.get(round + 1) ?? 0;
        stalls = fromSpawn ? stalls : done > lastDone ? 0 : stalls + 1;
        lastDone = done;
        const line = `kill ${kills} (${mode}${fromSpawn ? ', during start-up' : ''}, after ${delay} ms): ${done}/${LEARNERS} cases have their new version`;
        log.push(line);
        progress(line);
        await expectConsistent(round, `after kill ${kills} (${mode} at ${delay} ms)`);
        continue;
      }
      expect(outcome.code, outcome.output).toBe(0);
      await expectConsistent(round, `after a finished run (round ${round})`);
      if ((await runningRuns()) > 0) {
        // A chunk was still held by the killed worker's transaction when this one looked: the next start finishes it.
        unfinishedExits += 1;
        progress('a run exited with a chunk still held by a dead worker; the next start finishes it');
        continue;
      }
      // The run is finished: every case has its new version, exactly once.
      expect(await versionsPerCase()).toEqual(new Map([[round + 1, LEARNERS]]));
      const line = `round ${round} finished by a restart (${mode}${finishing ? '' : ', before it could be killed'}) after ${killsThisRound} kills in the round`;
      log.push(line);
      progress(line);
      stalls = 0;
      lastDone = 0;
      killsThisRound = 0;
      if (kills >= MIN_KILLS) break;
      round += 1;
      expect(await changeEvidenceInBulk(ctx, 1000)).toBe(LEARNERS);
    }
    // One more start changes nothing: no duplicate versions.
    const again = await cliRun(null);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(/newVersions: 0/);
    expect(await versionsPerCase()).toEqual(new Map([[round + 1, LEARNERS]]));
    const audit = await verifyAuditChain(database.db);
    expect(audit.problems).toEqual([]);
    console.log(log.join('\n'));
    console.log(
      `crashes survived: ${kills} (${runs} restarts, ${round - 1} rounds of ${LEARNERS} cases each needing a new version, ${unfinishedExits} clean exits leaving a dead worker's chunk to the next start; work per whole run ${work} ms, start-up ${calibration.startupMs} ms; ${audit.events} audit events verified; ${Math.round((Date.now() - started) / 1000)} s)`,
    );
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
  }, 600_000);
});
