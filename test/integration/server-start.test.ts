import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../support/server-process.ts';

/**
 * What a server start loads (issue 14: a start within 3x of a bare Fastify start). Loaded into the
 * built server before it starts, REPORT prints on exit the CommonJS files and Node's own modules the
 * process loaded: what only a rare request needs must not be among them.
 */
const REPORT = `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
process.on('exit', () => {
  const loaded = { files: Object.keys(require.cache), builtins: process.moduleLoadList };
  process.stderr.write('LOADED ' + JSON.stringify(loaded) + '\\n');
});`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-start-'));
  writeFileSync(path.join(dir, 'report.mjs'), REPORT);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A server process on its own PGlite data folder: the same on either engine's project, so it runs on one.
describe.skipIf(process.env.WAYPOINT_TEST_ENGINE === 'postgres')('a server start', () => {
  it('loads no package from node_modules but argon2, and not Node’s built-in HTTP client, to answer its first request', async () => {
    const server = await startServerProcess(path.join(dir, 'data'), [], {
      NODE_OPTIONS: `--import=${pathToFileURL(path.join(dir, 'report.mjs')).href}`,
    });
    expect((await fetch(`${server.base}/health`)).status).toBe(200);
    await server.stop();
    const report = /LOADED (.*)/.exec(server.output());
    expect(report, server.output()).not.toBeNull();
    const loaded = JSON.parse(report![1]!) as { files: string[]; builtins: string[] };
    // The build bundles the packages (scripts/build.js); argon2 is a native binding. pdfkit and its font
    // libraries are loaded by the first service agreement asked for (agreement-pdf.ts), pg-boss once the
    // server listens; undici would be loaded by pg's Cloudflare probe unless the build answers it.
    const packages = new Set(loaded.files.flatMap((f) => /node_modules[/\\]((@[^/\\]+[/\\])?[^/\\]+)/.exec(f)?.[1] ?? []));
    expect({
      packages: [...packages].filter((p) => !p.startsWith('@node-rs/argon2')),
      undici: loaded.builtins.filter((m) => m.includes('undici')),
    }).toEqual({
      packages: [],
      undici: [],
    });
  }, 120_000);
});
