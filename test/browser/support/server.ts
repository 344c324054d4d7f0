/**
 * A real Waypoint server for one browser test file: fresh in-memory database with the demo users,
 * listening on a loopback port and serving the built web UI (web/dist, rebuilt first when the
 * sources are newer than the build).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Clock, fixedClock, systemClock } from '../../../src/app/context.ts';
import { DEMO_PASSWORD, startTestServer, TEST_TODAY, type TestServer } from '../../support/server.ts';

export { DEMO_PASSWORD };

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const web = path.join(repo, 'web');
const builtIndex = path.join(web, 'dist', 'index.html');

function newestMtime(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

/** Builds web/dist unless it is newer than every source file of the UI. */
export async function ensureWebBuilt(): Promise<void> {
  const sources = [path.join(web, 'src'), path.join(web, 'index.html'), path.join(web, 'vite.config.ts')];
  const fresh = existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= Math.max(...sources.map(newestMtime));
  if (fresh) return;
  const vite = path.join(repo, 'node_modules', 'vite', 'bin', 'vite.js');
  await promisify(execFile)(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repo,
  });
}

/**
 * The tests' fixed "today", but real instants: a browser judges the session cookie's Expires
 * against its own clock, so a session stamped at a fixed past instant would arrive already expired.
 */
const browserClock: Clock = { today: fixedClock(TEST_TODAY).today, now: systemClock().now };

export interface RunningWaypoint {
  readonly baseUrl: string;
  /** The server's app (API calls with app.inject) and database (test setup). */
  readonly app: TestServer['app'];
  readonly db: TestServer['database']['db'];
  close(): Promise<void>;
}

export async function startWaypoint(): Promise<RunningWaypoint> {
  await ensureWebBuilt();
  const server = await startTestServer({ listen: true, web: true, clock: browserClock });
  // The UI must come from the server itself (with its SPA fallback), not from a dev server.
  const page = await fetch(`${server.baseUrl}/sign-in`, { headers: { accept: 'text/html' } });
  const html = await page.text();
  if (!page.ok || !html.includes('<div id="root">')) {
    await server.close();
    throw new Error(`The test server does not serve the web UI at ${server.baseUrl}/sign-in (HTTP ${page.status}).`);
  }
  return { baseUrl: server.baseUrl, app: server.app, db: server.database.db, close: () => server.close() };
}
