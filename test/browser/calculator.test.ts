/**
 * The household calculator as a form (issue 13): a coordinator describes a household field by
 * field, calculates, and reads the two-attending split and each learner's months explained; the
 * scenario goes out and back in as JSON; a refused value is shown on its field, named in words.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { problemsAtEachWidth } from './support/axe.ts';
import { chromiumAvailable, newPage, signIn } from './support/browser.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';

/** The household the first test types in: two partners in full-time training from March to June 2025, and child care. */
const TYPED_SCENARIO = {
  asOf: '2025-01-15',
  people: [
    { id: 'A', birthDate: '1990-04-02' },
    { id: 'B', birthDate: '1991-07-19' },
  ],
  relationships: [{ type: 'spouse', people: ['A', 'B'], start: '2015-06-01' }],
  learners: [
    { person: 'A', training: { start: '2025-01-06', end: '2025-06-27', load: 'full-time' } },
    { person: 'B', training: { start: '2025-03-03', end: '2025-08-29', load: 'full-time' } },
  ],
  evidence: [{ type: 'child-care', amount: '600.00', period: { start: '2025-01-01', end: '2025-08-31' } }],
};

async function openCalculator(page: Page, baseUrl: string): Promise<void> {
  await signIn(page, baseUrl, 'lbc.dana', DEMO_PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Household calculator' }).click();
  await page.getByRole('heading', { level: 1, name: 'Household calculator' }).waitFor();
}

async function fillLearner(page: Page, name: string, person: string, start: string, end: string): Promise<void> {
  const row = page.getByRole('group', { name });
  await row.getByLabel('Learner').selectOption(person);
  await row.getByLabel('Training starts').fill(start);
  await row.getByLabel('Training ends').fill(end);
  await row.getByLabel('Load').selectOption({ label: 'Full-time' });
}

/** Types the two-attending household into an empty form. */
async function fillTwoAttending(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start from an empty form' }).click();
  await page.getByLabel('Date of the question').fill('2025-01-15');
  await page.getByRole('group', { name: 'Person 1' }).getByLabel('Name').fill('A');
  await page.getByRole('group', { name: 'Person 1' }).getByLabel('Date of birth').fill('1990-04-02');
  await page.getByRole('button', { name: 'Add a person' }).click();
  await page.getByRole('group', { name: 'Person 2' }).getByLabel('Name').fill('B');
  await page.getByRole('group', { name: 'Person 2' }).getByLabel('Date of birth').fill('1991-07-19');

  await page.getByRole('button', { name: 'Add a relationship' }).click();
  const partners = page.getByRole('group', { name: 'Relationship 1' });
  await partners.getByLabel('Relationship').selectOption({ label: 'Partners' });
  await partners.getByLabel('First person').selectOption('A');
  await partners.getByLabel('Second person').selectOption('B');
  await partners.getByLabel('From').fill('2015-06-01');

  await fillLearner(page, 'Learner 1', 'A', '2025-01-06', '2025-06-27');
  await page.getByRole('button', { name: 'Add a second learner' }).click();
  await fillLearner(page, 'Learner 2', 'B', '2025-03-03', '2025-08-29');

  await page.getByRole('button', { name: 'Add evidence' }).click();
  const care = page.getByRole('group', { name: 'Evidence row 1' });
  await care.getByLabel('Type').selectOption({ label: 'Child Care' });
  await care.getByLabel('Amount in dollars').fill('600.00');
  await care.getByLabel('From').fill('2025-01-01');
  await care.getByLabel('To').fill('2025-08-31');
}

/** Downloads the form as JSON and reads the file. */
async function downloadScenario(page: Page): Promise<unknown> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the scenario' }).click(),
  ]);
  return JSON.parse(await readFile((await download.path()) ?? '', 'utf8'));
}

describe.skipIf(!chromiumAvailable())('the household calculator as a form', () => {
  const suite = serverAndBrowser();

  test('a coordinator types in two partners training together, calculates, and sees the split and each month explained', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await openCalculator(page, suite.server.baseUrl);
      expect(await page.getByRole('group', { name: 'Person 3' }).getByLabel('Name').inputValue()).toBe('C');
      expect(await problemsAtEachWidth(page, 'calculator-example')).toEqual([]);

      await fillTwoAttending(page);
      await page.getByRole('button', { name: 'Calculate' }).click();
      const result = page.getByRole('region', { name: 'Result' });
      await result.waitFor();
      expect(await result.getByRole('definition').nth(1).textContent()).toMatch(/learners A \(first\) and B \(second\), Mar .*Jun 2025/);
      const learnerA = page.getByRole('region', { name: 'Learner A' });
      await learnerA.getByRole('button', { name: 'Mar 2025 components' }).click();
      expect(await learnerA.getByRole('row', { name: /minus half of \$646\.00/ }).count()).toBeGreaterThan(0);
      const household = page.getByRole('region', { name: 'Household' });
      const split = household.getByRole('figure', { name: /^The household’s monthly entitlement, split between the two learners\./ });
      expect(await split.locator('figcaption').textContent()).toContain('Shaded: two attending');
      expect(await problemsAtEachWidth(page, 'calculator-result')).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  test('the form exported as JSON is the scenario typed in, and importing it back fills the form with it again', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await openCalculator(page, suite.server.baseUrl);
      await fillTwoAttending(page);
      await page.getByText('Import or export the scenario as JSON').click();
      const exported = await downloadScenario(page);
      expect(exported).toEqual(TYPED_SCENARIO);

      await page.getByRole('button', { name: 'Load the example' }).click();
      expect(await page.getByRole('group', { name: 'Person 3' }).count()).toBe(1);
      await page.getByLabel('Scenario as JSON').fill(JSON.stringify(exported));
      await page.getByRole('button', { name: 'Fill the form from this JSON' }).click();
      await page.getByRole('status').filter({ hasText: 'The form now holds the scenario' }).waitFor();
      expect(await page.getByRole('group', { name: 'Person 3' }).count()).toBe(0);
      expect(await page.getByRole('group', { name: 'Evidence row 1' }).getByLabel('Amount in dollars').inputValue()).toBe('600.00');
      expect(await downloadScenario(page)).toEqual(TYPED_SCENARIO);

      await page.getByLabel('Or fill the form from a JSON file').setInputFiles({
        name: 'example.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify({ ...TYPED_SCENARIO, asOf: '2025-02-01' })),
      });
      await page.getByRole('status').filter({ hasText: 'from example.json' }).waitFor();
      expect(await page.getByLabel('Date of the question').inputValue()).toBe('2025-02-01');
      expect(await problemsAtEachWidth(page, 'calculator-json')).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  test('JSON that is not a scenario is refused on the JSON box, in words', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await openCalculator(page, suite.server.baseUrl);
      await page.getByText('Import or export the scenario as JSON').click();
      await page.getByLabel('Scenario as JSON').fill(JSON.stringify({ ...TYPED_SCENARIO, people: 'A and B' }));
      await page.getByRole('button', { name: 'Fill the form from this JSON' }).click();
      const box = page.getByLabel('Scenario as JSON');
      expect(await box.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#calculator-json-error').textContent()).toBe('Error: People should be a list.');
      expect(await page.getByRole('group', { name: 'Person 3' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  test('an amount the server refuses is shown on its field, and the summary names the field in words', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await openCalculator(page, suite.server.baseUrl);
      const amount = page.getByRole('group', { name: 'Evidence row 2' }).getByLabel('Amount in dollars');
      await amount.fill('600.555');
      await page.getByRole('button', { name: 'Calculate' }).click();
      const summary = page.getByRole('alert');
      await summary.waitFor();
      expect(await amount.getAttribute('aria-invalid')).toBe('true');
      const link = summary.getByRole('link', { name: /^Evidence row 2, amount: / });
      expect(await link.count()).toBe(1);
      expect(await summary.textContent()).not.toMatch(/evidence\.\d|\.amount/);
      await link.click();
      expect(await amount.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await problemsAtEachWidth(page, 'calculator-refused')).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  test('a name left empty is asked for before calculating, on its field', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await openCalculator(page, suite.server.baseUrl);
      const name = page.getByRole('group', { name: 'Person 2' }).getByLabel('Name');
      await name.fill('');
      await page.getByRole('button', { name: 'Calculate' }).click();
      await page.getByRole('alert').getByRole('link', { name: 'Enter a name for person 2' }).waitFor();
      expect(await name.getAttribute('aria-invalid')).toBe('true');
    } finally {
      await context.close();
    }
  });

  test('a rate the server refuses opens the what-if rates and is shown on its field', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await openCalculator(page, suite.server.baseUrl);
      await page.getByText('Try other rates').click();
      const rate = page.getByRole('group', { name: 'Rate override 1' }).getByLabel('Amount');
      await rate.fill('six hundred');
      await page.getByText('Try other rates').click();
      await page.getByRole('button', { name: 'Calculate' }).click();
      await page
        .getByRole('alert')
        .getByRole('link', { name: /^Rate override Core Essential, 2 adults: / })
        .waitFor();
      expect(await rate.isVisible()).toBe(true);
      expect(await rate.getAttribute('aria-invalid')).toBe('true');
      expect(await problemsAtEachWidth(page, 'calculator-rates')).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
