import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workChunks, type ChunkedJob } from '../../src/jobs/chunked.ts';
import { reassessmentChunks } from '../../src/jobs/reassessment.ts';
import { signedIn, type Api } from '../support/api.ts';
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
    await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, { type: 'child-care', amount: '600.00', periodStart: '2026-09-01', periodEnd: '2027-06-30' });
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    pdcIds.push(learner.pdcId);
  }
}, 120_000);
afterAll(() => server.close());

const rows = async <T>(query: ReturnType<typeof sql>) => {
  const result = await server.database.db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
};

/** A job that records which keys it processed, one household per key, in chunks of up to 50. */
function recordingJob(name: string, keys: string[], failOn?: string): ChunkedJob & { seen: string[] } {
  const seen: string[] = [];
  return {
    name,
    seen,
    households: async () => keys.map((k) => [k]),
    async process(_ctx, tx, chunk) {
      await tx.execute(sql`select 1`);
      if (failOn && chunk.includes(failOn)) throw new Error('worker crashed');
      seen.push(...chunk);
      return { processed: chunk.length };
    },
  };
}

describe('partitioned batch work (FOR UPDATE SKIP LOCKED)', () => {
  it('two workers share a run and every key is processed exactly once', async () => {
    const keys = Array.from({ length: 230 }, (_, i) => `k${String(i).padStart(3, '0')}`);
    const job = recordingJob('test-share', keys);
    const summary = await workChunks(server.ctx, job, { workers: 2 });
    expect(summary.chunks).toBe(5); // 230 keys in chunks of 50
    expect([...job.seen].sort()).toEqual(keys);
  });

  it('a chunk whose worker fails is rolled back, stays pending, and the run finishes on the next start', async () => {
    const keys = Array.from({ length: 120 }, (_, i) => `c${String(i).padStart(3, '0')}`);
    const crashing = recordingJob('test-crash', keys, 'c060');
    await expect(workChunks(server.ctx, crashing)).rejects.toThrow('worker crashed');
    const pending = await rows<{ n: number }>(sql`select count(*)::int as n from job_chunks c join job_runs r on r.id = c.run_id where r.job = 'test-crash' and c.status = 'pending'`);
    expect(Number(pending[0]!.n)).toBe(2); // the failed chunk and the one after it
    const retry = recordingJob('test-crash', keys);
    const summary = await workChunks(server.ctx, retry);
    expect(summary.processed).toBe(2);
    expect([...crashing.seen, ...retry.seen].sort()).toEqual(keys);
    const runs = await rows<{ status: string }>(sql`select status from job_runs where job = 'test-crash'`);
    expect(runs.map((r) => r.status)).toEqual(['done']);
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
