import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordedByHand } from '../../src/jobs/by-hand.ts';
import { type ChunkedJob, chunkedJob, workChunks } from '../../src/jobs/chunked.ts';
import { listDeadLetters, withQueue } from '../../src/jobs/queue.ts';
import { reassessmentChunks } from '../../src/jobs/reassessment.ts';
import { type Api, signedIn } from '../support/api.ts';
import { testEngine } from '../support/database.ts';
import { learnerWithPdc } from '../support/learner.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api;
let dana: Api;
const pdcIds: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
  dana = await signedIn(server.app, 'lbc.dana');
  for (let i = 0; i < 6; i++) {
    const learner = await learnerWithPdc(ada);
    await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'child-care',
      amount: '600.00',
      periodStart: '2026-09-01',
      periodEnd: '2027-06-30',
    });
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    pdcIds.push(learner.pdcId);
  }
}, 120_000);
afterAll(() => server.close());

const rows = async <T>(query: ReturnType<typeof sql>) => {
  const result = await server.database.db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
};

/** A job that records which keys it processed, one household per key, in chunks of up to 50; `failOn` throws that many times. */
function recordingJob(name: string, keys: string[], failOn?: { key: string; times: number }): ChunkedJob & { seen: string[] } {
  const seen: string[] = [];
  let failures = 0;
  return {
    name,
    seen,
    households: async () => keys.map((k) => [k]),
    async process(_ctx, tx, chunk) {
      await tx.execute(sql`select 1`);
      if (failOn && chunk.includes(failOn.key) && failures < failOn.times) {
        failures += 1;
        throw new Error('worker crashed');
      }
      seen.push(...chunk);
      return { processed: chunk.length };
    },
  };
}

/** Quick retries for these tests: the back-off waits 1 s, then 2 s. */
const QUICK = { retryLimit: 1, retryDelaySeconds: 1 };

const chunkStates = (job: string) =>
  rows<{ state: string; n: number }>(
    sql`select state::text, count(*)::int as n from pgboss.job where name = ${`chunks.${job}`} group by 1 order by 1`,
  );

/** The server's context with chunks of 50 keys (the default is 500), so that these runs have several chunks. */
const chunksOf50 = () => ({ ...server.ctx, batchChunkSize: 50 });
describe('batch work on the job queue (pg-boss)', () => {
  it('two workers share a run and every key is processed exactly once', async () => {
    const keys = Array.from({ length: 230 }, (_, i) => `k${String(i).padStart(3, '0')}`);
    const job = recordingJob('test-share', keys);
    const summary = await workChunks(chunksOf50(), job, { workers: 2 });
    expect(summary.chunks).toBe(5); // 230 keys in chunks of 50
    expect([...job.seen].sort()).toEqual(keys);
    expect(summary.outcomes.processed).toBe(230);
  });

  it('a worker takes the chunks in the order they were planned, so that the small ones are left for the end of the run', async () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `o${String(i).padStart(4, '0')}`);
    const job = recordingJob('test-order', keys);
    await workChunks(chunksOf50(), job);
    expect(job.seen).toEqual(keys);
  });

  it('a chunk that fails is rolled back and retried after its back-off, and the run finishes with every key once', async () => {
    const keys = Array.from({ length: 120 }, (_, i) => `c${String(i).padStart(3, '0')}`);
    const job = recordingJob('test-retry', keys, { key: 'c060', times: 1 });
    const summary = await workChunks(chunksOf50(), job, { settings: QUICK });
    expect([...job.seen].sort()).toEqual(keys);
    expect(summary.failed).toBe(0);
    expect(await chunkStates('test-retry')).toEqual([{ state: 'completed', n: 3 }]);
  });

  it('a chunk that fails its last try goes to the dead-letter queue with its keys, and the others complete', async () => {
    const keys = Array.from({ length: 120 }, (_, i) => `d${String(i).padStart(3, '0')}`);
    const job = recordingJob('test-dead', keys, { key: 'd060', times: 99 });
    const summary = await workChunks(chunksOf50(), job, { settings: QUICK });
    expect(summary.failed).toBe(1);
    expect(job.seen).not.toContain('d060');
    expect(await chunkStates('test-dead')).toEqual([
      { state: 'completed', n: 2 },
      { state: 'failed', n: 1 },
    ]);
    const dead = await listDeadLetters(server.ctx);
    expect(
      dead.filter((d) => (d.data as { job: string }).job === 'test-dead').map((d) => (d.data as { keys: string[] }).keys.includes('d060')),
    ).toEqual([true]);
  });

  it('a second start while a run is unfinished joins that run instead of planning another', async () => {
    // 20 chunks that take a moment each: on PGlite's one connection the second start's queries
    // take turns with the first's chunks, so the run must last past the second start's checks.
    const keys = Array.from({ length: 1000 }, (_, i) => `j${String(i).padStart(3, '0')}`);
    let entered = () => {};
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = recordingJob('test-join', keys);
    // The first start holds its first chunk open until the second has started.
    const held: ChunkedJob = {
      ...first,
      async process(ctx, tx, chunk) {
        if (chunk.includes('j000')) {
          entered();
          await gate;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
        return first.process(ctx, tx, chunk);
      },
    };
    const second = recordingJob('test-join', keys);
    const a = workChunks(chunksOf50(), held);
    await inside;
    const b = workChunks(chunksOf50(), second);
    setTimeout(release, 300);
    const [ra, rb] = await Promise.all([a, b]);
    expect(rb.runId).toBe(ra.runId);
    expect([...first.seen, ...second.seen].sort()).toEqual(keys);
  });

  it.runIf(testEngine() === 'postgres')(
    'two starts at once on PostgreSQL read what to do once: the second waits for the first to plan the run, then joins it',
    async () => {
      const keys = Array.from({ length: 120 }, (_, i) => `p${String(i).padStart(3, '0')}`);
      let planned = 0;
      const first = recordingJob('test-plan-once', keys);
      const second = recordingJob('test-plan-once', keys);
      const counting = (job: ChunkedJob & { seen: string[] }): ChunkedJob => ({
        ...job,
        async households(ctx) {
          planned += 1;
          await new Promise((resolve) => setTimeout(resolve, 200)); // a planning that takes a while
          return job.households(ctx);
        },
      });
      const [ra, rb] = await Promise.all([workChunks(chunksOf50(), counting(first)), workChunks(chunksOf50(), counting(second))]);
      expect(planned).toBe(1);
      expect(rb.runId).toBe(ra.runId);
      expect([...first.seen, ...second.seen].sort()).toEqual(keys);
    },
  );

  it('a run by hand opens the queue once, for its record and its chunks alike', async () => {
    const starts = vi.spyOn(PgBoss.prototype, 'start');
    try {
      const job = recordedByHand(
        chunkedJob(recordingJob('test-by-hand-once', ['h1', 'h2', 'h3']), {
          description: 'test',
          schedule: '0 0 * * *',
          summarize: ({ outcomes }) => ({ examined: outcomes.processed ?? 0, outcomes: {} }),
        }),
      );
      const summary = await job.run(server.ctx, undefined, { startedBy: { by: 'command-line', account: 'tester' } });
      expect(summary.examined).toBe(3);
      expect(starts).toHaveBeenCalledTimes(1);
      expect(await rows<{ state: string }>(sql`select state::text from pgboss.job where name = 'job.test-by-hand-once'`)).toEqual([
        { state: 'completed' },
      ]);
    } finally {
      starts.mockRestore();
    }
  });

  it('finished chunks are archived after a while and deleted from the archive later (retention)', async () => {
    const job = recordingJob('test-retention', ['r1', 'r2']);
    await workChunks(chunksOf50(), job);
    const archived = async () =>
      Number((await rows<{ n: number }>(sql`select count(*)::int as n from pgboss.archive where name = 'chunks.test-retention'`))[0]!.n);
    await withQueue(server.database.db, { archiveAfterSeconds: 60, deleteAfterDays: 1 }, async (boss) => {
      await server.database.db.execute(
        sql`update pgboss.job set completed_on = now() - interval '2 minutes' where name = 'chunks.test-retention'`,
      );
      await boss.maintain();
      expect(await chunkStates('test-retention')).toEqual([]);
      expect(await archived()).toBe(1);
      await server.database.db.execute(
        sql`update pgboss.archive set archived_on = now() - interval '2 days' where name = 'chunks.test-retention'`,
      );
      await boss.maintain();
    });
    expect(await archived()).toBe(0);
  });

  it('reassessment by household chunks stores a new version only for cases whose months changed', async () => {
    const [first] = pdcIds;
    const evidence = (await dana.get(`/api/pdcs/${first}/evidence`)).body.evidence[0];
    await dana.post(`/api/evidence/${evidence.id}/change`, { effectiveFrom: '2027-01-01', amount: '700.00' });
    // Applied directly, as a bulk load would, without the use case's own reassessment:
    await server.database.db.execute(sql`update evidence_versions set status = 'active' where status = 'in-edit'`);
    const summary = await workChunks(server.ctx, reassessmentChunks, { workers: 2 });
    expect(summary.outcomes.newVersions).toBe(1);
    expect(summary.outcomes.cases).toBeGreaterThanOrEqual(pdcIds.length);
  });
});
