import { beforeAll, describe, expect, test } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { chromiumAvailable, newPage, signIn } from './support/browser.ts';
import { type SeededHousehold, seedTwoAttendingHousehold } from './support/learner.ts';
import { Api, itemsOf, seedPersonReadyForPlan, seedPlan } from './support/seed.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';

describe.skipIf(!chromiumAvailable())('accessibility (axe, WCAG 2.1 AA)', () => {
  const suite = serverAndBrowser();
  let personId: string;
  let planId: string;

  beforeAll(async () => {
    // A person with details, a partner, an open case and an assessment, so the person page shows
    // its tables and forms rather than empty states.
    const { context, page } = await newPage(suite.browser);
    await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
    const api = context.request;
    const post = async <T>(path: string, data: unknown): Promise<T> => {
      const response = await api.post(`${suite.server.baseUrl}${path}`, { data });
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
    const needs = (await (await api.get(`${suite.server.baseUrl}/api/catalogues/needs`)).json()) as { needs: { code: string }[] };
    const codes = needs.needs.slice(0, 2).map((n) => n.code);
    await post(`/api/cases/${ic.id}/assessments`, { needs: codes, notes: 'Axe fixture.' });
    personId = amira.id;
    await context.close();

    // Service Plans: one being drafted (its training not funded: only an accepted plan funds training,
    // R03 pre-condition 3), an item of Ada's in progress, one of Ben's and a completed one; and one whose last item Ada completed, so her worklist has its
    // closure task.
    const ada = await Api.signIn(suite.server.baseUrl, 'official.ada');
    const ben = await Api.signIn(suite.server.baseUrl, 'official.ben');
    const learner = await seedPersonReadyForPlan(ada, { givenName: 'Yusuf', familyName: 'Demir', birthDate: '1990-12-01' }, 'training');
    let plan = await seedPlan(ada, learner.personId, [
      {
        subGoal: 'training',
        type: 'english-language-learning',
        description: 'LINC level 6, evenings.',
        expectedStart: '2026-05-04',
        expectedEnd: '2026-08-28',
      },
      { subGoal: 'barrier-reduction', type: 'child-care-arrangement', expectedStart: '2026-06-01', expectedEnd: '2026-06-30', by: ben },
      { subGoal: 'barrier-reduction', type: 'housing-referral', expectedStart: '2026-05-01', expectedEnd: '2026-05-29' },
    ]);
    const english = itemsOf(plan).find((i) => i.type === 'english-language-learning');
    const housing = itemsOf(plan).find((i) => i.type === 'housing-referral');
    if (!english || !housing) throw new Error('plan items missing');
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

  test('the sign-in page has no serious or critical violations, also when showing an error', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await page.goto(`${suite.server.baseUrl}/sign-in`);
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
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel('Name', { exact: true }).fill('Haddad Amira');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('row', { name: /Amira Haddad/ }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the register page has no serious or critical violations, also with field errors', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/people/new`);
      await page.getByRole('heading', { level: 1, name: 'Register a person' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      // Field errors (a malformed postal code and email), told together before the request.
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
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/people/${personId}`);
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
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'auditor.hugo', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/people/${personId}`);
      await page.getByRole('link', { name: 'Audit trail' }).click();
      await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
      await page.getByRole('table').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
  test('the Service Plan page has no serious or critical violations, with its forms open and a refusal shown', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/service-plans/${planId}`);
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
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/service-plans/${planId}/agreement`);
      await page.getByRole('heading', { level: 1, name: 'Service agreement' }).waitFor();
      await page.getByRole('table').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the closure dialog has no serious or critical violations, open and showing a refusal', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/service-plans/${planId}`);
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
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: /^My worklist/ })
        .click();
      await page.getByRole('row', { name: /Close Service Plan/ }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
    const supervisor = await newPage(suite.browser);
    try {
      await signIn(supervisor.page, suite.server.baseUrl, 'supervisor.grace', DEMO_PASSWORD);
      await supervisor.page.goto(`${suite.server.baseUrl}/worklist`);
      // The caseload transfer has its own page now (preview, confirmation, result): axe runs on it in test/browser/supervisor.test.ts.
      await supervisor.page.getByRole('link', { name: "Transfer an official's caseload" }).waitFor();
      expect(await seriousViolations(supervisor.page)).toEqual([]);
    } finally {
      await supervisor.context.close();
    }
  });

  /** A coordinated two-attending household, seeded once for the learner-benefits pages. */
  let household: Promise<SeededHousehold> | null = null;
  function coordinatedHousehold(): Promise<SeededHousehold> {
    household ??= (async () => {
      const [ada, dana, eli] = await Promise.all(['official.ada', 'lbc.dana', 'lbc.eli'].map((u) => Api.signIn(suite.server.baseUrl, u)));
      if (!ada || !dana || !eli) throw new Error('sign-in failed');
      const seeded = await seedTwoAttendingHousehold(
        ada,
        { first: dana, second: eli },
        { familyName: 'Lindqvist', first: 'Astrid', second: 'Erik' },
      );
      const { situations } = await eli.get<{ situations: { id: string; version: number }[] }>(
        `/api/two-attending?personId=${seeded.first.personId}`,
      );
      const situation = situations.find((x) => x.id === seeded.situationId);
      await eli.post(`/api/two-attending/${seeded.situationId}/confirm`, { version: situation?.version });
      // Something in edit, so the preview-and-apply panel shows too.
      await dana.post(`/api/pdcs/${seeded.first.pdcId}/evidence`, {
        type: 'additional-health-benefits',
        amount: '40.00',
        periodStart: '2027-03-01',
        periodEnd: '2027-04-30',
      });
      return seeded;
    })();
    return household;
  }

  test('the learner case page has no serious or critical violations, with a month open, the evidence form open and a refusal shown', async () => {
    const { first } = await coordinatedHousehold();
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.dana', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/pdcs/${first.pdcId}`);
      await page.getByRole('heading', { level: 1, name: `Learner income support ${first.pdcReference}` }).waitFor();
      await page.getByRole('region', { name: /^Two attending/ }).waitFor();
      await page.getByRole('article', { name: 'Child Care' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Jan 2027 components' }).click();
      await page.getByRole('table', { name: 'Components of January 2027' }).waitFor();
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByRole('table', { name: 'What applying would change, month by month' }).waitFor();
      await page.getByRole('button', { name: 'Correct Child Care, version 1' }).click();
      await page.getByRole('button', { name: 'Add evidence…' }).click();
      const form = page.getByRole('form', { name: 'Add evidence' });
      await form.getByLabel('Type of evidence').selectOption({ label: 'Income' });
      await form.getByLabel('Amount in dollars').fill('-1.00');
      await form.getByRole('button', { name: 'Add evidence' }).click();
      await form.getByRole('alert').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the Director Approval decision on a learner case has no serious or critical violations', async () => {
    const { second } = await coordinatedHousehold();
    const dana = await Api.signIn(suite.server.baseUrl, 'lbc.dana');
    await dana.post(`/api/pdcs/${second.pdcId}/evidence`, {
      type: 'director-approval',
      subtype: 'cost-adjustment',
      amount: '-25.00',
      periodStart: '2027-02-01',
      periodEnd: '2027-02-28',
    });
    await dana.post(`/api/pdcs/${second.pdcId}/apply`);
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbs.farah', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/pdcs/${second.pdcId}`);
      const approvals = page.getByRole('region', { name: 'Waiting for your approval' });
      await approvals.getByRole('listitem').waitFor();
      await approvals.getByRole('button', { name: /^Reject/ }).click();
      await approvals.getByRole('button', { name: 'Reject', exact: true }).click();
      await approvals.getByRole('alert').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the two-attending situation has no serious or critical violations', async () => {
    const { situationId } = await coordinatedHousehold();
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.eli', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/two-attending/${situationId}`);
      await page.getByRole('heading', { level: 1, name: 'Two attending household' }).waitFor();
      await page.getByRole('region', { name: 'Reconciliation' }).getByRole('table').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('a detected two-attending situation with its confirmation preview open, and the case whose months it holds, have no serious or critical violations', async () => {
    const [ada, dana, eli] = await Promise.all(['official.ada', 'lbc.dana', 'lbc.eli'].map((u) => Api.signIn(suite.server.baseUrl, u)));
    if (!ada || !dana || !eli) throw new Error('sign-in failed');
    const seeded = await seedTwoAttendingHousehold(
      ada,
      { first: dana, second: eli },
      { familyName: 'Moreau', first: 'Claire', second: 'Luc' },
    );
    await eli.post(`/api/pdcs/${seeded.second.pdcId}/evidence`, {
      type: 'additional-health-benefits',
      amount: '20.00',
      periodStart: '2027-01-11',
      periodEnd: '2027-02-28',
    });
    await eli.post(`/api/pdcs/${seeded.second.pdcId}/apply`, {});
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.eli', DEMO_PASSWORD);
      await page.goto(`${suite.server.baseUrl}/two-attending/${seeded.situationId}`);
      await page.getByRole('button', { name: 'Preview confirming' }).click();
      await page.getByRole('region', { name: 'Preview of confirming: nothing is saved' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.goto(`${suite.server.baseUrl}/pdcs/${seeded.second.pdcId}`);
      await page.getByRole('region', { name: /^Months held on this case/ }).waitFor();
      await page.getByRole('button', { name: 'Change training dates…' }).click();
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      await page.getByRole('region', { name: 'Preview: nothing is saved' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the household calculator has no serious or critical violations, with a result and with an error', async () => {
    const { context, page } = await newPage(suite.browser);
    try {
      await signIn(page, suite.server.baseUrl, 'lbc.dana', DEMO_PASSWORD);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Household calculator' }).click();
      await page.getByRole('heading', { level: 1, name: 'Household calculator' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Calculate' }).click();
      await page.getByRole('heading', { name: 'Result' }).waitFor();
      await page.getByRole('button', { name: 'Mar 2025 components' }).first().click();
      expect(await seriousViolations(page)).toEqual([]);
      const amount = page.getByRole('group', { name: 'Evidence row 2' }).getByLabel('Amount in dollars');
      await amount.fill('600.555');
      await page.getByRole('button', { name: 'Calculate' }).click();
      await page.getByRole('alert').waitFor();
      expect(await amount.getAttribute('aria-invalid')).toBe('true');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
