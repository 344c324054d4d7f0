/**
 * For tests that only mean something on a PostgreSQL server (crash safety, concurrency): each
 * creates its own database on TEST_DATABASE_URL's server, whichever test project runs it. Without
 * TEST_DATABASE_URL they fail in CI (CI must run them) and are skipped, saying why, elsewhere.
 * With it, they run once, in the integration-postgres project (the PGlite project would only
 * repeat the same PostgreSQL run).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface PostgresOnly {
  readonly run: boolean;
  readonly reason: string;
}

export function postgresOnly(what: string): PostgresOnly {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    if (process.env.CI) throw new Error(`${what} must run in CI: set TEST_DATABASE_URL to a PostgreSQL server (see .ci/run).`);
    const reason = `SKIPPED: ${what} needs a PostgreSQL server; set TEST_DATABASE_URL=postgres://... to run it`;
    console.warn(reason);
    return { run: false, reason };
  }
  if (process.env.WAYPOINT_TEST_ENGINE !== 'postgres') return { run: false, reason: `${what} runs in the integration-postgres project` };
  return { run: true, reason: '' };
}

export interface ScratchDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** A new, empty database on TEST_DATABASE_URL's server (migrations run when it is opened). */
export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `waypoint_${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
