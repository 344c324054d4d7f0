import { describe, expect, test } from 'vitest';
import { chromiumAvailable, newPage, signInHome } from './support/browser.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';

describe.skipIf(!chromiumAvailable())('signing in', () => {
  const suite = serverAndBrowser();

  test('an official signs in and sees their own work, with Find a person in the navigation', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signInHome(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      expect(new URL(page.url()).pathname).toBe('/');
      const banner = page.getByRole('banner');
      expect(await banner.getByText('Waypoint', { exact: true }).isVisible()).toBe(true);
      expect(await banner.textContent()).toContain('Ada Chen');
      expect(await banner.textContent()).toContain('Authorized Official');
      expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link', { name: 'My work', exact: true }).getAttribute('aria-current')).toBe('page');
      expect(await page.title()).toBe('My work – Waypoint');
      await nav.getByRole('link', { name: 'Find a person' }).click();
      await page.getByRole('heading', { level: 1, name: 'Find a person' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/people');
      expect(await page.getByLabel('Name', { exact: true }).isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });

  test('a wrong password shows an error and stays on the sign-in page', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await page.goto(`${suite.server.baseUrl}/sign-in`);
      await page.getByLabel('Username').fill('official.ada');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      // The server's problem detail, shown as it was sent.
      const problem = (await (
        await fetch(`${suite.server.baseUrl}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'official.ada', password: 'not-the-password' }),
        })
      ).json()) as { detail: string; code: string };
      expect(problem.code).toBe('INVALID_CREDENTIALS');
      expect(await alert.textContent()).toContain(problem.detail);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
      expect(await page.getByLabel('Password').inputValue()).toBe('');
    } finally {
      await context.close();
    }
  });

  test('a visitor who is not signed in is sent to the sign-in page and back afterwards', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await page.goto(`${suite.server.baseUrl}/people/new`);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await page.getByLabel('Username').fill('official.ada');
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Register a person' }).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await page.goto(`${suite.server.baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
