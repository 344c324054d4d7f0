/**
 * The Learner Benefit Specialist's and the coordinator's work through the UI: the worklist filtered
 * to the approval queue, an approval task decided (rejected with a reason) from the worklist, the
 * case's determinations compared version by version and exported as CSV; axe at 1366 and 390 px.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { chromiumAvailable, newPage, signIn } from './support/browser.ts';
import { applyHouseholdEvidence, type SeededLearner, seedLearner } from './support/learner.ts';
import { Api } from './support/seed.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { shot } from './support/shots.ts';
import { serverAndBrowser } from './support/suite.ts';

const WIDTHS = [1366, 390] as const;

interface CaseMonth {
  month: string;
  entitlement: string;
}

describe.skipIf(!chromiumAvailable())('the specialist and the coordinator: worklist filters, approval decisions, determinations', () => {
  const suite = serverAndBrowser();
  let ada: Api;
  let dana: Api;
  /** A case with two determination versions: the household's evidence, then a child care change. */
  let reassessed: SeededLearner;

  beforeAll(async () => {
    [ada, dana] = await Promise.all([Api.signIn(suite.server.baseUrl, 'official.ada'), Api.signIn(suite.server.baseUrl, 'lbc.dana')]);
    reassessed = await seedLearner(
      ada,
      { givenName: 'Lena', familyName: 'Okafor', birthDate: '1991-08-12' },
      { trainingStart: '2026-09-08', trainingEnd: '2027-06-25', coordinatorId: dana.user.id },
    );
    await applyHouseholdEvidence(dana, reassessed.pdcId);
    await dana.post(`/api/pdcs/${reassessed.pdcId}/evidence`, {
      type: 'additional-health-benefits',
      amount: '40.00',
      periodStart: '2027-03-01',
      periodEnd: '2027-04-30',
    });
    // Waiting for a specialist's decision: the worklist is not empty when axe reads it.
    await dana.post(`/api/pdcs/${reassessed.pdcId}/evidence`, {
      type: 'director-approval',
      subtype: 'director-approval',
      amount: '-25.00',
      periodStart: '2026-12-01',
      periodEnd: '2026-12-31',
    });
    await dana.post(`/api/pdcs/${reassessed.pdcId}/apply`);
  });

  test('the specialist filters the worklist to the approval queue and rejects an approval task with a reason: the task is done and the evidence shows as rejected', async () => {
    const learner = await seedLearner(
      ada,
      { givenName: 'Noor', familyName: 'Saleh', birthDate: '1993-01-09' },
      { trainingStart: '2026-09-08', trainingEnd: '2027-06-25', coordinatorId: dana.user.id },
    );
    await applyHouseholdEvidence(dana, learner.pdcId);
    await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'director-approval',
      subtype: 'director-approval',
      amount: '-60.00',
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
    });
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    const reason = 'The director has not signed the request.';
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbs.farah', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/worklist`);
      const filters = page.getByRole('form', { name: 'Filter tasks' });
      const queue = filters.getByLabel('Queue');
      expect(await queue.locator('option[value="learner-benefit-specialist"]').textContent()).toMatch(
        /^Learner Benefit Specialist \(\d+\)$/,
      );
      await queue.selectOption('learner-benefit-specialist');
      await filters.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/queue=learner-benefit-specialist/);
      await page.getByRole('status').filter({ hasText: 'match these filters' }).waitFor();

      const title = `Approve or reject Director Approval evidence on ${learner.pdcReference}`;
      const row = page.getByRole('row', { name: new RegExp(title) });
      await row.waitFor();
      expect(await row.getByRole('button', { name: /^Complete/ }).count()).toBe(0);
      await shot(page, 'worklist-approval-queue');
      await row.getByRole('button', { name: `Decide: ${title}` }).click();
      const item = page.getByRole('list', { name: `Decision: ${title}` }).getByRole('listitem');
      await item.getByRole('button', { name: 'Reject Director Approval…' }).click();
      await item.getByLabel('Reason for rejecting').fill(reason);
      await item.getByRole('button', { name: 'Reject', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'rejected. The task is done.' }).waitFor();
      await page.getByRole('row', { name: new RegExp(title) }).waitFor({ state: 'detached' });

      await page.goto(`${suite.server.baseUrl}/pdcs/${learner.pdcId}`);
      const record = page.getByRole('article', { name: 'Director Approval' });
      const version = record.getByRole('row', { name: /^1\s*Original/ });
      await version.waitFor();
      expect(await version.textContent()).toMatch(new RegExp(`Rejected.*${reason}`));
    } finally {
      await context.close();
    }
  });

  test("the coordinator downloads a case's determinations as CSV: a header and a row per version and month", async () => {
    const view = await dana.get<{ current: { months: CaseMonth[] } }>(`/api/pdcs/${reassessed.pdcId}`);
    const march = view.current.months.find((m) => m.month === '2027-03')!;
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.dana', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/pdcs/${reassessed.pdcId}`);
      const payments = page.getByRole('region', { name: 'Payment differences' });
      await payments.getByRole('heading', { name: 'Version 2 compared with version 1' }).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        payments.getByRole('link', { name: 'Download the determinations (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`determinations-${reassessed.pdcReference}.csv`);
      const lines = (await readFile(await download.path(), 'utf8'))
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      expect(lines[0]).toBe(
        'Case,Version,Determined on,Reason,Month,Needs,Countable resources,Entitlement,Held,Previous entitlement,Difference,Kind of difference',
      );
      const marchOfVersion2 = lines.find((line) => line.startsWith(`${reassessed.pdcReference},2,`) && line.includes(',2027-03,'))!;
      expect(marchOfVersion2.split(',').slice(-5)).toEqual([
        march.entitlement,
        'No',
        (Number(march.entitlement) - 40).toFixed(2),
        '40.00',
        'Change in scheduled amount',
      ]);
    } finally {
      await context.close();
    }
  });

  for (const width of WIDTHS) {
    test(`the worklist with its filters and the case's version comparison have no serious or critical axe violation at ${width} px, and no sideways scroll`, async () => {
      const { context, page } = await newPage(suite.browser);
      try {
        await page.setViewportSize({ width, height: 900 });
        await signIn(page, suite.server.baseUrl, 'lbs.farah', DEMO_PASSWORD);
        const pages = [
          {
            name: 'worklist',
            path: '/worklist?queue=learner-benefit-specialist',
            ready: page.getByRole('button', { name: /^Decide:/ }).first(),
          },
          {
            name: 'learner-case',
            path: `/pdcs/${reassessed.pdcId}`,
            ready: page.getByRole('heading', { name: 'Version 2 compared with version 1' }),
          },
        ];
        for (const { name, path, ready } of pages) {
          await page.goto(`${suite.server.baseUrl}${path}`);
          await ready.waitFor();
          await shot(page, `${name}-${width}`);
          if (name === 'learner-case') await shot(page.getByRole('region', { name: 'Payment differences' }), `version-comparison-${width}`);
          expect(await seriousViolations(page), name).toEqual([]);
          const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(sideways, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
        }
      } finally {
        await context.close();
      }
    });
  }
});
