import { describe, expect, test } from 'vitest';
import { chromiumAvailable, newPage, signIn } from './support/browser.ts';
import { problemSummary } from './support/forms.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';

/** An administrator's reset over the API: the one-time password. */
async function resetAs(baseUrl: string, username: string): Promise<string> {
  const session = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin.iris', password: DEMO_PASSWORD }),
  });
  const cookie = session.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const users = (await (await fetch(`${baseUrl}/api/users`, { headers: { cookie } })).json()) as {
    users: { id: string; username: string }[];
  };
  const id = users.users.find((u) => u.username === username)!.id;
  const reset = await fetch(`${baseUrl}/api/users/${id}/password-reset`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: '{}',
  });
  return ((await reset.json()) as { oneTimePassword: string }).oneTimePassword;
}

describe.skipIf(!chromiumAvailable())('passwords in the web UI', () => {
  const suite = serverAndBrowser();

  test('finding 11.4: after an administrator reset, signing in with the one-time password leads only to choosing a new one', async () => {
    const oneTime = await resetAs(suite.server.baseUrl, 'official.ben');
    const { context, page } = await newPage(suite.browser);
    try {
      await page.goto(`${suite.server.baseUrl}/sign-in`);
      await page.getByLabel('Username').fill('official.ben');
      await page.getByLabel('Password').fill(oneTime);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Change your password' }).waitFor();
      expect(await page.getByText('one-time password from an administrator').isVisible()).toBe(true);
      await page.goto(`${suite.server.baseUrl}/worklist`);
      await page.getByRole('heading', { level: 1, name: 'Change your password' }).waitFor();
      await page.getByLabel('One-time password').fill(oneTime);
      await page.getByLabel('New password', { exact: true }).fill('ben-chose-this-one');
      await page.getByLabel('New password again').fill('ben-chose-this-one');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    } finally {
      await context.close();
    }
    const again = await newPage(suite.browser);
    try {
      await signIn(again.page, suite.server.baseUrl, 'official.ben', 'ben-chose-this-one');
    } finally {
      await again.context.close();
    }
  });

  test('a signed-in official changes their own password from the top bar', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.carmen', DEMO_PASSWORD);
      await page.getByRole('banner').getByRole('link', { name: 'Change password' }).click();
      await page.getByLabel('Current password').fill(DEMO_PASSWORD);
      await page.getByLabel('New password', { exact: true }).fill('carmen-new-password');
      await page.getByLabel('New password again').fill('carmen-new-password');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor();
    } finally {
      await context.close();
    }
  });

  test('a new password that is too short and not the same twice is told both at once, next to each field, and an empty form says what to enter', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/password`);
      await page.getByRole('button', { name: 'Change password' }).click();
      const summary = await problemSummary(page);
      expect(await summary.textContent()).toContain('Enter your current password');
      expect(await summary.textContent()).toContain('Enter a new password');

      await page.getByLabel('Current password').fill('not-checked-here');
      await page.getByLabel('New password', { exact: true }).fill('abc');
      await page.getByLabel('New password again').fill('abd');
      await page.getByRole('button', { name: 'Change password' }).click();
      await summary.filter({ hasText: 'A password has at least 12 characters.' }).waitFor();
      expect(await summary.textContent()).toContain('The two new passwords are not the same');
      expect(await page.getByLabel('New password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('New password again').getAttribute('aria-invalid')).toBe('true');
    } finally {
      await context.close();
    }
  });
});
