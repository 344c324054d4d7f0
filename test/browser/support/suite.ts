/**
 * The shape of most browser test files: one Waypoint server on a fresh database and one Chromium,
 * started together before the file's tests and closed after them. Call it at the top of the
 * describe block: a beforeAll written after it runs once both are up (Vitest runs a block's
 * beforeAll hooks in order), and its afterAll closes them after every later afterAll.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.ts';
import { type RunningWaypoint, startWaypoint } from './server.ts';

export interface ServerAndBrowser {
  readonly server: RunningWaypoint;
  readonly browser: Browser;
}

export function serverAndBrowser(): ServerAndBrowser {
  let server: RunningWaypoint | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startWaypoint(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The ${what} is not started: use it in a test or a later beforeAll`);
    return value;
  };
  return {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
  };
}
