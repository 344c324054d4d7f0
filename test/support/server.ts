/**
 * A real Waypoint server for one test file: fresh database (see database.ts), the demo users
 * (password DEMO_PASSWORD), listening on a random loopback port. `inject` skips the network.
 */

import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { inject } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { type Clock, fixedClock } from '../../src/app/context.ts';
import { createContext } from '../../src/app/create-context.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/app/demo-data.ts';
import { createUser } from '../../src/app/users.ts';
import { buildServer, logSerializers } from '../../src/http/server.ts';
import { JOBS } from '../../src/jobs/registry.ts';
import { createTestDatabase, type Engine, type TestDatabase } from './database.ts';

export { DEMO_PASSWORD };

export interface TestServer {
  readonly app: FastifyInstance;
  readonly ctx: AppContext;
  readonly database: TestDatabase;
  /** http://127.0.0.1:PORT when `listen` was asked for. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

export interface TestServerOptions {
  readonly engine?: Engine;
  readonly clock?: Clock;
  /** Listen on a port (browser tests); API tests use app.inject. */
  readonly listen?: boolean;
  /** Serve the built web UI (web/dist). */
  readonly web?: boolean;
  /** Load the full demo data (people, cases) as well as the users. */
  readonly demoData?: boolean;
  /** Sign-in attempts per minute per address (tests sign in often; the default here is high). */
  readonly signInRateLimit?: number;
  /** Served over HTTPS (WAYPOINT_SECURE_COOKIES): secure cookies and HSTS. */
  readonly secureCookies?: boolean;
  /** Open the database at this migration (its tag), not the latest: a test of an upgrade, which runs the rest with migrateToLatest. */
  readonly migratedTo?: string;
}

/** Each test server logs, as in production, to the run's log folder; the global teardown scans it for personal data. */
function testLogger() {
  const dir = inject('logDir');
  if (!dir) return false;
  const file = path.join(dir, `${process.pid}-${randomUUID()}.log`);
  return pino({ level: 'info', serializers: logSerializers }, pino.destination({ dest: file, sync: true }));
}

/** Today in tests, unless a test sets its own clock. */
export const TEST_TODAY = '2026-06-15';

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase(options.engine, { ...(options.migratedTo && { migratedTo: options.migratedTo }) });
  // Demo mode: the demo accounts sign in with the published demo password.
  const ctx = createContext(database.db, { clock: options.clock ?? fixedClock(TEST_TODAY), demoMode: true });
  if (options.demoData) {
    const { seedDemo } = await import('../../src/app/demo-data.ts');
    await seedDemo(ctx);
  } else {
    for (const u of DEMO_USERS) await createUser(ctx, null, { ...u, password: DEMO_PASSWORD });
  }
  const app = await buildServer({
    ctx,
    engine: database.engine,
    webRoot: options.web ? undefined : null,
    signInRateLimit: options.signInRateLimit ?? 10_000,
    logger: testLogger(),
    strictResponses: true,
    jobs: JOBS,
    ...(options.secureCookies !== undefined && { secureCookies: options.secureCookies }),
  });
  const baseUrl = options.listen ? await app.listen({ port: 0, host: '127.0.0.1' }) : '';
  return {
    app,
    ctx,
    database,
    baseUrl,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}
