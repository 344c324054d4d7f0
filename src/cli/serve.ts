/**
 * `waypoint serve`: migrations, demo data when asked for (--demo-if-empty, --demo), the HTTP server
 * and web UI, the scheduler and the audit sealer; stops cleanly on SIGINT and SIGTERM.
 */
import type { Command } from 'commander';
import pino from 'pino';
import { loadAuditKeys } from '../app/audit-keys.ts';
import { type AuditSealer, startAuditSealer } from '../app/audit-seal.ts';
import { createContext } from '../app/create-context.ts';
import { DEMO_PASSWORD, hasAnyUser, seedDemo } from '../app/demo-data.ts';
import { accountsWithRefusedRoleSets } from '../app/users.ts';
import { buildServer, logSerializers } from '../http/server.ts';
import { findJob, JOBS } from '../jobs/registry.ts';
import { type JobQueue, startJobQueue } from '../jobs/scheduler.ts';
import { openDatabase } from '../store/db.ts';
import { demoModeFor } from './accounts.ts';
import { loadConfig } from './config.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Start the server and web UI (runs pending migrations first)')
    .option('--demo-if-empty', 'demo mode on the embedded database only (npm start): load the demo data when it has no users yet')
    .option('--demo', 'demo mode on any database: load the demo data when it has no users yet, accept the published demo password')
    .action(serve);
}

async function serve(options: { demoIfEmpty?: boolean; demo?: boolean }): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, serializers: logSerializers });
  const auditKeys = loadAuditKeys(config.audit, { create: true })!;
  const demoMode = demoModeFor(options, config.database);
  if (options.demoIfEmpty && !demoMode) {
    logger.warn(
      '--demo-if-empty: no demo data and no demo password on a PostgreSQL database (DATABASE_URL); create the first administrator with waypoint create-user, or pass --demo to ask for demo mode',
    );
  }
  const database = await openDatabase(config.database);
  const ctx = createContext(database.db, { sessionHours: config.sessionHours, demoMode, batchChunkSize: config.batchChunkSize });
  if (demoMode && !(await hasAnyUser(ctx))) {
    logger.info('empty database: loading demo data');
    const seeded = await seedDemo(ctx);
    logger.info({ users: seeded.users, people: seeded.people }, `demo data loaded; sign in as official.ada with password ${DEMO_PASSWORD}`);
  }
  for (const account of await accountsWithRefusedRoleSets(ctx)) {
    logger.warn(
      { userId: account.id, roles: account.roles },
      `account holds roles that break separation of duties; an administrator should change them: ${account.problem}`,
    );
  }
  const app = await buildServer({
    ctx,
    engine: database.engine,
    logger,
    secureCookies: config.secureCookies,
    publicOrigin: config.publicOrigin,
    trustedProxies: config.trustedProxies,
    holdsLock: database.holdsLock,
    jobs: JOBS,
  });
  for (const name of Object.keys(config.schedules))
    if (!findJob(name)) throw new Error(`WAYPOINT_SCHEDULES names no job "${name}". Known jobs: ${JOBS.map((j) => j.name).join(', ')}.`);
  // The server answers first; the audit sealer and the job queue (pg-boss: its schema check, queues
  // and schedules) start once it listens. Nothing a request does waits for them: a request that
  // needs the queue before it is started opens one of its own (src/jobs/queue.ts withQueue), and
  // the sealer seals whatever is unsealed when it runs. A queue that fails to start still ends the
  // process with its error, as before.
  let sealer: AuditSealer | null = null;
  let queue: Promise<JobQueue> | null = null;
  const shutdown = async () => {
    await app.close();
    await (await queue?.catch(() => null))?.stop();
    await sealer?.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const address = await app.listen({ port: config.port, host: config.host });
  logger.info({ database: database.describe, publicOrigin: config.publicOrigin ?? address }, `Waypoint is listening on ${address}`);
  sealer = startAuditSealer(database.db, auditKeys, { intervalMs: config.auditSealMs, log: logger, clock: ctx.clock });
  // WAYPOINT_SCHEDULER=off: a web-only server, starting no scheduled run and taking no chunks of others' runs.
  queue = startJobQueue(ctx, {
    schedules: config.scheduler,
    chunkWorkers: config.scheduler ? 1 : 0,
    scheduleOverrides: config.schedules,
    timeZone: config.timeZone,
    log: logger,
  });
  await queue;
}
