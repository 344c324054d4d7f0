/**
 * CPU time per request of the API servers (docs/scaling.md "API"): the server process's CPU (from
 * /proc) and its PostgreSQL backends' CPU (pg_stat_activity, then /proc), for a fixed number of
 * requests at 50 connections, with wall-clock req/s and p99 alongside. On a shared machine the CPU
 * per request says what a request costs; the wall figures mostly say how busy the machine was.
 *
 *   npx tsx bench/api-cpu.ts <database url> [--workload write|read] [--requests N] [--rounds N]
 *     [--server waypoint=<root>] ... [--server bare]
 *
 * The database is a kept bench database (`npm run bench -- --only api --keep`). Each round starts
 * each server in turn (alone on the database, so that the backends and the audit sealer measured are
 * its own), warms it up, loads it, and stops it; the servers alternate, so a change of load falls on
 * all of them. `--server waypoint=<root>` runs bench/api-server.ts from another checkout (A/B).
 * Round trips per request: each server's round trips to the database over the round (warm-up, load
 * and sign-in) divided by the requests sent (bench/api-server.ts, BENCH_ROUND_TRIPS).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type RequestSpec } from 'autocannon';
import pg from 'pg';
import { BENCH_USER, median } from './api.ts';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const url = args[0];
if (!url) throw new Error('usage: bench/api-cpu.ts <database url> [options]');
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const workload = option('workload') === 'read' ? 'read' : 'write';
const requests = Number(option('requests') ?? 1000);
const rounds = Number(option('rounds') ?? 2);
const connections = Number(option('connections') ?? 50);
const servers: { label: string; mode: 'waypoint' | 'bare'; root: string }[] = [];
args.forEach((a, i) => {
  if (a !== '--server') return;
  const spec = args[i + 1]!;
  const [mode, root] = spec.split('=');
  servers.push({ label: spec, mode: mode === 'bare' ? 'bare' : 'waypoint', root: root ? path.resolve(root) : here });
});
if (servers.length === 0) servers.push({ label: 'waypoint', mode: 'waypoint', root: here }, { label: 'bare', mode: 'bare', root: here });

const TICK_MS = 10;
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return null;
  }
}

interface Server {
  readonly child: ChildProcess;
  readonly base: string;
  /** The round trips the server counted, once it has stopped. */
  readonly roundTrips: Promise<number>;
}

async function start(root: string, mode: string, auditDir: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      path.join(root, 'bench/api-server.ts'),
      mode,
      url!,
    ],
    {
      cwd: root,
      env: { ...process.env, WAYPOINT_AUDIT_DIR: auditDir, BENCH_ROUND_TRIPS: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = /LISTENING (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const roundTrips = new Promise<number>((resolve) => child.once('exit', () => resolve(Number(/ROUND_TRIPS (\d+)/.exec(out)?.[1] ?? NaN))));
  return { child, base: `http://127.0.0.1:${port}`, roundTrips };
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function signIn(base: string): Promise<string> {
  const r = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: BENCH_USER.username, password: BENCH_USER.password }),
  });
  const c = r.headers.getSetCookie().find((x) => x.startsWith('waypoint_session='));
  if (!c) throw new Error(`sign-in failed ${r.status}`);
  return c.split(';')[0]!;
}

const admin = new pg.Client({ connectionString: url });
await admin.connect();
const targets = (
  await admin.query<{ id: string; person_id: string; training_start: string }>(
    "select id, person_id, training_start::text from product_delivery_cases where status in ('open','active') order by id limit 50",
  )
).rows;

async function backends(): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
  );
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    const c = cpuMs(pid);
    if (c !== null) out.set(pid, c);
  }
  return out;
}

function requestsFor(cookie: string | null): RequestSpec[] {
  let i = 0;
  const headers: Record<string, string> = {
    ...(cookie && { cookie }),
    ...(workload === 'write' && { 'content-type': 'application/json' }),
  };
  return [
    {
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
                personId: t.person_id,
                amount: '150.00',
                periodStart: t.training_start,
                note: 'load test',
              }),
            };
      },
    },
  ];
}

const auditDir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-api-cpu-'));
const results = new Map<string, { node: number[]; db: number[]; rps: number[]; p99: number[]; trips: number[] }>();
try {
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? servers : [...servers].reverse();
    for (const s of order) {
      const { child, base, roundTrips } = await start(s.root, s.mode, auditDir);
      let sent = 0;
      const entry = results.get(s.label) ?? { node: [], db: [], rps: [], p99: [], trips: [] };
      try {
        const cookie = s.mode === 'waypoint' ? await signIn(base) : null;
        const spec = requestsFor(cookie);
        sent += (await autocannon({ url: base, connections, amount: Math.min(300, requests), requests: spec })).requests.total;
        const before = await backends();
        const n0 = cpuMs(child.pid!)!;
        const load = os.loadavg()[0]!;
        const res = await autocannon({ url: base, connections, amount: requests, requests: spec });
        // Let the sealer finish what these requests wrote (its interval is 5 s).
        const n1 = cpuMs(child.pid!)!;
        const after = await backends();
        let db = 0;
        for (const [pid, c] of after) db += c - (before.get(pid) ?? 0);
        const n = res.requests.total;
        sent += n;
        entry.node.push((n1 - n0) / n);
        entry.db.push(db / n);
        entry.rps.push(res.requests.average);
        entry.p99.push(res.latency.p99);
        results.set(s.label, entry);
        console.log(
          `${s.label} round ${r + 1}: ${n} requests (non-2xx ${res.non2xx}, errors ${res.errors}), node ${((n1 - n0) / n).toFixed(2)} ms/req, db ${(db / n).toFixed(2)} ms/req, ${res.requests.average} req/s, p99 ${res.latency.p99} ms, load ${load.toFixed(1)}`,
        );
      } finally {
        await stop(child);
      }
      entry.trips.push((await roundTrips) / sent);
      console.log(`${s.label} round ${r + 1}: ${((await roundTrips) / sent).toFixed(2)} round trips per request`);
    }
  }
  for (const [label, e] of results)
    console.log(
      `${label}: median node ${median(e.node).toFixed(2)} ms/req, db ${median(e.db).toFixed(2)} ms/req, ${median(e.rps)} req/s, p99 ${median(e.p99)} ms, ${median(e.trips).toFixed(2)} round trips/req`,
    );
} finally {
  rmSync(auditDir, { recursive: true, force: true });
  await admin.end();
}
