import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, newPage, signIn } from './support/browser.ts';
import { Api, acceptSeedPlan, itemsOf, type PlanView, seedPersonReadyForPlan, seedPlan } from './support/seed.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { shot } from './support/shots.ts';
import { serverAndBrowser } from './support/suite.ts';

/** The server's fixed today in browser tests (test/support/server.ts TEST_TODAY). */
const TODAY = '2026-06-15';

describe.skipIf(!chromiumAvailable())('Service Plans (R03)', () => {
  const suite = serverAndBrowser();
  let ada: Api;
  let ben: Api;

  beforeAll(async () => {
    [ada, ben] = await Promise.all([Api.signIn(suite.server.baseUrl, 'official.ada'), Api.signIn(suite.server.baseUrl, 'official.ben')]);
  });

  const url = (path: string) => `${suite.server.baseUrl}${path}`;
  const planHeading = (page: Page) => page.getByRole('heading', { level: 1, name: /^Service Plan SP-\d+$/ });

  test("official A adds a plan item, official B cannot change it, A completes it as the last item, and the closure task appears in A's worklist", async () => {
    const { personId } = await seedPersonReadyForPlan(ada, { givenName: 'Nadia', familyName: 'Petrova', birthDate: '1989-02-11' });
    const a = await newPage(suite.browser);
    const b = await newPage(suite.browser);
    try {
      // A creates the plan from the person page.
      await signIn(a.page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await a.page.goto(url(`/people/${personId}`));
      const plans = a.page.getByRole('region', { name: 'Service Plan', exact: true });
      await plans.getByRole('button', { name: 'Create Service Plan' }).click();
      await planHeading(a.page).waitFor();
      await a.page
        .getByRole('status')
        .filter({ hasText: /Service Plan SP-\d+ created/ })
        .waitFor();
      const planId = new URL(a.page.url()).pathname.split('/').at(-1) ?? '';
      expect(new URL(a.page.url()).pathname).toMatch(/^\/service-plans\/[0-9a-f-]{36}$/);
      // No personal data in the title (it lands in browser history).
      expect(await a.page.title()).toMatch(/^Service Plan SP-\d+ – Waypoint$/);

      // A adds a sub-goal and an item under it; A owns the item.
      await a.page.getByRole('button', { name: 'Add a sub-goal…' }).click();
      await a.page.getByLabel('Sub-goal', { exact: true }).selectOption({ label: 'Job search' });
      await a.page.getByRole('button', { name: 'Add sub-goal', exact: true }).click();
      const jobSearch = a.page.getByRole('region', { name: 'Job search' });
      await jobSearch.waitFor();
      await jobSearch.getByRole('button', { name: 'Add a plan item to Job search…' }).click();
      await jobSearch.getByLabel('Plan item', { exact: true }).selectOption({ label: 'Interview preparation' });
      await jobSearch.getByLabel('Expected start').fill('2026-06-01');
      await jobSearch.getByLabel('Expected end').fill('2026-06-30');
      await jobSearch.getByRole('button', { name: 'Add plan item', exact: true }).click();
      const item = a.page.getByRole('listitem', { name: 'Interview preparation' });
      await item.waitFor();
      expect(await item.textContent()).toContain('Ada Chen (you)');
      expect(await item.getByRole('button', { name: 'Complete Interview preparation' }).count()).toBe(1);
      await shot(a.page, 'plan-item-added');

      // B reads the plan but is offered no control over A's item, nor the closure.
      await signIn(b.page, suite.server.baseUrl, 'official.ben', DEMO_PASSWORD);
      await b.page.goto(url(`/service-plans/${planId}`));
      const itemForB = b.page.getByRole('listitem', { name: 'Interview preparation' });
      await itemForB.waitFor();
      expect(await itemForB.textContent()).toContain('Ada Chen');
      expect(await itemForB.getByRole('button').count()).toBe(0);
      expect(await b.page.getByRole('button', { name: 'Close plan…' }).count()).toBe(0);
      expect(await b.page.getByRole('region', { name: 'Closure', exact: true }).textContent()).toContain(
        'Ada Chen (responsible for closing) or a supervisor',
      );
      await shot(b.page, 'plan-seen-by-another-official');

      // ...and the server refuses B directly, too.
      const [target] = itemsOf(await ada.get<PlanView>(`/api/service-plans/${planId}`));
      if (!target) throw new Error('The item was not saved');
      const completeByB = await b.page.request.post(url(`/api/plan-items/${target.id}/complete`), {
        data: { version: target.version, outcome: 'attained', actualStart: '2026-06-01', actualEnd: TODAY },
      });
      expect(completeByB.status()).toBe(403);
      expect(((await completeByB.json()) as { code: string }).code).toBe('NOT_ITEM_OWNER');
      const updateByB = await b.page.request.patch(url(`/api/plan-items/${target.id}`), {
        data: { version: target.version, actualStart: '2026-06-01' },
      });
      expect(updateByB.status()).toBe(403);
      expect(((await updateByB.json()) as { code: string }).code).toBe('NOT_ITEM_OWNER');

      // A records the actual start, then completes the item: the plan's last open item.
      await item.getByRole('button', { name: 'Update Interview preparation' }).click();
      await item.getByLabel('Actual start').fill('2026-06-01');
      await item.getByRole('button', { name: 'Save changes' }).click();
      await a.page.getByRole('status').filter({ hasText: 'Interview preparation updated.' }).waitFor();
      await item.getByText('In progress').waitFor();
      await item.getByRole('button', { name: 'Complete Interview preparation' }).click();
      // The actual end defaults to the server's today, not the browser's.
      expect(await item.getByLabel('Actual end').inputValue()).toBe(TODAY);
      await item.getByRole('radio', { name: /^Attained/ }).check();
      await item.getByRole('button', { name: 'Complete plan item' }).click();
      await a.page.getByRole('status').filter({ hasText: 'It was the last open item' }).waitFor();
      expect(await item.textContent()).toContain('Attained');
      await shot(a.page, 'plan-item-completed');

      // The closure task is in A's worklist, and the count in the navigation says so. (The
      // worklist judges "overdue" by the browser's calendar: give it the server's today.)
      await a.page.clock.setFixedTime(new Date(`${TODAY}T10:00:00`));
      const open = (await ada.get<{ open: number }>('/api/tasks/count')).open;
      const worklistLink = a.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^My worklist/ });
      await expect.poll(() => worklistLink.textContent()).toContain(open === 1 ? '1 open task' : `${open} open tasks`);
      await worklistLink.click();
      await a.page.getByRole('heading', { level: 1, name: 'My worklist' }).waitFor();
      const reference = (await ada.get<PlanView>(`/api/service-plans/${planId}`)).reference;
      const row = a.page.getByRole('row', { name: new RegExp(`Close Service Plan ${reference}`) });
      await row.waitFor();
      expect(await row.textContent()).toContain('Nadia Petrova');
      expect(await row.textContent()).toContain('29 Jun 2026');
      expect(await row.getByRole('cell', { name: 'You', exact: true }).count()).toBe(1);
      // Not due yet on the server's calendar (the server decides "overdue": test/integration/worklist-filters.test.ts).
      expect(await row.textContent()).not.toContain('Overdue');
      await shot(a.page, 'worklist-closure-task');
      await row.getByRole('link', { name: /^Open the plan/ }).click();
      await planHeading(a.page).waitFor();
      expect(new URL(a.page.url()).pathname).toBe(`/service-plans/${planId}`);

      // Not in B's worklist.
      await b.page.goto(url('/worklist'));
      await b.page.getByRole('heading', { level: 1, name: 'My worklist' }).waitFor();
      await b.page.getByRole('region', { name: 'Open tasks' }).locator('p, table').first().waitFor();
      expect(await b.page.getByRole('row', { name: new RegExp(`Close Service Plan ${reference}`) }).count()).toBe(0);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  test('a duplicate sub-goal, completion without an outcome, and closure inside the 18 months are each refused with a clear message in the UI', async () => {
    const { personId } = await seedPersonReadyForPlan(
      ada,
      { givenName: 'Oksana', familyName: 'Bondar', birthDate: '1993-08-27' },
      'training',
    );
    // Accepted by the person: only an active plan funds training (R03 pre-condition 3).
    const plan = await acceptSeedPlan(
      ada,
      await seedPlan(ada, personId, [
        {
          subGoal: 'training',
          type: 'occupational-skills-training',
          description: 'Welding certificate, NAIT, full time.',
          expectedStart: '2026-01-12',
          expectedEnd: '2026-06-12',
        },
      ]),
    );
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(url(`/service-plans/${plan.id}`));
      await planHeading(page).waitFor();

      // 1. A duplicate sub-goal: the form offers only types not yet in the plan, but a colleague
      // adds the same type while it is open; the server's refusal is shown on the field.
      await page.getByRole('button', { name: 'Add a sub-goal…' }).click();
      const choices = await page.getByLabel('Sub-goal', { exact: true }).locator('option').allTextContents();
      expect(choices).not.toContain('Training');
      await page.getByLabel('Sub-goal', { exact: true }).selectOption({ label: 'Job search' });
      await ada.post(`/api/service-plans/${plan.id}/sub-goals`, { type: 'job-search' });
      await page.getByRole('button', { name: 'Add sub-goal', exact: true }).click();
      const duplicate = page.getByRole('alert').filter({ hasText: 'already has a job-search sub-goal' });
      await duplicate.waitFor();
      expect(await duplicate.textContent()).toContain('add the item under it instead');
      expect(await duplicate.textContent()).toContain('R03 Key Notes: each sub-goal only once');
      expect(await page.getByLabel('Sub-goal', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await shot(page, 'refused-duplicate-subgoal');
      await page.getByRole('button', { name: 'Cancel' }).click();

      // Fund the training with a learner income support PDC.
      const item = page.getByRole('listitem', { name: 'Occupational skills training' });
      await item.getByRole('button', { name: 'Fund Occupational skills training' }).click();
      await item.getByRole('button', { name: 'Fund the training' }).click();
      await item.getByText('Choose whether the training is full time or part time').first().waitFor();
      await item.getByRole('radio', { name: 'Full time' }).check();
      await item.getByRole('button', { name: 'Fund the training' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /funded by learner income support case PDC-\d+/ })
        .waitFor();
      expect(await item.textContent()).toMatch(/PDC-\d+/);

      // 2. Completing without an outcome: the form lets the server decide, and shows its answer.
      await item.getByRole('button', { name: 'Complete Occupational skills training' }).click();
      await item.getByLabel('Actual start').fill('2026-01-12');
      await item.getByRole('button', { name: 'Complete plan item' }).click();
      const noOutcome = page.getByRole('alert').filter({ hasText: 'Enter an outcome to complete the plan item.' });
      await noOutcome.waitFor();
      expect(await noOutcome.textContent()).toContain('each plan item must have an outcome');
      const outcome = item.getByRole('group', { name: /^Outcome/ });
      expect(await outcome.textContent()).toContain('Enter an outcome to complete the plan item.');
      // The summary links to the question.
      await noOutcome.getByRole('link', { name: 'Enter an outcome to complete the plan item.' }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/-outcome-attained$/);
      await shot(page, 'refused-completion-without-outcome');
      await item.getByRole('radio', { name: /^Attained/ }).check();
      await item.getByRole('button', { name: 'Complete plan item' }).click();
      await page.getByRole('status').filter({ hasText: 'Occupational skills training completed: Attained.' }).waitFor();

      // 3. Closing inside the 18 months after the funded training's expected end (12 Jun 2026).
      const closure = page.getByRole('region', { name: 'Closure', exact: true });
      expect(await closure.textContent()).toContain('Cannot close before 12 Dec 2027');
      await closure.getByRole('button', { name: 'Close plan…' }).click();
      const dialog = page.getByRole('dialog', { name: /^Close Service Plan SP-/ });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('Ada Chen (you)');
      await dialog.getByRole('radio', { name: /^Programs finished and the person is employed/ }).check();
      await dialog.getByRole('button', { name: 'Close plan', exact: true }).click();
      const held = dialog.getByRole('alert').filter({ hasText: 'The plan was not closed' });
      await held.waitFor();
      expect(await held.textContent()).toContain('This plan has funded training');
      expect(await held.textContent()).toContain('Closure is allowed from 12 Dec 2027.');
      expect(await dialog.getByLabel('Closing date').getAttribute('aria-invalid')).toBe('true');
      await shot(page, 'refused-closure-inside-18-months');
      // Nothing closed; Cancel returns to the button that opened the dialog.
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Close plan…');
      expect(await page.locator('.person-header').textContent()).not.toContain('Closed');
      expect((await ada.get<PlanView>(`/api/service-plans/${plan.id}`)).status).toBe('active');
    } finally {
      await context.close();
    }
  });

  test('the person accepts the service agreement, contacts are recorded, and the responsible official closes the plan and sees its summary', async () => {
    const { personId } = await seedPersonReadyForPlan(ada, { givenName: 'Tariq', familyName: 'Mansour', birthDate: '1984-12-03' });
    const plan = await seedPlan(ada, personId, [
      { subGoal: 'job-search', type: 'resume-preparation', expectedStart: '2026-06-01', expectedEnd: '2026-06-12' },
      {
        subGoal: 'job-search',
        type: 'other',
        customName: 'Forklift ticket renewal',
        expectedStart: '2026-06-08',
        expectedEnd: '2026-06-10',
        by: ben,
      },
    ]);
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(url(`/service-plans/${plan.id}`));
      await planHeading(page).waitFor();
      expect(await page.locator('.person-header').textContent()).toContain('Open: not yet accepted');
      expect(await page.getByRole('listitem', { name: /Forklift ticket renewal/ }).textContent()).toContain('Ben Tremblay');

      // The printable agreement: goal, items with owners and dates, signature lines; a PDF too.
      await page.getByRole('link', { name: 'Service agreement', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Service agreement' }).waitFor();
      const agreement = await page.locator('article').textContent();
      for (const text of [
        'Tariq Mansour',
        plan.reference,
        'Résumé and cover letter preparation',
        'Forklift ticket renewal',
        'Ben Tremblay',
        '12 Jun 2026',
      ]) {
        expect(agreement).toContain(text);
      }
      expect(agreement).toContain("Participant's signature");
      expect(await page.title()).toBe(`Service agreement ${plan.reference} – Waypoint`);
      const pdfHref = (await page.getByRole('link', { name: /^Download PDF/ }).getAttribute('href')) ?? '';
      const pdf = await page.request.get(url(pdfHref));
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toContain('application/pdf');
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('banner').isVisible()).toBe(false);
      expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
      await shot(page, 'agreement-print');
      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('link', { name: /^Back to Service Plan/ }).click();

      // Acceptance makes the plan active.
      await page.getByRole('button', { name: 'Record acceptance…' }).click();
      expect(await page.getByLabel('Accepted on').inputValue()).toBe(TODAY);
      await page.getByRole('radio', { name: 'Verbal' }).check();
      await page.getByRole('button', { name: 'Record acceptance', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Acceptance recorded (verbal, 15 Jun 2026): the plan is active.' }).waitFor();
      expect(await page.locator('.person-header').textContent()).toContain('Active');

      // Ben cancels his item; Ada's is not attained, with a good cause.
      const forklift = itemsOf(plan).find((i) => i.name === 'Forklift ticket renewal');
      if (!forklift) throw new Error('missing item');
      await ben.post(`/api/plan-items/${forklift.id}/complete`, { version: forklift.version, outcome: 'cancelled', actualEnd: TODAY });
      await page.reload();
      const resume = page.getByRole('listitem', { name: 'Résumé and cover letter preparation' });
      await resume.getByRole('button', { name: /^Complete Résumé/ }).click();
      await resume.getByRole('radio', { name: /^Not attained/ }).check();
      await resume.getByLabel(/^Good cause/).fill('Moved to Calgary to care for a parent.');
      await resume.getByLabel('Actual start').fill('2026-06-01');
      await resume.getByRole('button', { name: 'Complete plan item' }).click();
      await page.getByRole('status').filter({ hasText: 'completed: Not attained' }).waitFor();
      expect(await resume.textContent()).toContain('Good cause: Moved to Calgary to care for a parent.');

      // A contact, recorded on the person page, is the plan's last contact.
      await page.getByRole('link', { name: 'Tariq Mansour', exact: true }).click();
      const contacts = page.getByRole('region', { name: 'Contacts' });
      await contacts.getByRole('button', { name: 'Record a contact…' }).click();
      await contacts.getByRole('button', { name: 'Record contact' }).click();
      await contacts.getByRole('alert').filter({ hasText: 'Choose how the contact happened' }).waitFor();
      await contacts.getByLabel('How').selectOption('phone');
      await contacts.getByLabel('Note').fill('Confirmed the move; no further services wanted.');
      await contacts.getByRole('button', { name: 'Record contact' }).click();
      await contacts.getByRole('status').filter({ hasText: 'Contact on 15 Jun 2026 recorded.' }).waitFor();
      expect(await contacts.getByRole('row', { name: /Confirmed the move/ }).textContent()).toContain('Phone');
      await shot(page, 'person-plans-and-contacts');
      await page
        .getByRole('region', { name: 'Service Plan', exact: true })
        .getByRole('table')
        .getByRole('link', { name: plan.reference })
        .click();
      await planHeading(page).waitFor();

      // Ada completed the last item, so she closes the plan.
      const closure = page.getByRole('region', { name: 'Closure', exact: true });
      // The plan may first show from the cache, then refetch with the contact just recorded: wait for it.
      await closure.getByText('15 Jun 2026').first().waitFor();
      expect(await closure.textContent()).toContain('15 Jun 2026');
      await closure.getByRole('button', { name: 'Close plan…' }).click();
      const dialog = page.getByRole('dialog', { name: /^Close Service Plan/ });
      expect(await dialog.textContent()).toContain('None: no funded training');
      await dialog.getByRole('radio', { name: /^The person wants no further services/ }).check();
      await dialog.getByLabel('Note').fill('Moved to Calgary.');
      await shot(page, 'closure-dialog');
      await dialog.getByRole('button', { name: 'Close plan', exact: true }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Service Plan ${plan.reference} closed.` })
        .waitFor();
      expect(await page.getByRole('dialog').count()).toBe(0);
      const summary = page.getByRole('region', { name: 'Closure summary' });
      const text = await summary.textContent();
      expect(text).toContain('Attained (0)');
      expect(text).toContain('Not attained (1)');
      expect(text).toContain('Good cause: Moved to Calgary to care for a parent.');
      expect(text).toContain('Cancelled (1)');
      expect(text).toContain('Forklift ticket renewal');
      expect(await closure.textContent()).toContain('The person wants no further services');
      // A closed plan offers no changes.
      expect(await page.getByRole('button', { name: /…$/ }).count()).toBe(0);
      await shot(page, 'plan-closed-summary');

      // Closing the plan finished its closure task.
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: /^My worklist/ })
        .click();
      await page.getByRole('heading', { level: 1, name: 'My worklist' }).waitFor();
      await page.getByRole('region', { name: 'Open tasks' }).locator('p, table').first().waitFor();
      expect(await page.getByRole('row', { name: new RegExp(`Close Service Plan ${plan.reference}`) }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  test('changing the personal information of a learner warns first, then tells the Learner Income Support Office', async () => {
    const { personId, reference } = await seedPersonReadyForPlan(
      ada,
      { givenName: 'Mei', familyName: 'Lin', birthDate: '1995-03-19' },
      'training',
    );
    const plan = await seedPlan(ada, personId, [
      { subGoal: 'training', type: 'academic-upgrading', expectedStart: '2026-09-08', expectedEnd: '2027-04-30' },
    ]);
    const [item] = itemsOf(plan);
    await acceptSeedPlan(ada, plan);
    const pdc = await ada.post<{ reference: string }>(`/api/plan-items/${item?.id}/pdc`, { trainingLoad: 'part-time' });
    const { context, page } = await newPage(suite.browser);
    const lbc = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(url(`/people/${personId}`));
      await page.getByRole('heading', { level: 1, name: 'Mei Lin' }).waitFor();

      await page.getByRole('button', { name: 'Record a change…' }).click();
      await page.getByLabel('What changed').selectOption('phone');
      await page.getByLabel('Phone', { exact: true }).fill('780-555-0166');
      await page.getByRole('button', { name: 'Record phone' }).click();
      const warning = page.getByRole('alert').filter({ hasText: 'This person receives Learner Income Support' });
      await warning.waitFor();
      expect(await warning.textContent()).toContain('Changing their personal information can affect their benefits');
      expect(await warning.textContent()).toContain(pdc.reference);
      await shot(page, 'lis-warning');
      // Nothing changed yet.
      expect(await page.getByRole('region', { name: 'Contact details' }).textContent()).not.toContain('780-555-0166');
      await warning.getByRole('button', { name: 'Confirm and notify the Learner Income Support Office' }).click();
      await page.getByRole('status').filter({ hasText: 'The Learner Income Support Office has been told.' }).waitFor();
      await page.getByRole('region', { name: 'Contact details' }).getByText('780-555-0166').first().waitFor();

      // A correction of the name is guarded the same way.
      await page.getByRole('button', { name: 'Correct name or date of birth…' }).click();
      await page.getByLabel('Given name').fill('Mei-Ling');
      await page.getByRole('button', { name: 'Save correction' }).click();
      const again = page.getByRole('alert').filter({ hasText: 'This person receives Learner Income Support' });
      await again.getByRole('button', { name: 'Confirm and notify the Learner Income Support Office' }).click();
      await page.getByRole('status').filter({ hasText: 'Correction saved. The Learner Income Support Office has been told.' }).waitFor();
      await page.getByRole('heading', { level: 1, name: 'Mei-Ling Lin' }).waitFor();

      // The coordinators' queue has the tasks; one coordinator takes one and completes it.
      await signIn(lbc.page, suite.server.baseUrl, 'lbc.dana', DEMO_PASSWORD);
      await lbc.page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: /^My worklist/ })
        .click();
      const row = lbc.page.getByRole('row', { name: new RegExp(`Phone changed for ${reference}`) });
      await row.waitFor();
      expect(await row.textContent()).toContain('Queue: Learner Benefits Coordinator');
      expect(await row.textContent()).toContain('780-555-0166');
      await shot(lbc.page, 'worklist-coordinator-queue');
      await row.getByRole('button', { name: /^Take:/ }).click();
      await lbc.page.getByRole('status').filter({ hasText: 'It is now assigned to you.' }).waitFor();
      expect(await row.getByRole('cell', { name: 'You', exact: true }).count()).toBe(1);
      await row.getByRole('button', { name: /^Complete:/ }).click();
      await lbc.page
        .getByRole('status')
        .filter({ hasText: /^Task completed: Phone changed/ })
        .waitFor();
      await row.waitFor({ state: 'detached' });
    } finally {
      await context.close();
      await lbc.context.close();
    }
  });

  test('a supervisor reassigns a plan item and the plan shows its new owner', async () => {
    const { personId } = await seedPersonReadyForPlan(
      ada,
      { givenName: 'Grzegorz', familyName: 'Nowak', birthDate: '1977-10-09' },
      'career-planning',
    );
    const plan = await seedPlan(ben, personId, [
      { subGoal: 'career-planning', type: 'career-counselling', expectedStart: '2026-06-01', expectedEnd: '2026-07-31' },
    ]);
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'supervisor.grace', DEMO_PASSWORD);
      await page.goto(url(`/service-plans/${plan.id}`));
      const item = page.getByRole('listitem', { name: 'Career counselling' });
      await item.waitFor();
      // A supervisor reassigns; only the owner updates or completes.
      expect(await item.getByRole('button', { name: 'Complete Career counselling' }).count()).toBe(0);
      await item.getByRole('button', { name: 'Reassign Career counselling' }).click();
      await item.getByLabel('New owner').selectOption({ label: 'Carmen Ruiz' });
      await item.getByRole('button', { name: 'Reassign', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Career counselling reassigned to Carmen Ruiz.' }).waitFor();
      expect(await item.textContent()).toContain('Carmen Ruiz');

      // A caseload transfer (preview, confirmation, result) is test/browser/supervisor.test.ts.
      await page.reload();
      expect(await page.getByRole('listitem', { name: 'Career counselling' }).textContent()).toContain('Carmen Ruiz');
    } finally {
      await context.close();
    }
  });

  test('an item changed since the page was loaded is refused with a version conflict and can be saved after reloading', async () => {
    const { personId } = await seedPersonReadyForPlan(ada, { givenName: 'Lucia', familyName: 'Ferreira', birthDate: '1991-05-30' });
    const plan = await seedPlan(ada, personId, [
      { subGoal: 'job-search', type: 'job-search-workshop', expectedStart: '2026-06-22', expectedEnd: '2026-06-26' },
    ]);
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(url(`/service-plans/${plan.id}`));
      const item = page.getByRole('listitem', { name: 'Job search workshop' });
      await item.getByRole('button', { name: 'Update Job search workshop' }).click();
      await item.getByLabel('Expected end').fill('2026-06-29');
      // Meanwhile, in another tab, the description changes.
      const [current] = itemsOf(plan);
      await ada.patch(`/api/plan-items/${current?.id}`, { version: current?.version, description: 'Evening sessions.' });
      await item.getByRole('button', { name: 'Save changes' }).click();
      const conflict = item.getByRole('alert').filter({ hasText: 'Someone else changed this record' });
      await conflict.waitFor();
      await conflict.getByRole('button', { name: 'Reload latest version' }).click();
      await item.getByText('Evening sessions.').first().waitFor();
      expect(await item.getByLabel('Expected end').inputValue()).toBe('2026-06-29');
      await item.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('status').filter({ hasText: 'Job search workshop updated.' }).waitFor();
      expect(await item.textContent()).toContain('29 Jun 2026');
    } finally {
      await context.close();
    }
  });
});
