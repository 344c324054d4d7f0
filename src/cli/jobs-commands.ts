/** `waypoint jobs list` and `waypoint jobs run <name>`: the scheduled sweeps, run now with a progress bar and a summary. */

import { userInfo } from 'node:os';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { createContext } from '../app/create-context.ts';
import { workerCount } from '../jobs/chunked.ts';
import { listDeadLetters } from '../jobs/queue.ts';
import { findJob, JOBS } from '../jobs/registry.ts';
import { openDatabase } from '../store/db.ts';
import { loadConfig } from './config.ts';

export function registerJobsCommands(program: Command): void {
  const jobs = program.command('jobs').description('Scheduled sweeps and batch runs (on the job queue; servers run them too)');
  jobs
    .command('list')
    .description('List the jobs and their schedules')
    .action(() => {
      for (const job of JOBS) console.log(`${job.name.padEnd(26)} ${job.schedule.padEnd(12)} ${job.description}`);
    });
  jobs
    .command('run <name>')
    .description('Run a job now, with a progress bar and a summary (start it in several processes to share a batch)')
    .option(
      '--workers <n>',
      'concurrent workers in this process for batch jobs (reassessment, two-attending-scan); 4 overlaps database round trips with computing',
      '1',
    )
    .action(async (name: string, options: { workers: string }) => {
      const workers = workerCount(options.workers); // refused before anything starts
      const job = findJob(name);
      if (!job) throw new Error(`Unknown job "${name}". Known jobs: ${JOBS.map((j) => j.name).join(', ')}.`);
      const config = loadConfig();
      const database = await openDatabase(config.database);
      const bar = new cliProgress.SingleBar(
        { format: `${job.name} [{bar}] {value}/{total}`, stream: process.stderr, noTTYOutput: false },
        cliProgress.Presets.shades_classic,
      );
      try {
        let started = false;
        const onProgress = (done: number, total: number) => {
          if (!started) {
            bar.start(total, 0);
            started = true;
          }
          bar.update(done);
        };
        const summary = await job.run(createContext(database.db, { batchChunkSize: config.batchChunkSize }), onProgress, {
          workers,
          startedBy: { by: 'command-line', account: userInfo().username },
        });
        if (started) bar.stop();
        const outcomes = Object.entries(summary.outcomes)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ');
        console.log(`${summary.job}: examined ${summary.examined}${outcomes ? `; ${outcomes}` : ''}.`);
      } finally {
        await database.close();
      }
    });
  jobs
    .command('dead-letters')
    .description('Jobs and batch chunks that failed their last try (kept for 30 days), oldest first, as JSON lines')
    .action(async () => {
      const database = await openDatabase(loadConfig().database);
      try {
        for (const letter of await listDeadLetters(createContext(database.db))) console.log(JSON.stringify(letter));
      } finally {
        await database.close();
      }
    });
}
