import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, newPage, signIn } from './support/browser.ts';
import { fieldError } from './support/forms.ts';
import { applyHouseholdEvidence, seedLearner } from './support/learner.ts';
import { Api } from './support/seed.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { shot } from './support/shots.ts';
import { serverAndBrowser } from './support/suite.ts';

describe.skipIf(!chromiumAvailable())('learner benefits: evidence, determinations, approvals', () => {
  const suite = serverAndBrowser();
  let ada: Api;
  let dana: Api;

  beforeAll(async () => {
    [ada, dana] = await Promise.all([Api.signIn(suite.server.baseUrl, 'official.ada'), Api.signIn(suite.server.baseUrl, 'lbc.dana')]);
  });

  const caseHeading = (page: Page, reference: string) =>
    page.getByRole('heading', { level: 1, name: `Learner income support ${reference}` });

  test('a coordinator adds evidence, previews the difference, applies, and sees the new determination version with the change in scheduled amounts', async () => {
    const learner = await seedLearner(
      ada,
      { givenName: 'Priya', familyName: 'Raman', birthDate: '1994-02-17' },
      { trainingStart: '2026-09-08', trainingEnd: '2027-06-25', coordinatorId: dana.user.id },
    );
    await applyHouseholdEvidence(dana, learner.pdcId);
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.dana', DEMO_PASSWORD);
      // From the person page to the case.
      await page.goto(`${suite.server.baseUrl}/people/${learner.personId}`);
      await page.getByRole('region', { name: 'Learner income support' }).getByRole('link', { name: learner.pdcReference }).click();
      await caseHeading(page, learner.pdcReference).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/pdcs/${learner.pdcId}`);
      expect(await page.title()).toBe(`Learner case ${learner.pdcReference} – Waypoint`);

      // Determination version 1: every month, and each component explained; placeholders marked.
      const determination = page.getByRole('region', { name: 'Determination', exact: true });
      await determination.getByText('Version 1: Evidence applied: 2 changes.').waitFor();
      expect(await determination.getByRole('img', { name: /^Monthly entitlement, determination version 1/ }).count()).toBe(1);
      await determination.getByRole('button', { name: 'Mar 2027 components' }).click();
      const march = determination.getByRole('table', { name: 'Components of March 2027' });
      const coreEssential = march.getByRole('row', { name: /^Core Essential/ });
      expect(await coreEssential.textContent()).toContain('Core Essential, 1 adult, rate effective 2015-10-01: $427.00 (placeholder rate)');
      expect(await coreEssential.getByText('placeholder', { exact: true }).count()).toBe(1);
      const marchRow = determination.getByRole('row', { name: /^Mar 2027/ });
      const before = (await marchRow.getByRole('cell').allTextContents()).map((t) => t.trim());
      await shot(page, 'learner-case');

      // Add evidence: in edit until applied.
      const evidence = page.getByRole('region', { name: 'Evidence', exact: true });
      await evidence.getByRole('button', { name: 'Add evidence…' }).click();
      const form = evidence.getByRole('form', { name: 'Add evidence' });
      await form.getByLabel('Type of evidence').selectOption({ label: 'Additional Health Benefits' });
      await form.getByLabel('Amount in dollars').fill('40.00');
      await form.getByLabel(/^From/).fill('2027-03-01');
      await form.getByLabel(/^To/).fill('2027-04-30');
      await form.getByRole('button', { name: 'Add evidence' }).click();
      await page.getByRole('status').filter({ hasText: 'Additional Health Benefits added, in edit' }).waitFor();
      const record = evidence.getByRole('article', { name: 'Additional Health Benefits' });
      expect(await record.getByRole('row', { name: /^1\s*Original/ }).textContent()).toContain('In edit');

      // Preview: the difference month by month, nothing saved.
      const changes = evidence.getByRole('region', { name: '1 change in edit' });
      await changes.getByRole('button', { name: 'Preview' }).click();
      const preview = changes.getByRole('table', { name: 'What applying would change, month by month' });
      await preview.waitFor();
      const previewRows = preview.getByRole('row');
      expect(await previewRows.count()).toBe(3);
      expect(await preview.getByRole('row', { name: /^Mar 2027/ }).textContent()).toContain('$40.00');
      expect(await preview.getByRole('row', { name: /^Apr 2027/ }).textContent()).toContain('Change in scheduled amount'); // not issued by today, 2026-06-15
      await shot(page, 'learner-case-preview');
      expect(await page.getByRole('region', { name: 'Versions' }).getByRole('row').count()).toBe(2);

      // Apply: determination version 2, with the changes in scheduled amounts.
      await changes.getByRole('button', { name: 'Apply changes' }).click();
      const outcome = page.getByRole('status').filter({ hasText: 'Changes applied' });
      await outcome.waitFor();
      expect(await outcome.textContent()).toContain('Determination version 2: 2 months’ entitlement changed.');
      expect(await outcome.getByRole('row', { name: /^Mar 2027/ }).textContent()).toContain('Change in scheduled amount');
      await determination.getByText('Version 2: Evidence applied: 1 change.').waitFor();
      const versions = page.getByRole('region', { name: 'Versions' });
      expect(await versions.getByRole('row', { name: /^2\s*Current/ }).textContent()).toContain('Evidence applied: 1 change');
      const payments = page.getByRole('region', { name: 'Payment differences' });
      const marchDifference = (
        await payments
          .getByRole('row', { name: /^Mar 2027/ })
          .getByRole('cell')
          .allTextContents()
      ).map((t) => t.trim());
      expect(marchDifference[0]).toBe(before[2]); // the previous entitlement
      expect(marchDifference[2]).toBe('$40.00');
      expect(marchDifference[3]).toBe('Change in scheduled amount');
      expect(await record.getByRole('row', { name: /^1\s*Original/ }).textContent()).toContain('Active');
      expect(await evidence.getByRole('region', { name: /changes? in edit/ }).count()).toBe(0);
      await shot(page, 'learner-case-applied');
    } finally {
      await context.close();
    }
  });

  test("invalid evidence (a negative amount) shows the server's refusal, tied to the field", async () => {
    const learner = await seedLearner(
      ada,
      { givenName: 'Kofi', familyName: 'Mensah', birthDate: '1988-11-30' },
      { trainingStart: '2026-09-08', trainingEnd: '2027-06-25', coordinatorId: dana.user.id },
    );
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.dana', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/pdcs/${learner.pdcId}`);
      await caseHeading(page, learner.pdcReference).waitFor();
      await page.getByText('No determination yet: the months are determined when evidence is first applied.').waitFor();
      await page.getByRole('button', { name: 'Add evidence…' }).click();
      const form = page.getByRole('form', { name: 'Add evidence' });
      // The first field has focus when the form opens.
      expect(await form.getByLabel('Type of evidence').evaluate((el) => el === document.activeElement)).toBe(true);
      await form.getByLabel('Type of evidence').selectOption({ label: 'Child Care' });
      await form.getByLabel('Amount in dollars').fill('-5.00');
      await form.getByRole('button', { name: 'Add evidence' }).click();
      const alert = form.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('A Child Care amount cannot be negative.');
      const amount = form.getByLabel('Amount in dollars');
      expect(await amount.getAttribute('aria-invalid')).toBe('true');
      expect(await fieldError(page, amount)).toContain('A Child Care amount cannot be negative.');
      // The summary links to the field.
      await alert.getByRole('link', { name: 'A Child Care amount cannot be negative.' }).click();
      expect(await amount.evaluate((el) => el === document.activeElement)).toBe(true);
      await shot(page, 'learner-case-refusal');
      // Nothing was added.
      expect(await page.getByRole('article').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  test('a Learner Benefit Specialist opens a Director Approval task from the worklist and approves it: the case is reassessed', async () => {
    const learner = await seedLearner(
      ada,
      { givenName: 'Ines', familyName: 'Duarte', birthDate: '1992-03-03' },
      { trainingStart: '2026-09-08', trainingEnd: '2027-06-25', coordinatorId: dana.user.id },
    );
    await applyHouseholdEvidence(dana, learner.pdcId);
    await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'director-approval',
      subtype: 'director-approval',
      amount: '-100.00',
      periodStart: '2026-09-01',
      periodEnd: '2026-09-30',
    });
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbs.farah', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/worklist`);
      const row = page.getByRole('row', { name: new RegExp(`Director Approval evidence on ${learner.pdcReference}`) });
      await row.getByRole('link', { name: /^Open the learner case/ }).click();
      await caseHeading(page, learner.pdcReference).waitFor();
      const approvals = page.getByRole('region', { name: 'Waiting for your approval' });
      const item = approvals.getByRole('listitem');
      expect(await item.textContent()).toContain('-$100.00');
      // Rejecting needs a reason.
      await item.getByRole('button', { name: 'Reject Director Approval…' }).click();
      await item.getByRole('button', { name: 'Reject', exact: true }).click();
      await item.getByRole('alert').filter({ hasText: 'Give the reason for rejecting' }).waitFor();
      expect(await item.getByLabel('Reason for rejecting').getAttribute('aria-invalid')).toBe('true');
      await item.getByRole('button', { name: 'Cancel' }).click();
      await item.getByRole('button', { name: 'Approve Director Approval' }).click();
      const outcome = page.getByRole('status').filter({ hasText: 'approved' });
      await outcome.waitFor();
      expect(await outcome.textContent()).toContain('Determination version 2: 1 month’s entitlement changed.');
      expect(await outcome.getByRole('row', { name: /^Sep 2026/ }).textContent()).toContain('Change in scheduled amount'); // September 2026 is issued on 2026-08-28, after today
      await approvals.getByText('No Director Approval evidence is waiting for a decision on this case.').waitFor();
      await shot(page, 'learner-case-approved');
    } finally {
      await context.close();
    }
  });
  test("finding 11: the worklist's approval task opens the decision (approve, or reject with a reason) and offers no plain complete", async () => {
    const learner = await seedLearner(
      ada,
      { givenName: 'Tomas', familyName: 'Varga', birthDate: '1989-10-21' },
      { trainingStart: '2026-09-08', trainingEnd: '2027-06-25', coordinatorId: dana.user.id },
    );
    await applyHouseholdEvidence(dana, learner.pdcId);
    await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'director-approval',
      subtype: 'director-approval',
      amount: '-75.00',
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
    });
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbs.farah', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/worklist`);
      const title = `Approve or reject Director Approval evidence on ${learner.pdcReference}`;
      const row = page.getByRole('row', { name: new RegExp(title) });
      await row.waitFor();
      // The task stands for a decision: it offers the decision, never a plain "complete".
      expect(await row.getByRole('button', { name: /^Complete/ }).count()).toBe(0);
      await row.getByRole('button', { name: `Decide: ${title}` }).click();
      const decision = page.getByRole('list', { name: `Decision: ${title}` });
      const item = decision.getByRole('listitem');
      expect(await item.textContent()).toContain('-$75.00');
      await item.getByRole('button', { name: 'Approve Director Approval' }).waitFor();
      // Rejecting needs a reason; with one, the rejection ends the task.
      await item.getByRole('button', { name: 'Reject Director Approval…' }).click();
      await item.getByRole('button', { name: 'Reject', exact: true }).click();
      await item.getByRole('alert').filter({ hasText: 'Give the reason for rejecting' }).waitFor();
      await item.getByLabel('Reason for rejecting').fill('The training provider sent no quote.');
      await item.getByRole('button', { name: 'Reject', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'rejected. The task is done.' }).waitFor();
      await page.getByRole('row', { name: new RegExp(title) }).waitFor({ state: 'detached' });
      await shot(page, 'worklist-approval-rejected');
    } finally {
      await context.close();
    }
  });
});
