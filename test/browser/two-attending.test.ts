import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { setSensitivity } from '../support/placements.ts';
import { problemsAtEachWidth } from './support/axe.ts';
import { chromiumAvailable, newPage, signIn } from './support/browser.ts';
import { seedTwoAttendingHousehold } from './support/learner.ts';
import { Api } from './support/seed.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { shot } from './support/shots.ts';
import { serverAndBrowser } from './support/suite.ts';

/** The month rows of the reconciliation table (not the month's benefits behind them), and the mark in each. */
async function monthMarks(page: Page): Promise<{ month: string; mark: string }[]> {
  const table = page.getByRole('region', { name: 'Reconciliation' }).getByRole('table', { name: /^Reconciliation, month by month/ });
  const rows = table.getByRole('row').filter({ has: page.getByRole('button', { name: / benefits$/ }) });
  return rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      month:
        tr
          .querySelector('th button')
          ?.textContent?.replace(/[▸▾]|benefits/g, '')
          .trim() ?? '',
      mark: tr.lastElementChild?.textContent?.replace(/[✓✗]/g, '').trim() ?? '',
    })),
  );
}

/** The E04 explanation of the Core Essential adjustment: two adults, no child, $646.00 halved. */
const CORE_ESSENTIAL_SPLIT = 'E04 Benefits Issued Automatically: Director Approval cost adjustment, minus half of $646.00';

describe.skipIf(!chromiumAvailable())('Two attending (E04)', () => {
  const suite = serverAndBrowser();
  let ada: Api;
  let dana: Api;
  let eli: Api;

  beforeAll(async () => {
    [ada, dana, eli] = await Promise.all([
      Api.signIn(suite.server.baseUrl, 'official.ada'),
      Api.signIn(suite.server.baseUrl, 'lbc.dana'),
      Api.signIn(suite.server.baseUrl, 'lbc.eli'),
    ]);
  });

  /** On a learner case page: open January 2027 and find the Core Essential adjustment in it. */
  async function januaryAdjustment(page: Page) {
    const determination = page.getByRole('region', { name: 'Determination', exact: true });
    await determination.getByRole('button', { name: 'Jan 2027 components' }).click();
    const january = determination.getByRole('table', { name: 'Components of January 2027' });
    await january.waitFor();
    return january.getByRole('row').filter({ hasText: 'Adjusts Core Essential' });
  }

  test('a coordinator sees the detected situation in the worklist, confirms it, and both cases show the split with its explanation', async () => {
    const household = await seedTwoAttendingHousehold(
      ada,
      { first: dana, second: eli },
      { familyName: 'Ferreira', first: 'Lucia', second: 'Tomas' },
    );
    const { context, page } = await newPage(suite.browser);
    try {
      // Eli coordinates the second learner, so Eli is responsible: the task is in Eli's worklist.
      await signIn(page, suite.server.baseUrl, 'lbc.eli', DEMO_PASSWORD);
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: /^My worklist/ })
        .click();
      await page.getByRole('heading', { level: 1, name: 'My worklist' }).waitFor();
      const row = page.getByRole('row', {
        name: new RegExp(`Two attending: ${household.first.reference} and ${household.second.reference}`),
      });
      await row.waitFor();
      expect(await row.textContent()).toContain('you are responsible for confirming');
      await shot(page, 'two-attending-worklist');
      await page
        .getByRole('region', { name: 'Open tasks' })
        .getByRole('link', { name: /^Open the two-attending situation/ })
        .first()
        .waitFor();
      await row.getByRole('link', { name: /^Open the two-attending situation/ }).click();

      // The situation: both learners, which is first and second, who is responsible, the months.
      await page.getByRole('heading', { level: 1, name: 'Two attending household' }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/two-attending/${household.situationId}`);
      expect(await page.title()).toBe('Two attending – Waypoint');
      const learners = page.getByRole('region', { name: 'Learners' });
      const firstRow = learners.getByRole('row', { name: /^First/ });
      const secondRow = learners.getByRole('row', { name: /^Second/ });
      expect(await firstRow.textContent()).toContain('Lucia Ferreira');
      expect(await firstRow.textContent()).toContain(household.first.pdcReference);
      expect(await firstRow.textContent()).toContain('Dana Whitehorse');
      expect(await secondRow.textContent()).toContain('Tomas Ferreira');
      expect(await secondRow.textContent()).toContain('Eli Novak (you)');
      expect(await secondRow.textContent()).toContain('Responsible for confirming');
      expect(await page.getByText('Jan 2027 – Jun 2027 (6 months)').count()).toBe(1);
      await page.getByText('Detected, not yet confirmed').first().waitFor();
      await shot(page, 'two-attending-detected');

      // Preview first (finding 13), then confirm: both cases are reassessed with the split.
      await page.getByRole('button', { name: 'Preview confirming' }).click();
      await page.getByRole('region', { name: 'Preview of confirming: nothing is saved' }).waitFor();
      await page.getByRole('button', { name: 'Confirm two attending' }).click();
      const outcome = page.getByRole('status').filter({ hasText: 'Two attending confirmed' });
      await outcome.waitFor();
      expect(await outcome.textContent()).toContain(household.first.pdcReference);
      expect(await outcome.textContent()).toContain(household.second.pdcReference);
      await page.getByText('Coordinated, split applied').first().waitFor();
      expect(await page.getByRole('button', { name: 'Confirm two attending' }).count()).toBe(0);

      // The reconciliation balances: first + second = household, once, in every month.
      const reconciliation = page.getByRole('region', { name: 'Reconciliation' });
      await reconciliation
        .getByText('In every month, the first learner’s entitlement plus the second’s equals the household’s, once.')
        .waitFor();
      const months = reconciliation.getByRole('table', { name: /^Reconciliation, month by month/ });
      const january = months.getByRole('row', { name: /^Jan 2027 benefits/ });
      expect(await january.getByText('Two attending').count()).toBe(1);
      expect(await january.getByText('Balanced').count()).toBe(1);
      await january.getByRole('button', { name: 'Jan 2027 benefits' }).click();
      const coreEssential = reconciliation
        .getByRole('table', { name: 'Benefits of January 2027' })
        .getByRole('row', { name: /^Core Essential/ });
      expect((await coreEssential.getByRole('cell').allTextContents()).map((t) => t.trim())).toEqual(['$323.00', '$323.00', '$646.00']);
      expect(await reconciliation.getByText('Not balanced').count()).toBe(0);
      await shot(page, 'two-attending-coordinated');

      // Both cases show the Core Essential adjustment, -$323.00, with its E04 explanation.
      for (const learner of [household.first, household.second]) {
        await page.goto(`${suite.server.baseUrl}/two-attending/${household.situationId}`);
        await page.getByRole('region', { name: 'Learners' }).getByRole('link', { name: learner.pdcReference }).click();
        await page.getByRole('heading', { level: 1, name: `Learner income support ${learner.pdcReference}` }).waitFor();
        expect(await page.title()).toBe(`Learner case ${learner.pdcReference} – Waypoint`);
        const banner = page.getByRole('region', { name: /^Two attending: Coordinated/ });
        expect(await banner.textContent()).toContain('split in half between both cases');
        const adjustment = await januaryAdjustment(page);
        expect(await adjustment.count()).toBe(1);
        const cells = (await adjustment.getByRole('cell').allTextContents()).map((t) => t.trim());
        expect(cells[0]).toBe('-$323.00');
        expect(cells[1]).toBe(CORE_ESSENTIAL_SPLIT);
        expect(await adjustment.getByRole('rowheader').textContent()).toContain('Director Approval cost adjustment');
        await shot(page, `two-attending-case-${learner === household.first ? 'first' : 'second'}`);
        await banner.getByRole('link', { name: 'Open the two-attending situation' }).waitFor();
      }

      // The task is done: confirming completed it for both coordinators.
      await page.goto(`${suite.server.baseUrl}/worklist`);
      await page.getByRole('region', { name: 'Open tasks' }).locator('p, table').first().waitFor();
      expect(await page.getByRole('row', { name: new RegExp(`Two attending: ${household.first.reference}`) }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  test('the reconciliation is a chart of the household’s split with a text alternative above one compact row a month, each month marked, and the page passes axe at 1366 and 390 px without scrolling sideways, before and after confirming', async () => {
    const household = await seedTwoAttendingHousehold(
      ada,
      { first: dana, second: eli },
      { familyName: 'Moreau', first: 'Claire', second: 'Hugo' },
    );
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.eli', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/two-attending/${household.situationId}`);
      await page.getByRole('heading', { level: 1, name: 'Two attending household' }).waitFor();
      const reconciliation = page.getByRole('region', { name: 'Reconciliation' });

      // The chart: a figure captioned with its legend, the drawing an image named and described in words.
      const figure = reconciliation.getByRole('figure', { name: /^The household’s monthly entitlement, split between the two learners\./ });
      const caption = await figure.locator('figcaption').textContent();
      expect(caption).toContain('First: Claire Moreau, below');
      expect(caption).toContain('Second: Hugo Moreau, stacked on top');
      expect(caption).toContain('Shaded: two attending, Jan 2027 – Jun 2027');
      expect(caption).toContain('Every figure is in the table below.');
      const chart = figure.getByRole('img', { name: 'The household’s monthly entitlement, split between the two learners' });
      await chart.waitFor();
      const description = await chart.locator('desc').textContent();
      expect(description).toContain('A stacked bar for each month from Sep 2026 – Dec 2027');
      expect(description).toContain('Two attending in Jan 2027 – Jun 2027, shaded.');

      // Not confirmed, and Hugo's case not determined yet: every month says so, as do the summary and the description (never $0.00).
      await reconciliation.getByText('Not determined yet: Hugo Moreau’s case.', { exact: false }).waitFor();
      expect(description).toContain('Not determined yet: Second: Hugo Moreau, so nothing is drawn for that case.');
      const before = await monthMarks(page);
      expect(before.map((m) => m.month)).toEqual([
        'Sep 2026',
        'Oct 2026',
        'Nov 2026',
        'Dec 2026',
        'Jan 2027',
        'Feb 2027',
        'Mar 2027',
        'Apr 2027',
        'May 2027',
        'Jun 2027',
        'Jul 2027',
        'Aug 2027',
        'Sep 2027',
        'Oct 2027',
        'Nov 2027',
        'Dec 2027',
      ]);
      expect(before.every((m) => m.mark === 'Not determined yet')).toBe(true);
      expect(await problemsAtEachWidth(page, 'two-attending-chart-detected')).toEqual([]);

      await page.getByRole('button', { name: 'Preview confirming' }).click();
      await page.getByRole('region', { name: 'Preview of confirming: nothing is saved' }).waitFor();
      await page.getByRole('button', { name: 'Confirm two attending' }).click();
      await page.getByText('Coordinated, split applied').first().waitFor();

      // Confirmed: every month balanced, the chart says so, and a month opens onto its benefits.
      await figure
        .getByRole('img')
        .locator('desc', { hasText: 'In every month the two shares reach the household' })
        .waitFor({ state: 'attached' });
      const after = await monthMarks(page);
      expect(after).toHaveLength(16);
      expect(after.every((m) => m.mark === 'Balanced')).toBe(true);
      await reconciliation.getByRole('button', { name: 'Mar 2027 benefits' }).click();
      await reconciliation.getByRole('table', { name: 'Benefits of March 2027' }).waitFor();
      expect(await problemsAtEachWidth(page, 'two-attending-chart-coordinated')).toEqual([]);

      // A chart and a row a month instead of a table of rows per month: the page fits in well under 3,000 px at 1366 (it was 4,300).
      await page.setViewportSize({ width: 1366, height: 900 });
      await reconciliation.getByRole('button', { name: 'Mar 2027 benefits' }).click();
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(3000);
    } finally {
      await context.close();
    }
  }, 180_000); // four axe runs and a confirmation: more than the default minute on a busy machine

  test('at 390 px a two-attending learner’s determination shows every month’s amounts in view, the table not scrolling sideways', async () => {
    const household = await seedTwoAttendingHousehold(
      ada,
      { first: dana, second: eli },
      { familyName: 'Lindqvist', first: 'Ingrid', second: 'Nils' },
    );
    const { situations } = await eli.get<{ situations: { id: string; version: number }[] }>(
      `/api/two-attending?personId=${household.first.personId}`,
    );
    const situation = situations.find((s) => s.id === household.situationId)!;
    await eli.post(`/api/two-attending/${household.situationId}/confirm`, { version: situation.version });
    const { context, page } = await newPage(suite.browser);
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, suite.server.baseUrl, 'lbc.dana', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/pdcs/${household.first.pdcId}`);
      const determination = page.getByRole('region', { name: 'Determination', exact: true });
      await determination
        .getByRole('row', { name: /^Jan 2027/ })
        .first()
        .waitFor();
      const table = determination.getByRole('table', { name: /^Determination version \d+, month by month/ });
      const hidden = await table.evaluate((t) => {
        const wrap = t.parentElement!;
        return wrap.scrollWidth - wrap.clientWidth;
      });
      expect(hidden).toBe(0);
      await shot(table, 'two-attending-determination-390');
    } finally {
      await context.close();
    }
  });

  test('the first learner’s coordinator also has the task, and the person page leads to the case', async () => {
    const household = await seedTwoAttendingHousehold(
      ada,
      { first: dana, second: eli },
      { familyName: 'Okafor', first: 'Ngozi', second: 'Emeka' },
    );
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.dana', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/worklist`);
      const row = page.getByRole('row', {
        name: new RegExp(`Two attending: ${household.first.reference} and ${household.second.reference}`),
      });
      expect(await row.textContent()).toContain('Eli Novak');
      await page.goto(`${suite.server.baseUrl}/people/${household.first.personId}`);
      const cases = page.getByRole('region', { name: 'Learner income support' });
      await cases.getByRole('link', { name: household.first.pdcReference }).click();
      await page.getByRole('heading', { level: 1, name: `Learner income support ${household.first.pdcReference}` }).waitFor();
      // Detected, not confirmed: the banner says so and no adjustment is applied yet.
      const banner = page.getByRole('region', { name: /^Two attending: Detected/ });
      expect(await banner.textContent()).toContain('Eli Novak is responsible');
      expect(await (await januaryAdjustment(page)).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  test("when the first learner leaves early, the coordinator previews the new training dates on both cases, changes them, and sees both cases' differences", async () => {
    const household = await seedTwoAttendingHousehold(
      ada,
      { first: dana, second: eli },
      { familyName: 'Novak', first: 'Mila', second: 'Jakub' },
    );
    const { situations } = await eli.get<{ situations: { id: string; version: number }[] }>(
      `/api/two-attending?personId=${household.first.personId}`,
    );
    await eli.post(`/api/two-attending/${household.situationId}/confirm`, {
      version: situations.find((s) => s.id === household.situationId)?.version,
    });
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.dana', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/pdcs/${household.first.pdcId}`);
      await page.getByRole('button', { name: 'Change training dates…' }).click();
      expect(await page.getByLabel('Training ends').inputValue()).toBe('2027-06-25');
      await page.getByLabel('Training ends').fill('2027-03-19');
      // Finding 13: the preview shows both cases month by month before anything changes.
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      const preview = page.getByRole('region', { name: 'Preview: nothing is saved' });
      await preview.waitFor();
      expect(
        await preview
          .getByRole('table', { name: `What would change on ${household.first.pdcReference}, month by month` })
          .getByRole('row', { name: /^Jun 2027/ })
          .textContent(),
      ).toContain('Change in scheduled amount');
      await preview
        .getByRole('table', { name: `What would change on ${household.second.pdcReference}, month by month` })
        .getByRole('row', { name: /^Apr 2027/ })
        .waitFor();
      await shot(page, 'two-attending-training-preview');
      await page.getByRole('button', { name: 'Change dates and reassess' }).click();
      const outcome = page.getByRole('status').filter({ hasText: 'Training dates changed: 8 Sep 2026 to 19 Mar 2027' });
      await outcome.waitFor();
      expect(await outcome.textContent()).toContain('Reassessed: determination version');
      expect(await outcome.textContent()).toContain(`Partner’s case ${household.second.pdcReference}`);
      // The first case no longer has April to June; the overlap shrank to January - March. Today is
      // 2026-06-15: none of those months is issued, so each is a change in the scheduled amount.
      const payments = page.getByRole('region', { name: 'Payment differences' });
      await payments
        .getByRole('row', { name: /^Jun 2027/ })
        .last()
        .waitFor();
      expect(
        await payments
          .getByRole('row', { name: /^Jun 2027/ })
          .last()
          .textContent(),
      ).toContain('Change in scheduled amount');
      expect(await page.getByRole('region', { name: /^Two attending: Coordinated/ }).textContent()).toContain('Jan 2027 – Mar 2027');
      await shot(page, 'two-attending-training-changed');
      // The partner's case: the whole household's benefits again from April (more scheduled).
      await page
        .getByRole('region', { name: /^Two attending/ })
        .getByRole('link', { name: household.second.pdcReference })
        .click();
      await page.getByRole('heading', { level: 1, name: `Learner income support ${household.second.pdcReference}` }).waitFor();
      const partnerPayments = page.getByRole('region', { name: 'Payment differences' });
      expect(
        await partnerPayments
          .getByRole('row', { name: /^Apr 2027/ })
          .last()
          .textContent(),
      ).toContain('Change in scheduled amount');
      // And the household still reconciles.
      await page.getByRole('link', { name: 'Open the two-attending situation' }).click();
      await page
        .getByRole('region', { name: 'Reconciliation' })
        .getByText('In every month, the first learner’s entitlement plus the second’s equals the household’s, once.')
        .waitFor();
    } finally {
      await context.close();
    }
  });
  test('finding 13: before confirming two attending, the coordinator previews both cases month by month with their differences, and nothing changes until confirmed', async () => {
    const household = await seedTwoAttendingHousehold(
      ada,
      { first: dana, second: eli },
      { familyName: 'Haddad', first: 'Rania', second: 'Karim' },
    );
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.eli', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/two-attending/${household.situationId}`);
      await page.getByRole('heading', { level: 1, name: 'Two attending household' }).waitFor();
      await page.getByRole('button', { name: 'Preview confirming' }).click();
      const preview = page.getByRole('region', { name: 'Preview of confirming: nothing is saved' });
      await preview.waitFor();
      // The first case, determined before: what confirming changes, month by month (not issued yet: scheduled).
      const firstChanges = preview.getByRole('table', { name: `What would change on ${household.first.pdcReference}, month by month` });
      expect(await firstChanges.getByRole('row', { name: /^Jan 2027/ }).textContent()).toContain('Change in scheduled amount');
      expect(await firstChanges.getByRole('row').count()).toBe(7); // a header and January to June
      // The second case has no determination yet: confirming makes its initial determination, already split.
      const second = preview.getByRole('region', { name: new RegExp(household.second.pdcReference) });
      expect(await second.textContent()).toContain('Initial determination');
      await second.getByRole('button', { name: 'Jan 2027 components' }).click();
      const january = second.getByRole('table', { name: 'Components of January 2027' });
      expect(await january.getByRole('row').filter({ hasText: 'Adjusts Core Essential' }).getByRole('cell').first().textContent()).toBe(
        '-$323.00',
      );
      await shot(page, 'two-attending-confirm-preview');
      // Nothing was saved: still detected, still to confirm.
      await page.reload();
      await page.getByText('Detected, not yet confirmed').first().waitFor();
      await page.getByRole('button', { name: 'Confirm two attending' }).waitFor();
    } finally {
      await context.close();
    }
  });

  test("finding 14: while two attending awaits confirmation the second learner's overlap months are held, shown with the reason on both cases and in the worklist", async () => {
    const household = await seedTwoAttendingHousehold(
      ada,
      { first: dana, second: eli },
      { familyName: 'Lindqvist', first: 'Astrid', second: 'Erik' },
    );
    await eli.post(`/api/pdcs/${household.second.pdcId}/evidence`, {
      type: 'additional-health-benefits',
      amount: '20.00',
      periodStart: '2027-01-11',
      periodEnd: '2027-02-28',
    });
    await eli.post(`/api/pdcs/${household.second.pdcId}/apply`, {});
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.eli', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/pdcs/${household.second.pdcId}`);
      const notice = page.getByRole('region', { name: 'Months held on this case: Jan 2027 – Jun 2027' });
      expect(await notice.textContent()).toContain('so that the household is not paid twice');
      const determination = page.getByRole('region', { name: 'Determination', exact: true });
      expect(
        await determination
          .getByRole('row', { name: /^Jan 2027/ })
          .first()
          .textContent(),
      ).toContain('Held');
      expect(
        await determination
          .getByRole('row', { name: /^Jul 2027/ })
          .first()
          .textContent(),
      ).not.toContain('Held');
      await shot(page, 'two-attending-held-second');
      await page.goto(`${suite.server.baseUrl}/pdcs/${household.first.pdcId}`);
      const partnerNotice = page.getByRole('region', { name: 'Months held on the partner’s case: Jan 2027 – Jun 2027' });
      expect(await partnerNotice.textContent()).toContain(household.second.pdcReference);
      await page.goto(`${suite.server.baseUrl}/worklist`);
      const held = page.getByRole('region', { name: 'Held payments' });
      const item = held.getByRole('listitem').filter({ hasText: household.second.pdcReference });
      expect(await item.textContent()).toContain('Jan 2027 – Jun 2027 held');
      expect(await item.textContent()).toContain('awaits a coordinator');
      await shot(page, 'two-attending-held-worklist');
    } finally {
      await context.close();
    }
  });

  test('a coordinator who may not read the partner sees the months held on their case, the partner’s case withheld and nothing to confirm', async () => {
    const household = await seedTwoAttendingHousehold(
      ada,
      { first: dana, second: eli },
      { familyName: 'Castellanos', first: 'Paula', second: 'Andres' },
    );
    await setSensitivity(suite.server.db, household.first.personId, 2);
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.eli', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/pdcs/${household.second.pdcId}`);
      const notice = page.getByRole('region', { name: 'Months held on this case: Jan 2027 – Jun 2027' });
      const text = (await notice.textContent()) ?? '';
      expect({ names: text.includes(household.first.pdcReference), says: text.includes("Two attending with the partner's case") }).toEqual({
        names: false,
        says: true,
      });
      expect(await notice.getByRole('link', { name: 'Preview and confirm two attending' }).count()).toBe(0);
      await shot(page, 'two-attending-held-partner-withheld');
    } finally {
      await context.close();
    }
  });

  test('on the first learner’s case, months held on a partner’s case the reader may not read are shown without naming it', async () => {
    const household = await seedTwoAttendingHousehold(
      ada,
      { first: dana, second: eli },
      { familyName: 'Castellanos', first: 'Marta', second: 'Diego' },
    );
    await setSensitivity(suite.server.db, household.second.personId, 2);
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.dana', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/pdcs/${household.first.pdcId}`);
      const notice = page.getByRole('region', { name: 'Months held on the partner’s case: Jan 2027 – Jun 2027' });
      const text = (await notice.textContent()) ?? '';
      expect({ names: text.includes(household.second.pdcReference), says: text.includes('On the partner’s case these months') }).toEqual({
        names: false,
        says: true,
      });
    } finally {
      await context.close();
    }
  });
});
