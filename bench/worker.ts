/**
 * Runs one benchmark phase in its own process, so that the peak memory reported is the phase's:
 *   node --import tsx bench/worker.ts <phase> '<json params>'
 * Prints one line "BENCH_RESULT <json>" with the phase's result and the process's peak RSS.
 * With `"gated": true` in the params, a phase's start gate (bench/bench.ts spawnPhase) is a line
 * "BENCH_READY" on stdout, then waiting for a line on stdin.
 */
import { PHASES, type PhaseName, runPhase } from './phases.ts';

const [name, json] = process.argv.slice(2);
if (!name || !(name in PHASES)) {
  console.error(`usage: bench/worker.ts <${Object.keys(PHASES).join('|')}> '<json params>'`);
  process.exit(2);
}
const params = JSON.parse(json ?? '{}') as Record<string, unknown>;
const ready = async () => {
  process.stdout.write('BENCH_READY\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdin.pause();
};
const result = await runPhase(name as PhaseName, params, params.gated === true ? ready : undefined);
const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(`BENCH_RESULT ${JSON.stringify({ ...result, peakRssMB })}\n`);
process.exit(0);
