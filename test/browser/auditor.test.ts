import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { chromiumAvailable, newPage, signIn } from './support/browser.ts';
import { Api } from './support/seed.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { shot } from './support/shots.ts';
import { serverAndBrowser } from './support/suite.ts';

describe.skipIf(!chromiumAvailable())('the auditor page', () => {
  const suite = serverAndBrowser();
  let reference: string;

  beforeAll(async () => {
    // A person whose family name an official corrects: the event the auditor looks for.
    const ada = await Api.signIn(suite.server.baseUrl, 'official.ada');
    const person = await ada.post<{ id: string; reference: string; version: number }>('/api/people', {
      givenName: 'Nadia',
      familyName: 'Okonkwo',
      birthDate: '1988-03-02',
    });
    await ada.patch(`/api/people/${person.id}`, { version: person.version, familyName: 'Okonkwo-Reid' });
    reference = person.reference;
  });

  test('an auditor finds a correction by the person’s reference, reads what changed, and downloads it as CSV', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'auditor.hugo', DEMO_PASSWORD);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
      await page.getByRole('heading', { level: 1, name: 'Audit' }).waitFor();
      await page.getByLabel('Record reference').fill(reference);
      await page.getByRole('button', { name: 'Search' }).click();
      const correction = page.locator('.audit-event').filter({ hasText: 'person.correct' });
      await correction.waitFor();
      expect(await correction.getByText(reference).count()).toBeGreaterThan(0);
      const row = correction.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Family name' }) });
      expect(await row.getByRole('cell').allInnerTexts()).toEqual(['Okonkwo', 'Okonkwo-Reid']);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download results (CSV)' }).click(),
      ]);
      const csv = await readFile((await download.path())!, 'utf8');
      const [header] = csv.split(/\r?\n/);
      expect(header).toBe('Sequence,When,Who,Action,Record type,Record,Record id,Changes,Before,After');
      expect(csv).toContain(`person.correct,person,${reference},`);
    } finally {
      await context.close();
    }
  });

  for (const width of [1366, 390]) {
    test(`the auditor page has no serious or critical accessibility violation, nor sideways scrolling, at ${width} px`, async () => {
      const { context, page } = await newPage(suite.browser);
      try {
        await page.setViewportSize({ width, height: 900 });
        await signIn(page, suite.server.baseUrl, 'auditor.hugo', DEMO_PASSWORD);
        await page.goto(`${suite.server.baseUrl}/audit`);
        await page.getByLabel('Record reference').fill(reference);
        await page.getByRole('button', { name: 'Search' }).click();
        await page.locator('.audit-event').first().waitFor();
        await page.getByRole('heading', { name: 'Is the audit trail intact?' }).waitFor();
        await page.locator('#access-heading ~ .table-wrap, #access-heading ~ .empty').first().waitFor();
        await shot(page, `auditor-${width}`);
        expect(await seriousViolations(page)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      } finally {
        await context.close();
      }
    });
  }
});
