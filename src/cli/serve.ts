/**
 * `waypoint serve`: migrations, demo data when asked for (--demo-if-empty, --demo), the HTTP server
 * and web UI, the scheduler and the audit sealer; stops cleanly on SIGINT and SIGTERM.
 *
 * This module is kept small: the database starts opening at once, and the server's modules
 * (serve-server.ts: Fastify, the routes, the use cases) load while it does (issue 14). Only
 * PGlite's file reads and WebAssembly compile can overlap that loading; its start otherwise runs on
 * the main thread, so the gain measured on a restart is nil (docs/operations.md).
 * WAYPOINT_TRACE_START=1 prints each step's time and CPU time on stderr (serve-trace.ts).
 */
import type { Command } from 'commander';
import { loadAuditKeys } from '../app/audit-keys.ts';
import { openDatabase } from '../store/db.ts';
import { loadConfig } from './config.ts';
import type { ServeOptions } from './serve-server.ts';
import { traceStart } from './serve-trace.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Start the server and web UI (runs pending migrations first)')
    .option('--demo-if-empty', 'demo mode on the embedded database only (npm start): load the demo data when it has no users yet')
    .option('--demo', 'demo mode on any database: load the demo data when it has no users yet, accept the published demo password')
    .action(serve);
}

const traced = <T>(step: string, promise: Promise<T>): Promise<T> =>
  promise.then((value) => {
    traceStart(step);
    return value;
  });

async function serve(options: ServeOptions): Promise<void> {
  traceStart('serve command');
  const config = loadConfig();
  const auditKeys = loadAuditKeys(config.audit, { create: true })!;
  const [database, { startServer }] = await Promise.all([
    traced('database open, migrations checked', openDatabase(config.database)),
    traced('server modules loaded', import('./serve-server.ts')),
  ]);
  await startServer({ config, auditKeys, database, options });
}
