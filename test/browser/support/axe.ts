/**
 * Accessibility: axe's serious and critical violations on a page as it is, or at the two widths the
 * browser tests check (1366 and 390 px) together with a page that scrolls sideways on a phone.
 * SHOTS=<folder> also saves a screenshot of each page at each width, to be looked at.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { shot } from './shots.ts';

export const WIDTHS = [1366, 390] as const;

/** Violations with impact serious or critical on the page as it is, summarised so a failure says what and where. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Violations with impact serious or critical at each width, and any sideways scroll at 390 px. */
export async function problemsAtEachWidth(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const violation of await seriousViolations(page)) found.push(`${width}px ${violation}`);
    if (width === 390 && (await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth))) {
      found.push('390px: the page scrolls sideways');
    }
    await shot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return found;
}
