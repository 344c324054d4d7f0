import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { setSensitivity } from '../support/placements.ts';
import { seriousViolations } from './support/axe.ts';
import { chromiumAvailable, newPage, signIn } from './support/browser.ts';
import { Api } from './support/seed.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { shot } from './support/shots.ts';
import { serverAndBrowser } from './support/suite.ts';

describe.skipIf(!chromiumAvailable())('the auditor page', () => {
  const suite = serverAndBrowser();
  let reference: string;

  beforeAll(async () => {
    // A person whose family name and birth date an official corrects: the event the auditor looks for;
    // then a contact with them, an event whose changes hold a date, a code and an id.
    const ada = await Api.signIn(suite.server.baseUrl, 'official.ada');
    const person = await ada.post<{ id: string; reference: string; version: number }>('/api/people', {
      givenName: 'Nadia',
      familyName: 'Okonkwo',
      birthDate: '1988-03-02',
    });
    await ada.patch(`/api/people/${person.id}`, { version: person.version, familyName: 'Okonkwo-Reid', birthDate: '1988-03-12' });
    await ada.post(`/api/people/${person.id}/interactions`, {
      occurredOn: '2026-06-01',
      channel: 'in-person',
      note: 'Came in about training.',
    });
    reference = person.reference;
  });

  /** As auditor.hugo, the Audit page searched by the person's reference. */
  async function searchByReference(page: Page) {
    await signIn(page, suite.server.baseUrl, 'auditor.hugo', DEMO_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit' }).waitFor();
    await page.getByLabel('Record reference').fill(reference);
    await page.getByRole('button', { name: 'Search' }).click();
  }

  test('an event about a person above the auditor’s clearance says its details are withheld, and shows none of them', async () => {
    const ada = await Api.signIn(suite.server.baseUrl, 'official.ada');
    const hidden = await ada.post<{ id: string; reference: string }>('/api/people', {
      givenName: 'Zainab',
      familyName: 'Haddad',
      birthDate: '1979-11-23',
    });
    await setSensitivity(suite.server.db, hidden.id, 3);
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'auditor.hugo', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/audit`);
      await page.getByLabel('Record reference').fill(hidden.reference);
      await page.getByRole('button', { name: 'Search' }).click();
      const registered = eventReading(page, 'Person registered');
      await registered.waitFor();
      expect(await registered.innerText()).toContain('Details withheld');
      expect(await registered.innerText()).not.toContain('Haddad');
      expect(await registered.getByRole('link', { name: 'whole trail' }).count()).toBe(0);
      await shot(page, 'auditor-withheld');
    } finally {
      await context.close();
    }
  });

  test('a view of a person above the auditor’s clearance says who viewed them and when, and withholds the person', async () => {
    const ada = await Api.signIn(suite.server.baseUrl, 'official.ada');
    const hidden = await ada.post<{ id: string; reference: string }>('/api/people', {
      givenName: 'Yusuf',
      familyName: 'Demir',
      birthDate: '1984-05-06',
    });
    await setSensitivity(suite.server.db, hidden.id, 3);
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'auditor.hugo', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/audit`);
      const views = page.getByRole('region', { name: 'Who viewed a person' });
      await views.getByLabel('Person reference').fill(hidden.reference);
      await views.getByRole('button', { name: 'Show views' }).click();
      // Registering the person was Ada's read of them.
      const row = views
        .getByRole('table', { name: "Views of people's data, newest first" })
        .getByRole('row')
        .filter({ hasText: 'Ada Chen' });
      await row.waitFor();
      const text = (await row.textContent()) ?? '';
      expect({ withheld: text.includes('withheld'), names: text.includes(hidden.reference) }).toEqual({ withheld: true, names: false });
    } finally {
      await context.close();
    }
  });

  /** The event whose head names its action in these words. */
  const eventReading = (page: Page, words: string) =>
    page.locator('.audit-event').filter({ has: page.locator('.audit-event__head', { hasText: words }) });

  test('an auditor finds a correction by the person’s reference, reads what changed, and downloads it as CSV', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await searchByReference(page);
      const correction = eventReading(page, 'Person’s details corrected');
      await correction.waitFor();
      expect(await correction.getByText(reference).count()).toBeGreaterThan(0);
      const row = correction.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Family name' }) });
      expect(await row.getByRole('cell').allInnerTexts()).toEqual(['Okonkwo', 'Okonkwo-Reid']);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download results (CSV)' }).click(),
      ]);
      const csv = await readFile((await download.path())!, 'utf8');
      const [header] = csv.split(/\r?\n/);
      expect(header).toBe('Sequence,When,Who,Action,Record type,Record,Record id,Changes,Before,After');
      expect(csv).toContain(`person.correct,person,${reference},`);
    } finally {
      await context.close();
    }
  });

  test('each event’s head says its action in words and keeps its code, the one the CSV carries', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await searchByReference(page);
      const correction = eventReading(page, 'Person’s details corrected');
      await correction.waitFor();
      expect(await correction.locator('.audit-event__head').textContent()).toMatch(/^Person’s details corrected\b/);
      expect(await correction.locator('code').allInnerTexts()).toEqual(['person.correct']);
    } finally {
      await context.close();
    }
  });

  test('a date among an event’s changes reads as the web writes dates, not as stored', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await searchByReference(page);
      const correction = eventReading(page, 'Person’s details corrected');
      await correction.waitFor();
      const row = correction.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Birth date' }) });
      expect(await row.getByRole('cell').allInnerTexts()).toEqual(['2 Mar 1988', '12 Mar 1988']);
    } finally {
      await context.close();
    }
  });

  test('a code among an event’s changes reads in words', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await searchByReference(page);
      const contact = eventReading(page, 'Contact recorded');
      await contact.waitFor();
      const row = contact.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Channel' }) });
      expect(await row.getByRole('cell').allInnerTexts()).toEqual(['In person']);
    } finally {
      await context.close();
    }
  });

  test('the action filter offers the actions in words and finds only the events of the one chosen', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await searchByReference(page);
      await eventReading(page, 'Contact recorded').waitFor();
      await page.getByLabel('Action').selectOption({ label: 'Person’s details corrected' });
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('status').filter({ hasText: 'Showing 1 event' }).waitFor();
      expect(await page.locator('.audit-event__head').allInnerTexts()).toEqual([expect.stringMatching(/^Person’s details corrected/)]);
    } finally {
      await context.close();
    }
  });

  for (const width of [1366, 390]) {
    test(`the auditor page has no serious or critical accessibility violation, nor sideways scrolling, at ${width} px`, async () => {
      const { context, page } = await newPage(suite.browser);
      try {
        await page.setViewportSize({ width, height: 900 });
        await signIn(page, suite.server.baseUrl, 'auditor.hugo', DEMO_PASSWORD);
        await page.goto(`${suite.server.baseUrl}/audit`);
        await page.getByLabel('Record reference').fill(reference);
        await page.getByRole('button', { name: 'Search' }).click();
        await page.locator('.audit-event').filter({ hasText: 'interaction.record' }).waitFor();
        await page.getByRole('heading', { name: 'Is the audit trail intact?' }).waitFor();
        await page.locator('#access-heading ~ .table-wrap, #access-heading ~ .empty').first().waitFor();
        await shot(page, `auditor-${width}`);
        expect(await seriousViolations(page)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      } finally {
        await context.close();
      }
    });
  }
});
