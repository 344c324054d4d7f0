/**
 * The benchmark suite (issue 7): each figure's value, its baseline measured in the same run, the
 * ratio and the target, with the peak memory of each. `runBench` is what `npm run bench` and the
 * quick test call; see bench/run.ts for the command line and docs/scaling.md for what it tells.
 *
 * Sizes that could not run in reasonable time on the 2-core machine are measured smaller and
 * extrapolated linearly to the issue's size; such a figure says so (`extrapolated`), and its target
 * is judged on the extrapolated value when the target is absolute.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../src/store/db.ts';
import { type GenerateSummary, generatePopulation } from '../src/store/generate.ts';
import { type LoadResult, measureApi } from './api.ts';
import { benchDatabaseName, createDatabase, databaseUrl, dropDatabase, dropLeftovers, markKept, serverUrl } from './pg.ts';
import { type PhaseName, type PhaseResult, runPhase } from './phases.ts';
import { coldSimulate, ensureBuild, median, type ServerStarts, serverStarts } from './startup.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Sizes {
  /** Learner-months determined in memory (issue: 1,000,000). */
  readonly determinationMonths: number;
  /** People generated for the reassessment figure (about 17% are learners; issue: 100,000 learners x 12 months). */
  readonly reassessmentPeople: number;
  /** People generated for the detection figure (issue: 1,000,000). */
  readonly detectionPeople: number;
  /**
   * Rounds of the scan and of its statement, each on fresh copies of the same data, alternating which
   * goes first; the medians are compared (one run of each swung 1.4x-3.5x on a busy 2-core machine).
   */
  readonly detectionRounds: number;
  /** Concurrent connections of the API figures (issue 15: 50). */
  readonly apiConnections: number;
  /** Seconds of each API round; each server gets apiRounds rounds per workload, interleaved. */
  readonly apiDurationS: number;
  readonly apiRounds: number;
  readonly apiWarmupS: number;
  readonly apiTargets: number;
  /** 1: a fresh server process per workload (each peak memory its own); 0: one per server kind. */
  readonly apiServerPerWorkload: number;
  /** Timed runs of each cold start (and of its baseline); the median is kept. */
  readonly startupRuns: number;
  /** 1: also the batch-workers figure (the reassessment again by 1 and by 2 worker processes); 0: not. */
  readonly batchWorkers: number;
}

export const QUICK: Sizes = {
  determinationMonths: 20_000,
  reassessmentPeople: 600,
  detectionPeople: 2_000,
  detectionRounds: 1,
  apiConnections: 50,
  apiDurationS: 3,
  apiRounds: 2,
  apiWarmupS: 1,
  apiTargets: 50,
  apiServerPerWorkload: 0,
  batchWorkers: 1,
  startupRuns: 3,
};
export const FULL: Sizes = {
  determinationMonths: 1_000_000,
  reassessmentPeople: 15_000,
  detectionPeople: 100_000,
  detectionRounds: 3,
  apiConnections: 50,
  apiDurationS: 6,
  apiRounds: 4,
  apiWarmupS: 3,
  apiTargets: 1_000,
  apiServerPerWorkload: 1,
  batchWorkers: 1,
  startupRuns: 11,
};
/**
 * `--full`: the issue's sizes, measured, not extrapolated: 100,000 learners (about 17.7% of the
 * people generated are learners, so 566,000 people) and 1,000,000 people for the scan. The
 * batch-workers figure is left out (three more runs of the reassessment at that size).
 */
export const ISSUE_SIZE: Sizes = { ...FULL, reassessmentPeople: 566_000, detectionPeople: 1_000_000, batchWorkers: 0 };

export const FIGURE_GROUPS = ['startup', 'determination', 'reassessment', 'detection', 'api'] as const;
export type FigureGroup = (typeof FIGURE_GROUPS)[number];

export interface Target {
  readonly text: string;
  /** ratio-max: ratio <= threshold; value-max: (extrapolated) value < threshold; ratio-min: ratio >= threshold; report: no target, always met. */
  readonly kind: 'ratio-max' | 'value-max' | 'ratio-min' | 'report';
  readonly threshold: number;
}

export interface Figure {
  readonly id: string;
  readonly label: string;
  readonly unit: 'ms' | 'req/s' | 'MB';
  readonly value: number;
  readonly baseline: number;
  /** value / baseline. */
  readonly ratio: number;
  readonly target: Target;
  readonly met: boolean;
  /** The value and the baseline computed the same thing (checksums), or served every request. */
  readonly valid: boolean;
  readonly size: Readonly<Record<string, number>>;
  /** Linear extrapolation to the issue's size, when measured smaller. */
  readonly extrapolated: { readonly to: string; readonly factor: number; readonly value: number; readonly baseline: number } | null;
  readonly peakMemoryMB: { readonly value: number | null; readonly baseline: number | null };
  readonly notes: readonly string[];
  readonly details: Readonly<Record<string, unknown>>;
}

export interface BenchResults {
  readonly generatedAt: string;
  readonly mode: 'quick' | 'full' | 'issue-size' | 'custom';
  readonly seed: number;
  readonly sizes: Sizes;
  readonly environment: Readonly<Record<string, unknown>>;
  readonly figures: readonly Figure[];
  readonly durationS: number;
  readonly notes: readonly string[];
}

export interface BenchOptions {
  readonly quick?: boolean;
  /** The issue's sizes, measured (ISSUE_SIZE). */
  readonly full?: boolean;
  readonly sizes?: Partial<Sizes>;
  readonly seed?: number;
  readonly only?: readonly FigureGroup[];
  /** Run each phase in its own process (default); false runs them here (tests), peak memory then being this process's. */
  readonly isolate?: boolean;
  /** Keep the bench databases (for inspection). */
  readonly keep?: boolean;
  readonly log?: (line: string) => void;
}

type Measured = PhaseResult & { peakRssMB: number | null; inProcess: boolean; loadavg: readonly [number, number] };

const load1 = () => Math.round(os.loadavg()[0]! * 100) / 100;

async function phase(name: PhaseName, params: Record<string, unknown>, isolate: boolean, gate?: Gate): Promise<Measured> {
  const before = load1();
  if (!isolate) {
    const ready = gate
      ? async () => {
          gate.arrive();
          await gate.open;
        }
      : undefined;
    const result = await runPhase(name, params, ready);
    return { ...result, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), inProcess: true, loadavg: [before, load1()] };
  }
  const output = await spawnPhase(root, [], name, params, gate);
  const line = output.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (!line) throw new Error(`bench phase ${name} printed no result`);
  const result = JSON.parse(line.slice('BENCH_RESULT '.length)) as PhaseResult & { peakRssMB: number };
  return { ...result, inProcess: false, loadavg: [before, load1()] };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function judge(target: Target, value: number, ratio: number, extrapolatedValue: number | null): boolean {
  if (target.kind === 'ratio-max') return ratio <= target.threshold;
  if (target.kind === 'ratio-min') return ratio >= target.threshold;
  if (target.kind === 'report') return true;
  return (extrapolatedValue ?? value) < target.threshold;
}

function figure(f: Omit<Figure, 'ratio' | 'met' | 'extrapolated'> & { extrapolateTo?: { to: string; factor: number } }): Figure {
  const ratio = f.baseline > 0 ? round(f.value / f.baseline, 3) : Number.POSITIVE_INFINITY;
  const extrapolated =
    f.extrapolateTo && f.extrapolateTo.factor > 1.0001
      ? {
          to: f.extrapolateTo.to,
          factor: round(f.extrapolateTo.factor, 3),
          value: round(f.value * f.extrapolateTo.factor, 1),
          baseline: round(f.baseline * f.extrapolateTo.factor, 1),
        }
      : null;
  const { extrapolateTo: _ignored, ...rest } = f;
  return { ...rest, ratio, extrapolated, met: judge(f.target, f.value, ratio, extrapolated?.value ?? null) };
}

const strip = (m: Measured) => {
  const { ms: _ms, peakRssMB: _peak, ...rest } = m;
  return rest;
};

interface Databases {
  readonly names: string[];
}

async function seeded(
  dbs: Databases,
  label: string,
  people: number,
  seed: number,
  log: (s: string) => void,
): Promise<{ template: string; summary: GenerateSummary }> {
  const template = benchDatabaseName(`${label}_tpl`);
  dbs.names.push(template);
  const summary = await seedDatabase(template, people, seed);
  log(
    `  generated ${summary.people} people (${summary.learners} learners, ${summary.twoAttendingCouples} two-attending couples, ${summary.rows} rows) in ${(summary.ms / 1000).toFixed(1)} s`,
  );
  return { template, summary };
}

/** A new database `name` with a generated population, and statistics for its tables with rows. */
export async function seedDatabase(databaseName: string, people: number, seed: number): Promise<GenerateSummary> {
  const url = await createDatabase(databaseName);
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
  let summary: GenerateSummary;
  try {
    summary = await generatePopulation(database.db, { people, seed, engine: 'postgres' });
  } finally {
    await database.close();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Statistics for the tables with rows only. A table analyzed while empty is planned as empty:
  // a backend that plans the foreign-key check of determination_months on determinations (a saved
  // plan) in a run's first small chunk keeps a sequential scan for the rest of the run, one scan of
  // the growing table per month inserted (41,946 scans reading 73.8 million rows in one run of
  // 3,511 cases). A production database's determinations are never empty; a never-analyzed table
  // is planned at a size of at least 10 pages, so the check uses the primary key's index.
  const { rows: tables } = await client.query<{ name: string }>(
    "select format('%I.%I', schemaname, relname) as name from pg_stat_user_tables where schemaname = 'public' order by relname",
  );
  for (const { name } of tables) {
    const { rows } = await client.query(`select 1 from ${name} limit 1`);
    if (rows.length > 0) await client.query(`vacuum analyze ${name}`);
  }
  await client.end();
  return summary;
}

async function copyOf(dbs: Databases, template: string, label: string): Promise<string> {
  const name = benchDatabaseName(label);
  dbs.names.push(name);
  await createDatabase(name, template);
  return databaseUrl(name);
}

/** Drops a copy made by `copyOf` now (it is no longer dropped, or kept, at the run's end). */
async function dropCopy(dbs: Databases, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await dropDatabase(name);
  dbs.names.splice(dbs.names.indexOf(name), 1);
}

async function determination(sizes: Sizes, seed: number, isolate: boolean, log: (s: string) => void): Promise<Figure[]> {
  log(`determination: ${sizes.determinationMonths} learner-months in memory`);
  const params = { seed, learnerMonths: sizes.determinationMonths };
  const value = await phase('determination.value', params, isolate);
  const baseline = await phase('determination.baseline', params, isolate);
  const same =
    value.learnerMonths === baseline.learnerMonths &&
    value.needsCents === baseline.needsCents &&
    value.entitlementCents === baseline.entitlementCents;
  const months = Number(value.learnerMonths);
  const memoryRatio = value.peakRssMB !== null && baseline.peakRssMB ? round(value.peakRssMB / baseline.peakRssMB, 2) : null;
  const cpuRatio = Number(baseline.cpuMs) > 0 ? round(Number(value.cpuMs) / Number(baseline.cpuMs), 2) : null;
  const time = figure({
    id: 'determination',
    label: 'Monthly determinations in memory (engine, codes kept, vs hand-written loop); peak memory within 1.5x of the loop too',
    unit: 'ms',
    value: value.ms,
    baseline: baseline.ms,
    target: { text: 'within 1.5x of the loop', kind: 'ratio-max', threshold: 1.5 },
    valid: same,
    size: { learners: Number(value.learners), learnerMonths: months },
    extrapolateTo: { to: '1,000,000 learner-months', factor: 1_000_000 / months },
    peakMemoryMB: { value: value.peakRssMB, baseline: baseline.peakRssMB },
    notes: [
      ...(same
        ? ['Both computed the same learner-months, needs and entitlements (sums compared).']
        : ['CHECKSUM MISMATCH: the loop and the domain disagree.']),
      `Peak memory ratio ${memoryRatio ?? 'not measured'} (target within 1.5x of the loop's).`,
      `CPU time ${Number(value.cpuMs)} ms vs ${Number(baseline.cpuMs)} ms: ratio ${cpuRatio ?? 'not measured'} (the wall-time ratio above also counts waiting for a core on a loaded machine).`,
      `Both timed on prepared columns; building the engine's batch from the population took ${Number(value.batchMs)} ms (not timed, as the loop's arrays are not).`,
      'Peak memory includes the synthetic population held in memory (the batch for the value, typed arrays for the baseline).',
    ],
    details: {
      value: strip(value),
      baseline: strip(baseline),
      memoryRatio,
      cpuRatio,
      microsecondsPerLearnerMonth: { value: round((value.ms * 1000) / months, 3), baseline: round((baseline.ms * 1000) / months, 3) },
    },
  });
  const explained = await phase('determination.explain', { seed }, isolate);
  const explain = figure({
    id: 'determination-explain',
    label: "Explaining one case's 12 months from the codes, warm (vs determining them, codes only)",
    unit: 'ms',
    value: explained.ms,
    baseline: Number(explained.determineMs),
    target: { text: 'under 1 ms', kind: 'value-max', threshold: 1 },
    valid: true,
    size: { months: Number(explained.months), components: Number(explained.components), evidence: Number(explained.evidence) },
    peakMemoryMB: { value: explained.peakRssMB, baseline: null },
    notes: ['Medians of 2,000 repetitions after the first determination.'],
    details: { value: strip(explained) },
  });
  return [{ ...time, met: time.met && memoryRatio !== null && memoryRatio <= 1.5 }, explain];
}

/** One 1-worker run and one 2-worker run of the same population: the two's wall time (first start to last end), and whether they agree. */
function workersRun({ one, two }: { one: Measured; two: readonly Measured[] }) {
  const wall = Math.max(...two.map((t) => Number(t.endedAt))) - Math.min(...two.map((t) => Number(t.startedAt)));
  const last = two.reduce((a, b) => (Number(a.endedAt) >= Number(b.endedAt) ? a : b));
  const same =
    last.learnerMonths === one.learnerMonths &&
    last.entitlementCents === one.entitlementCents &&
    last.determinations === one.determinations;
  const versions = two.reduce((n, t) => n + Number(t.newVersions ?? 0), 0);
  return { one, two, wall, same, versions };
}

/** Where each process's time went: its span, to its first chunk done, after its last, its chunks. */
const spans = (two: readonly Measured[]) =>
  two
    .map(
      (t) =>
        `${Math.round(Number(t.endedAt) - Number(t.startedAt))} ms (${Number(t.chunks ?? 0)} chunks, their work ${t.chunkWorkMs} ms; its first chunk started after ${t.firstChunkStartMs} ms, was done after ${t.toFirstChunkMs} ms; ${t.afterLastChunkMs} ms after its last)`,
    )
    .join(', ');

/**
 * Partitioned batch: the same reassessment run shared by two worker processes (each takes chunks
 * with FOR UPDATE SKIP LOCKED) against one process alone, timed from the first start to the last end.
 * The figure is warm processes' (each process first ran the whole job on a small population of its
 * own, untimed, as a long-lived worker server is warm when a run starts); fresh processes' (cold) is
 * reported beside it. The 1-worker and 2-worker runs are treated alike in both.
 */
function workersFigure(
  warmRuns: { one: Measured; two: readonly Measured[] },
  coldRuns: { one: Measured; two: readonly Measured[] },
  learners: number,
): Figure {
  const warm = workersRun(warmRuns);
  const cold = workersRun(coldRuns);
  const { one, two, wall } = warm;
  const warmUp = one.warmUp as { ms: number; chunks: number } | undefined;
  return figure({
    id: 'batch-workers',
    label: 'Batch reassessment shared by 2 warm worker processes vs 1 (same population, same run)',
    unit: 'ms',
    value: round(wall, 1),
    baseline: one.ms,
    target: { text: '2 workers at most 0.6x the time of 1 (1.67x speed-up)', kind: 'ratio-max', threshold: 0.6 },
    valid: warm.same && cold.same && warm.versions === learners && cold.versions === learners,
    size: { learners },
    peakMemoryMB: { value: Math.max(...two.map((t) => t.peakRssMB ?? 0)), baseline: one.peakRssMB },
    notes: [
      `Measured: warm worker processes. Each process (the 1 worker, and each of the 2) first ran the whole job untimed on its own copy of a smaller population (${warmUp ? `${warmUp.chunks} chunks, ${Math.round(warmUp.ms)} ms for the 1 worker` : 'see details'}), then the processes of a run started the timed run together; the figure is the timed run's, from the first start to the last end.`,
      `Cold (fresh processes, no warm-up, as before 2026-12-01): 1 worker ${Math.round(cold.one.ms)} ms, 2 workers ${Math.round(cold.wall)} ms: ${round(cold.wall / cold.one.ms, 3)}x.`,
      `Speed-up from 1 to 2 warm workers: ${round(one.ms / wall, 2)}x. New versions written by the two: ${two.map((t) => Number(t.newVersions ?? 0)).join(' + ')} = ${warm.versions} for ${learners} cases (each case once).`,
      ...(warm.same && cold.same
        ? ['Both runs, warm and cold, wrote the same determinations and months (counts and entitlement sums compared).']
        : ['CHECKSUM MISMATCH between one worker and two.']),
      `Warm: ${workersCpuNote(one, two)}`,
      coresFloorNote(one, two, wall),
      `Cold: ${workersCpuNote(cold.one, cold.two)}`,
      `Warm, each of the two: ${spans(two)}; they started ${Math.round(Math.abs(Number(two[0]!.startedAt) - Number(two[1]!.startedAt)))} ms apart and ended ${Math.round(Math.abs(Number(two[0]!.endedAt) - Number(two[1]!.endedAt)))} ms apart. The 1 worker: ${spans([one])}.`,
      `Both workers and PostgreSQL share this machine's ${os.availableParallelism()} cores; the domain computation is CPU-bound, so the speed-up is bounded by the cores left to PostgreSQL.`,
      'Each worker process runs in its own session (its own scheduling group under Linux autogroup), as separate worker services would.',
    ],
    details: {
      oneWorker: strip(one),
      twoWorkers: two.map(strip),
      cold: { oneWorker: strip(cold.one), twoWorkers: cold.two.map(strip), ms: round(cold.wall, 1), baseline: cold.one.ms },
    },
  });
}

/** CPU time of the one worker and of the two together (each process and its own PostgreSQL backends): what sharing the run cost in work, whatever the machine's load. */
function workersCpuNote(one: Measured, two: readonly Measured[]): string {
  const all = [one, ...two];
  if (!all.every((t) => typeof t.dbCpuMs === 'number')) return 'CPU time of the PostgreSQL backends could not be read (/proc).';
  const sum = (key: string) => two.reduce((n, t) => n + Number(t[key]), 0);
  const [node, db] = [Math.round(sum('nodeCpuMs')), Math.round(sum('dbCpuMs'))];
  const cpu = `CPU time (Node + PostgreSQL backends): 1 worker ${Number(one.cpuMs)} ms (Node ${one.nodeCpuMs}, database ${one.dbCpuMs}); 2 workers together ${node + db} ms (Node ${node}, database ${db}): ${((node + db) / Number(one.cpuMs)).toFixed(2)}x.`;
  if (!all.every((t) => typeof t.mainThreadMs === 'number')) return cpu;
  // The Node CPU not on the main thread: V8's optimizing compiler and GC helpers, spent again by each process.
  const background = (t: Measured) => Math.round(Number(t.nodeCpuMs) - Number(t.mainThreadMs));
  return `${cpu} Of the Node CPU, background threads (V8's optimizing compiler, GC helpers): 1 worker ${background(one)} ms, 2 workers ${two.map(background).join(' + ')} ms.`;
}

/**
 * The ratio no sharing can beat on this machine: the two workers (with their PostgreSQL backends)
 * cannot finish before their CPU time spread over every core, so on 2 cores a one worker that
 * already keeps more than one core busy (Node and its backend at once) leaves the two little to gain.
 */
function coresFloorNote(one: Measured, two: readonly Measured[], wall: number): string {
  if (![one, ...two].every((t) => typeof t.cpuMs === 'number')) return "The cores' floor could not be worked out (no CPU times).";
  const cores = os.availableParallelism();
  const together = two.reduce((n, t) => n + Number(t.cpuMs), 0);
  const floor = together / cores / one.ms;
  return `The cores' floor (warm): the two used ${Math.round(together)} ms of CPU, so on ${cores} cores they cannot take less than ${Math.round(together / cores)} ms, ${floor.toFixed(2)}x the one worker's time; they took ${round(wall / one.ms, 2)}x. The one worker kept ${(Number(one.cpuMs) / one.ms).toFixed(2)} cores busy on its own.`;
}

/** The API figures alone (`--only api`): a seeded population that reassessment determined, without the reassessment figures' baselines. */
async function determinedDatabase(dbs: Databases, sizes: Sizes, seed: number, isolate: boolean, log: (s: string) => void): Promise<string> {
  log(`api database: ${sizes.reassessmentPeople} people on PostgreSQL, determined by the reassessment`);
  const { template } = await seeded(dbs, 'reassess', sizes.reassessmentPeople, seed, log);
  const url = await copyOf(dbs, template, 'reassess_value');
  await phase('reassessment.value', { url, workers: LOOPS }, isolate);
  return url;
}

/** The warm-up run's population: this share of the timed run's (at least 300 people). */
const WARM_UP_SHARE = 5;

/**
 * The reassessment by 1 worker process, then the same run on a copy shared by 2 worker processes.
 * With a warm-up template, each process first runs the whole job on its own copy of it (untimed),
 * and the processes of a run start the timed run together (a start gate).
 */
async function workersRuns(
  dbs: Databases,
  template: string,
  warmTemplate: string | null,
  isolate: boolean,
): Promise<{ one: Measured; two: readonly Measured[] }> {
  const warmUrl = async () => (warmTemplate ? { warmUrl: await copyOf(dbs, warmTemplate, 'warm') } : {});
  const oneUrl = await copyOf(dbs, template, 'reassess_one');
  const one = await phase('reassessment.value', { url: oneUrl, workers: 1, ...(await warmUrl()) }, isolate, startGate(1));
  const workersUrl = await copyOf(dbs, template, 'reassess_workers');
  const gate = startGate(2);
  const params = [await warmUrl(), await warmUrl()].map((w) => ({ url: workersUrl, workers: 1, ...w }));
  const two = await Promise.all(params.map((p) => phase('reassessment.value', p, isolate, gate)));
  return { one, two };
}

/** Chunk loops in the reassessment figure's one process (`--workers 4`): database round trips overlap with computing. */
const LOOPS = 4;

async function reassessmentFigure(
  dbs: Databases,
  sizes: Sizes,
  seed: number,
  isolate: boolean,
  log: (s: string) => void,
): Promise<{ figure: Figure; workers: Figure | null; determinedUrl: string }> {
  log(`reassessment: ${sizes.reassessmentPeople} people on PostgreSQL`);
  const { template, summary } = await seeded(dbs, 'reassess', sizes.reassessmentPeople, seed, log);
  const valueUrl = await copyOf(dbs, template, 'reassess_value');
  const baselineUrl = await copyOf(dbs, template, 'reassess_baseline');
  const value = await phase('reassessment.value', { url: valueUrl, workers: LOOPS }, isolate);
  const baseline = await phase('reassessment.baseline', { url: baselineUrl }, isolate);
  let workers: Figure | null = null;
  if (sizes.batchWorkers) {
    log('batch-workers: the same reassessment by 1 worker, then shared by 2 worker processes; fresh processes, then warmed ones');
    const cold = await workersRuns(dbs, template, null, isolate);
    const warmPeople = Math.max(300, Math.round(sizes.reassessmentPeople / WARM_UP_SHARE));
    log(`  warm-up population: ${warmPeople} people (seed ${seed + 1})`);
    const { template: warmTemplate } = await seeded(dbs, 'warm', warmPeople, seed + 1, log);
    const warm = await workersRuns(dbs, template, warmTemplate, isolate);
    workers = workersFigure(warm, cold, Number(value.examined));
  }
  const same =
    value.learnerMonths === baseline.learnerMonths &&
    value.entitlementCents === baseline.entitlementCents &&
    value.determinations === baseline.determinations;
  const months = Number(value.learnerMonths);
  return {
    determinedUrl: valueUrl,
    workers,
    figure: figure({
      id: 'reassessment',
      label: `Batch reassessment on PostgreSQL (reassessment job, ${LOOPS} chunk loops in one process, vs bulk read + same domain + COPY)`,
      unit: 'ms',
      value: value.ms,
      baseline: baseline.ms,
      target: { text: 'within 2x of the bulk baseline', kind: 'ratio-max', threshold: 2 },
      valid: same,
      size: { people: summary.people, learners: Number(value.examined), learnerMonths: months },
      extrapolateTo: { to: '100,000 learners x 12 months (1,200,000 learner-months)', factor: 1_200_000 / months },
      peakMemoryMB: { value: value.peakRssMB, baseline: baseline.peakRssMB },
      notes: [
        ...(same
          ? ['Both wrote the same determinations and months (counts and entitlement sums compared).']
          : ['CHECKSUM MISMATCH between the job and the bulk baseline.']),
        "The baseline writes no audit events and takes no row locks; the job writes one audit event per case (a chunk's in multi-row statements), and reads and writes each chunk in a few set-based statements.",
        `The job ran with ${LOOPS} chunk loops in one process (waypoint jobs run reassessment --workers ${LOOPS}); with one loop it is the batch-workers baseline.`,
        'Both spend most of their time in the same domain computation (baseline computeMs).',
      ],
      details: { value: strip(value), baseline: strip(baseline), generate: summary },
    }),
  };
}

/** CPU time of the value and of its baseline (Node + the PostgreSQL backends), and their ratio: fairer than wall time when the machine is busy. */
function cpuNote(value: Measured, baseline: Measured, of?: string): string {
  const v = Number(value.cpuMs);
  const b = Number(baseline.cpuMs);
  if (!(v > 0 && b > 0)) return 'CPU time of the PostgreSQL backends could not be read (/proc).';
  return `CPU time (Node + PostgreSQL backends${of ? `, ${of}` : ''}): ${v} ms (Node ${value.nodeCpuMs}, database ${value.dbCpuMs}) vs ${b} ms (database ${baseline.dbCpuMs}): ${(v / b).toFixed(2)}x.`;
}

async function detectionFigure(dbs: Databases, sizes: Sizes, seed: number, isolate: boolean, log: (s: string) => void): Promise<Figure[]> {
  log(`detection: ${sizes.detectionPeople} people on PostgreSQL`);
  const { template, summary } = await seeded(dbs, 'detect', sizes.detectionPeople, seed, log);
  // Rounds on fresh copies of the same data, alternating which goes first (the first round's copies
  // are the ones kept with --keep; a later round's are dropped once measured). The first round's scan
  // also measures the re-scan.
  const rounds: { value: Measured; baseline: Measured }[] = [];
  for (let r = 0; r < Math.max(1, sizes.detectionRounds); r++) {
    const copies = [await copyOf(dbs, template, 'detect_value'), await copyOf(dbs, template, 'detect_baseline')] as const;
    const scan = () => phase('detection.value', { url: copies[0], workers: LOOPS, rescan: r === 0 }, isolate);
    const statement = () => phase('detection.baseline', { url: copies[1] }, isolate);
    if (r % 2 === 0) {
      const value = await scan();
      rounds.push({ value, baseline: await statement() });
    } else {
      const baseline = await statement();
      rounds.push({ value: await scan(), baseline });
    }
    if (r > 0) for (const url of copies) await dropCopy(dbs, url);
  }
  const value = rounds[0]!.value;
  const baseline = rounds[0]!.baseline;
  const same = rounds.every(
    (r) =>
      r.value.situationsDigest === baseline.situationsDigest &&
      r.baseline.situationsDigest === baseline.situationsDigest &&
      r.value.situations === summary.twoAttendingCouples,
  );
  const runs = (side: 'value' | 'baseline', key: 'ms' | 'cpuMs' | 'nodeCpuMs' | 'dbCpuMs') => rounds.map((r) => Number(r[side][key]));
  const medianOf = (side: 'value' | 'baseline', key: 'ms' | 'cpuMs' | 'nodeCpuMs' | 'dbCpuMs') => round(median(runs(side, key)), 1);
  const scanMedians = {
    ms: medianOf('value', 'ms'),
    cpuMs: medianOf('value', 'cpuMs'),
    nodeCpuMs: medianOf('value', 'nodeCpuMs'),
    dbCpuMs: medianOf('value', 'dbCpuMs'),
  };
  const statementMedians = {
    ms: medianOf('baseline', 'ms'),
    cpuMs: medianOf('baseline', 'cpuMs'),
    dbCpuMs: medianOf('baseline', 'dbCpuMs'),
  };
  const roundsNote =
    rounds.length > 1
      ? [
          `${rounds.length} rounds, each on fresh copies of the same data, alternating which ran first; medians. Scan ${runs('value', 'ms').join(', ')} ms; statement ${runs('baseline', 'ms').join(', ')} ms; ratios by round ${rounds.map((r) => (r.value.ms / r.baseline.ms).toFixed(2)).join(', ')}.`,
        ]
      : [];
  const size = { people: summary.people, learners: summary.learners, twoAttendingCouples: summary.twoAttendingCouples };
  const extrapolateTo = { to: '1,000,000 people', factor: 1_000_000 / summary.people };
  const nothingNew = Number(value.rescanExamined) === 0 && Number(value.candidatesAfterScan) === 0;
  return [
    figure({
      id: 'detection',
      label: 'Two-attending scan on PostgreSQL (scan job vs one set-based statement)',
      unit: 'ms',
      value: scanMedians.ms,
      baseline: statementMedians.ms,
      target: { text: 'within 2x of one set-based SQL statement at 1,000,000 people', kind: 'ratio-max', threshold: 2 },
      valid: same,
      size,
      extrapolateTo,
      peakMemoryMB: { value: value.peakRssMB, baseline: baseline.peakRssMB },
      notes: [
        ...(same
          ? [
              'Both found the same situations with the same months and first learner (digest compared), one per generated two-attending couple.',
            ]
          : ['MISMATCH between the scan and the set-based statement.']),
        "The scan also writes an audit event per situation and per task (three per situation), reads the names its task texts show, and holds each chunk's queue row; the statement writes the situations and the tasks only, with no audit events.",
        ...roundsNote,
        cpuNote({ ...value, ...scanMedians }, { ...baseline, ...statementMedians }, rounds.length > 1 ? 'medians' : undefined),
        `The scan ran with ${LOOPS} chunk loops in one process (waypoint jobs run two-attending-scan --workers ${LOOPS}); one set-based statement names the people around whom something is new, changed or ended, and only those are decided by the domain.`,
      ],
      details: {
        value: strip(value),
        baseline: strip(baseline),
        rounds: rounds.map((r) => ({ value: strip(r.value), baseline: strip(r.baseline) })),
        generate: summary,
      },
    }),
    figure({
      id: 'detection-rescan',
      label: 'Two-attending scan again with nothing new (the nightly case) vs its candidate statement alone',
      unit: 'ms',
      value: Number(value.rescanMs),
      baseline: Number(value.candidatesMs),
      target: { text: 'within 1.2x of the candidate statement alone', kind: 'ratio-max', threshold: 1.2 },
      valid: nothingNew && Number(value.rescanDetected) === 0,
      size,
      extrapolateTo,
      peakMemoryMB: { value: value.peakRssMB, baseline: value.peakRssMB },
      notes: [
        nothingNew
          ? 'The re-scan had no one to decide (the candidate statement returned no one): no per-situation work.'
          : `The re-scan still had ${value.rescanExamined} people to decide.`,
        "Both measured in the scan's process on the same data: the candidate statement once untimed (the first read after the scan's writes sets hint bits), then each five times, alternating which goes first; medians.",
        `CPU time (Node + PostgreSQL backends), medians: re-scan ${value.rescanCpuMs} ms vs candidate statement ${value.candidatesCpuMs} ms (${(Number(value.rescanCpuMs) / Number(value.candidatesCpuMs)).toFixed(2)}x).`,
      ],
      details: {
        rescanMs: value.rescanMs,
        candidatesMs: value.candidatesMs,
        rescanExamined: value.rescanExamined,
        rescanRunsMs: value.rescanRunsMs,
        candidateRunsMs: value.candidateRunsMs,
        rescanRunsCpuMs: value.rescanRunsCpuMs,
        candidateRunsCpuMs: value.candidateRunsCpuMs,
      },
    }),
  ];
}

function apiFigures(m: Awaited<ReturnType<typeof measureApi>>, sizes: Sizes): Figure[] {
  const ok = (r: LoadResult) => r.non2xx === 0 && r.errors === 0 && r.timeouts === 0;
  const size = { connections: sizes.apiConnections, rounds: sizes.apiRounds, roundS: sizes.apiDurationS, cases: m.targets };
  const out: Figure[] = [];
  for (const workload of ['read', 'write'] as const) {
    const w = m[workload].waypoint;
    const b = m[workload].bare;
    const what = workload === 'read' ? "read: a case page's data, GET /api/pdcs/:id" : 'write: add evidence, POST /api/pdcs/:id/evidence';
    const loads = [...w.rounds, ...b.rounds].map((r) => r.loadavg);
    const loadavg = `${Math.min(...loads)}-${Math.max(...loads)}`;
    // Round i of Waypoint against round i of bare: the pairs of rounds run next to each other.
    const pairs = (key: 'rps' | 'p99') => w.rounds.map((r, i) => round(r[key] / (b.rounds[i]?.[key] ?? Number.NaN), 3));
    const common = {
      valid: ok(w) && ok(b),
      size,
      peakMemoryMB: { value: w.serverPeakRssMB, baseline: b.serverPeakRssMB },
    };
    const notes = [
      ...(ok(w) && ok(b)
        ? []
        : [`Some requests failed: Waypoint non-2xx ${w.non2xx}, errors ${w.errors}; bare non-2xx ${b.non2xx}, errors ${b.errors}.`]),
      `${sizes.apiConnections} connections; ${sizes.apiRounds} rounds of ${sizes.apiDurationS} s per server, interleaved (Waypoint, bare, bare, Waypoint, ...); medians of the rounds. Load average ${loadavg} over the rounds.`,
      'autocannon, both servers and PostgreSQL share the same 2 cores; peak memory is the server process.',
      workload === 'read'
        ? 'The bare server reads the same rows (the case, its versions with their totals and authors, the current months, the differences, the live holds) with no session, caseload check, access log, schemas or security headers.'
        : 'The bare server writes the same two rows (evidence and its first version) with no session, case lock, caseload check, validation, audit event, schemas or security headers.',
    ];
    out.push(
      figure({
        id: `api-${workload}-p99`,
        label: `API ${what}: p99 latency (p50 in details)`,
        unit: 'ms',
        value: w.p99,
        baseline: b.p99,
        target: { text: "p99 within 2x of bare's", kind: 'ratio-max', threshold: 2 },
        notes: [`p50: Waypoint ${w.p50} ms, bare ${b.p50} ms.`, ...notes],
        ...common,
        details: { loadavg, pairRatios: pairs('p99'), waypoint: w, bare: b },
      }),
      figure({
        id: `api-${workload}-throughput`,
        label: `API ${what}: throughput`,
        unit: 'req/s',
        value: w.rps,
        baseline: b.rps,
        target: { text: '>= 50% of bare throughput', kind: 'ratio-min', threshold: 0.5 },
        notes,
        ...common,
        details: { loadavg, pairRatios: pairs('rps'), waypoint: w, bare: b },
      }),
    );
  }
  return out;
}

/** Issue 14: cold `waypoint simulate`, server start to its first answer, server memory at rest (bench/startup.ts). */
async function startupFigures(sizes: Sizes, log: (s: string) => void): Promise<Figure[]> {
  const runs = sizes.startupRuns;
  log(`startup: the production build, then ${runs} cold runs of each command and server (medians)`);
  await ensureBuild();
  const simulate = await coldSimulate(runs);
  const servers = await serverStarts(runs, Math.min(3, runs), log);
  const times = (s: ServerStarts) => s.ms.map((ms) => round(ms, 1));
  const bareMs = median(servers.bare.ms);
  const notes = [
    'Every process is spawned from bin/waypoint.js on the production build (dist/server); the time is from spawn to the first answered GET /health.',
    'The bare server is Fastify with one route, spawned the same way; the servers start in turn, round after round (the same load for each).',
  ];
  const start = (id: string, where: string, s: ServerStarts, extra: string[]) =>
    figure({
      id: `server-start-${id}`,
      label: `Server cold start to its first answer, ${where} (vs a bare Fastify start)`,
      unit: 'ms',
      value: round(median(s.ms), 1),
      baseline: round(bareMs, 1),
      target: { text: 'within 3x of a bare Fastify start', kind: 'ratio-max', threshold: 3 },
      valid: true,
      size: { runs: s.ms.length },
      peakMemoryMB: { value: s.peakMB, baseline: servers.bare.peakMB },
      notes: [...extra, ...notes],
      details: { runsMs: times(s), bareRunsMs: times(servers.bare) },
    });
  const rest = (id: string, where: string, s: ServerStarts) =>
    figure({
      id: `server-rss-${id}`,
      label: `Server memory at rest, ${where}: RSS after start and 5 requests (vs the bare Fastify server)`,
      unit: 'MB',
      value: s.restMB ?? 0,
      baseline: servers.bare.restMB ?? 0,
      target: { text: 'reported (no target)', kind: 'report', threshold: 0 },
      valid: s.restMB !== null && servers.bare.restMB !== null,
      size: { requests: 5 },
      peakMemoryMB: { value: s.peakMB, baseline: servers.bare.peakMB },
      notes: ['Requests: /health, /, /api/openapi.json, /api/docs/, /health; RSS read from /proc a second later.'],
      details: {},
    });
  return [
    figure({
      id: 'cold-simulate',
      label: "Cold `waypoint simulate` of one household (vs `node -e ''`)",
      unit: 'ms',
      value: round(median(simulate.value), 1),
      baseline: round(median(simulate.baseline), 1),
      target: { text: "within 4x of node -e ''", kind: 'ratio-max', threshold: 4 },
      valid: simulate.calculated,
      size: { runs },
      peakMemoryMB: simulate.peakMB,
      notes: [
        "Runs interleaved with the baseline's after one warm-up run; peak memory from one more run of each.",
        ...(simulate.calculated ? [] : ['simulate failed: no months in its output.']),
      ],
      details: { runsMs: simulate.value.map((ms) => round(ms, 1)), baselineRunsMs: simulate.baseline.map((ms) => round(ms, 1)) },
    }),
    start('postgres', 'PostgreSQL (migrated database)', servers.postgres, [
      `The first start on the new database (migrations, not counted) took ${servers.firstStartMs} ms.`,
    ]),
    start('pglite', 'existing PGlite data folder (a restart)', servers.pgliteExisting, [
      `PGlite's own start, the floor of any server on it: the bare Fastify server opening PGlite on the same folder, with the same start settings, first took ${round(median(servers.pgliteFloor.ms), 1)} ms (${round(median(servers.pgliteFloor.ms) / bareMs, 1)}x bare; runs ${JSON.stringify(times(servers.pgliteFloor))}).`,
    ]),
    start('pglite-new', 'new PGlite data folder (the first start)', servers.pgliteNew, [
      'A new data folder starts as a copy of the migrated empty database the build makes (scripts/build.js), not by initdb and every migration; the migrations are checked as on a restart.',
    ]),
    rest('postgres', 'PostgreSQL', servers.postgres),
    rest('pglite', 'PGlite', servers.pgliteExisting),
  ];
}

async function postgresVersion(): Promise<string> {
  try {
    const client = new pg.Client({ connectionString: serverUrl() });
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    await client.end();
    return rows[0]!.server_version;
  } catch {
    return 'unavailable';
  }
}

export const RUN_NOTES = [
  "value and baseline of a figure are measured in the same run, one after the other, each phase in its own process (peakMemoryMB is that process's peak RSS; for the API, the server process's).",
  "Where a figure was measured below the issue's size, `extrapolated` scales value and baseline linearly (factor given); the ratio is the measured one. Absolute targets (detection) are judged on the extrapolated value.",
  "The machine has 2 cores shared by the benchmark, PostgreSQL (default settings, shared_buffers 128MB) and, for the API, autocannon; environment.loadavgAtStart/AtEnd and each phase's loadavg show how busy it was with other work.",
];

export async function runBench(options: BenchOptions = {}): Promise<BenchResults> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const sizes: Sizes = { ...(options.quick ? QUICK : options.full ? ISSUE_SIZE : FULL), ...options.sizes };
  const seed = options.seed ?? 1;
  const isolate = options.isolate ?? true;
  const only = new Set(options.only ?? FIGURE_GROUPS);
  const environment = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    postgres: await postgresVersion(),
    loadavgAtStart: os.loadavg().map((x) => round(x)),
    isolatedPhases: isolate,
  };
  if (only.has('reassessment') || only.has('detection') || only.has('api')) {
    // A killed run leaves its databases on the server: drop those of ended runs (not those kept with --keep).
    const leftovers = await dropLeftovers();
    if (leftovers.length > 0) log(`dropped ${leftovers.length} database(s) left by ended bench runs: ${leftovers.join(', ')}`);
  }
  const dbs: Databases = { names: [] };
  const figures: Figure[] = [];
  try {
    if (only.has('startup')) figures.push(...(await startupFigures(sizes, log)));
    if (only.has('determination')) figures.push(...(await determination(sizes, seed, isolate, log)));
    let determinedUrl: string | null = null;
    if (only.has('reassessment')) {
      const r = await reassessmentFigure(dbs, sizes, seed, isolate, log);
      figures.push(r.figure, ...(r.workers ? [r.workers] : []));
      determinedUrl = r.determinedUrl;
    } else if (only.has('api')) determinedUrl = await determinedDatabase(dbs, sizes, seed, isolate, log);
    if (only.has('detection')) figures.push(...(await detectionFigure(dbs, sizes, seed, isolate, log)));
    if (only.has('api') && determinedUrl) {
      log(`api: ${sizes.apiConnections} connections, ${sizes.apiRounds} interleaved rounds of ${sizes.apiDurationS} s per server`);
      figures.push(
        ...apiFigures(
          await measureApi({
            url: determinedUrl,
            connections: sizes.apiConnections,
            durationS: sizes.apiDurationS,
            rounds: sizes.apiRounds,
            warmupS: sizes.apiWarmupS,
            targets: sizes.apiTargets,
            serverPerWorkload: sizes.apiServerPerWorkload !== 0,
            log,
          }),
          sizes,
        ),
      );
    }
  } finally {
    if (!options.keep) for (const name of dbs.names) await dropDatabase(name).catch(() => {});
    else if (dbs.names.length > 0) {
      for (const name of dbs.names) await markKept(name);
      log(`kept (drop by hand when done): ${dbs.names.join(', ')}`);
    }
  }
  const mode =
    options.sizes && Object.keys(options.sizes).length > 0 ? 'custom' : options.quick ? 'quick' : options.full ? 'issue-size' : 'full';
  return {
    generatedAt: new Date().toISOString(),
    mode,
    seed,
    sizes,
    environment: { ...environment, loadavgAtEnd: os.loadavg().map((x) => round(x)) },
    figures,
    durationS: round((performance.now() - started) / 1000, 1),
    notes: RUN_NOTES,
  };
}

// ---------------------------------------------------------------------------------------------
// The table

const show = (n: number, unit: Figure['unit']) =>
  unit === 'req/s'
    ? `${n.toFixed(0)} req/s`
    : unit === 'MB'
      ? `${n.toFixed(0)} MB`
      : n >= 10_000
        ? `${(n / 1000).toFixed(1)} s`
        : `${n.toFixed(n < 10 ? 2 : 0)} ms`;

export function formatTable(results: BenchResults): string {
  const rows = results.figures.map((f) => [
    f.id,
    show(f.value, f.unit),
    show(f.baseline, f.unit),
    `${f.ratio}x${typeof f.details.cpuRatio === 'number' ? ` (CPU ${f.details.cpuRatio}x)` : ''}${typeof f.details.loadavg === 'string' ? ` (load ${f.details.loadavg})` : ''}`,
    f.target.text,
    `${f.met ? 'yes' : 'NO'}${f.valid ? '' : ' (invalid)'}`,
    `${f.peakMemoryMB.value ?? '-'} / ${f.peakMemoryMB.baseline ?? '-'}`,
    f.extrapolated ? `${show(f.extrapolated.value, f.unit)} at ${f.extrapolated.to}` : '',
  ]);
  const header = ['figure', 'value', 'baseline', 'ratio', 'target', 'met', 'peak MB (v/b)', 'extrapolated value'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** A start gate for the phases of one timed run: each arrives once ready, and all go when every one has arrived. */
export interface Gate {
  arrive(): void;
  readonly open: Promise<void>;
}

export function startGate(parties: number): Gate {
  let arrived = 0;
  let go = () => {};
  const open = new Promise<void>((resolve) => (go = resolve));
  return {
    open,
    arrive: () => {
      arrived += 1;
      if (arrived === parties) go();
    },
  };
}

/**
 * Runs one bench phase in a worker process of the source tree at `root` (with node options first) and gives its output.
 * With a gate, the phase is told it is gated: it prints "BENCH_READY" at its gate (bench/worker.ts) and goes on
 * when every phase of the gate is there.
 */
export function spawnPhase(
  root: string,
  nodeOptions: readonly string[],
  name: string,
  params: Record<string, unknown>,
  gate?: Gate,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...nodeOptions,
        '--import',
        'tsx',
        path.join(root, 'bench/worker.ts'),
        name,
        JSON.stringify(gate ? { ...params, gated: true } : params),
      ],
      {
        cwd: root,
        stdio: [gate ? 'pipe' : 'ignore', 'pipe', 'inherit'],
        // Its own session, so its own scheduling group (Linux autogroup), as a separate worker service
        // would be: two worker processes in the bench's one session would share that session's CPU
        // share on a machine loaded by other sessions, and 2 workers would measure the scheduler.
        detached: true,
      },
    );
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const before = out;
      out += chunk.toString();
      if (gate && !before.includes('BENCH_READY\n') && out.includes('BENCH_READY\n')) {
        gate.arrive();
        void gate.open.then(() => child.stdin?.end('go\n'));
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`bench phase ${name} exited with ${code}`))));
  });
}
