/**
 * `waypoint generate --people N --seed S`: a deterministic synthetic population written straight
 * into the configured database (DATABASE_URL, or the PGlite data folder), for benchmarks and load
 * tests (issue 7). See src/store/generate.ts for the model.
 */

import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { openDatabase } from '../store/db.ts';
import { generatePopulation } from '../store/generate.ts';
import { loadConfig } from './config.ts';

const wholeNumber = (name: string, min: number) => (raw: string) => {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`${name} must be a whole number of at least ${min}; got "${raw}".`);
  return n;
};

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('Write a deterministic synthetic population (households, cases, plans, learner cases, evidence) into the database')
    .requiredOption('--people <n>', 'how many people', wholeNumber('--people', 1))
    .option('--seed <s>', 'seed of the random generator (same seed and size, same population)', wholeNumber('--seed', 0), 1)
    .option('--chunk <households>', 'households per transaction', wholeNumber('--chunk', 1), 1000)
    .action(async (options: { people: number; seed: number; chunk: number }) => {
      const config = loadConfig();
      const database = await openDatabase(config.database);
      const bar = new cliProgress.SingleBar(
        { format: 'generate [{bar}] {value}/{total} people', stream: process.stderr },
        cliProgress.Presets.shades_classic,
      );
      try {
        bar.start(options.people, 0);
        const summary = await generatePopulation(database.db, {
          people: options.people,
          seed: options.seed,
          householdsPerChunk: options.chunk,
          engine: database.engine,
          onProgress: (done) => bar.update(done),
        });
        bar.stop();
        console.log(
          `Generated ${summary.people} people in ${summary.households} households (${summary.couples} couples, ${summary.twoAttendingCouples} both learners), ` +
            `${summary.integratedCases} integrated cases, ${summary.learners} learner cases, ${summary.evidence} pieces of evidence: ` +
            `${summary.rows} rows in ${(summary.ms / 1000).toFixed(1)} s on ${database.describe} (seed ${options.seed}).`,
        );
      } finally {
        bar.stop();
        await database.close();
      }
    });
}
