import { beforeAll, describe, expect, test } from 'vitest';
import { signedIn } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { addOffice, placeUser } from '../support/placements.ts';
import { chromiumAvailable, newPage, signIn } from './support/browser.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';

describe.skipIf(!chromiumAvailable())('a person outside the caseload (break-glass)', () => {
  const suite = serverAndBrowser();
  let personId: string;

  beforeAll(async () => {
    await addOffice(suite.server.db, 'north', 'North office');
    await placeUser(suite.server.db, 'official.carmen', { office: 'north' });
    const ada = await signedIn(suite.server.app, 'official.ada');
    personId = (await ada.post('/api/people', personBody({ givenName: 'Lena', familyName: 'Brightwater' }))).body.id;
  });

  test('an official of another office is told why the record is refused, and opens it by giving a reason', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.carmen', DEMO_PASSWORD);
      await page.getByLabel('Name', { exact: true }).fill('Brightwater Lena');
      await page.getByRole('button', { name: 'Search' }).click();
      const row = page.getByRole('row', { name: /Lena Brightwater/ });
      await row.waitFor();
      expect(await row.textContent()).toContain('not on your caseload');
      await row.getByRole('link', { name: 'Lena Brightwater' }).click();

      await page.getByRole('heading', { level: 1, name: 'This person is not on your caseload' }).waitFor();
      expect(await page.getByRole('alert').first().textContent()).toContain('not on your caseload');
      await page.getByLabel('Reason').fill('Asked');
      await page.getByRole('button', { name: 'Open the record' }).click();
      expect(await page.getByLabel('Reason').getAttribute('aria-invalid')).toBe('true');

      await page.getByLabel('Reason').fill('Lena phoned the north office about her appointment.');
      await page.getByRole('button', { name: 'Open the record' }).click();
      await page.getByRole('heading', { level: 1, name: 'Lena Brightwater' }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/people/${personId}`);
    } finally {
      await context.close();
    }
  });

  test('a one-letter search is refused with what to type instead', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.getByLabel('Name', { exact: true }).fill('B');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('at least 2 letters of the family name');
    } finally {
      await context.close();
    }
  });
});
