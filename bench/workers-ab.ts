/**
 * The batch-workers figure A/B, alternating in one sitting: one seeded population, then for each
 * round and each variant the reassessment by 1 worker process and by 2 on fresh copies, as the
 * bench does (bench/bench.ts workersFigure). A variant is a source tree (another checkout, for
 * before/after) and node flags for its worker processes:
 *   node --import tsx bench/workers-ab.ts [--people 15000] [--rounds 5] [--warm PEOPLE] [--variant name=ROOT[;NODE FLAGS]]...
 * With --warm, each variant is also measured with warm processes (as the bench's figure is): each
 * process first runs the job untimed on its own copy of a population of that many people, and the
 * processes of a run start the timed run together; the variant "<name> warm" is printed beside it.
 * Prints, per variant, the median 2-worker/1-worker ratio, wall times and CPU, with load averages.
 * AB_KEEP_OUTPUT=FILE appends each worker's output (e.g. of --trace-gc) to FILE, each line prefixed
 * with its variant's root and flags.
 */
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Gate, seedDatabase, spawnPhase, startGate } from './bench.ts';
import { benchDatabaseName, createDatabase, databaseUrl, dropDatabase } from './pg.ts';
import { median } from './startup.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const people = Number(option('people') ?? 15_000);
const rounds = Number(option('rounds') ?? 5);
const warmPeople = option('warm') === undefined ? 0 : Number(option('warm'));
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

async function phase(root: string, nodeOptions: string, params: Record<string, unknown>, gate: Gate): Promise<Result> {
  const out = await spawnPhase(root, nodeOptions.split(' ').filter(Boolean), 'reassessment.value', params, gate);
  if (process.env.AB_KEEP_OUTPUT) appendFileSync(process.env.AB_KEEP_OUTPUT, out.replace(/^/gm, `${root}|${nodeOptions}|`));
  const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (!line) throw new Error('worker printed no result');
  return JSON.parse(line.slice('BENCH_RESULT '.length)) as Result;
}

const names: string[] = [];
const template = benchDatabaseName('ab_tpl');
names.push(template);
try {
  const summary = await seedDatabase(template, people, 1);
  const warmTemplate = warmPeople > 0 ? benchDatabaseName('ab_warm_tpl') : null;
  if (warmTemplate) {
    names.push(warmTemplate);
    await seedDatabase(warmTemplate, warmPeople, 2);
  }
  console.error(`seeded ${summary.people} people, ${summary.learners} learners`);
  const copy = async (from = template) => {
    const name = benchDatabaseName('ab');
    names.push(name);
    await createDatabase(name, from);
    return name;
  };
  // The warm-up of one process: its own copy of the warm-up population (none when cold).
  const warmUp = async (warm: boolean) => (warm && warmTemplate ? { warmUrl: databaseUrl(await copy(warmTemplate)) } : {});
  const seen = new Map<
    string,
    { ratio: number[]; one: number[]; two: number[]; cpu1: number[]; cpu2: number[]; apart: number[]; load: number[] }
  >();
  let checksum = '';
  for (let r = 0; r < rounds; r++) {
    for (const v of variants.flatMap((v) => (warmTemplate ? [v, { ...v, name: `${v.name} warm`, warm: true }] : [v]))) {
      const load = os.loadavg()[0]!;
      const warm = 'warm' in v;
      const oneDb = await copy();
      const one = await phase(v.root, v.nodeOptions, { url: databaseUrl(oneDb), workers: 1, ...(await warmUp(warm)) }, startGate(1));
      await dropDatabase(oneDb);
      const twoDb = await copy();
      const gate = startGate(2);
      const params = [await warmUp(warm), await warmUp(warm)].map((w) => ({ url: databaseUrl(twoDb), workers: 1, ...w }));
      const two = await Promise.all(params.map((p) => phase(v.root, v.nodeOptions, p, gate)));
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
        `${r} ${v.name}: 1 worker ${Math.round(one.ms!)} ms (cpu node ${one.nodeCpuMs} main ${one.mainThreadMs} db ${one.dbCpuMs}; first chunk started ${one.firstChunkStartMs} done ${one.toFirstChunkMs} ms, chunk work ${one.chunkWorkMs} ms, after last ${one.afterLastChunkMs} ms), 2 workers ${Math.round(wall)} ms (cpu node ${two[0]!.nodeCpuMs}+${two[1]!.nodeCpuMs} main ${two[0]!.mainThreadMs}+${two[1]!.mainThreadMs} db ${two[0]!.dbCpuMs}+${two[1]!.dbCpuMs}; chunks ${two[0]!.chunks}+${two[1]!.chunks}, first chunk started ${two[0]!.firstChunkStartMs}+${two[1]!.firstChunkStartMs} done ${two[0]!.toFirstChunkMs}+${two[1]!.toFirstChunkMs} ms, chunk work ${two[0]!.chunkWorkMs}+${two[1]!.chunkWorkMs} ms, after last ${two[0]!.afterLastChunkMs}+${two[1]!.afterLastChunkMs} ms, ended ${Math.round(Math.abs(two[0]!.endedAt! - two[1]!.endedAt!))} ms apart): ${(wall / one.ms!).toFixed(3)}x load ${load.toFixed(2)} ${check}`,
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
