/**
 * Issue 12, item 2: what a user reads for a refused request is a sentence with a readable field
 * label, never a catalogue code or a dotted field path.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, launchChromium, newPage, signIn } from './support/browser.ts';
import { seedLearner } from './support/learner.ts';
import { Api } from './support/seed.ts';
import { DEMO_PASSWORD, type RunningWaypoint, startWaypoint } from './support/server.ts';

describe.skipIf(!chromiumAvailable())('error messages in the user interface', () => {
  let server: RunningWaypoint;
  let browser: Browser;
  let ada: Api;
  let dana: Api;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWaypoint(), launchChromium()]);
    [ada, dana] = await Promise.all([Api.signIn(server.baseUrl, 'official.ada'), Api.signIn(server.baseUrl, 'lbc.dana')]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a field the server refuses is named by a label in the alert, not by a dotted path or a code', async () => {
    const learner = await seedLearner(
      ada,
      { givenName: 'Lena', familyName: 'Okafor', birthDate: '1991-05-09' },
      { trainingStart: '2026-09-08', trainingEnd: '2027-06-25', coordinatorId: dana.user.id },
    );
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, 'lbc.dana', DEMO_PASSWORD);
      await page.goto(`${server.baseUrl}/pdcs/${learner.pdcId}`);
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
