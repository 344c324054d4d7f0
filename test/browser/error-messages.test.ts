import { beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, newPage, signIn } from './support/browser.ts';
import { seedLearner } from './support/learner.ts';
import { Api } from './support/seed.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';

describe.skipIf(!chromiumAvailable())('error messages in the user interface', () => {
  const suite = serverAndBrowser();
  let ada: Api;
  let dana: Api;

  beforeAll(async () => {
    [ada, dana] = await Promise.all([Api.signIn(suite.server.baseUrl, 'official.ada'), Api.signIn(suite.server.baseUrl, 'lbc.dana')]);
  });

  test('a field the server refuses is named by a label in the alert, not by a dotted path or a code', async () => {
    const learner = await seedLearner(
      ada,
      { givenName: 'Lena', familyName: 'Okafor', birthDate: '1991-05-09' },
      { trainingStart: '2026-09-08', trainingEnd: '2027-06-25', coordinatorId: dana.user.id },
    );
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.dana', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/pdcs/${learner.pdcId}`);
      const form = page.getByRole('form', { name: 'Try other rates' });
      await form.getByLabel('Monthly amount in dollars').fill('5.001');
      await form.getByRole('button', { name: 'Try these rates' }).click();
      const alert = form.getByRole('alert');
      await alert.getByText('Amounts have at most two decimals.', { exact: false }).first().waitFor();
      const text = (await alert.textContent()) ?? '';
      expect(text).toContain('Rates core essential 2 adults: Amounts have at most two decimals.');
      expect(text).not.toMatch(/rates\.core-essential|AMOUNT_PRECISION/);
    } finally {
      await context.close();
    }
  });
});
