/**
 * `npm run bench` (full size, writes bench/results.json) or `npm run bench -- --quick` (small,
 * prints the table only unless --out is given), or `npm run bench -- --full` (the sizes,
 * measured: reassessment of 100,000 learners and the two-attending scan of 1,000,000 people; writes
 * bench/results-full.json). Options:
 *   --only startup,determination,reassessment,detection,api
 *   --seed N
 *   --determination-months N  --reassessment-people N  --detection-people N  --detection-rounds N
 *   --api-connections N  --api-duration S (each round)  --api-rounds N  --api-warmup S  --api-targets N  --startup-runs N  --batch-workers 0|1
 *   --out FILE   --keep (keep the bench databases: no later run drops them; drop them by hand)   --in-process (no worker processes)
 * PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIGURE_GROUPS, type FigureGroup, formatTable, runBench, type Sizes } from './bench.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const number = (name: string) => {
  const raw = option(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && name !== 'batch-workers'))
    throw new Error(`--${name} must be a positive number, not ${raw}`);
  return n;
};

const sizeOptions: Record<string, keyof Sizes> = {
  'determination-months': 'determinationMonths',
  'reassessment-people': 'reassessmentPeople',
  'detection-people': 'detectionPeople',
  'detection-rounds': 'detectionRounds',
  'api-connections': 'apiConnections',
  'api-duration': 'apiDurationS',
  'api-rounds': 'apiRounds',
  'api-warmup': 'apiWarmupS',
  'api-targets': 'apiTargets',
  'startup-runs': 'startupRuns',
  'batch-workers': 'batchWorkers',
};
const sizes: Partial<Record<keyof Sizes, number>> = {};
for (const [name, key] of Object.entries(sizeOptions)) {
  const n = number(name);
  if (n !== undefined) sizes[key] = n;
}
const only = option('only')
  ?.split(',')
  .map((s) => s.trim()) as FigureGroup[] | undefined;
for (const o of only ?? []) if (!FIGURE_GROUPS.includes(o)) throw new Error(`--only takes ${FIGURE_GROUPS.join(', ')}; not ${o}`);
const quick = flag('quick');
const full = flag('full');
// --full measures the two figures of the sizes unless --only says otherwise.
const groups: FigureGroup[] | undefined = only ?? (full ? ['reassessment', 'detection'] : undefined);

const results = await runBench({
  quick,
  full,
  sizes,
  seed: number('seed') ?? 1,
  ...(groups && { only: groups }),
  isolate: !flag('in-process'),
  keep: flag('keep'),
  log: (line) => console.error(line),
});

console.log(
  `\nWaypoint benchmarks (${results.mode}, seed ${results.seed}, ${results.durationS} s, load average ${(results.environment.loadavgAtStart as number[]).join(' ')} at start)\n`,
);
console.log(formatTable(results));
for (const f of results.figures) for (const note of f.notes) if (/MISMATCH|failed/.test(note)) console.log(`! ${f.id}: ${note}`);

const out =
  option('out') ??
  (quick || Object.keys(sizes).length > 0 || only
    ? undefined
    : path.join(path.dirname(fileURLToPath(import.meta.url)), full ? 'results-full.json' : 'results.json'));
if (out) {
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(process.cwd(), out)}.`);
}
if (results.figures.some((f) => !f.valid)) process.exitCode = 1;
