/**
 * Screenshots for a person to look at: set SHOTS=<folder> when running the browser tests and each
 * test that passes a screen worth seeing saves it there as <name>.png. Without SHOTS, nothing is saved.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** The whole page (or one element of it) as <name>.png in the SHOTS folder, when SHOTS is set. */
export async function shot(target: Page | Locator, name: string, options: { readonly fullPage?: boolean } = {}): Promise<void> {
  const folder = process.env.SHOTS;
  if (!folder) return;
  const file = path.join(folder, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path: file, fullPage: options.fullPage ?? true });
  else await target.screenshot({ path: file });
}
