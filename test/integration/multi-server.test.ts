/**
 * Several servers, one PostgreSQL database (docs/scaling.md "Several servers"): two `waypoint serve`
 * processes behind Debian's nginx (round robin, the next server tried when one is down). Checks that
 * a session made on one server is honoured by the other, that a scheduled job runs once across both,
 * that a batch run is shared by both, that killing one server mid-run loses nothing, and that the
 * sign-in limits (per account and address, and per address) hold across servers.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, fixedClock } from '../../src/app/context.ts';
import { createContext } from '../../src/app/create-context.ts';
import { DEMO_PASSWORD } from '../../src/app/demo-data.ts';
import { type Database, openDatabase, rowsOf } from '../../src/store/db.ts';
import { changeEvidenceInBulk, createDemoUsers, createLearners } from '../support/bulk-learners.ts';
import { freePort, hasNginx, type Nginx, startNginx } from '../support/nginx.ts';
import { createScratchDatabase, postgresOnly, type ScratchDatabase } from '../support/postgres-only.ts';
import { TEST_TODAY } from '../support/server.ts';
import { type ServerProcess, startPostgresServerProcess } from '../support/server-process.ts';

const LEARNERS = 200; // 20 chunks of 10 (WAYPOINT_BATCH_CHUNK below)
const CHUNK = 10;
const only = postgresOnly('The multi-server test');
if (only.run && !hasNginx())
  throw new Error("The multi-server test needs Debian's nginx at /usr/sbin/nginx (apt-get install nginx; .ci/run installs it).");

let scratch: ScratchDatabase;
let database: Database;
let ctx: AppContext;
let auditDir: string;
let proxy: Nginx;
const servers: ServerProcess[] = [];
const upstreamOf = new Map<string, number>();

const progress = (line: string) => process.stderr.write(`[multi-server] ${line}\n`);

const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(query));

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** Which server answered (0 or 1). */
  readonly server: number;
}

/** A request through nginx, as a browser on the public origin would send it. */
async function send(method: string, url: string, options: { cookie?: string; body?: unknown } = {}): Promise<Answer & { cookie: string }> {
  const response = await fetch(`${proxy.base}${url}`, {
    method,
    headers: {
      origin: proxy.base,
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
      ...(options.cookie && { cookie: options.cookie }),
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const upstream = response.headers.get('x-upstream')?.split(',').at(-1)?.trim() ?? '';
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    server: upstreamOf.get(upstream) ?? -1,
    cookie: response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
}

/** A sign-in attempt through nginx from another loopback address (its own per-address counts); status, code and server. */
function signInFrom(localAddress: string, username: string): Promise<{ status: number; code: string; server: number }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ username, password: 'not the password' });
    const request = http.request(
      {
        host: '127.0.0.1',
        port: proxy.port,
        localAddress,
        method: 'POST',
        path: '/api/session',
        headers: {
          origin: proxy.base,
          host: new URL(proxy.base).host,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        let text = '';
        response.on('data', (d: Buffer) => (text += d.toString()));
        response.on('end', () => {
          const upstream =
            String(response.headers['x-upstream'] ?? '')
              .split(',')
              .at(-1)
              ?.trim() ?? '';
          resolve({
            status: response.statusCode ?? 0,
            code: String((JSON.parse(text || '{}') as { code?: string }).code ?? ''),
            server: upstreamOf.get(upstream) ?? -1,
          });
        });
      },
    );
    request.once('error', reject);
    request.end(body);
  });
}

async function signIn(username: string): Promise<{ cookie: string; server: number }> {
  const answer = await send('POST', '/api/session', { body: { username, password: DEMO_PASSWORD } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer;
}

async function until(what: string, check: () => Promise<boolean>, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const RUN = sql`select data->>'run' as run from pgboss.job where name = 'chunks.reassessment' and state < 'completed'`;

/** The chunks of the reassessment's runs, by state, with the worker that completed each. */
async function chunks(run: string) {
  return q<{ chunk: number; state: string; worker: string | null }>(sql`
    select (data->>'chunk')::int as chunk, state::text, output->>'worker' as worker from pgboss.job
    where name = 'chunks.reassessment' and data->>'run' = ${run} order by 1`);
}

/** Cases by how many determination versions they have. */
async function versionsPerCase(): Promise<Map<number, number>> {
  const rows = await q<{ n: number; cases: number }>(
    sql`select n, count(*)::int as cases from (select count(*)::int as n from determinations group by pdc_id) x group by n`,
  );
  return new Map(rows.map((r) => [Number(r.n), Number(r.cases)]));
}

/** Versions without exactly one audit event: a chunk done twice (or half) would show here. */
async function unauditedVersions(): Promise<number> {
  const [row] = await q<{ n: number }>(sql`
    select count(*)::int as n from determinations d
    left join (select record_id, (after->>'version')::int as version, count(*)::int as n from audit_events
               where record_type = 'pdc' and action = 'pdc.reassess' group by 1, 2) e on e.record_id = d.pdc_id::text and e.version = d.version
    where d.version > 1 and coalesce(e.n, 0) <> 1`);
  return Number(row!.n);
}

describe.skipIf(!only.run)(`several servers on one PostgreSQL database behind nginx${only.reason ? `: ${only.reason}` : ''}`, () => {
  beforeAll(async () => {
    scratch = await createScratchDatabase('multi');
    database = await openDatabase({ engine: 'postgres', url: scratch.url, poolSize: 10 });
    ctx = createContext(database.db, { clock: fixedClock(TEST_TODAY), demoMode: true });
    const actors = await createDemoUsers(ctx);
    let t = Date.now();
    await createLearners(ctx, actors, LEARNERS, { concurrency: 8 });
    progress(`${LEARNERS} learner cases in ${Date.now() - t} ms`);
    auditDir = await mkdtemp(path.join(os.tmpdir(), 'waypoint-multi-audit-'));
    const port = await freePort();
    const env = {
      WAYPOINT_PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
      WAYPOINT_TRUSTED_PROXIES: '127.0.0.1',
      WAYPOINT_AUDIT_DIR: auditDir,
      WAYPOINT_SCHEDULES: 'passive-closure-review=* * * * *',
      // Chunks of 10 learner cases: the 200 make 20 chunks, enough work for both servers to share
      // (a set-based chunk takes a fraction of a second; the other server looks for work every 2 s).
      WAYPOINT_BATCH_CHUNK: '10',
    };
    // One after the other: the first also writes the audit keys both use.
    t = Date.now();
    servers.push(await startPostgresServerProcess(scratch.url, ['--demo'], env));
    servers.push(await startPostgresServerProcess(scratch.url, ['--demo'], env));
    const upstreams = servers.map((s) => new URL(s.base).host);
    for (const [i, u] of upstreams.entries()) upstreamOf.set(u, i);
    progress(`two servers started in ${Date.now() - t} ms`);
    t = Date.now();
    proxy = await startNginx(port, upstreams);
  }, 480_000);

  afterAll(async () => {
    await proxy?.stop();
    for (const server of servers) await server.stop();
    await database?.close();
    await scratch?.drop();
    if (auditDir) await rm(auditDir, { recursive: true, force: true });
  });

  it('a session made on one server is honoured by the other', async () => {
    const { cookie, server } = await signIn('supervisor.grace');
    const answers = [await send('GET', '/api/session', { cookie }), await send('GET', '/api/session', { cookie })];
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.some((a) => a.server !== server)).toBe(true);
    expect(answers.map((a) => (a.body.user as { username: string }).username)).toEqual(['supervisor.grace', 'supervisor.grace']);
  });

  it('a scheduled job runs once across both servers (each minute slot sends it once)', async () => {
    const queue = 'job.passive-closure-review';
    await until(
      'the scheduled run',
      async () => (await q(sql`select 1 from pgboss.job where name = ${queue} and state = 'completed'`)).length > 0,
      120,
    );
    const perSlot = await q<{ n: number }>(
      sql`select count(*)::int as n from pgboss.job where name = ${queue} group by date_trunc('minute', created_on)`,
    );
    expect(perSlot.map((r) => Number(r.n))).toEqual(perSlot.map(() => 1));
    const finished = servers.map((s) => (s.output().match(/"job":"passive-closure-review"[^\n]*scheduled job finished/g) ?? []).length);
    expect(finished.reduce((a, b) => a + b, 0)).toBe(perSlot.length);
  }, 150_000);

  it('the sign-in back-off for an account and address holds across servers', async () => {
    const tries = [];
    for (let i = 0; i < 6; i++)
      tries.push(await send('POST', '/api/session', { body: { username: 'official.ada', password: 'not the password' } }));
    expect(new Set(tries.map((t) => t.server))).toEqual(new Set([0, 1]));
    const right = [
      await send('POST', '/api/session', { body: { username: 'official.ada', password: DEMO_PASSWORD } }),
      await send('POST', '/api/session', { body: { username: 'official.ada', password: DEMO_PASSWORD } }),
    ];
    expect(right.map((r) => [r.status, (r.body as { code?: string }).code])).toEqual([
      [429, 'SIGN_IN_THROTTLED'],
      [429, 'SIGN_IN_THROTTLED'],
    ]);
    expect(new Set(right.map((r) => r.server))).toEqual(new Set([0, 1]));
  }, 60_000);

  it('the per-address sign-in request limit is one count across servers, not one per server', async () => {
    const answers = [];
    // Each attempt names another account, so only the per-address limit (30 a minute) can refuse it.
    for (let i = 0; i < 31; i++) answers.push(await signInFrom('127.0.0.2', `nobody.${i}`));
    expect(new Set(answers.map((a) => a.server))).toEqual(new Set([0, 1]));
    expect(answers.slice(0, 30).filter((a) => a.status === 429)).toEqual([]);
    expect(answers.at(-1)).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
  }, 60_000);

  it('a batch run started on both servers at once is one run, shared by both, every chunk once', async () => {
    expect(await changeEvidenceInBulk(ctx, 1000)).toBe(LEARNERS);
    const { cookie } = await signIn('supervisor.grace');
    // Two starts at once through nginx (round robin: one to each server): the second joins the run
    // the first planned, and both servers work its chunks. (A run started on one server alone may be
    // finished before the other looks for work: a set-based chunk takes a fraction of a second.)
    const answers = await Promise.all([0, 1].map(() => send('POST', '/api/jobs/reassessment/run', { cookie, body: {} })));
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(await q(RUN)).toEqual([]);
    const [{ run } = { run: '' }] = await q<{ run: string }>(
      sql`select data->>'run' as run from pgboss.job where name = 'chunks.reassessment' limit 1`,
    );
    const done = await chunks(run);
    expect(done.map((c) => c.state)).toEqual(Array(LEARNERS / CHUNK).fill('completed'));
    expect(new Set(done.map((c) => c.worker)).size).toBe(2);
    expect(await versionsPerCase()).toEqual(new Map([[2, LEARNERS]]));
    expect(await unauditedVersions()).toBe(0);
  }, 240_000);

  it('killing a server mid-run loses nothing: the other finishes the run, every chunk once', async () => {
    expect(await changeEvidenceInBulk(ctx, 2000)).toBe(LEARNERS);
    const { cookie } = await signIn('supervisor.grace');
    let answer: Answer | null | undefined;
    const started = send('POST', '/api/jobs/reassessment/run', { cookie, body: {} }).then(
      (a) => (answer = a),
      () => (answer = null),
    );
    let run = '';
    // Mid-run: a chunk taken (active or completed), and not all of them completed.
    await until(
      'the run under way',
      async () => {
        if (answer !== undefined) throw new Error(`the run ended before it could be interrupted: ${JSON.stringify(answer)}`);
        run = (await q<{ run: string }>(RUN))[0]?.run ?? '';
        return run !== '' && (await chunks(run)).some((c) => c.state === 'active' || c.state === 'completed');
      },
      60,
    );
    const [doer] = await q<{ worker: string }>(
      sql`select output->>'worker' as worker from pgboss.job where name = 'chunks.reassessment' and data->>'run' = ${run} and state = 'completed' limit 1`,
    );
    const killed = Math.max(
      0,
      servers.findIndex((s) => doer?.worker.endsWith(`:${s.proc.pid}`)),
    );
    progress(
      `killing server ${killed} with ${(await chunks(run)).filter((c) => c.state === 'completed').length} of ${LEARNERS / CHUNK} chunks completed`,
    );
    servers[killed]!.proc.kill('SIGKILL');
    await servers[killed]!.exited;
    await started;
    await until('the run finished by the other server', async () => (await q(RUN)).length === 0, 120);
    const done = await chunks(run);
    expect(done.map((c) => c.state)).toEqual(Array(LEARNERS / CHUNK).fill('completed'));
    expect(await versionsPerCase()).toEqual(new Map([[3, LEARNERS]]));
    expect(await unauditedVersions()).toBe(0);
    // nginx passes requests on to the server still up.
    const { server } = await signIn('supervisor.grace');
    expect(server).toBe(1 - killed);
  }, 300_000);
});
