import { describe, expect, test } from 'vitest';
import { chromiumAvailable, newPage, signIn } from './support/browser.ts';
import { fieldError, problemSummary } from './support/forms.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';

describe.skipIf(!chromiumAvailable())('registering and finding people', () => {
  const suite = serverAndBrowser();

  test('an official registers a person and then finds them by name', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Register a person' }).click();
      await page.getByRole('heading', { level: 1, name: 'Register a person' }).waitFor();

      await page.getByLabel('Given name').fill('Noor');
      await page.getByLabel('Family name').fill('Abdullahi');
      await page.getByLabel('Date of birth').fill('1994-03-08');
      await page.getByLabel('Address line 1').fill('200 Main Street');
      await page.getByLabel('City or town').fill('Edmonton');
      await page.getByLabel('Province or territory').selectOption('AB');
      await page.getByLabel('Postal code').fill('T5J 2R7');
      await page.getByLabel('Phone').fill('780-555-0199');
      await page.getByRole('button', { name: 'Register person' }).click();

      // The new person's page, with a reference and complete registration.
      await page.getByRole('heading', { level: 1, name: 'Noor Abdullahi' }).waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/people\/[0-9a-f-]{36}$/);
      const header = await page.locator('.person-header').textContent();
      expect(header).toContain('8 Mar 1994');
      expect(header).toContain('Registration complete');
      const reference = (await page.locator('.person-header dd.mono').textContent())?.trim() ?? '';
      expect(reference).not.toBe('');
      expect(await page.getByRole('region', { name: 'Contact details' }).textContent()).toContain('200 Main Street');

      // Find them again by name.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Find a person' }).click();
      await page.getByLabel('Name', { exact: true }).fill('noor abdullahi');
      await page.getByRole('button', { name: 'Search' }).click();
      const row = page.getByRole('row', { name: /Noor Abdullahi/ });
      await row.waitFor();
      expect(await row.textContent()).toContain(reference);
      expect(await row.textContent()).toContain('8 Mar 1994');
      await row.getByRole('link', { name: 'Noor Abdullahi' }).click();
      await page.getByRole('heading', { level: 1, name: 'Noor Abdullahi' }).waitFor();
      // Back returns to the results; the search is not in the address bar.
      await page.goBack();
      await page.getByRole('row', { name: /Noor Abdullahi/ }).waitFor();
      expect(page.url()).not.toContain('noor');
    } finally {
      await context.close();
    }
  });

  test('registering someone who may already exist shows the candidates and can go ahead anyway', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      for (let attempt = 0; attempt < 2; attempt++) {
        await page.goto(`${suite.server.baseUrl}/people/new`);
        await page.getByLabel('Given name').fill('Lena');
        await page.getByLabel('Family name').fill('Okafor');
        await page.getByLabel('Date of birth').fill('1988-11-30');
        await page.getByRole('button', { name: 'Register person' }).click();
        if (attempt === 0) await page.getByRole('heading', { level: 1, name: 'Lena Okafor' }).waitFor();
      }
      const warning = page.getByRole('region', { name: 'This person may already be registered' });
      await warning.waitFor();
      expect(await warning.getByRole('link', { name: 'Lena Okafor' }).count()).toBe(1);
      await warning.getByRole('button', { name: 'Register anyway' }).click();
      await page.getByRole('heading', { level: 1, name: 'Lena Okafor' }).waitFor();
      expect(await page.getByRole('status').filter({ hasText: 'Person registered' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  test('finding 12: a registration with the names swapped and a date of birth a month off shows the candidate and why it was suggested', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      for (const [given, family, born] of [
        ['Haruto', 'Sato', '1979-02-14'],
        ['Sato', 'Haruto', '1979-03-14'],
      ] as const) {
        await page.goto(`${suite.server.baseUrl}/people/new`);
        await page.getByLabel('Given name').fill(given);
        await page.getByLabel('Family name').fill(family);
        await page.getByLabel('Date of birth').fill(born);
        await page.getByRole('button', { name: 'Register person' }).click();
        if (given === 'Haruto') await page.getByRole('heading', { level: 1, name: 'Haruto Sato' }).waitFor();
      }
      const warning = page.getByRole('region', { name: 'This person may already be registered' });
      await warning.waitFor();
      const row = warning.getByRole('row', { name: /Haruto Sato/ });
      expect(await row.getByRole('listitem').allTextContents()).toEqual([
        'Dates of birth one month apart',
        'Given and family names swapped',
      ]);
    } finally {
      await context.close();
    }
  });

  test('missing required fields are reported next to each field', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/people/new`);
      await page.getByLabel('Given name').fill('Sam');
      await page.getByRole('button', { name: 'Register person' }).click();
      await problemSummary(page);
      const family = page.getByLabel('Family name');
      expect(await family.getAttribute('aria-invalid')).toBe('true');
      expect(await fieldError(page, family)).toContain('Enter the family name');
      expect(new URL(page.url()).pathname).toBe('/people/new');
    } finally {
      await context.close();
    }
  });

  test('a registration with a date of birth in the future and a malformed email is told both at once, next to each field', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/people/new`);
      await page.getByLabel('Given name').fill('Sam');
      await page.getByLabel('Family name').fill('Future');
      await page.getByLabel('Date of birth').fill('2099-01-01');
      await page.getByLabel('Email').fill('not-an-email');
      await page.getByRole('button', { name: 'Register person' }).click();
      const summary = await problemSummary(page);
      expect(await summary.textContent()).toContain('A date of birth cannot be in the future.');
      expect(await summary.textContent()).toContain('Use an email address such as name@example.ca.');
      expect(await page.getByLabel('Date of birth').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    } finally {
      await context.close();
    }
  });

  test("a date of birth of the ministry's today is accepted when the browser's clock is still on the day before", async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      // The server's today is TEST_TODAY (2026-06-15); this browser's clock reads the evening before.
      await page.clock.setFixedTime(new Date('2026-06-14T20:00:00'));
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/people/new`);
      await page.getByLabel('Given name').fill('Newborn');
      await page.getByLabel('Family name').fill('Tanaka');
      await page.getByLabel('Date of birth').fill('2026-06-15');
      await page.getByRole('button', { name: 'Register person' }).click();
      await page.getByRole('heading', { level: 1, name: 'Newborn Tanaka' }).waitFor();
    } finally {
      await context.close();
    }
  });

  test("a date of birth after the ministry's today is refused before sending, whatever the browser's clock says", async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      // This browser's clock is months past the server's today (TEST_TODAY, 2026-06-15).
      await page.clock.setFixedTime(new Date('2026-09-01T10:00:00'));
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/people/new`);
      const registrations: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/people') registrations.push(request.url());
      });
      await page.getByLabel('Given name').fill('Early');
      await page.getByLabel('Family name').fill('Tanaka');
      await page.getByLabel('Date of birth').fill('2026-07-01');
      await page.getByRole('button', { name: 'Register person' }).click();
      expect(await fieldError(page, page.getByLabel('Date of birth'))).toContain('A date of birth cannot be in the future.');
      expect(registrations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  /** The Name field's own error text, once the form has marked it invalid. */
  async function nameFieldError(page: Awaited<ReturnType<typeof newPage>>['page']) {
    await problemSummary(page);
    const name = page.getByLabel('Name', { exact: true });
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    return fieldError(page, name);
  }

  test('a search by the date of birth alone is refused on the Name field, saying the family name is needed, without searching', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/people`);
      await page.getByLabel('Date of birth').fill('1990-04-02');
      await page.getByRole('button', { name: 'Search' }).click();
      expect(await nameFieldError(page)).toContain('at least 2 letters of the family name');
      expect(await page.getByRole('heading', { name: 'Results' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  test('a family name alone is refused as not enough to search by, not as matching too many people', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/people`);
      await page.getByLabel('Name', { exact: true }).fill('Zzqx');
      await page.getByRole('button', { name: 'Search' }).click();
      const error = await nameFieldError(page);
      expect(error).toContain('add the start of the given name, or the date of birth');
      expect(error).not.toContain('too many');
    } finally {
      await context.close();
    }
  });

  test('a change made on a stale page is refused with a version conflict and can be redone after reloading', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      const created = await context.request.post(`${suite.server.baseUrl}/api/people`, {
        data: { givenName: 'Tomas', familyName: 'Lindqvist', birthDate: '1979-02-14', phone: '780-555-0110' },
      });
      expect(created.status()).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const stale = await context.newPage();
      for (const p of [page, stale]) {
        await p.bringToFront();
        await p.goto(`${suite.server.baseUrl}/people/${id}`);
        await p.getByRole('heading', { level: 1, name: 'Tomas Lindqvist' }).waitFor();
        await p.getByRole('button', { name: 'Record a change…' }).click();
        await p.getByLabel('What changed').selectOption('phone');
      }
      await page.bringToFront();
      await page.getByLabel('Phone', { exact: true }).fill('780-555-0111');
      await page.getByRole('button', { name: 'Record phone' }).click();
      await page.getByRole('status').filter({ hasText: 'Phone recorded' }).waitFor();

      await stale.bringToFront();
      await stale.getByLabel('Phone', { exact: true }).fill('780-555-0112');
      await stale.getByRole('button', { name: 'Record phone' }).click();
      const conflict = stale.getByRole('alert').filter({ hasText: 'Someone else changed this record' });
      await conflict.waitFor();
      await conflict.getByRole('button', { name: 'Reload latest version' }).click();
      await stale.getByRole('region', { name: 'Contact details' }).getByText('780-555-0111').first().waitFor();
      expect(await stale.getByLabel('Phone', { exact: true }).inputValue()).toBe('780-555-0112');
      await stale.getByRole('button', { name: 'Record phone' }).click();
      await stale.getByRole('status').filter({ hasText: 'Phone recorded' }).waitFor();
    } finally {
      await context.close();
    }
  });

  test('an auditor reads a person and their audit trail but is offered no changes', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      const official = await newPage(suite.browser);
      await signIn(official.page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      const created = await official.context.request.post(`${suite.server.baseUrl}/api/people`, {
        data: { givenName: 'Ines', familyName: 'Marchetti', birthDate: '1985-07-21' },
      });
      const { id } = (await created.json()) as { id: string };
      await official.context.close();

      await signIn(page, suite.server.baseUrl, 'auditor.hugo', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/people/${id}`);
      await page.getByRole('heading', { level: 1, name: 'Ines Marchetti' }).waitFor();
      expect(await page.getByText('You have read-only access').isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Record a change…' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Audit trail' }).click();
      await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
      const registered = page.locator('.audit-event').filter({ has: page.locator('.audit-event__head', { hasText: 'Person registered' }) });
      await registered.waitFor();
      expect(await registered.textContent()).toContain('Ada Chen');
      expect(await registered.textContent()).toContain('Marchetti');
      const birth = registered.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Birth date' }) });
      expect(await birth.getByRole('cell').allInnerTexts()).toEqual(['21 Jul 1985']);
    } finally {
      await context.close();
    }
  });

  test('an official records a partner, opens an Integrated Case and completes an assessment until a Service Plan can start', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      const address = { line1: '77 Jasper Avenue', city: 'Edmonton', province: 'AB', postalCode: 'T5J 1N9' };
      const register = async (givenName: string, birthDate: string) => {
        const response = await context.request.post(`${suite.server.baseUrl}/api/people`, {
          data: { givenName, familyName: 'Kowalczyk', birthDate, address, phone: '780-555-0177', effectiveFrom: '2026-01-05' },
        });
        expect(response.status()).toBe(201);
        return (await response.json()) as { id: string };
      };
      const piotr = await register('Piotr', '1987-10-03');
      await register('Agata', '1989-01-22');
      const catalogue = (await (await context.request.get(`${suite.server.baseUrl}/api/catalogues/needs`)).json()) as {
        needs: { code: string; label: string }[];
      };
      const [first, second] = catalogue.needs;
      if (!first || !second) throw new Error('The needs catalogue has fewer than two needs');

      await page.goto(`${suite.server.baseUrl}/people/${piotr.id}`);
      await page.getByRole('heading', { level: 1, name: 'Piotr Kowalczyk' }).waitFor();
      const readiness = page.getByRole('region', { name: 'Service Plan readiness' });
      await readiness.getByText('Not ready').waitFor();
      expect(await readiness.textContent()).toContain('R03');

      // A common-law partner, chosen by searching.
      await page.getByRole('button', { name: 'Add a relationship…' }).click();
      await page.getByLabel('Type').selectOption('common-law');
      await page.getByLabel('Search by name').fill('Agata Kowalczyk');
      await page.getByLabel('Search by name').press('Enter');
      await page.getByRole('button', { name: /^Choose Agata Kowalczyk/ }).click();
      await page.getByLabel('From', { exact: true }).fill('2020-05-01');
      await page.getByRole('button', { name: 'Add relationship' }).click();
      await page.getByRole('status').filter({ hasText: 'Relationship with Agata Kowalczyk added' }).waitFor();
      const relationships = page.getByRole('region', { name: 'Relationships' });
      expect(await relationships.getByRole('row', { name: /Agata Kowalczyk/ }).textContent()).toContain('common-law');
      await page.getByRole('region', { name: 'Household' }).getByRole('link', { name: 'Agata Kowalczyk' }).waitFor();

      // An Integrated Case and a completed assessment with one Primary Need.
      const caseRegion = page.getByRole('region', { name: 'Integrated Case' });
      await caseRegion.getByRole('button', { name: 'Open an Integrated Case' }).click();
      await caseRegion.getByText('Open', { exact: true }).waitFor();
      await caseRegion.getByRole('button', { name: 'Start an assessment…' }).click();
      await caseRegion.getByRole('checkbox', { name: first.label }).check();
      await caseRegion.getByRole('checkbox', { name: second.label }).check();
      await caseRegion.getByRole('button', { name: 'Start assessment' }).click();
      await caseRegion.getByText('In progress').waitFor();
      await caseRegion.getByRole('button', { name: 'Complete…' }).click();
      await caseRegion.getByRole('radio', { name: second.label }).check();
      await caseRegion.getByRole('button', { name: 'Complete assessment' }).click();
      await caseRegion.getByRole('cell', { name: 'Completed', exact: true }).waitFor();

      await readiness.getByText('Ready', { exact: true }).waitFor();
      expect(await readiness.textContent()).toContain(second.label);

      // Closing the case takes a date and a reason; it can be reopened.
      await caseRegion.getByRole('button', { name: 'Close case…' }).click();
      await caseRegion.getByLabel('Reason for closing').fill('Moved out of province.');
      await caseRegion.getByRole('button', { name: 'Close case', exact: true }).click();
      // The recorded reason (not the form's text, which may still be on the page for a moment).
      await caseRegion.getByRole('definition').filter({ hasText: 'Moved out of province.' }).waitFor();
      await readiness.getByText('Not ready').waitFor();
      await caseRegion.getByRole('button', { name: 'Reopen case' }).click();
      await caseRegion.getByRole('button', { name: 'Close case…' }).waitFor();
      await readiness.getByText('Ready', { exact: true }).waitFor();
    } finally {
      await context.close();
    }
  });
});
