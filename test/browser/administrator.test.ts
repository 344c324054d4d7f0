import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { personBody } from '../support/fixtures.ts';
import { seriousViolations } from './support/axe.ts';
import { chromiumAvailable, newPage } from './support/browser.ts';
import { problemSummary } from './support/forms.ts';
import { Api } from './support/seed.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { shot } from './support/shots.ts';
import { serverAndBrowser } from './support/suite.ts';

async function signInAs(page: Page, baseUrl: string, username: string, password: string, landing: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: landing }).waitFor();
}

/** Searches the accounts page and opens the account's actions. */
async function manage(page: Page, search: string, username: string): Promise<void> {
  await page.getByLabel('Name or username').fill(search);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: `Accounts matching “${search}”` }).waitFor();
  await page.getByRole('button', { name: `Manage ${username}` }).click();
  await page.getByRole('heading', { level: 2, name: `(${username})` }).waitFor();
}

describe.skipIf(!chromiumAvailable())('the administrator in the web UI', () => {
  const suite = serverAndBrowser();

  test('an administrator lands on the accounts page and is offered no person search or registration', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signInAs(page, suite.server.baseUrl, 'admin.iris', DEMO_PASSWORD, 'Accounts');
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(['Batch jobs', 'Household calculator', 'Accounts']);
      expect(new URL(page.url()).pathname).toBe('/admin/accounts');
    } finally {
      await context.close();
    }
  });

  test('an auditor is not offered registering a person nor the accounts page', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signInAs(page, suite.server.baseUrl, 'auditor.hugo', DEMO_PASSWORD, 'Find a person');
      const links = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
      expect(links.some((l) => l.startsWith('Register') || l === 'Accounts')).toBe(false);
    } finally {
      await context.close();
    }
  });

  test('an administrator finds an account, resets its password after confirming, and its user signs in with it and must change it', async () => {
    const admin = await newPage(suite.browser);
    let oneTime: string;
    try {
      await signInAs(admin.page, suite.server.baseUrl, 'admin.iris', DEMO_PASSWORD, 'Accounts');
      await manage(admin.page, 'Tremblay', 'official.ben');
      await admin.page.getByRole('button', { name: 'Reset password' }).click();
      await admin.page.getByText('Reset the password of Ben Tremblay (official.ben)?').waitFor();
      await admin.page.getByRole('button', { name: 'Yes, reset the password' }).click();
      await admin.page.getByRole('status').filter({ hasText: 'Password reset' }).waitFor();
      oneTime = (await admin.page.locator('.one-time-password').textContent()) ?? '';
      expect(oneTime.length).toBeGreaterThanOrEqual(12);
    } finally {
      await admin.context.close();
    }
    const ben = await newPage(suite.browser);
    try {
      await signInAs(ben.page, suite.server.baseUrl, 'official.ben', oneTime, 'Change your password');
      await ben.page.getByLabel('One-time password').fill(oneTime);
      await ben.page.getByLabel('New password', { exact: true }).fill('ben-after-the-reset');
      await ben.page.getByLabel('New password again').fill('ben-after-the-reset');
      await ben.page.getByRole('button', { name: 'Change password' }).click();
      // An official starts at their own work (the home page).
      await ben.page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    } finally {
      await ben.context.close();
    }
  });

  test('a refused role set is named as it is chosen, and the server refuses it at the click', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signInAs(page, suite.server.baseUrl, 'admin.iris', DEMO_PASSWORD, 'Accounts');
      await manage(page, 'hugo', 'auditor.hugo');
      await page.getByRole('checkbox', { name: 'Administrator' }).check();
      const refusal = 'The Administrator role is held alone, never with another role.';
      await page.getByText(refusal).waitFor();
      await page.getByRole('button', { name: 'Change roles' }).click();
      await page.getByRole('button', { name: 'Yes, change the roles' }).click();
      await page.getByRole('alert').filter({ hasText: refusal }).waitFor();
    } finally {
      await context.close();
    }
  });

  /** As admin.iris: fills in a new auditor's account and presses Continue. */
  async function continueNewAuditor(page: Page, account: { name: string; username: string; password: string }) {
    await signInAs(page, suite.server.baseUrl, 'admin.iris', DEMO_PASSWORD, 'Accounts');
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Name', { exact: true }).fill(account.name);
    await page.getByLabel('Username', { exact: true }).fill(account.username);
    await page.getByRole('checkbox', { name: 'Auditor' }).check();
    await page.getByLabel('First password', { exact: true }).fill(account.password);
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  test('a new account with a malformed username and a short password is told both, next to each field, before being asked to confirm', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await continueNewAuditor(page, { name: 'Test Person', username: 'Bad Name!', password: 'short' });
      const summary = await problemSummary(page);
      expect(await summary.textContent()).toContain('Use 3-50 lowercase letters, digits, dots, dashes or underscores.');
      expect(await summary.textContent()).toContain('A password has at least 12 characters.');
      expect(await page.getByLabel('Username', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('First password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByRole('button', { name: 'Yes, create the account' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  test('asking to confirm a new account moves the focus to the question, and changing something returns it to Continue', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await continueNewAuditor(page, { name: 'Focus Person', username: 'focus.person', password: 'a-long-first-password' });
      await page.getByRole('button', { name: 'Yes, create the account' }).waitFor();
      const focused = () =>
        page.evaluate(() => ({ tag: document.activeElement?.tagName, text: document.activeElement?.textContent ?? '' }));
      expect(await focused()).toMatchObject({
        tag: 'DIV',
        text: expect.stringMatching(/^Create the account focus\.person for Focus Person/),
      });
      await page.getByRole('button', { name: 'Change something' }).click();
      expect(await focused()).toEqual({ tag: 'BUTTON', text: 'Continue' });
    } finally {
      await context.close();
    }
  });

  test('an administrator who opens a person’s audit trail is refused and offered the way back to her start page, not to the person she cannot open', async () => {
    const ada = await Api.signIn(suite.server.baseUrl, 'official.ada');
    const person = await ada.post<{ id: string }>('/api/people', personBody({ givenName: 'Noor', familyName: 'Adebayo' }));
    const { context, page } = await newPage(suite.browser);
    try {
      await signInAs(page, suite.server.baseUrl, 'admin.iris', DEMO_PASSWORD, 'Accounts');
      await page.goto(`${suite.server.baseUrl}/people/${person.id}/audit`);
      await page.getByRole('alert').filter({ hasText: 'Only auditors and supervisors can see the audit trail.' }).waitFor();
      const main = page.getByRole('main');
      expect(await main.getByRole('link', { name: /^Back to / }).allTextContents()).toEqual(['Back to the start page']);
      await main.getByRole('link', { name: 'Back to the start page' }).click();
      await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    } finally {
      await context.close();
    }
  });

  test.each([1366, 390])('the accounts page at %i px has no serious or critical violation and no sideways scroll', async (width) => {
    const { context, page } = await newPage(suite.browser);
    try {
      await page.setViewportSize({ width, height: 900 });
      await signInAs(page, suite.server.baseUrl, 'admin.iris', DEMO_PASSWORD, 'Accounts');
      await page.getByRole('button', { name: 'Manage official.ada' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await manage(page, 'ada', 'official.ada');
      await page.getByRole('button', { name: 'Deactivate account' }).click();
      await page.getByRole('button', { name: 'Yes, deactivate' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await shot(page, `accounts-${width}`);
      await page.getByRole('button', { name: 'Create an account' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('alert').filter({ hasText: 'Enter the name' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `accounts-create-${width}`);
    } finally {
      await context.close();
    }
  });
});
