/**
 * Once per test run: a migrated PGlite snapshot written to a temporary file; each test file loads
 * it instead of running initdb and the migrations again.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { DEMO_PERSONAL_DATA } from '../../src/app/demo-data.ts';
import { migratedSnapshot } from '../../src/store/db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    logDir: string;
    /** Each test file's own scratch data and audit folders go here (isolated-env.ts). */
    scratchDir: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-snapshot-'));
  const file = path.join(dir, 'migrated.tar');
  writeFileSync(file, Buffer.from(await (await migratedSnapshot()).arrayBuffer()));
  project.provide('pgliteSnapshot', file);
  const logDir = path.join(dir, 'logs');
  mkdirSync(logDir);
  project.provide('logDir', logDir);
  const scratchDir = path.join(dir, 'scratch');
  mkdirSync(scratchDir);
  project.provide('scratchDir', scratchDir);
  return () => {
    try {
      scanLogs(logDir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/**
 * Every test server logs here (test/support/server.ts); after the whole run, no line may hold a demo
 * person's name, birth date or contact (issue 6: "no personal data in logs"). A hit fails the run.
 */
function scanLogs(logDir: string): void {
  let lines = 0;
  const hits: string[] = [];
  for (const name of readdirSync(logDir)) {
    for (const line of readFileSync(path.join(logDir, name), 'utf8').split('\n')) {
      if (!line) continue;
      lines += 1;
      const found = DEMO_PERSONAL_DATA.find((secret) => line.includes(secret));
      if (found) hits.push(`${name}: "${found}" in ${line.slice(0, 300)}`);
    }
  }
  console.log(`log lines scanned for personal data: ${lines}, found: ${hits.length}`);
  if (hits.length > 0) throw new Error(`Personal data in the test run's logs:\n${hits.slice(0, 20).join('\n')}`);
}
