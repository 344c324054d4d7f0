/** Runs the jobs on their schedules inside the server (croner); a run never overlaps itself. */
import { Cron } from 'croner';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { JOBS } from './registry.ts';
import { safeError } from '../app/errors.ts';

export function startScheduler(ctx: AppContext, logger: FastifyBaseLogger, timezone: string): { stop(): void } {
  const crons = JOBS.map(
    (job) =>
      new Cron(job.schedule, { timezone, protect: true, name: job.name }, async () => {
        try {
          const summary = await job.run(ctx);
          logger.info({ job: job.name, examined: summary.examined, ...summary.outcomes }, 'scheduled job finished');
        } catch (err) {
          logger.error({ job: job.name, error: safeError(err) }, 'scheduled job failed');
        }
      }),
  );
  return { stop: () => crons.forEach((c) => c.stop()) };
}
