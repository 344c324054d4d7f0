import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import { problemsAtEachWidth } from './support/axe.ts';
import { chromiumAvailable, newPage, signIn } from './support/browser.ts';
import { type SeededLearner, seedLearner } from './support/learner.ts';
import { Api } from './support/seed.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { shot } from './support/shots.ts';
import { serverAndBrowser } from './support/suite.ts';

describe.skipIf(!chromiumAvailable())('payments on the learner case page', () => {
  const suite = serverAndBrowser();
  let learner: SeededLearner;
  let dana: Api;

  beforeAll(async () => {
    const ben = await Api.signIn(suite.server.baseUrl, 'official.ben');
    dana = await Api.signIn(suite.server.baseUrl, 'lbc.dana');
    const grace = await Api.signIn(suite.server.baseUrl, 'supervisor.grace');
    const users = await grace.get<{ users: { id: string; username: string }[] }>('/api/users');
    learner = await seedLearner(
      ben,
      { givenName: 'Pia', familyName: 'Latecomer', birthDate: '1990-05-04' },
      { trainingStart: '2026-01-05', trainingEnd: '2026-12-18', coordinatorId: users.users.find((u) => u.username === 'lbc.dana')!.id },
    );
    await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'shelter',
      subtype: 'renting',
      amount: '900.00',
      periodStart: '2026-01-01',
    });
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    // Today is 15 June 2026: January to June are issued.
    await grace.post('/api/jobs/payment-issue/run');
  });

  test('a Finance Officer starts at Payment runs, sees each run’s payments and net total, and exports a whole run', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await page.goto(`${suite.server.baseUrl}/sign-in`);
      await page.getByLabel('Username').fill('finance.kim');
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Payment runs' }).waitFor();
      // June 2026 is issued two banking days before the 1st: Thursday 28 May.
      const row = page.getByRole('table', { name: 'Payment runs, newest first' }).getByRole('row', { name: /28 May 2026/ });
      const count = Number(await row.getByRole('cell').nth(1).textContent());
      expect(count).toBeGreaterThanOrEqual(1);
      expect(await row.getByRole('cell').nth(2).textContent()).toMatch(/^\$[\d,]+\.\d{2}$/);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        row.getByRole('link', { name: '28 May 2026 (export as CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('payment-run-2026-05-28.csv');
      const csv = await readFile((await download.path()) ?? '', 'utf8');
      expect(csv.trim().split(/\r?\n/)).toHaveLength(count + 1); // the header and one row a payment
      await shot(page, 'payment-runs-finance');
      expect(await problemsAtEachWidth(page, 'payment-runs-finance')).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('a coordinator records a late application: the earlier issued months become debts, each saying what caused it', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.dana', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/pdcs/${learner.pdcId}`);
      const payments = page.getByRole('region', { name: 'Payments' });
      await payments.getByRole('table', { name: 'Payments issued' }).waitFor();
      expect(await payments.getByRole('table', { name: 'Payments issued' }).getByRole('row').count()).toBe(7); // heading + six months
      await payments.getByRole('button', { name: 'Record the application received date' }).click();
      await payments.getByLabel('Application received on').fill('2026-03-10');
      expect(await problemsAtEachWidth(page, 'payments-application')).toEqual([]);
      await payments.getByRole('button', { name: 'Save and reassess' }).click();
      const january = payments.getByRole('article', { name: 'Overpayment of January 2026' });
      await january.waitFor();
      await payments.getByRole('article', { name: 'Overpayment of February 2026' }).waitFor();
      expect(await january.textContent()).toContain('Application received date recorded');
    } finally {
      await context.close();
    }
  });

  test('a coordinator records the signed repayment agreement of a debt', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.dana', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/pdcs/${learner.pdcId}`);
      const january = page.getByRole('article', { name: 'Overpayment of January 2026' });
      await january.getByRole('button', { name: 'Record the signed agreement for January 2026' }).click();
      await january.getByRole('button', { name: 'Record agreement' }).click();
      await january.getByText(/^Signed on/).waitFor();
      expect(await problemsAtEachWidth(page, 'payments-debts')).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('a specialist reverses a wrong adjustment with a reason, and the debt owes its amount again', async () => {
    const farah = await Api.signIn(suite.server.baseUrl, 'lbs.farah');
    const view = await dana.get<{ debts: { id: string; month: string; amount: string }[] }>(`/api/pdcs/${learner.pdcId}/payments`);
    const debt = view.debts.find((d) => d.month === '2026-02')!;
    await farah.post(`/api/debts/${debt.id}/adjustments`, { direction: 'lower', amount: '50.00', reason: 'Entered by hand' });
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbs.farah', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/pdcs/${learner.pdcId}`);
      const card = page.getByRole('article', { name: 'Overpayment of February 2026' });
      await card.getByRole('button', { name: 'Reverse the adjustment “Entered by hand”' }).click();
      await card.getByLabel('Why is it reversed?').fill('Entered in error');
      await card.getByRole('button', { name: 'Reverse adjustment' }).click();
      await card.getByText('Entered in error (reversal)').waitFor();
      expect(await card.getByText('Entered by hand (reversed)').count()).toBe(1);
      expect(await problemsAtEachWidth(page, 'payments-reversal')).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("on a 390 px phone the issued payments fit without scrolling sideways, and an adjustment's Reverse starts on its row's line", async () => {
    const farah = await Api.signIn(suite.server.baseUrl, 'lbs.farah');
    const view = await dana.get<{ debts: { id: string; month: string }[] }>(`/api/pdcs/${learner.pdcId}/payments`);
    const debt = view.debts.find((d) => d.month === '2026-01')!;
    await farah.post(`/api/debts/${debt.id}/adjustments`, { direction: 'lower', amount: '10.00', reason: 'Counted at the counter' });
    const { context, page } = await newPage(suite.browser);
    try {
      await page.setViewportSize({ width: 390, height: 900 });
      await signIn(page, suite.server.baseUrl, 'lbs.farah', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/pdcs/${learner.pdcId}`);
      const issued = page.getByRole('table', { name: 'Payments issued' });
      await issued.waitFor();
      const sideways = await issued.evaluate((table) => {
        const box = table.closest('.table-wrap') ?? table;
        return box.scrollWidth - box.clientWidth;
      });
      expect(sideways).toBe(0);
      const row = page.getByRole('article', { name: 'Overpayment of January 2026' }).getByRole('row', { name: /Counted at the counter/ });
      /** Where the first line of an element's own text starts on the page. */
      const textTop = (element: Element) => {
        const range = document.createRange();
        range.selectNodeContents(element.firstChild!);
        return range.getBoundingClientRect().top;
      };
      const reason = await row.getByRole('cell').first().evaluate(textTop);
      const reverse = await row.getByRole('button', { name: /^Reverse/ }).evaluate(textTop);
      expect(Math.abs(reverse - reason)).toBeLessThanOrEqual(3);
    } finally {
      await context.close();
    }
  });

  test.each([1366, 390])(
    "at %i px a debt's “Caused by” takes most of its card's width, not a narrow column wrapping word by word",
    async (width) => {
      const { context, page } = await newPage(suite.browser);
      try {
        await page.setViewportSize({ width, height: 900 });
        await signIn(page, suite.server.baseUrl, 'lbc.dana', DEMO_PASSWORD);
        await page.goto(`${suite.server.baseUrl}/pdcs/${learner.pdcId}`);
        const card = page.getByRole('article', { name: 'Overpayment of January 2026' });
        await card.waitFor();
        const { cause, content } = await card.evaluate((article) => {
          const term = [...article.querySelectorAll('dt')].find((dt) => dt.textContent === 'Caused by')!;
          const style = getComputedStyle(article);
          return {
            cause: term.nextElementSibling!.getBoundingClientRect().width,
            content: article.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight),
          };
        });
        expect(cause / content).toBeGreaterThanOrEqual(width === 390 ? 0.9 : 0.6);
        await card.scrollIntoViewIfNeeded();
        await shot(card, `debt-caused-by-${width}`);
      } finally {
        await context.close();
      }
    },
  );

  test('a coordinator, who may not adjust debts, is offered no adjustment', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.dana', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/pdcs/${learner.pdcId}`);
      const january = page.getByRole('article', { name: 'Overpayment of January 2026' });
      await january.waitFor();
      expect(await january.getByRole('button', { name: /^Adjust the debt/ }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  test('a specialist records an adjustment with a reason, is told on the field when it would owe less than nothing, then reverses it', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbs.farah', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/pdcs/${learner.pdcId}`);
      const january = page.getByRole('article', { name: 'Overpayment of January 2026' });
      await january.getByRole('button', { name: 'Adjust the debt for January 2026' }).click();
      const form = january.getByRole('form', { name: 'Adjust the debt' });
      await form.getByRole('button', { name: 'Record adjustment' }).click();
      // Nothing filled in: each field says what it needs.
      await form.getByText('Choose whether the adjustment raises or lowers the debt').first().waitFor();
      await form.getByLabel('Lower it: the learner owes less').check();
      await form.getByLabel('Amount in dollars').fill('99999.00');
      await form.getByLabel('Why is the debt adjusted?').fill('Repaid in cash at the office');
      await form.getByRole('button', { name: 'Record adjustment' }).click();
      const amount = form.getByLabel('Amount in dollars');
      await form.locator('.field--error').getByText('The debt cannot owe less than nothing.').waitFor();
      expect(await amount.getAttribute('aria-invalid')).toBe('true');
      expect(await problemsAtEachWidth(page, 'payments-adjustment-error')).toEqual([]);
      await amount.fill('40.00');
      await form.getByRole('button', { name: 'Record adjustment' }).click();
      await january.getByRole('cell', { name: 'Repaid in cash at the office', exact: true }).waitFor();
      expect(await january.getByRole('row', { name: /Repaid in cash at the office/ }).textContent()).toContain('-$40.00');
      await january.getByRole('button', { name: 'Reverse the adjustment “Repaid in cash at the office”' }).click();
      await january.getByLabel('Why is it reversed?').fill('Cash receipt was for another case');
      await january.getByRole('button', { name: 'Reverse adjustment' }).click();
      await january.getByText('Cash receipt was for another case (reversal)').waitFor();
      expect(await problemsAtEachWidth(page, 'payments-adjustment')).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000); // two accessibility checks at two widths each, on a loaded machine
});
