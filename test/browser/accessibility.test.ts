import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, launchChromium, newPage, signIn } from './support/browser.ts';
import { Api, itemsOf, seedPersonReadyForPlan, seedPlan } from './support/seed.ts';
import { DEMO_PASSWORD, type RunningWaypoint, startWaypoint } from './support/server.ts';

/** Violations with impact serious or critical, summarised so a failure says what and where. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!chromiumAvailable())('accessibility (axe, WCAG 2.1 AA)', () => {
  let server: RunningWaypoint;
  let browser: Browser;
  let personId: string;
  let planId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWaypoint(), launchChromium()]);
    // A person with details, a partner, an open case and an assessment, so the person page shows
    // its tables and forms rather than empty states.
    const { context, page } = await newPage(browser);
    await signIn(page, server.baseUrl, 'official.ada', DEMO_PASSWORD);
    const api = context.request;
    const post = async <T>(path: string, data: unknown): Promise<T> => {
      const response = await api.post(`${server.baseUrl}${path}`, { data });
      if (!response.ok()) throw new Error(`${path}: ${response.status()} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const address = { line1: '10 River Road', city: 'Edmonton', province: 'AB', postalCode: 'T5J 2R7' };
    const amira = await post<{ id: string }>('/api/people', {
      givenName: 'Amira',
      familyName: 'Haddad',
      birthDate: '1992-05-14',
      address,
      phone: '780-555-0101',
      email: 'amira@example.ca',
      effectiveFrom: '2026-01-05',
    });
    const omar = await post<{ id: string }>('/api/people', { givenName: 'Omar', familyName: 'Haddad', birthDate: '1990-09-01', address });
    await post('/api/relationships', {
      kind: 'spouse',
      subtype: 'married',
      personId: amira.id,
      relatedPersonId: omar.id,
      startDate: '2018-06-01',
    });
    const ic = await post<{ id: string }>(`/api/people/${amira.id}/cases`, { openedOn: '2026-01-05' });
    const needs = (await (await api.get(`${server.baseUrl}/api/catalogues/needs`)).json()) as { needs: { code: string }[] };
    const codes = needs.needs.slice(0, 2).map((n) => n.code);
    await post(`/api/cases/${ic.id}/assessments`, { needs: codes, notes: 'Axe fixture.' });
    personId = amira.id;
    await context.close();

    // Service Plans: one being drafted, with funded training, an item of Ada's in progress, one of
    // Ben's and a completed one; and one whose last item Ada completed, so her worklist has its
    // closure task.
    const ada = await Api.signIn(server.baseUrl, 'official.ada');
    const ben = await Api.signIn(server.baseUrl, 'official.ben');
    const learner = await seedPersonReadyForPlan(ada, { givenName: 'Yusuf', familyName: 'Demir', birthDate: '1990-12-01' }, 'training');
    let plan = await seedPlan(ada, learner.personId, [
      { subGoal: 'training', type: 'english-language-learning', description: 'LINC level 6, evenings.', expectedStart: '2026-05-04', expectedEnd: '2026-08-28' },
      { subGoal: 'barrier-reduction', type: 'child-care-arrangement', expectedStart: '2026-06-01', expectedEnd: '2026-06-30', by: ben },
      { subGoal: 'barrier-reduction', type: 'housing-referral', expectedStart: '2026-05-01', expectedEnd: '2026-05-29' },
    ]);
    const english = itemsOf(plan).find((i) => i.type === 'english-language-learning');
    const housing = itemsOf(plan).find((i) => i.type === 'housing-referral');
    if (!english || !housing) throw new Error('plan items missing');
    await ada.post(`/api/plan-items/${english.id}/pdc`, { trainingLoad: 'part-time' });
    plan = await ada.patch(`/api/plan-items/${english.id}`, { version: english.version, actualStart: '2026-05-04' });
    await ada.post(`/api/plan-items/${housing.id}/complete`, {
      version: housing.version,
      outcome: 'not-attained',
      goodCauseReason: 'The person found housing on their own.',
      actualStart: '2026-05-01',
      actualEnd: '2026-05-20',
    });
    planId = plan.id;
    const finished = await seedPersonReadyForPlan(ada, { givenName: 'Ruth', familyName: 'Abebe', birthDate: '1983-04-17' });
    const done = await seedPlan(ada, finished.personId, [
      { subGoal: 'job-search', type: 'job-search-workshop', expectedStart: '2026-06-01', expectedEnd: '2026-06-05' },
    ]);
    const [workshop] = itemsOf(done);
    if (!workshop) throw new Error('plan item missing');
    await ada.post(`/api/plan-items/${workshop.id}/complete`, {
      version: workshop.version,
      outcome: 'attained',
      actualStart: '2026-06-01',
      actualEnd: '2026-06-05',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the sign-in page has no serious or critical violations, also when showing an error', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${server.baseUrl}/sign-in`);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel('Username').fill('official.ada');
      await page.getByLabel('Password').fill('wrong');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the find-a-person page has no serious or critical violations, with results shown', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, 'official.ada', DEMO_PASSWORD);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel('Name', { exact: true }).fill('Haddad');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('row', { name: /Amira Haddad/ }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the register page has no serious or critical violations, also with field errors', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${server.baseUrl}/people/new`);
      await page.getByRole('heading', { level: 1, name: 'Register a person' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      // Server-side field errors (a malformed postal code and email).
      await page.getByLabel('Given name').fill('Test');
      await page.getByLabel('Family name').fill('Person');
      await page.getByLabel('Date of birth').fill('1980-01-01');
      await page.getByLabel('Address line 1').fill('1 Test Street');
      await page.getByLabel('City or town').fill('Edmonton');
      await page.getByLabel('Province or territory').selectOption('AB');
      await page.getByLabel('Postal code').fill('12345');
      await page.getByLabel('Email').fill('not-an-email');
      await page.getByRole('button', { name: 'Register person' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByLabel('Postal code').getAttribute('aria-invalid')).toBe('true');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the person page has no serious or critical violations, with its forms open', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${server.baseUrl}/people/${personId}`);
      await page.getByRole('heading', { level: 1, name: 'Amira Haddad' }).waitFor();
      await page.getByRole('region', { name: 'Service Plan readiness' }).getByText('Not ready').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Record a change…' }).click();
      await page.getByRole('button', { name: 'Add a relationship…' }).click();
      await page.getByRole('button', { name: 'Complete…' }).click();
      await page.getByRole('button', { name: 'Close case…' }).click();
      await page.getByRole('button', { name: /^End relationship with/ }).click();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the audit trail has no serious or critical violations', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, 'auditor.hugo', DEMO_PASSWORD);
      await page.goto(`${server.baseUrl}/people/${personId}`);
      await page.getByRole('link', { name: 'Audit trail' }).click();
      await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
      await page.getByRole('table').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
  test('the Service Plan page has no serious or critical violations, with its forms open and a refusal shown', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${server.baseUrl}/service-plans/${planId}`);
      await page.getByRole('heading', { level: 1, name: /^Service Plan SP-/ }).waitFor();
      await page.getByRole('listitem', { name: 'English language learning' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Record acceptance…' }).click();
      await page.getByRole('button', { name: 'Add a sub-goal…' }).click();
      await page.getByRole('button', { name: 'Add a plan item to Training…' }).click();
      await page.getByRole('button', { name: 'Complete English language learning' }).click();
      // Submitted without an outcome: the server's refusal, tied to the question.
      await page.getByRole('button', { name: 'Complete plan item' }).click();
      await page.getByRole('alert').filter({ hasText: 'Enter an outcome' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the printable service agreement has no serious or critical violations', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${server.baseUrl}/service-plans/${planId}/agreement`);
      await page.getByRole('heading', { level: 1, name: 'Service agreement' }).waitFor();
      await page.getByRole('table').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the closure dialog has no serious or critical violations, open and showing a refusal', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${server.baseUrl}/service-plans/${planId}`);
      await page.getByRole('button', { name: 'Close plan…' }).click();
      const dialog = page.getByRole('dialog', { name: /^Close Service Plan/ });
      await dialog.getByRole('radio').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByRole('radio').first().check();
      await dialog.getByRole('button', { name: 'Close plan', exact: true }).click();
      await dialog.getByRole('alert').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the worklist has no serious or critical violations, for an official and for a supervisor', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^My worklist/ }).click();
      await page.getByRole('row', { name: /Close Service Plan/ }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
    const supervisor = await newPage(browser);
    try {
      await signIn(supervisor.page, server.baseUrl, 'supervisor.grace', DEMO_PASSWORD);
      await supervisor.page.goto(`${server.baseUrl}/worklist`);
      const transfer = supervisor.page.getByRole('region', { name: 'Transfer caseload' });
      await transfer.getByRole('option', { name: 'Ada Chen' }).first().waitFor({ state: 'attached' });
      await transfer.getByRole('button', { name: 'Transfer caseload' }).click();
      await transfer.getByRole('alert').waitFor();
      expect(await seriousViolations(supervisor.page)).toEqual([]);
    } finally {
      await supervisor.context.close();
    }
  });
});
