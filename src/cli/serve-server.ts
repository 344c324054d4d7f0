/**
 * The server part of `waypoint serve`, on a database already open (serve.ts): demo data when asked
 * for, the HTTP server and web UI, then the audit sealer and the job queue; stops cleanly on SIGINT
 * and SIGTERM.
 */
import pino from 'pino';
import type { AuditKeys } from '../app/audit-keys.ts';
import { type AuditSealer, startAuditSealer } from '../app/audit-seal.ts';
import { createContext } from '../app/create-context.ts';
import { DEMO_PASSWORD, hasAnyUser, seedDemo } from '../app/demo-data.ts';
import { accountsWithRefusedRoleSets } from '../app/users.ts';
import { buildServer, logSerializers } from '../http/server.ts';
import { findJob, JOBS } from '../jobs/registry.ts';
import { type JobQueue, startJobQueue } from '../jobs/scheduler.ts';
import type { Database } from '../store/db.ts';
import { demoModeFor } from './accounts.ts';
import type { Config } from './config.ts';
import { traceStart } from './serve-trace.ts';

export interface ServeOptions {
  readonly demoIfEmpty?: boolean;
  readonly demo?: boolean;
}

export async function startServer({
  config,
  auditKeys,
  database,
  options,
}: {
  config: Config;
  auditKeys: AuditKeys;
  database: Database;
  options: ServeOptions;
}): Promise<void> {
  const logger = pino({ level: config.logLevel, serializers: logSerializers });
  const demoMode = demoModeFor(options, config.database);
  if (options.demoIfEmpty && !demoMode) {
    logger.warn(
      '--demo-if-empty: no demo data and no demo password on a PostgreSQL database (DATABASE_URL); create the first administrator with waypoint create-user, or pass --demo to ask for demo mode',
    );
  }
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
  traceStart('demo data and accounts checked');
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
  traceStart('server built');
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
  traceStart('listening');
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
