/**
 * The batch-workers figure A/B, alternating in one sitting: one seeded population, then for each
 * round and each variant the reassessment by 1 worker process and by 2 on fresh copies, as the
 * bench does (bench/bench.ts workersFigure). A variant is a source tree (another checkout, for
 * before/after) and node flags for its worker processes:
 *   node --import tsx bench/workers-ab.ts [--people 15000] [--rounds 5] [--variant name=ROOT[;NODE FLAGS]]...
 * Prints, per variant, the median 2-worker/1-worker ratio, wall times and CPU, with load averages.
 * AB_KEEP_OUTPUT=FILE appends each worker's output (e.g. of --trace-gc) to FILE, each line prefixed
 * with its variant's root and flags.
 */
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../src/store/db.ts';
import { generatePopulation } from '../src/store/generate.ts';
import { spawnPhase } from './bench.ts';
import { benchDatabaseName, createDatabase, databaseUrl, dropDatabase } from './pg.ts';
import { median } from './startup.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const people = Number(option('people') ?? 15_000);
const rounds = Number(option('rounds') ?? 5);
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const variants = args
  .flatMap((a, i) => (a === '--variant' ? [args[i + 1]!] : []))
  .map((v) => {
    const name = v.slice(0, v.indexOf('='));
    const rest = v.slice(name.length + 1);
    const root = rest.includes(';') ? rest.slice(0, rest.indexOf(';')) : rest;
    return { name, root: path.resolve(root || here), nodeOptions: rest.slice(root.length + 1) };
  });
if (variants.length === 0) variants.push({ name: 'this', root: here, nodeOptions: '' });

type Result = Record<string, number>;

async function phase(root: string, nodeOptions: string, params: Record<string, unknown>): Promise<Result> {
  const out = await spawnPhase(root, nodeOptions.split(' ').filter(Boolean), 'reassessment.value', params);
  if (process.env.AB_KEEP_OUTPUT) appendFileSync(process.env.AB_KEEP_OUTPUT, out.replace(/^/gm, `${root}|${nodeOptions}|`));
  const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (!line) throw new Error('worker printed no result');
  return JSON.parse(line.slice('BENCH_RESULT '.length)) as Result;
}

const names: string[] = [];
const template = benchDatabaseName('ab_tpl');
names.push(template);
try {
  const url = await createDatabase(template);
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
  const summary = await generatePopulation(database.db, { people, seed: 1, engine: 'postgres' });
  await database.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows: tables } = await client.query<{ name: string }>(
    "select format('%I.%I', schemaname, relname) as name from pg_stat_user_tables where schemaname = 'public' order by relname",
  );
  for (const { name } of tables)
    if ((await client.query(`select 1 from ${name} limit 1`)).rows.length > 0) await client.query(`vacuum analyze ${name}`);
  await client.end();
  console.error(`seeded ${summary.people} people, ${summary.learners} learners`);
  const copy = async () => {
    const name = benchDatabaseName('ab');
    names.push(name);
    await createDatabase(name, template);
    return name;
  };
  const seen = new Map<
    string,
    { ratio: number[]; one: number[]; two: number[]; cpu1: number[]; cpu2: number[]; apart: number[]; load: number[] }
  >();
  let checksum = '';
  for (let r = 0; r < rounds; r++) {
    for (const v of variants) {
      const load = os.loadavg()[0]!;
      const oneDb = await copy();
      const one = await phase(v.root, v.nodeOptions, { url: databaseUrl(oneDb), workers: 1 });
      await dropDatabase(oneDb);
      const twoDb = await copy();
      const two = await Promise.all([0, 1].map(() => phase(v.root, v.nodeOptions, { url: databaseUrl(twoDb), workers: 1 })));
      await dropDatabase(twoDb);
      const wall = Math.max(...two.map((t) => t.endedAt!)) - Math.min(...two.map((t) => t.startedAt!));
      const sums = (t: Result) => `${t.determinations}/${t.learnerMonths}/${t.entitlementCents}`;
      const last = two.reduce((a, b) => (a.endedAt! >= b.endedAt! ? a : b));
      const check = sums(one) === sums(last) ? sums(one) : `MISMATCH ${sums(one)} vs ${sums(last)}`;
      if (!checksum) checksum = check;
      else if (check !== checksum) checksum = `MISMATCH ${checksum} vs ${check}`;
      const s = seen.get(v.name) ?? { ratio: [], one: [], two: [], cpu1: [], cpu2: [], apart: [], load: [] };
      seen.set(v.name, s);
      s.ratio.push(wall / one.ms!);
      s.one.push(one.ms!);
      s.two.push(wall);
      s.cpu1.push(one.cpuMs!);
      s.cpu2.push(two[0]!.cpuMs! + two[1]!.cpuMs!);
      s.apart.push(Math.abs(two[0]!.endedAt! - two[1]!.endedAt!));
      s.load.push(load);
      console.error(
        `${r} ${v.name}: 1 worker ${Math.round(one.ms!)} ms (cpu node ${one.nodeCpuMs} main ${one.mainThreadMs} db ${one.dbCpuMs}), 2 workers ${Math.round(wall)} ms (cpu node ${two[0]!.nodeCpuMs}+${two[1]!.nodeCpuMs} main ${two[0]!.mainThreadMs}+${two[1]!.mainThreadMs} db ${two[0]!.dbCpuMs}+${two[1]!.dbCpuMs}; chunks ${two[0]!.chunks}+${two[1]!.chunks}, ended ${Math.round(Math.abs(two[0]!.endedAt! - two[1]!.endedAt!))} ms apart): ${(wall / one.ms!).toFixed(3)}x load ${load.toFixed(2)} ${check}`,
      );
    }
  }
  for (const [name, s] of seen)
    console.log(
      `${name}: median ratio ${median(s.ratio).toFixed(3)} (${s.ratio.map((x) => x.toFixed(2)).join(' ')}), 1 worker ${Math.round(median(s.one))} ms, 2 workers ${Math.round(median(s.two))} ms, cpu 1 ${Math.round(median(s.cpu1))} ms, cpu 2 ${Math.round(median(s.cpu2))} ms (${(median(s.cpu2) / median(s.cpu1)).toFixed(2)}x), the two ended ${Math.round(median(s.apart))} ms apart, load ${s.load.map((x) => x.toFixed(1)).join(' ')}`,
    );
  console.log(`checksum ${checksum}`);
} finally {
  for (const name of names) await dropDatabase(name).catch(() => {});
}
process.exit(0);
