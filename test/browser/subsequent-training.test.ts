import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { problemsAtEachWidth } from './support/axe.ts';
import { chromiumAvailable, newPage, signIn } from './support/browser.ts';
import { Api, acceptSeedPlan, itemsOf, type PlanView, seedPersonReadyForPlan } from './support/seed.ts';
import { DEMO_PASSWORD } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';

/** A person ready for a plan, and a new plan for them with one training sub-goal. */
async function newTrainingPlan(ada: Api, person: Parameters<typeof seedPersonReadyForPlan>[1]) {
  const { personId } = await seedPersonReadyForPlan(ada, person, 'training');
  const plan = await ada.post<PlanView>(`/api/people/${personId}/service-plans`);
  return { personId, plan: await ada.post<PlanView>(`/api/service-plans/${plan.id}/sub-goals`, { type: 'training' }) };
}

/** A learner whose funded ESL training ran 2022-09-06 to 2024-03-29 on a closed plan, and a new plan with a training sub-goal. */
async function seedReturningLearner(ada: Api) {
  const { personId, plan: first } = await newTrainingPlan(ada, { givenName: 'Nadia', familyName: 'Returning', birthDate: '1990-04-11' });
  const plan = await ada.post<PlanView>(`/api/service-plans/${first.id}/items`, {
    subGoalId: first.subGoals[0]!.id,
    type: 'english-language-learning',
    learningStream: 'esl',
    expectedStart: '2022-09-06',
    expectedEnd: '2024-03-29',
  });
  const [item] = itemsOf(plan);
  await acceptSeedPlan(ada, plan);
  const pdc = await ada.post<{ id: string; reference: string }>(`/api/plan-items/${item!.id}/pdc`, { trainingLoad: 'full-time' });
  const done = await ada.post<PlanView>(`/api/plan-items/${item!.id}/complete`, {
    version: item!.version,
    outcome: 'attained',
    actualStart: '2022-09-06',
    actualEnd: '2024-03-29',
  });
  await ada.post(`/api/service-plans/${plan.id}/close`, {
    version: done.version,
    closedOn: '2026-06-15',
    reason: 'programs-finished-employed',
  });
  let next = await ada.post<PlanView>(`/api/people/${personId}/service-plans`);
  next = await ada.post<PlanView>(`/api/service-plans/${next.id}/sub-goals`, { type: 'training' });
  return { personId, planId: next.id, pdcId: pdc.id };
}

describe.skipIf(!chromiumAvailable())('R08 subsequent training: refused, exception recorded and approved', () => {
  const suite = serverAndBrowser();
  let seeded: Awaited<ReturnType<typeof seedReturningLearner>>;

  beforeAll(async () => {
    seeded = await seedReturningLearner(await Api.signIn(suite.server.baseUrl, 'official.ada'));
  });

  async function addEslTraining(page: Page) {
    await page.goto(`${suite.server.baseUrl}/service-plans/${seeded.planId}`);
    const training = page.getByRole('region', { name: 'Training' });
    await training.getByRole('button', { name: 'Add a plan item to Training…' }).click();
    await training.getByLabel('Plan item', { exact: true }).selectOption({ label: 'English language learning' });
    await training.getByLabel('Expected start').fill('2026-09-08');
    await training.getByLabel('Expected end').fill('2026-12-18');
    await training.getByLabel('Learning stream').selectOption({ label: 'English as a Second Language' });
    await training.getByRole('button', { name: 'Add plan item', exact: true }).click();
    return training;
  }

  test('a training item 30 months after the last is refused with its date; after an approved exception it is added', {
    timeout: 300_000,
  }, async () => {
    const official = await newPage(suite.browser);
    const supervisor = await newPage(suite.browser);
    try {
      await signIn(official.page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
      const training = await addEslTraining(official.page);
      const refusal = training.getByRole('alert').filter({ hasText: 'A new training plan can start on 29 March 2028' });
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('The last approved training ended on 29 March 2024');
      expect(await problemsAtEachWidth(official.page, 'subsequent-refused')).toEqual([]);

      // The person page: the counter, the date a new plan becomes possible, and the exception form.
      await official.page.goto(`${suite.server.baseUrl}/people/${seeded.personId}`);
      const streams = official.page.getByRole('region', { name: 'Learning streams' });
      const esl = streams.getByRole('row', { name: /^English as a Second Language/ });
      await esl.waitFor();
      expect((await esl.getByRole('cell').allTextContents()).map((t) => t.trim())).toEqual(['English as a Second Language', '19', '20']);
      expect(await streams.textContent()).toContain('A new training plan can start on');
      await streams.getByRole('button', { name: 'Record a training exception…' }).click();
      await streams.getByRole('radio', { name: 'A new training plan within 48 months' }).check();
      await streams.getByRole('checkbox', { name: 'Attachment to the labour force since the last training' }).check();
      await streams.getByRole('checkbox', { name: 'The new training is progressive' }).check();
      await streams.getByLabel('What the reassessment found').fill('Worked two years as a cook; the new course builds on the first.');
      expect(await problemsAtEachWidth(official.page, 'exception-form')).toEqual([]);
      await streams.getByRole('button', { name: 'Record exception' }).click();
      await streams.getByText('Exception recorded. A supervisor has been asked to approve or reject it.').waitFor();
      await streams.getByText('Waiting for a decision').waitFor();
      expect(await streams.getByRole('button', { name: 'Approve exception' }).count()).toBe(0);

      // A supervisor approves it.
      await signIn(supervisor.page, suite.server.baseUrl, 'supervisor.grace', DEMO_PASSWORD);
      await supervisor.page.goto(`${suite.server.baseUrl}/people/${seeded.personId}`);
      const forGrace = supervisor.page.getByRole('region', { name: 'Learning streams' });
      await forGrace.getByRole('button', { name: 'Approve exception' }).waitFor();
      expect(await problemsAtEachWidth(supervisor.page, 'exception-decide')).toEqual([]);
      await forGrace.getByRole('button', { name: 'Approve exception' }).click();
      await forGrace.getByText('Approved', { exact: true }).waitFor();

      // The official adds the training now.
      const again = await addEslTraining(official.page);
      await again.getByRole('listitem', { name: 'English language learning' }).waitFor();

      // The counter on the learner case page.
      await official.page.goto(`${suite.server.baseUrl}/pdcs/${seeded.pdcId}`);
      const onCase = official.page.getByRole('region', { name: 'Learning streams' });
      await onCase.getByText('Approved and used').waitFor();
      expect(await problemsAtEachWidth(official.page, 'learner-case-streams')).toEqual([]);
    } finally {
      await official.context.close();
      await supervisor.context.close();
    }
  });
});

describe.skipIf(!chromiumAvailable())(
  'ISTHB s.44 plan limits and a case extended past a cap: said before the click, refused in words',
  () => {
    const suite = serverAndBrowser();
    let first: { personId: string; planId: string };
    let returning: Awaited<ReturnType<typeof seedReturningLearner>> & { fundedPdcId: string };

    beforeAll(async () => {
      const ada = await Api.signIn(suite.server.baseUrl, 'official.ada');
      const { personId, plan } = await newTrainingPlan(ada, { givenName: 'Imani', familyName: 'Firstplan', birthDate: '1995-02-03' });
      first = { personId, planId: plan.id };
      // A returning learner at the ESL cap: 19 months before, one funded month (September 2026) on a plan let through R08.
      const seeded = await seedReturningLearner(ada);
      const grace = await Api.signIn(suite.server.baseUrl, 'supervisor.grace');
      const recorded = await ada.post<{ exceptions: { id: string; version: number }[] }>(
        `/api/people/${seeded.personId}/training-exceptions`,
        {
          kind: 'subsequent-training',
          grounds: ['learning-since'],
          explanation: 'Finished an evening course since; ready for the next level.',
        },
      );
      const exception = recorded.exceptions[0]!;
      await grace.post(`/api/training-exceptions/${exception.id}/decision`, { version: exception.version, decision: 'approved' });
      let next = await ada.get<PlanView>(`/api/service-plans/${seeded.planId}`);
      next = await ada.post<PlanView>(`/api/service-plans/${seeded.planId}/items`, {
        subGoalId: next.subGoals[0]!.id,
        type: 'english-language-learning',
        learningStream: 'esl',
        expectedStart: '2026-09-08',
        expectedEnd: '2026-09-30',
      });
      next = await acceptSeedPlan(ada, next);
      const funded = await ada.post<{ id: string }>(`/api/plan-items/${itemsOf(next)[0]!.id}/pdc`, { trainingLoad: 'full-time' });
      returning = { ...seeded, fundedPdcId: funded.id };
    });

    test('a first plan of 31 months is refused at its 30-month limit; a 40% course load lets it run, and the counter shows it', {
      timeout: 150_000,
    }, async () => {
      const { context, page } = await newPage(suite.browser);
      try {
        await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
        await page.goto(`${suite.server.baseUrl}/service-plans/${first.planId}`);
        const training = page.getByRole('region', { name: 'Training' });
        const note = training.getByRole('note', { name: 'Training limits for this plan' });
        await note.getByText('A training plan may run 30 months (ISTHB s.44)').waitFor();
        await training.getByRole('button', { name: 'Add a plan item to Training…' }).click();
        await training.getByLabel('Plan item', { exact: true }).selectOption({ label: 'English language learning' });
        await training.getByLabel('Expected start').fill('2027-01-11');
        await training.getByLabel('Expected end').fill('2029-07-20');
        await training.getByRole('button', { name: 'Add plan item', exact: true }).click();
        const refusal = training
          .getByRole('alert')
          .filter({ hasText: 'This training plan would run 31 months; it is limited to 30 months.' });
        await refusal.waitFor();
        expect(await refusal.textContent()).toContain('50 with a reduced course load of at least 40%');
        expect(await problemsAtEachWidth(page, 'plan-limit-refused')).toEqual([]);

        await training.getByLabel('Course load (% of a full load)').fill('40');
        await training.getByRole('button', { name: 'Add plan item', exact: true }).click();
        await training.getByRole('listitem', { name: 'English language learning' }).waitFor();
        await note.getByText('This plan counts 31 months of training; its limit is 50 months').waitFor();
        expect(await problemsAtEachWidth(page, 'plan-limit-note')).toEqual([]);

        await page.goto(`${suite.server.baseUrl}/people/${first.personId}`);
        const streams = page.getByRole('region', { name: 'Learning streams' });
        const row = streams.getByRole('row', { name: /first plan/ });
        await row.waitFor();
        expect((await row.getByRole('cell').allTextContents()).slice(1).map((t) => t.trim())).toEqual(['31', '50 (reduced course load)']);
        expect(await problemsAtEachWidth(page, 'plan-limit-counter')).toEqual([]);
      } finally {
        await context.close();
      }
    });

    test("a training item's course load is changed on its update form, checked as when adding it", { timeout: 150_000 }, async () => {
      const ada = await Api.signIn(suite.server.baseUrl, 'official.ada');
      const { plan } = await newTrainingPlan(ada, { givenName: 'Kofi', familyName: 'Reducedload', birthDate: '1993-06-21' });
      await ada.post<PlanView>(`/api/service-plans/${plan.id}/items`, {
        subGoalId: plan.subGoals[0]!.id,
        type: 'english-language-learning',
        expectedStart: '2027-01-11',
        expectedEnd: '2027-06-25',
        courseLoadPercent: 60,
      });
      const { context, page } = await newPage(suite.browser);
      try {
        await signIn(page, suite.server.baseUrl, 'official.ada', DEMO_PASSWORD);
        await page.goto(`${suite.server.baseUrl}/service-plans/${plan.id}`);
        const item = page.getByRole('listitem', { name: 'English language learning' });
        await item.getByRole('button', { name: 'Update English language learning' }).click();
        const load = item.getByLabel('Course load (% of a full load)');
        expect(await load.inputValue()).toBe('60');
        await load.fill('150');
        await item.getByRole('button', { name: 'Save changes' }).click();
        await item.getByText('Enter a whole percentage from 1 to 100, or leave it empty for a full load').first().waitFor();
        expect(await problemsAtEachWidth(page, 'plan-item-course-load-update')).toEqual([]);
        await load.fill('40');
        await item.getByRole('button', { name: 'Save changes' }).click();
        await page.getByRole('status').filter({ hasText: 'English language learning updated.' }).waitFor();
        await item.getByText('40% of a full load').waitFor();
        expect((await ada.get<PlanView>(`/api/service-plans/${plan.id}`)).subGoals[0]!.items[0]!.courseLoadPercent).toBe(40);
      } finally {
        await context.close();
      }
    });

    test('extending a learner case past the ESL cap is named in the preview before the click, and refused in words', {
      timeout: 150_000,
    }, async () => {
      const { context, page } = await newPage(suite.browser);
      try {
        await signIn(page, suite.server.baseUrl, 'lbc.dana', DEMO_PASSWORD);
        await page.goto(`${suite.server.baseUrl}/pdcs/${returning.fundedPdcId}`);
        await page.getByRole('button', { name: /Change training dates/ }).click();
        const form = page.getByRole('form', { name: 'Change training dates' });
        await form.getByLabel('Training ends').fill('2026-12-18');
        await form.getByRole('button', { name: 'Preview' }).click();
        const rules = form.getByRole('note', { name: 'Learner rules' });
        await rules
          .getByText('English as a Second Language to 23 months; the cap for that stream is 20 months', { exact: false })
          .waitFor();
        expect(await problemsAtEachWidth(page, 'case-extension-preview')).toEqual([]);
        await form.getByRole('button', { name: 'Change dates and reassess' }).click();
        await form.getByRole('alert').filter({ hasText: 'the cap for that stream is 20 months' }).waitFor();
      } finally {
        await context.close();
      }
    });
  },
);
