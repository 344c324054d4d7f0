/**
 * Issue 7: the synthetic population and the benchmark suite cannot rot.
 * - On every engine: `generate` writes a deterministic population that the real jobs accept
 *   (every learner case determines; every two-attending couple is detected).
 * - On PostgreSQL: the quick benchmark runs at a tiny size and every figure has a value, a
 *   baseline, a ratio and a target, with the value and the baseline computing the same thing.
 */

import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTable, runBench } from '../../bench/bench.ts';
import { createContext } from '../../src/app/create-context.ts';
import { reassessment } from '../../src/jobs/reassessment.ts';
import { twoAttendingScan } from '../../src/jobs/two-attending-scan.ts';
import { type GenerateSummary, generatePopulation, populationModel } from '../../src/store/generate.ts';
import { determinations, evidenceVersions, persons, productDeliveryCases, relationships } from '../../src/store/schema.ts';
import { createTestDatabase, type TestDatabase, testEngine } from '../support/database.ts';

describe('waypoint generate', () => {
  let database: TestDatabase;
  let summary: GenerateSummary;
  beforeAll(async () => {
    database = await createTestDatabase();
    summary = await generatePopulation(database.db, { people: 240, seed: 42, engine: testEngine(), householdsPerChunk: 40 });
  });
  afterAll(() => database.destroy());

  it('is deterministic: the same seed and size give the same people', () => {
    const ids = (seed: number) =>
      [...populationModel({ people: 100, seed })].flatMap((h) => h.people.map((p) => `${p.id} ${p.givenName} ${p.birthDate}`));
    expect(ids(42)).toEqual(ids(42));
    expect(ids(43)).not.toEqual(ids(42));
  });

  it('writes exactly the people asked for, with households, learner cases and evidence', async () => {
    const n = async (table: typeof persons | typeof productDeliveryCases | typeof evidenceVersions | typeof relationships) =>
      Number((await database.db.select({ n: count() }).from(table))[0]!.n);
    expect(summary.people).toBe(240);
    expect(await n(persons)).toBe(240);
    expect(await n(productDeliveryCases)).toBe(summary.learners);
    expect(await n(evidenceVersions)).toBe(summary.evidence);
    expect(await n(relationships)).toBeGreaterThan(0);
    expect(summary.learners).toBeGreaterThan(20);
    expect(summary.twoAttendingCouples).toBeGreaterThan(0);
  });

  it('is data the real jobs accept: every learner case determines and every two-attending couple is detected', async () => {
    const ctx = createContext(database.db);
    const reassessed = await reassessment.run(ctx);
    expect(reassessed.examined).toBe(summary.learners);
    expect(Number((await database.db.select({ n: count() }).from(determinations))[0]!.n)).toBe(summary.learners);
    const scanned = await twoAttendingScan.run(ctx);
    expect(scanned.outcomes.detected).toBe(summary.twoAttendingCouples);
  }, 120_000);
});

describe.skipIf(testEngine() !== 'postgres')('npm run bench -- --quick (tiny)', () => {
  it('reports every figure with its value, baseline, ratio and target', async () => {
    const results = await runBench({
      quick: true,
      sizes: {
        startupRuns: 1,
        determinationMonths: 2_000,
        reassessmentPeople: 200,
        detectionPeople: 400,
        apiConnections: 4,
        apiDurationS: 1,
        apiWarmupS: 0,
        apiTargets: 20,
      },
      isolate: false,
    });
    expect(results.figures.map((f) => f.id)).toEqual([
      'cold-simulate',
      'server-start-postgres',
      'server-start-pglite',
      'server-start-pglite-new',
      'server-rss-postgres',
      'server-rss-pglite',
      'determination',
      'determination-explain',
      'reassessment',
      'batch-workers',
      'detection',
      'detection-rescan',
      'api-read-p99',
      'api-read-throughput',
      'api-write-p99',
      'api-write-throughput',
    ]);
    for (const f of results.figures) {
      expect(f.value, f.id).toBeGreaterThan(0);
      expect(f.baseline, f.id).toBeGreaterThan(0);
      expect(Number.isFinite(f.ratio), f.id).toBe(true);
      expect(f.target.text, f.id).not.toBe('');
      expect(typeof f.met, f.id).toBe('boolean');
      expect(f.valid, `${f.id}: ${f.notes.join(' ')}`).toBe(true);
    }
    expect(formatTable(results)).toMatch(/determination/);
    const workers = results.figures.find((f) => f.id === 'batch-workers')!;
    expect(workers.notes.join('\n')).toMatch(
      /The cores' floor \(warm\): the two used \d+ ms of CPU, so on \d+ cores they cannot take less than \d+ ms, \d+\.\d\dx/,
    );
  }, 300_000); // the quick bench now starts servers too (startup figures); slow on a loaded machine
});
