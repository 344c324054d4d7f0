/**
 * Debian's Chromium driven by playwright-core. Never downloads a browser: when /usr/bin/chromium
 * is missing the browser tests are skipped with a message, or fail under CI.
 */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.WAYPOINT_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Whether the browser tests can run. Missing Chromium fails under CI (a skipped suite must not
 * pass for a green build) and skips, with a message saying why, on a developer's machine.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message = `Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (never \`npx playwright install\`).`;
  if (process.env.CI) throw new Error(`${message} Browser tests cannot be skipped under CI.`);
  console.warn(`Skipping browser tests. ${message}`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-CA' });
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the sign-in page and waits for the start page: My work for caseworkers, Find a person for the others. */
export async function signInHome(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: /^(My work|Find a person)$/ }).waitFor();
}

/** Signs in, then opens the find-a-person page (where most tests start). */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await signInHome(page, baseUrl, username, password);
  if (new URL(page.url()).pathname !== '/people') await page.goto(`${baseUrl}/people`);
  await page.getByRole('heading', { level: 1, name: 'Find a person' }).waitFor();
}
