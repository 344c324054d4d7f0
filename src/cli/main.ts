/**
 * The `waypoint` command: serve, migrate, seed-demo, create-user, reset-password, backup, jobs... Every command goes through the
 * same use cases (and permission checks) as the API. Errors print their stable code and exit 1.
 */
import { Command } from 'commander';
import pino from 'pino';
import { createContext } from '../app/create-context.ts';
import { hasAnyUser, seedDemo, DEMO_PASSWORD } from '../app/demo-data.ts';
import { loadAuditKeys } from '../app/audit-keys.ts';
import { startAuditSealer } from '../app/audit-seal.ts';
import { AppError } from '../app/errors.ts';
import { accountsWithRefusedRoleSets } from '../app/users.ts';
import { buildServer, logSerializers } from '../http/server.ts';
import { DataFolderLockedError, openDatabase } from '../store/db.ts';
import { loadConfig } from './config.ts';
import cliProgress from 'cli-progress';
import { chunkWorkers } from '../jobs/chunked.ts';
import { findJob, JOBS } from '../jobs/registry.ts';
import { startScheduler } from '../jobs/scheduler.ts';
import { registerAuditCommands } from './audit-commands.ts';
import { demoModeFor, registerAccountCommands } from './accounts.ts';
import { registerBackupCommands } from './backup-commands.ts';
import { registerGenerate } from './generate.ts';

const program = new Command('waypoint').description('Waypoint: case management and learner benefits').showHelpAfterError();

program
  .command('serve')
  .description('Start the server and web UI (runs pending migrations first)')
  .option('--demo-if-empty', 'demo mode on the embedded database only (npm start): load the demo data when it has no users yet')
  .option('--demo', 'demo mode on any database: load the demo data when it has no users yet, accept the published demo password')
  .action(async (options: { demoIfEmpty?: boolean; demo?: boolean }) => {
    const config = loadConfig();
    const logger = pino({ level: config.logLevel, serializers: logSerializers });
    const auditKeys = loadAuditKeys(config.audit, { create: true })!;
    const demoMode = demoModeFor(options, config.database);
    if (options.demoIfEmpty && !demoMode) {
      logger.warn('--demo-if-empty: no demo data and no demo password on a PostgreSQL database (DATABASE_URL); create the first administrator with waypoint create-user, or pass --demo to ask for demo mode');
    }
    const database = await openDatabase(config.database);
    const ctx = createContext(database.db, { sessionHours: config.sessionHours, demoMode });
    if (demoMode && !(await hasAnyUser(ctx))) {
      logger.info('empty database: loading demo data');
      const seeded = await seedDemo(ctx);
      logger.info({ users: seeded.users, people: seeded.people }, `demo data loaded; sign in as official.ada with password ${DEMO_PASSWORD}`);
    }
    for (const account of await accountsWithRefusedRoleSets(ctx)) {
      logger.warn({ userId: account.id, roles: account.roles }, `account holds roles that break separation of duties; an administrator should change them: ${account.problem}`);
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
    const scheduler = config.scheduler ? startScheduler(ctx, logger, config.timeZone) : null;
    const sealer = startAuditSealer(database.db, auditKeys, { intervalMs: config.auditSealMs, log: logger, clock: ctx.clock });
    const shutdown = async () => {
      scheduler?.stop();
      await app.close();
      await sealer.stop();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    const address = await app.listen({ port: config.port, host: config.host });
    logger.info({ database: database.describe, publicOrigin: config.publicOrigin ?? address }, `Waypoint is listening on ${address}`);
  });

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    const database = await openDatabase(loadConfig().database);
    console.log(`Migrations are up to date on ${database.describe}.`);
    await database.close();
  });

program
  .command('seed-demo')
  .description('Load the demo officials, households and cases into an empty database')
  .action(async () => {
    const database = await openDatabase(loadConfig().database);
    try {
      // Asked for explicitly: the demo accounts get the published demo password (accepted only by a server in demo mode).
      const ctx = createContext(database.db, { demoMode: true });
      if (await hasAnyUser(ctx)) throw new Error('The database already has users; demo data goes into an empty database only.');
      const seeded = await seedDemo(ctx);
      console.log(`Loaded ${seeded.users} demo users and ${seeded.people} people. Every demo password is ${DEMO_PASSWORD}.`);
    } finally {
      await database.close();
    }
  });

registerAccountCommands(program);

program
  .command('simulate <file>')
  .description('Calculate a household from a scenario file (docs/scenarios.md); prints the result as JSON')
  .action(async (file: string) => {
    const { readFile } = await import('node:fs/promises');
    const { simulate } = await import('../app/simulation.ts');
    let input: unknown;
    try {
      input = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new Error(`Could not read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    console.log(JSON.stringify(simulate(input), null, 2));
  });

registerGenerate(program);

registerBackupCommands(program);

registerAuditCommands(program);

const report = program.command('report').description('Reports');
report
  .command('two-attending')
  .description('Coordinated two-attending households whose learners do not add up to the household entitlement (exit 1 if any)')
  .action(async () => {
    const database = await openDatabase(loadConfig().database);
    try {
      const { unreconciledHouseholds } = await import('../app/two-attending.ts');
      const result = await unreconciledHouseholds(createContext(database.db));
      console.log(JSON.stringify(result, null, 2));
      if (result.unreconciled.length > 0) process.exitCode = 1;
    } finally {
      await database.close();
    }
  });

const jobs = program.command('jobs').description('Scheduled sweeps (they also run inside the server)');
jobs
  .command('list')
  .description('List the jobs and their schedules')
  .action(() => {
    for (const job of JOBS) console.log(`${job.name.padEnd(26)} ${job.schedule.padEnd(12)} ${job.description}`);
  });
jobs
  .command('run <name>')
  .description('Run a job now, with a progress bar and a summary (start it in several processes to share a batch)')
  .option('--workers <n>', 'concurrent workers in this process for batch jobs (reassessment, two-attending-scan); 4 overlaps database round trips with computing', '1')
  .action(async (name: string, options: { workers: string }) => {
    chunkWorkers(options.workers); // refused before anything starts
    process.env.WAYPOINT_JOB_WORKERS = options.workers;
    const job = findJob(name);
    if (!job) throw new Error(`Unknown job "${name}". Known jobs: ${JOBS.map((j) => j.name).join(', ')}.`);
    const database = await openDatabase(loadConfig().database);
    const bar = new cliProgress.SingleBar({ format: `${job.name} [{bar}] {value}/{total}`, stream: process.stderr, noTTYOutput: false }, cliProgress.Presets.shades_classic);
    try {
      let started = false;
      const summary = await job.run(createContext(database.db), (done, total) => {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      });
      if (started) bar.stop();
      const outcomes = Object.entries(summary.outcomes).map(([k, v]) => `${k}: ${v}`).join(', ');
      console.log(`${summary.job}: examined ${summary.examined}${outcomes ? `; ${outcomes}` : ''}.`);
    } finally {
      await database.close();
    }
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof AppError) {
    console.error(`waypoint: ${error.code}: ${error.detail}`);
    for (const e of error.extras.errors ?? []) console.error(`  ${e.field}: ${e.code}: ${e.detail}`);
  }
  else if (error instanceof DataFolderLockedError) console.error(`waypoint: DATA_FOLDER_LOCKED: ${error.message}`);
  else console.error(`waypoint: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
