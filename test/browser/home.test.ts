import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, newPage, signInHome } from './support/browser.ts';
import { Api, acceptSeedPlan, itemsOf, seedPersonReadyForPlan, seedPlan } from './support/seed.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { shot } from './support/shots.ts';
import { serverAndBrowser } from './support/suite.ts';

/** Violations with impact serious or critical, summarised so a failure says what and where. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const WIDTHS = [1366, 390] as const;

/** At each width: no serious or critical axe violation and no sideways scroll (a screenshot too, when SHOTS names a folder). */
async function checkAtWidths(page: Page, name: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(page), `${name} at ${width} px`).toEqual([]);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(sideways, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    await shot(page, `${name}-${width}`);
  }
}

describe.skipIf(!chromiumAvailable())('an official’s home page and caseload', () => {
  const suite = serverAndBrowser();
  let ruthId: string;

  beforeAll(async () => {
    // Ada's caseload: a plan being drafted, an accepted (active) plan, a case with no plan yet, and a
    // plan whose only item she completed, which gives her its closure task.
    const ada = await Api.signIn(suite.server.baseUrl, 'official.ada');
    const drafting = await seedPersonReadyForPlan(ada, { givenName: 'Yusuf', familyName: 'Demir', birthDate: '1990-12-01' });
    await seedPlan(ada, drafting.personId, [
      { subGoal: 'job-search', type: 'job-search-workshop', expectedStart: '2026-06-01', expectedEnd: '2026-06-12' },
    ]);
    const accepted = await seedPersonReadyForPlan(ada, { givenName: 'Ruth', familyName: 'Abebe', birthDate: '1983-04-17' });
    ruthId = accepted.personId;
    await acceptSeedPlan(
      ada,
      await seedPlan(ada, accepted.personId, [
        { subGoal: 'job-search', type: 'job-search-workshop', expectedStart: '2026-06-01', expectedEnd: '2026-07-31' },
      ]),
    );
    await seedPersonReadyForPlan(ada, { givenName: 'Omar', familyName: 'Farah', birthDate: '1979-02-03' });
    const finished = await seedPersonReadyForPlan(ada, { givenName: 'Lina', familyName: 'Haddad', birthDate: '1992-09-09' });
    const done = await seedPlan(ada, finished.personId, [
      { subGoal: 'job-search', type: 'job-search-workshop', expectedStart: '2026-05-01', expectedEnd: '2026-05-08' },
    ]);
    const [workshop] = itemsOf(done);
    if (!workshop) throw new Error('plan item missing');
    await ada.post(`/api/plan-items/${workshop.id}/complete`, {
      version: workshop.version,
      outcome: 'attained',
      actualStart: '2026-05-01',
      actualEnd: '2026-05-08',
    });
  });

  test('an official sees their tasks and caseload, filters the caseload by plan status and opens a person whose header shows the plan status', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signInHome(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
      const tasks = page.getByRole('region', { name: 'My open tasks' });
      await tasks.getByRole('table').waitFor();
      expect(await tasks.getByRole('link', { name: 'Lina Haddad' }).count()).toBeGreaterThan(0);
      const caseload = page.getByRole('region', { name: 'My caseload' });
      await caseload.getByRole('table').waitFor();
      expect(await caseload.getByRole('link', { name: 'Yusuf Demir' }).isVisible()).toBe(true);
      expect(await caseload.getByRole('link', { name: 'Ruth Abebe' }).isVisible()).toBe(true);
      await checkAtWidths(page, 'home');

      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My caseload' }).click();
      await page.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
      await page.getByLabel('Plan status').selectOption('active');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByRole('heading', { level: 2, name: 'People matching the filters' }).waitFor();
      const results = page.getByRole('table', { name: 'My caseload, soonest due first' });
      await results.getByRole('link', { name: 'Ruth Abebe' }).waitFor();
      expect(await results.getByRole('link', { name: 'Yusuf Demir' }).count()).toBe(0);
      expect(new URL(page.url()).searchParams.get('planStatus')).toBe('active');
      await checkAtWidths(page, 'caseload');

      await page.setViewportSize({ width: 1280, height: 900 });
      await results.getByRole('link', { name: 'Ruth Abebe' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ruth Abebe' }).waitFor();
      const glance = page.locator('.summary--glance');
      await glance.getByText('Active', { exact: true }).waitFor();
      expect(await glance.getByText('Service Plan', { exact: true }).isVisible()).toBe(true);
      expect(
        await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'Service Plan', exact: true }).isVisible(),
      ).toBe(true);
      if (process.env.SHOTS) {
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          await shot(page, `person-${width}`, { fullPage: false });
        }
      }
    } finally {
      await context.close();
    }
  });

  test('the home page lists the people the official opened lately, the latest first', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signInHome(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/people/${ruthId}`);
      await page.getByRole('heading', { level: 1, name: 'Ruth Abebe' }).waitFor();
      await page.getByRole('link', { name: 'Waypoint' }).click();
      const recent = page.getByRole('region', { name: 'Recently viewed' });
      await recent.getByRole('link', { name: 'Ruth Abebe' }).waitFor();
      expect(await recent.getByRole('link').first().textContent(), 'the latest first').toBe('Ruth Abebe');
    } finally {
      await context.close();
    }
  });
});
