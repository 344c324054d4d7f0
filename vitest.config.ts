import { defineConfig } from 'vitest/config';

/**
 * Three tiers (docs/style.md 7): pure unit tests beside their module; integration tests through the
 * HTTP API on a real database (PGlite always; PostgreSQL too when TEST_DATABASE_URL is set);
 * browser tests driving Debian's Chromium.
 */
const pg = process.env.TEST_DATABASE_URL;
if (process.env.CI && !pg) {
  throw new Error('CI must run the integration suite on PostgreSQL too: set TEST_DATABASE_URL (see .ci/run).');
}
const integration = (name: string, engine: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name,
    include: ['test/integration/**/*.test.ts'],
    // The embedded engine's data folder (locking, the CLI on a folder) is PGlite's concern only.
    // PGlite's data folder is PGlite's concern; crashes of a server process and real concurrency are PostgreSQL's.
    exclude:
      engine === 'postgres'
        ? ['test/integration/data-folder.test.ts']
        : ['test/integration/crash-safety.test.ts', 'test/integration/concurrency.test.ts', 'test/integration/multi-server.test.ts'],
    env: { WAYPOINT_TEST_ENGINE: engine },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    // Every test file gets its own data and audit folders, never the working tree's data/.
    setupFiles: ['test/support/isolated-env.ts'],
    projects: [
      // Property tests run thousands of cases: generous timeouts so a loaded CI machine is not a failure.
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'], testTimeout: 120_000 } },
      integration('integration-pglite', 'pglite'),
      ...(pg ? [integration('integration-postgres', 'postgres')] : []),
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
