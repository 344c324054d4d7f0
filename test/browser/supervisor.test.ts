import { beforeAll, describe, expect, test } from 'vitest';
import { problemsAtEachWidth } from './support/axe.ts';
import { chromiumAvailable, newPage, signIn } from './support/browser.ts';
import { Api, seedPersonReadyForPlan, seedPlan } from './support/seed.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';

describe.skipIf(!chromiumAvailable())('supervisor: team dashboard and caseload transfer', () => {
  const suite = serverAndBrowser();
  let planReference: string;

  beforeAll(async () => {
    const ben = await Api.signIn(suite.server.baseUrl, 'official.ben');
    const { personId } = await seedPersonReadyForPlan(ben, { givenName: 'Odile', familyName: 'Transferred', birthDate: '1988-03-02' });
    const plan = await seedPlan(ben, personId, [
      { subGoal: 'job-search', type: 'resume-preparation', expectedStart: '2026-02-01', expectedEnd: '2026-06-30' },
    ]);
    planReference = plan.reference;
  });

  test("the supervisor runs a job, checks what moves, confirms, and the receiving official finds Ben's work on their worklist", async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'supervisor.grace', DEMO_PASSWORD);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team dashboard' }).click();
      await page.getByRole('heading', { level: 1, name: 'Team dashboard' }).waitFor();
      const benRow = page.getByRole('row', { name: /Ben Tremblay/ });
      await benRow.waitFor();
      expect(await problemsAtEachWidth(page, 'team')).toEqual([]);

      await page.getByRole('link', { name: /overdue tasks/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Overdue tasks' }).waitFor();
      expect(await problemsAtEachWidth(page, 'team-overdue')).toEqual([]);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Batch jobs' }).click();
      await page.getByRole('heading', { level: 1, name: 'Batch jobs' }).waitFor();
      await page.getByRole('button', { name: /Run now.*passive closure review/i }).click();
      await page.getByText('The job has run').waitFor();
      expect(await problemsAtEachWidth(page, 'jobs')).toEqual([]);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team dashboard' }).click();
      await page.getByRole('heading', { level: 1, name: 'Team dashboard' }).waitFor();

      await page
        .getByRole('row', { name: /Ben Tremblay/ })
        .getByRole('link', { name: /Transfer/ })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Transfer a caseload' }).waitFor();
      expect(await page.getByLabel('From').locator('option:checked').textContent()).toBe('Ben Tremblay');
      await page.getByLabel('To').selectOption({ label: 'Carmen Ruiz' });
      expect(await problemsAtEachWidth(page, 'transfer-choose')).toEqual([]);
      await page.getByRole('button', { name: 'Check what will move' }).click();

      await page.getByRole('heading', { level: 1, name: 'Check the transfer' }).waitFor();
      const previewItem = page.getByRole('row', { name: /Odile Transferred/ }).first();
      expect(await previewItem.textContent()).toContain(planReference);
      expect(await page.locator('.lead').textContent()).toContain('Nothing has changed yet');
      expect(await problemsAtEachWidth(page, 'transfer-check')).toEqual([]);
      await page.getByRole('button', { name: 'Transfer to Carmen Ruiz' }).click();

      await page.getByRole('heading', { level: 1, name: 'Caseload transferred' }).waitFor();
      const moved = page.getByRole('region', { name: /^Plan items/ });
      await moved.getByRole('link', { name: new RegExp(planReference) }).waitFor();
      expect(await problemsAtEachWidth(page, 'transfer-done')).toEqual([]);
    } finally {
      await context.close();
    }

    const carmen = await newPage(suite.browser);
    try {
      await signIn(carmen.page, suite.server.baseUrl, 'official.carmen', DEMO_PASSWORD);
      await carmen.page.goto(`${suite.server.baseUrl}/worklist`);
      const mine = carmen.page.getByRole('region', { name: /^Plan items you own/ });
      await mine.getByRole('row', { name: /Odile Transferred/ }).waitFor();
      // The plan item links to its plan: follow it (the worklist re-renders as its lists arrive).
      const href = await mine.getByRole('link', { name: new RegExp(planReference) }).getAttribute('href');
      await carmen.page.goto(`${suite.server.baseUrl}${href}`);
      await carmen.page.getByRole('heading', { level: 1 }).filter({ hasText: planReference }).waitFor();
    } finally {
      await carmen.context.close();
    }
  });
});
