/**
 * Figure "api": autocannon against the Waypoint server and against a bare Fastify + pg server
 * (bench/api-server.ts), each in its own process on a loopback port, on a PostgreSQL database that
 * generate seeded and reassessment determined. The read is a case page's data (GET /api/pdcs/:id),
 * the write adds evidence (POST /api/pdcs/:id/evidence); requests rotate over many cases.
 *
 * The machine is shared, so the two servers are loaded in short interleaved rounds rather than one
 * long run each: both processes are up, and the rounds go Waypoint, bare, bare, Waypoint, Waypoint,
 * bare... (each pair of rounds starts with the other server), and each server's figures are the
 * medians of its rounds. A change of load on the machine then falls on both sides alike.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type RequestSpec } from 'autocannon';
import pg from 'pg';
import { auditConfig, loadAuditKeys } from '../src/app/audit-keys.ts';
import { sealAuditTrail } from '../src/app/audit-seal.ts';
import { createContext } from '../src/app/create-context.ts';
import { createUser } from '../src/app/users.ts';
import { openDatabase } from '../src/store/db.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_USER = { username: 'bench.coordinator', displayName: 'Bench Coordinator', password: 'bench-coordinator-password-7' };

export interface LoadResult {
  /** Medians over the rounds (requests, non2xx, errors and timeouts: sums). */
  readonly p50: number;
  readonly p99: number;
  readonly rps: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** The server process's peak resident memory (VmHWM), MB. */
  readonly serverPeakRssMB: number | null;
  /** Each round: req/s, p50 and p99 (ms), and the 1-minute load average when it started. */
  readonly rounds: readonly RoundResult[];
}

export interface RoundResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly loadavg: number;
}

export interface ApiOptions {
  readonly url: string;
  readonly connections: number;
  /** Seconds of each round. */
  readonly durationS: number;
  /** Rounds per server and workload (medians taken). */
  readonly rounds: number;
  readonly warmupS: number;
  /** How many cases the requests rotate over. */
  readonly targets: number;
  /** A fresh server process per workload (default), so that each peak memory is its own; false starts each server once. */
  readonly serverPerWorkload?: boolean;
  readonly log?: (line: string) => void;
}

interface Target {
  readonly id: string;
  readonly personId: string;
  readonly trainingStart: string;
}

/**
 * The audit events the generation and the jobs wrote are sealed first, as a running server would
 * already have done (with the keys the Waypoint server then uses), so that the measured runs seal
 * only what they write themselves.
 */
async function sealBacklog(
  database: Awaited<ReturnType<typeof openDatabase>>,
  auditDir: string,
  log?: (line: string) => void,
): Promise<void> {
  const started = Date.now();
  const keys = loadAuditKeys(auditConfig({ WAYPOINT_AUDIT_DIR: auditDir }), { create: true })!;
  const sealed = await sealAuditTrail(database.db, keys, { wait: true });
  log?.(`  audit backlog: ${sealed?.sealed ?? 0} events sealed in ${Date.now() - started} ms before the API runs`);
}

async function prepare(url: string, count: number, auditDir: string, log?: (line: string) => void): Promise<Target[]> {
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 2 });
  try {
    await sealBacklog(database, auditDir, log);
    const ctx = createContext(database.db);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const exists = await pool.query('select 1 from users where username = $1', [BENCH_USER.username]);
      if (exists.rowCount === 0) await createUser(ctx, null, { ...BENCH_USER, roles: ['learner-benefits-coordinator'] });
      const { rows } = await pool.query<{ id: string; person_id: string; training_start: string }>(
        "select id, person_id, training_start::text from product_delivery_cases where status in ('open','active') order by id limit $1",
        [count],
      );
      return rows.map((r) => ({ id: r.id, personId: r.person_id, trainingStart: r.training_start }));
    } finally {
      await pool.end();
    }
  } finally {
    await database.close();
  }
}

interface Server {
  readonly child: ChildProcess;
  readonly base: string;
}

async function startServer(mode: 'waypoint' | 'bare', url: string, auditDir: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/api-server.ts'), mode, url], {
    cwd: root,
    env: { ...process.env, WAYPOINT_AUDIT_DIR: auditDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${mode} server did not start in 60 s`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${mode} server exited with ${code}`));
    });
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

function peakRssMB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: BENCH_USER.username, password: BENCH_USER.password }),
  });
  if (response.status !== 200) throw new Error(`bench sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('waypoint_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

type Workload = 'read' | 'write';

function requestsFor(workload: Workload, targets: readonly Target[], cookie: string | null): RequestSpec[] {
  let i = 0;
  const headers: Record<string, string> = {
    ...(cookie && { cookie }),
    ...(workload === 'write' && { 'content-type': 'application/json' }),
  };
  return [
    {
      method: workload === 'read' ? 'GET' : 'POST',
      setupRequest: (request: RequestSpec): RequestSpec => {
        const t = targets[i++ % targets.length]!;
        return workload === 'read'
          ? { ...request, method: 'GET', path: `/api/pdcs/${t.id}`, headers }
          : {
              ...request,
              method: 'POST',
              path: `/api/pdcs/${t.id}/evidence`,
              headers,
              body: JSON.stringify({
                type: 'income',
                subtype: 'other',
                personId: t.personId,
                amount: '150.00',
                periodStart: t.trainingStart,
                note: 'load test',
              }),
            };
      },
    },
  ];
}

async function round(server: Server, requests: RequestSpec[], connections: number, durationS: number) {
  const loadavg = Math.round(os.loadavg()[0]! * 100) / 100;
  const r = await autocannon({ url: server.base, connections, duration: durationS, timeout: 30, requests });
  return { r, loadavg };
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Rounds in the order W B B W W B ...: each pair starts with the server that went second before. */
export function roundOrder(rounds: number): ('waypoint' | 'bare')[] {
  const order: ('waypoint' | 'bare')[] = [];
  for (let i = 0; i < rounds; i++) order.push(...(i % 2 === 0 ? (['waypoint', 'bare'] as const) : (['bare', 'waypoint'] as const)));
  return order;
}

export interface ApiMeasurements {
  readonly read: { readonly waypoint: LoadResult; readonly bare: LoadResult };
  readonly write: { readonly waypoint: LoadResult; readonly bare: LoadResult };
  readonly targets: number;
}

/** Fresh server processes for each workload unless serverPerWorkload is false. */
export async function measureApi(options: ApiOptions): Promise<ApiMeasurements> {
  const auditDir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-bench-audit-'));
  try {
    return await measureApiWith(options, auditDir);
  } finally {
    rmSync(auditDir, { recursive: true, force: true });
  }
}

type Mode = 'waypoint' | 'bare';

async function measureApiWith(options: ApiOptions, auditDir: string): Promise<ApiMeasurements> {
  const targets = await prepare(options.url, options.targets, auditDir, options.log);
  if (targets.length === 0) throw new Error('no learner cases to load');
  const out: Record<Workload, Partial<Record<Mode, LoadResult>>> = { read: {}, write: {} };
  const groups: Workload[][] = options.serverPerWorkload === false ? [['read', 'write']] : [['read'], ['write']];
  for (const workloads of groups) {
    const servers: Partial<Record<Mode, Server>> = {};
    try {
      servers.waypoint = await startServer('waypoint', options.url, auditDir);
      servers.bare = await startServer('bare', options.url, auditDir);
      const cookie = await signIn(servers.waypoint.base);
      for (const workload of workloads) {
        const requests = { waypoint: requestsFor(workload, targets, cookie), bare: requestsFor(workload, targets, null) };
        if (options.warmupS > 0)
          for (const mode of ['waypoint', 'bare'] as const)
            await autocannon({
              url: servers[mode]!.base,
              connections: Math.min(20, options.connections),
              duration: options.warmupS,
              requests: requests[mode],
            });
        const raw: Record<Mode, Awaited<ReturnType<typeof round>>[]> = { waypoint: [], bare: [] };
        for (const mode of roundOrder(options.rounds)) {
          const one = await round(servers[mode]!, requests[mode], options.connections, options.durationS);
          raw[mode].push(one);
          options.log?.(
            `  api ${workload} ${mode} round ${raw[mode].length}: p50 ${one.r.latency.p50} ms, p99 ${one.r.latency.p99} ms, ${one.r.requests.average} req/s, non-2xx ${one.r.non2xx}, errors ${one.r.errors}, load ${one.loadavg}`,
          );
        }
        for (const mode of ['waypoint', 'bare'] as const) {
          const rounds = raw[mode].map(({ r, loadavg }) => ({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, loadavg }));
          const result: LoadResult = {
            p50: median(rounds.map((x) => x.p50)),
            p99: median(rounds.map((x) => x.p99)),
            rps: Math.round(median(rounds.map((x) => x.rps)) * 10) / 10,
            requests: raw[mode].reduce((n, { r }) => n + r.requests.total, 0),
            non2xx: raw[mode].reduce((n, { r }) => n + r.non2xx, 0),
            errors: raw[mode].reduce((n, { r }) => n + r.errors, 0),
            timeouts: raw[mode].reduce((n, { r }) => n + r.timeouts, 0),
            serverPeakRssMB: peakRssMB(servers[mode]!.child.pid),
            rounds,
          };
          options.log?.(
            `  api ${workload} ${mode}: median p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.rps} req/s over ${rounds.length} rounds`,
          );
          out[workload][mode] = result;
        }
      }
    } finally {
      for (const server of Object.values(servers)) await stopServer(server);
    }
  }
  return { read: out.read as ApiMeasurements['read'], write: out.write as ApiMeasurements['write'], targets: targets.length };
}
