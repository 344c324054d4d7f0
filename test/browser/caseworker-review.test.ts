/**
 * A caseworker's second look, on a 390 px phone and with the keyboard: a learner case's month
 * explanation and evidence, a person's history, assessments and relationships read on a phone
 * without anything hidden behind a sideways scroll; opening a case, starting and completing an
 * assessment, and a refused closure each say what happened and keep the keyboard's place; an
 * assessment completed without its Primary Need, and a date of birth the system cannot hold, are
 * told in the form's own words before anything is sent.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, newPage, signIn } from './support/browser.ts';
import { fieldError, problemSummary } from './support/forms.ts';
import { applyHouseholdEvidence, type SeededLearner, seedLearner } from './support/learner.ts';
import { Api, itemsOf, seedPersonReadyForPlan, seedPlan } from './support/seed.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { shot } from './support/shots.ts';
import { serverAndBrowser } from './support/suite.ts';

/**
 * What of an element a phone hides: each descendant reaching past the right edge of the screen
 * (inside a table that scrolls sideways, it is out of sight), and each cell whose text spills out
 * of its box (over the next cell).
 */
function hiddenOnPhone(target: Locator): Promise<string[]> {
  return target.evaluate((root) => {
    const width = document.documentElement.clientWidth;
    const name = (e: Element) => `${e.tagName.toLowerCase()} "${(e.textContent ?? '').trim().slice(0, 40)}"`;
    // Column headings in a head one pixel wide, and visually hidden text, are for screen readers only.
    const shown = (e: Element) =>
      e.getClientRects().length > 0 && !e.closest('.visually-hidden') && (e.closest('thead')?.getBoundingClientRect().width ?? 2) > 1;
    const past = [root, ...root.querySelectorAll('*')]
      .filter((e) => shown(e) && e.getBoundingClientRect().right > width + 1)
      .map((e) => `past the edge: ${name(e)}`);
    const spilling = [...root.querySelectorAll('td, th')]
      .filter((cell) => shown(cell) && cell.scrollWidth > cell.clientWidth + 1)
      .map((cell) => `spills out of its cell: ${name(cell)}`);
    return [...past, ...spilling].slice(0, 8);
  });
}

describe.skipIf(!chromiumAvailable())('a caseworker on a phone and with the keyboard', () => {
  const suite = serverAndBrowser();
  let ada: Api;
  let dana: Api;
  let learner: SeededLearner;

  beforeAll(async () => {
    [ada, dana] = await Promise.all([Api.signIn(suite.server.baseUrl, 'official.ada'), Api.signIn(suite.server.baseUrl, 'lbc.dana')]);
    learner = await seedLearner(
      ada,
      { givenName: 'Amara', familyName: 'Okonkwo-Lindqvist', birthDate: '1993-05-21' },
      { trainingStart: '2026-09-08', trainingEnd: '2027-06-25', coordinatorId: dana.user.id },
    );
    await applyHouseholdEvidence(dana, learner.pdcId);
  });

  const url = (path: string) => `${suite.server.baseUrl}${path}`;

  async function onPhone(username: string, path: string): Promise<{ page: Page; close: () => Promise<void> }> {
    const { context, page } = await newPage(suite.browser);
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, suite.server.baseUrl, username, DEMO_PASSWORD);
    await page.goto(url(path));
    await page.locator('main h1').first().waitFor();
    return { page, close: () => context.close() };
  }

  test('on a 390 px phone a learner case hides nothing behind a sideways scroll: an opened month’s rule and source, each evidence version, each determination version', async () => {
    const { page, close } = await onPhone('lbc.dana', `/pdcs/${learner.pdcId}`);
    try {
      await page.getByRole('table', { name: 'Versions of Child Care, oldest first' }).waitFor();
      await page.getByRole('table', { name: 'Determination versions, newest first, with their totals' }).waitFor();
      await page.getByRole('button', { name: 'Sep 2026 components' }).click();
      const components = page.getByRole('table', { name: 'Components of September 2026' });
      await components.waitFor();
      expect(await components.textContent()).toContain('Core Shelter by housing situation');
      expect(await hiddenOnPhone(page.locator('main'))).toEqual([]);
      await components.scrollIntoViewIfNeeded();
      await shot(page, 'review-390-month-components', { fullPage: false });
      await page.getByRole('table', { name: 'Versions of Child Care, oldest first' }).scrollIntoViewIfNeeded();
      await shot(page, 'review-390-evidence-versions', { fullPage: false });
    } finally {
      await close();
    }
  });

  test('on a 390 px phone a person’s page hides nothing behind a sideways scroll, and no history text runs over the next cell', async () => {
    const { page, close } = await onPhone('official.ada', `/people/${learner.personId}`);
    try {
      const history = page.getByRole('table', { name: 'Address history' });
      await history.waitFor();
      expect(await history.textContent()).toContain('Ongoing');
      await page.getByRole('table', { name: /^Service Plans of / }).waitFor();
      await page.getByRole('table', { name: /^Learner income support cases of / }).waitFor();
      await page.getByRole('table', { name: /^Assessments under / }).waitFor();
      expect(await hiddenOnPhone(page.locator('main'))).toEqual([]);
    } finally {
      await close();
    }
  });

  test('on a 390 px phone a history’s caption reads on one line above its list, not broken word by word', async () => {
    const { page, close } = await onPhone('official.ada', `/people/${learner.personId}`);
    try {
      const caption = page.getByRole('table', { name: 'Address history' }).locator('caption');
      await caption.waitFor();
      const { height, lineHeight } = await caption.evaluate((element) => ({
        height: element.getBoundingClientRect().height,
        lineHeight: Number.parseFloat(getComputedStyle(element).lineHeight),
      }));
      expect(height).toBeLessThan(2 * lineHeight);
    } finally {
      await close();
    }
  });

  test('on a 390 px phone the form completing an assessment, opened in its row, fits the screen', async () => {
    const { personId } = await seedPersonReadyForPlan(ada, { givenName: 'Tomasz', familyName: 'Wiśniewski', birthDate: '1987-10-30' });
    const { integratedCase } = await openCaseWithAssessmentInProgress(personId);
    const { page, close } = await onPhone('official.ada', `/people/${personId}`);
    try {
      const assessments = page.getByRole('region', { name: 'Assessments' }).filter({ hasText: integratedCase });
      await assessments.getByRole('button', { name: 'Complete…' }).click();
      const form = assessments.getByRole('form', { name: 'Complete the assessment' });
      await form.waitFor();
      expect(await hiddenOnPhone(assessments)).toEqual([]);
      await form.scrollIntoViewIfNeeded();
      await shot(page, 'review-390-complete-assessment', { fullPage: false });
    } finally {
      await close();
    }
  });

  test('on a 390 px phone the form ending a relationship, opened in its row, fits the screen', async () => {
    const register = (givenName: string, birthDate: string) =>
      ada.post<{ id: string }>('/api/people', { givenName, familyName: 'Abiodun-Castellanos', birthDate, acknowledgeDuplicates: true });
    const [parent, child] = await Promise.all([register('Folake', '1988-06-12'), register('Ines', '2019-02-03')]);
    await ada.post('/api/relationships', {
      kind: 'dependant',
      subtype: 'child',
      personId: child.id,
      relatedPersonId: parent.id,
      startDate: '2019-02-03',
    });
    const { page, close } = await onPhone('official.ada', `/people/${parent.id}`);
    try {
      const relationships = page.getByRole('region', { name: 'Relationships', exact: true });
      await relationships.getByRole('button', { name: /^End relationship with/ }).click();
      await relationships.getByRole('form').waitFor();
      expect(await hiddenOnPhone(relationships)).toEqual([]);
    } finally {
      await close();
    }
  });

  test('on a 390 px phone a search’s results show each person’s date of birth and registration in view', async () => {
    const { page, close } = await onPhone('official.ada', '/people');
    try {
      await page.getByLabel('Name', { exact: true }).fill('Okonkwo-Lindqvist Amara');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('status').filter({ hasText: '1 person found' }).waitFor();
      const results = page.getByRole('table').filter({ hasText: 'Amara Okonkwo-Lindqvist' });
      expect(await results.textContent()).toContain('Registration complete');
      expect(await hiddenOnPhone(results)).toEqual([]);
    } finally {
      await close();
    }
  });

  test('on a 390 px phone the worklist and My work show each task’s due date, who has it and its button in view', async () => {
    const { personId } = await seedPersonReadyForPlan(ada, { givenName: 'Halima', familyName: 'Osei-Bonsu', birthDate: '1990-07-07' });
    const [item] = itemsOf(
      await seedPlan(ada, personId, [
        { subGoal: 'job-search', type: 'job-search-workshop', expectedStart: '2026-05-01', expectedEnd: '2026-05-08' },
      ]),
    );
    if (!item) throw new Error('plan item missing');
    // Completing the plan's last item gives its owner the task of closing the plan.
    await ada.post(`/api/plan-items/${item.id}/complete`, {
      version: item.version,
      outcome: 'attained',
      actualStart: '2026-05-01',
      actualEnd: '2026-05-08',
    });
    const { page, close } = await onPhone('official.ada', '/worklist');
    try {
      const tasks = page.getByRole('table', { name: 'Open tasks' });
      await tasks.getByRole('link', { name: 'Halima Osei-Bonsu' }).waitFor();
      expect(await hiddenOnPhone(tasks)).toEqual([]);
      await page.goto(url('/'));
      const home = page.getByRole('region', { name: 'My open tasks' });
      await home.getByRole('link', { name: 'Halima Osei-Bonsu' }).waitFor();
      expect(await hiddenOnPhone(home)).toEqual([]);
    } finally {
      await close();
    }
  });

  /** An open Integrated Case and an assessment started on it with no needs yet. */
  async function openCaseWithAssessmentInProgress(personId: string): Promise<{ integratedCase: string }> {
    const person = await ada.get<{ cases: { id: string; status: string; reference: string }[] }>(`/api/people/${personId}`);
    const open = person.cases.find((c) => c.status === 'open');
    if (!open) throw new Error('No open Integrated Case');
    await ada.post(`/api/cases/${open.id}/assessments`, { needs: [] });
    return { integratedCase: open.reference };
  }

  test('opening an Integrated Case says it is open and keeps the keyboard there, not at the top of the page', async () => {
    const person = await ada.post<{ id: string }>('/api/people', {
      givenName: 'Keanu',
      familyName: 'Whitford',
      birthDate: '1996-08-17',
      acknowledgeDuplicates: true,
    });
    const { page, close } = await onPhone('official.ada', `/people/${person.id}`);
    try {
      const section = page.getByRole('region', { name: 'Integrated Case', exact: true });
      await section.getByRole('button', { name: 'Open an Integrated Case' }).focus();
      await page.keyboard.press('Enter');
      const said = section.getByRole('status').filter({ hasText: /^Integrated Case IC-\d+ opened\.$/ });
      await said.waitFor();
      expect(await said.evaluate((element) => element === document.activeElement)).toBe(true);
    } finally {
      await close();
    }
  });

  test('starting and then completing an assessment each say so and keep the keyboard there', async () => {
    const person = await ada.post<{ id: string }>('/api/people', {
      givenName: 'Liesl',
      familyName: 'Marchetti',
      birthDate: '1992-01-09',
      acknowledgeDuplicates: true,
    });
    await ada.post(`/api/people/${person.id}/cases`, {});
    const { page, close } = await onPhone('official.ada', `/people/${person.id}`);
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    try {
      const section = page.getByRole('region', { name: 'Integrated Case', exact: true });
      await section.getByRole('button', { name: 'Start an assessment…' }).click();
      await section.getByRole('checkbox', { name: 'Job search skills' }).check();
      await section.getByRole('button', { name: 'Start assessment' }).press('Enter');
      await section.getByRole('status').filter({ hasText: 'Assessment started' }).waitFor();
      expect(await focusedText()).toMatch(/^Assessment started/);

      await section.getByRole('button', { name: 'Complete…' }).click();
      await section.getByRole('radio', { name: /^Job search skills/ }).check();
      await section.getByRole('button', { name: 'Complete assessment' }).press('Enter');
      await section.getByRole('status').filter({ hasText: 'Assessment completed' }).waitFor();
      expect(await focusedText()).toBe('Assessment completed: the Primary Need is Job search skills.');
    } finally {
      await close();
    }
  });

  test('completing a plan item does not call its actual start optional, since it is needed unless the item is cancelled', async () => {
    const { personId } = await seedPersonReadyForPlan(ada, { givenName: 'Priya', familyName: 'Raghunathan', birthDate: '1991-03-03' });
    const plan = await seedPlan(ada, personId, [
      { subGoal: 'job-search', type: 'job-search-workshop', expectedStart: '2026-06-01', expectedEnd: '2026-06-12' },
    ]);
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(url(`/service-plans/${plan.id}`));
      await page.getByRole('button', { name: 'Complete Job search workshop' }).click();
      const form = page.getByRole('form', { name: 'Complete Job search workshop' });
      const actualStart = form.getByLabel(/^Actual start/);
      expect(await actualStart.evaluate((input: HTMLInputElement) => input.labels?.[0]?.textContent)).toBe('Actual start');
      expect(await actualStart.getAttribute('aria-describedby')).toBeTruthy();
      expect(await form.textContent()).toContain('Needed unless the item is cancelled.');
    } finally {
      await context.close();
    }
  });

  test('a closure the server refuses is focused in the dialog, so the keyboard stays in it and hears why', async () => {
    const { personId } = await seedPersonReadyForPlan(ada, { givenName: 'Oskar', familyName: 'Brandt', birthDate: '1984-04-04' });
    const plan = await seedPlan(ada, personId, []);
    const { page, close } = await onPhone('official.ada', `/service-plans/${plan.id}`);
    try {
      await page.getByRole('button', { name: 'Close plan…' }).click();
      const dialog = page.getByRole('dialog', { name: /^Close Service Plan/ });
      await dialog.getByRole('radio', { name: /^No contact for more than 90 days/ }).check();
      await dialog.getByRole('button', { name: 'Close plan', exact: true }).click();
      const refusal = dialog.getByRole('alert').filter({ hasText: 'The plan was not closed' });
      await refusal.waitFor();
      expect(await refusal.evaluate((element) => element === document.activeElement)).toBe(true);
    } finally {
      await close();
    }
  });

  test('ending a relationship says so and keeps the keyboard there, not at the top of the page', async () => {
    const register = (givenName: string, birthDate: string) =>
      ada.post<{ id: string }>('/api/people', { givenName, familyName: 'Vasquez-Thornbury', birthDate, acknowledgeDuplicates: true });
    const [one, other] = await Promise.all([register('Marisol', '1986-02-14'), register('Declan', '1985-11-30')]);
    await ada.post('/api/relationships', {
      kind: 'spouse',
      subtype: 'married',
      personId: one.id,
      relatedPersonId: other.id,
      startDate: '2012-08-18',
    });
    const { page, close } = await onPhone('official.ada', `/people/${one.id}`);
    try {
      const relationships = page.getByRole('region', { name: 'Relationships', exact: true });
      await relationships.getByRole('button', { name: 'End relationship with Declan Vasquez-Thornbury' }).click();
      await relationships.getByLabel('Ended on').fill('2026-05-31');
      await relationships.getByRole('button', { name: 'End relationship', exact: true }).press('Enter');
      const said = relationships
        .getByRole('status')
        .filter({ hasText: 'Relationship with Declan Vasquez-Thornbury ended on 31 May 2026.' });
      await said.waitFor();
      expect(await said.evaluate((element) => element === document.activeElement)).toBe(true);
    } finally {
      await close();
    }
  });

  test('completing an assessment without a Primary Need asks, on the question, to choose one', async () => {
    const { personId } = await seedPersonReadyForPlan(ada, { givenName: 'Ruth', familyName: 'Abernathy', birthDate: '1979-12-01' });
    const { integratedCase } = await openCaseWithAssessmentInProgress(personId);
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(url(`/people/${personId}`));
      const assessments = page.getByRole('region', { name: 'Assessments' }).filter({ hasText: integratedCase });
      await assessments.getByRole('button', { name: 'Complete…' }).click();
      await assessments.getByRole('button', { name: 'Complete assessment' }).click();
      const summary = await problemSummary(page);
      expect(await summary.textContent()).toContain('Choose the Primary Need');
      expect(await summary.textContent()).not.toContain('This field is required');
      expect(await assessments.getByRole('group', { name: /Primary Need/ }).textContent()).toContain('Choose the Primary Need');
    } finally {
      await context.close();
    }
  });

  test('a date of birth before 1900 is told on its field, in the form’s words, before anything is sent', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(url('/people/new'));
      await page.getByLabel('Given name').fill('Edith');
      await page.getByLabel('Family name').fill('Calloway');
      const birthDate = page.getByLabel('Date of birth');
      await birthDate.fill('1850-03-15');
      let sent = 0;
      page.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/people') sent += 1;
      });
      await page.getByRole('button', { name: 'Register person' }).click();
      const summary = await problemSummary(page);
      const text = 'Enter a date of birth from 1 Jan 1900';
      expect(await summary.textContent()).toContain(text);
      expect(await fieldError(page, birthDate)).toContain(text);
      expect(await summary.textContent()).not.toMatch(/Birth date|1850-03-15|not a real calendar date/);
      expect(sent).toBe(0);
      // What was typed stays.
      expect(await page.getByLabel('Given name').inputValue()).toBe('Edith');
    } finally {
      await context.close();
    }
  });
});
