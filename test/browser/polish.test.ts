/**
 * Polish a user notices (issue 13): no page scrolls sideways on a 390 px phone; the service
 * agreement's PDF shows the same dates as its page; and an action that would be refused says why
 * before the click, in the server's words.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { readPdf } from '../support/pdf.ts';
import { chromiumAvailable } from './support/browser.ts';
import { applyHouseholdEvidence, type SeededLearner, seedLearner } from './support/learner.ts';
import { Api, seedPersonReadyForPlan, seedPlan } from './support/seed.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { shot } from './support/shots.ts';
import { serverAndBrowser } from './support/suite.ts';

describe.skipIf(!chromiumAvailable())('polish a user notices', () => {
  const suite = serverAndBrowser();
  let ada: Api;
  let dana: Api;
  let learner: SeededLearner;
  let openPlanId: string;

  beforeAll(async () => {
    [ada, dana] = await Promise.all([Api.signIn(suite.server.baseUrl, 'official.ada'), Api.signIn(suite.server.baseUrl, 'lbc.dana')]);
    learner = await seedLearner(
      ada,
      { givenName: 'Rosa', familyName: 'Delgado-Fitzgerald', birthDate: '1992-03-14' },
      { trainingStart: '2026-09-08', trainingEnd: '2027-06-25', coordinatorId: dana.user.id },
    );
    await applyHouseholdEvidence(dana, learner.pdcId);
    // A plan still being drafted, with a training item and a job search item: not yet accepted.
    const { personId } = await seedPersonReadyForPlan(
      ada,
      { givenName: 'Omar', familyName: 'Haddad', birthDate: '1985-11-02' },
      'training',
    );
    // Barrier reduction, the longest sub-goal name, labels the widest "Add a plan item to …" button.
    const plan = await seedPlan(
      ada,
      personId,
      [
        { subGoal: 'training', type: 'occupational-skills-training', expectedStart: '2026-09-08', expectedEnd: '2027-06-25' },
        { subGoal: 'job-search', type: 'job-search-workshop', expectedStart: '2027-07-05', expectedEnd: '2027-07-30' },
      ],
      ['barrier-reduction'],
    );
    openPlanId = plan.id;
  });

  async function signedInPage(username: string, width: number) {
    const context = await suite.browser.newContext({ viewport: { width, height: 900 }, locale: 'en-CA' });
    const page = await context.newPage();
    await page.goto(`${suite.server.baseUrl}/sign-in`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
    return { context, page };
  }

  /** Opens a page and waits until it has its heading and nothing is loading. */
  async function open(page: Page, path: string) {
    await page.goto(`${suite.server.baseUrl}${path}`);
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page
      .getByRole('status')
      .filter({ hasText: /^Loading/ })
      .first()
      .waitFor({ state: 'detached', timeout: 5000 })
      .catch(() => {});
  }

  /** How far the page scrolls sideways, and the elements sticking out past the right edge. */
  const overflow = (page: Page) =>
    page.evaluate(() => {
      const root = document.documentElement;
      const wide = [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1)
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
      return { extra: root.scrollWidth - root.clientWidth, wide };
    });

  const PAGES: readonly [string, () => string[]][] = [
    [
      'official.ada',
      () => [
        '/',
        '/people',
        `/people/${learner.personId}`,
        `/service-plans/${learner.planId}`,
        `/service-plans/${openPlanId}`,
        `/service-plans/${learner.planId}/agreement`,
        '/caseload',
        '/password',
      ],
    ],
    ['lbc.dana', () => ['/', '/worklist', `/pdcs/${learner.pdcId}`, '/calculator']],
    ['lbs.farah', () => ['/people', `/pdcs/${learner.pdcId}`]],
    ['supervisor.grace', () => ['/', '/team', '/caseloads/transfer', '/jobs']],
    ['auditor.hugo', () => ['/people', '/audit', `/people/${learner.personId}/audit`]],
    ['admin.iris', () => ['/admin/accounts', '/jobs']],
  ];

  test.each(PAGES)('at 390 px wide, no page %s sees scrolls sideways', async (username, paths) => {
    const { context, page } = await signedInPage(username, 390);
    try {
      const found: string[] = [];
      for (const path of paths()) {
        await open(page, path);
        const { extra, wide } = await overflow(page);
        if (extra > 0) found.push(`${path}: ${extra} px wider (${wide.join(', ')})`);
        await shot(page, `390-${username}${path.replace(/[/]+/g, '-').replace(/-[0-9a-f-]{36}/, '-id')}`);
      }
      expect(found).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('at 390 px the navigation above a short page is as tall as its links, leaving no gap before the page', async () => {
    const { context, page } = await signedInPage('supervisor.grace', 390);
    try {
      await open(page, '/team/tasks/overdue');
      const nav = page.getByRole('navigation', { name: 'Main' });
      const spare = await nav.evaluate((n) => n.getBoundingClientRect().height - n.querySelector('ul')!.getBoundingClientRect().height);
      expect(spare).toBeLessThanOrEqual(40);
    } finally {
      await context.close();
    }
  });

  test('the current navigation item is marked as the page and shows keyboard focus in the focus colour', async () => {
    const { context, page } = await signedInPage('official.ada', 1366);
    try {
      await open(page, '/people');
      const current = page.getByRole('navigation', { name: 'Main' }).locator('a[aria-current="page"]');
      expect(await current.textContent()).toBe('Find a person');
      const before = await current.evaluate((a) => getComputedStyle(a).backgroundColor);
      await current.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const focused = await current.evaluate((a) => ({
        isFocused: a === document.activeElement && a.matches(':focus-visible'),
        background: getComputedStyle(a).backgroundColor,
        outline: getComputedStyle(a).outlineStyle,
      }));
      expect(focused).toMatchObject({ isFocused: true, outline: 'solid' });
      expect(focused.background).not.toBe(before);
      await shot(page, 'nav-focus-1366');
    } finally {
      await context.close();
    }
  });

  test('the service agreement PDF shows every date the agreement page shows, worded the same', async () => {
    const { context, page } = await signedInPage('official.ada', 1366);
    try {
      await open(page, `/service-plans/${learner.planId}/agreement`);
      const dates = await page.locator('article.agreement time').allTextContents();
      expect(dates).toEqual(expect.arrayContaining(['14 Mar 1992', '8 Sep 2026', '25 Jun 2027']));
      const response = await page.request.get(`${suite.server.baseUrl}/api/service-plans/${learner.planId}/agreement.pdf`);
      expect(response.status()).toBe(200);
      const { text } = await readPdf(new Uint8Array(await response.body()));
      for (const date of new Set(dates)) expect(text).toContain(date);
      await shot(page, 'agreement-1366');
    } finally {
      await context.close();
    }
  });

  test("before closing, the plan page says in the server's words why closing today would be refused", async () => {
    const { context, page } = await signedInPage('official.ada', 1366);
    try {
      await open(page, `/service-plans/${openPlanId}`);
      const closure = page.getByRole('region', { name: 'Closure', exact: true });
      const why = closure.locator('#close-why-not');
      await why.waitFor();
      expect(await why.textContent()).toContain('2 plan items have no outcome yet; complete or cancel them first.');
      // The reason is read with the button, before anything is clicked.
      expect(await closure.getByRole('button', { name: 'Close plan…' }).getAttribute('aria-describedby')).toBe('close-why-not');
      await shot(page, 'plan-why-not-1366');
    } finally {
      await context.close();
    }
  });

  test('a plan not yet accepted says, under its training, why the training cannot be funded yet', async () => {
    const { context, page } = await signedInPage('official.ada', 390);
    try {
      await open(page, `/service-plans/${openPlanId}`);
      const training = page.getByRole('region', { name: 'Training', exact: true });
      expect(await training.locator('.why-not').textContent()).toContain(
        'The person has not accepted this Service Plan yet. Record their acceptance of the service agreement first; only an active plan can fund training.',
      );
      await shot(page, 'plan-why-not-390');
    } finally {
      await context.close();
    }
  });

  test('a coordinator reading a plan is told who adds plan items and who records the acceptance', async () => {
    const { context, page } = await signedInPage('lbc.dana', 1366);
    try {
      await open(page, `/service-plans/${openPlanId}`);
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain('Sub-goals and plan items are added by an Authorized Official or a Supervisor.');
      expect(text).toContain("The person's acceptance is recorded by an Authorized Official or a Supervisor.");
    } finally {
      await context.close();
    }
  });
});
