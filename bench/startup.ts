/**
 * Cold-start figures (issue 14), each against a baseline measured in the same run, repeated runs
 * interleaved with the baseline's and the median kept (as hyperfine does):
 *   - a cold `waypoint simulate` of one household (bin/waypoint.js on the build) vs `node -e ''`;
 *   - the server, spawned, to its first answered request (GET /health) vs a bare Fastify server
 *     spawned the same way: on PostgreSQL (an already migrated database), on an existing PGlite
 *     data folder (a restart) and on a new one (the first start: a copy of the build's migrated database);
 *   - the server's memory at rest (RSS after start and a few requests) vs the bare server's.
 * Everything runs on the production build (scripts/build.js), built first if its sources changed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGLITE_SETTINGS } from '../src/store/db.ts';
import { benchDatabaseName, createDatabase, dropDatabase } from './pg.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(root, 'bin/waypoint.js');
const SCENARIO = path.join(root, 'examples/single-learner.json');

/** A bare Fastify server: what a Waypoint server start is compared with. */
const BARE_FASTIFY = `import Fastify from 'fastify';
const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });`;

/**
 * The least a server on PGlite can do: the bare Fastify server that first opens PGlite on the same
 * data folder with the same start settings as Waypoint (PGLITE_SETTINGS: the smaller shared memory;
 * nothing else: no lock, no migrations, no routes), and closes it cleanly on SIGTERM so that the
 * next start finds the folder as a Waypoint restart does. Its ratio to the bare server is PGlite's
 * own start, which no change in Waypoint can remove.
 */
const PGLITE_FASTIFY = `import Fastify from 'fastify';
import { PGlite } from '@electric-sql/pglite';
const startParams = [...PGlite.defaultStartParams, ...JSON.parse(process.env.PGLITE_SETTINGS)];
const db = await PGlite.create({ dataDir: process.env.PGLITE_DIR, startParams });
const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
process.once('SIGTERM', async () => { await app.close(); await db.close(); process.exit(0); });
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });`;

/** Prints the process's peak RSS (kB) on stderr as it exits; used on one extra run, never on a timed one. */
const REPORT_PEAK = 'data:text/javascript,process.on("exit",()=>process.stderr.write("PEAK_RSS_KB "+process.resourceUsage().maxRSS+"\\n"))';

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round1 = (n: number) => Math.round(n * 10) / 10;

interface Exited {
  readonly ms: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[]): Promise<Exited> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, stdout, stderr });
      else reject(new Error(`node ${args.join(' ')} exited with ${code}: ${stderr.slice(0, 500)}`));
    });
  });
}

const peakMB = (stderr: string) => {
  const m = /PEAK_RSS_KB (\d+)/.exec(stderr);
  return m ? Math.round(Number(m[1]) / 1024) : null;
};

/** The production build, made now if its sources changed (so that no timed run builds). */
export async function ensureBuild(): Promise<void> {
  await run([path.join(root, 'scripts/build.js')]);
}

export interface CommandTimes {
  readonly value: readonly number[];
  readonly baseline: readonly number[];
  readonly peakMB: { readonly value: number | null; readonly baseline: number | null };
  /** The command printed the household's months (a real calculation, not an error). */
  readonly calculated: boolean;
}

/** A cold `waypoint simulate` and `node -e ''`, `runs` times each, interleaved. */
export async function coldSimulate(runs: number): Promise<CommandTimes> {
  const simulate = [BIN, 'simulate', SCENARIO];
  const empty = ['-e', ''];
  await run(simulate); // warms the file system cache, as hyperfine's warm-up run does
  const value: number[] = [];
  const baseline: number[] = [];
  let calculated = true;
  for (let i = 0; i < runs; i++) {
    const r = await run(simulate);
    calculated &&= /"months"/.test(r.stdout);
    value.push(r.ms);
    baseline.push((await run(empty)).ms);
  }
  const peak = {
    value: peakMB((await run(['--import', REPORT_PEAK, ...simulate])).stderr),
    baseline: peakMB((await run(['--import', REPORT_PEAK, ...empty])).stderr),
  };
  return { value, baseline, peakMB: peak, calculated };
}

// ---------------------------------------------------------------------------------------------
// Servers

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function get(port: number, pathname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: pathname, agent: false }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
    });
    request.once('error', reject);
  });
}

interface Started {
  readonly child: ChildProcess;
  readonly port: number;
  /** From spawn to the first answered GET /health (ms). */
  readonly ms: number;
}

async function startServer(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Started> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const deadline = started + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering: ${stderr.slice(0, 500)}`);
    const status = await get(port, '/health').catch(() => 0);
    if (status === 200) return { child, port, ms: performance.now() - started };
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('server did not answer within 120 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function memoryMB(pid: number | undefined): { rss: number | null; peak: number | null } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => {
      const m = new RegExp(`${name}:\\s+(\\d+) kB`).exec(status);
      return m ? Math.round(Number(m[1]) / 1024) : null;
    };
    return { rss: field('VmRSS'), peak: field('VmHWM') };
  } catch {
    return { rss: null, peak: null }; // not Linux
  }
}

/** Requests a server at rest has answered: the health probe, the web UI, the API document and its docs page. */
const AT_REST_REQUESTS = ['/health', '/', '/api/openapi.json', '/api/docs/', '/health'];

export interface ServerStarts {
  readonly ms: readonly number[];
  /** RSS after start and AT_REST_REQUESTS, a second later (last run). */
  readonly restMB: number | null;
  readonly peakMB: number | null;
}

interface ServerKind {
  readonly name: keyof ServerMeasures;
  readonly args: readonly string[];
  /** The environment of its next start. */
  readonly env: () => NodeJS.ProcessEnv;
  readonly runs: number;
}

/**
 * Starts each kind of server in turn, round after round (each stopped before the next starts), so
 * that every kind meets the same load on the shared machine; after a kind's last start, it answers
 * AT_REST_REQUESTS and its memory is read a second later.
 */
async function interleaved(kinds: readonly ServerKind[]): Promise<Record<ServerKind['name'], ServerStarts>> {
  const ms = new Map<ServerKind['name'], number[]>(kinds.map((k) => [k.name, []]));
  const memory = new Map<ServerKind['name'], { rss: number | null; peak: number | null }>();
  const rounds = Math.max(...kinds.map((k) => k.runs));
  for (let i = 0; i < rounds; i++) {
    for (const kind of kinds.filter((k) => i < k.runs)) {
      const server = await startServer(kind.args, kind.env());
      ms.get(kind.name)!.push(server.ms);
      if (i === kind.runs - 1) {
        for (const p of AT_REST_REQUESTS) await get(server.port, p);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        memory.set(kind.name, memoryMB(server.child.pid));
      }
      await stopServer(server.child);
    }
  }
  const result = {} as Record<ServerKind['name'], ServerStarts>;
  for (const kind of kinds)
    result[kind.name] = { ms: ms.get(kind.name)!, restMB: memory.get(kind.name)?.rss ?? null, peakMB: memory.get(kind.name)?.peak ?? null };
  return result;
}

export interface ServerMeasures {
  readonly bare: ServerStarts;
  readonly postgres: ServerStarts;
  readonly pgliteExisting: ServerStarts;
  readonly pgliteNew: ServerStarts;
  /** Bare Fastify opening PGlite on the restart's folder first (PGLITE_FASTIFY). */
  readonly pgliteFloor: ServerStarts;
}

/**
 * Waypoint's server on PostgreSQL and on PGlite, the bare Fastify server, and the bare one opening
 * PGlite first, interleaved. First,
 * untimed: a start on the new PostgreSQL database (its migrations; `firstStartMs`) and one on the
 * PGlite data folder the restarts reuse (its first start).
 */
export async function serverStarts(
  runs: number,
  newFolderRuns: number,
  log: (line: string) => void,
): Promise<ServerMeasures & { readonly firstStartMs: number }> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'waypoint-bench-start-'));
  const { DATABASE_URL: _unset, ...base } = process.env;
  const serve = [BIN, 'serve'];
  const database = benchDatabaseName('start');
  try {
    const url = await createDatabase(database);
    const onPostgres = () => ({ ...base, DATABASE_URL: url, WAYPOINT_AUDIT_DIR: path.join(scratch, 'audit-pg') });
    let folder = 0;
    const newFolder = () => {
      const dir = path.join(scratch, `pglite-${++folder}`);
      return { ...base, WAYPOINT_DATA_DIR: dir, WAYPOINT_AUDIT_DIR: path.join(dir, 'audit') };
    };
    const existing = newFolder();
    log('  first starts: migrations on a new PostgreSQL database, the first start on the PGlite folder the restarts reuse');
    const first = await startServer(serve, onPostgres());
    await stopServer(first.child);
    await stopServer((await startServer(serve, existing)).child);
    log(
      `  ${runs} rounds: PostgreSQL, an existing PGlite folder, a new PGlite folder (${newFolderRuns} rounds), bare Fastify, bare Fastify opening PGlite`,
    );
    const measured = await interleaved([
      { name: 'postgres', args: serve, env: onPostgres, runs },
      { name: 'pgliteExisting', args: serve, env: () => existing, runs },
      { name: 'pgliteNew', args: serve, env: newFolder, runs: newFolderRuns },
      { name: 'bare', args: ['--input-type=module', '-e', BARE_FASTIFY], env: () => base, runs },
      {
        name: 'pgliteFloor',
        args: ['--input-type=module', '-e', PGLITE_FASTIFY],
        env: () => ({
          ...base,
          PGLITE_DIR: path.join(existing.WAYPOINT_DATA_DIR, 'pglite'),
          PGLITE_SETTINGS: JSON.stringify(PGLITE_SETTINGS),
        }),
        runs,
      },
    ]);
    return { ...measured, firstStartMs: round1(first.ms) };
  } finally {
    await dropDatabase(database).catch(() => {});
    rmSync(scratch, { recursive: true, force: true });
  }
}
