/**
 * Learner program rules through the API (docs/policy/learner-program-rules.md): R08 refuses a new
 * training plan within 48 months of the last approved training, with the date it becomes possible;
 * an exception recorded by an Authorized Official and approved by a supervisor lets it go ahead;
 * funding past a duration cap is refused naming the cap and sends the regional queue a task; the
 * learning stream counter shows the months.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../support/api.ts';
import { signedIn } from '../support/api.ts';
import { acceptPlan, addSubGoal, createPlan, expectStatus, itemsOf, openTasks, readyPerson } from '../support/plans.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api;
let grace: Api;
let dana: Api;

beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
  grace = await signedIn(server.app, 'supervisor.grace');
  dana = await signedIn(server.app, 'lbc.dana');
}, 60_000);
afterAll(() => server?.close());

/** A new training plan for the person: an active plan with a training sub-goal; returns its id and sub-goal. */
async function trainingPlan(personId: string) {
  let plan = await createPlan(ada, personId);
  const { subGoal } = await addSubGoal(ada, plan.id, 'training');
  plan = expectStatus(await ada.get(`/api/service-plans/${plan.id}`), 200, 'plan');
  return { plan, subGoalId: subGoal.id as string };
}

const addTraining = (planId: string, subGoalId: string, body: Record<string, unknown>) =>
  ada.post(`/api/service-plans/${planId}/items`, { subGoalId, type: 'english-language-learning', learningStream: 'esl', ...body });

/** A person whose first (funded) ESL training ran 2022-09-06 to 2024-03-29, on a plan now closed. */
async function learnerAfterFirstTraining() {
  const ready = await readyPerson(ada, { primaryNeed: 'training' });
  const { plan, subGoalId } = await trainingPlan(ready.personId);
  const added = expectStatus(
    await addTraining(plan.id, subGoalId, { expectedStart: '2022-09-06', expectedEnd: '2024-03-29' }),
    200,
    'first',
  );
  const item = itemsOf(added)[0];
  const accepted = await acceptPlan(ada, added);
  expectStatus(await ada.post(`/api/plan-items/${item.id}/pdc`, { trainingLoad: 'full-time' }), 201, 'fund first');
  const completed = expectStatus(
    await ada.post(`/api/plan-items/${item.id}/complete`, {
      version: item.version,
      outcome: 'attained',
      actualStart: '2022-09-06',
      actualEnd: '2024-03-29',
    }),
    200,
    'complete first',
  );
  expectStatus(
    await ada.post(`/api/service-plans/${plan.id}/close`, {
      version: completed.version ?? accepted.version,
      closedOn: '2026-06-15',
      reason: 'programs-finished-employed',
    }),
    200,
    'close first plan',
  );
  return ready.personId;
}

describe('R08 subsequent training through the API', () => {
  it('a training item on a new plan 30 months after the last training is refused with the date it becomes possible', async () => {
    const personId = await learnerAfterFirstTraining();
    const { plan, subGoalId } = await trainingPlan(personId);
    const response = await addTraining(plan.id, subGoalId, { expectedStart: '2026-09-08', expectedEnd: '2027-06-25' });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: 'SUBSEQUENT_TRAINING_TOO_SOON',
      field: 'expectedStart',
      possibleFrom: '2028-03-29',
      rule: expect.stringContaining('R08'),
    });
  });

  it('an exception recorded by an official and approved by a supervisor lets the training go ahead, once', async () => {
    const personId = await learnerAfterFirstTraining();
    const { plan, subGoalId } = await trainingPlan(personId);
    const recorded = expectStatus(
      await ada.post(`/api/people/${personId}/training-exceptions`, {
        kind: 'subsequent-training',
        grounds: ['labour-force-attachment', 'skills-deficit'],
        explanation: 'Worked two years as a cook; the reassessment found a writing skills gap.',
      }),
      201,
      'record',
    );
    const exception = recorded.exceptions[0];
    expect(exception).toMatchObject({ status: 'pending', recordedBy: { name: expect.any(String) } });
    expect(
      (await openTasks(grace, '?scope=all')).some((t) => t.kind === 'training-exception-decision' && t.recordId === exception.id),
    ).toBe(true);
    expectStatus(
      await grace.post(`/api/training-exceptions/${exception.id}/decision`, { version: exception.version, decision: 'approved' }),
      200,
      'approve',
    );
    const added = expectStatus(
      await addTraining(plan.id, subGoalId, { expectedStart: '2026-09-08', expectedEnd: '2027-06-25' }),
      200,
      'add',
    );
    expect(itemsOf(added)[0].learningStream).toBe('esl');
    const view = expectStatus(await ada.get(`/api/people/${personId}/learning-streams`), 200, 'counter');
    expect(view.exceptions[0]).toMatchObject({ status: 'used', usedByRecordId: itemsOf(added)[0].id });
    const again = await addTraining(plan.id, subGoalId, { expectedStart: '2026-09-08', expectedEnd: '2026-12-18' });
    expect(again.status).toBe(200); // the same plan, already let through: not another subsequent plan
  });

  it('the official who recorded an exception cannot approve it, even as a supervisor', async () => {
    const personId = await learnerAfterFirstTraining();
    const recorded = expectStatus(
      await grace.post(`/api/people/${personId}/training-exceptions`, {
        kind: 'subsequent-training',
        grounds: ['progressive-training'],
        explanation: 'The new program is the second level of the first one.',
      }),
      201,
      'record',
    );
    const exception = recorded.exceptions[0];
    const response = await grace.post(`/api/training-exceptions/${exception.id}/decision`, {
      version: exception.version,
      decision: 'approved',
    });
    expect(response.body).toMatchObject({ status: 403, code: 'SEPARATION_OF_DUTIES' });
  });

  it('an exception without grounds is refused and nothing is recorded', async () => {
    const personId = await learnerAfterFirstTraining();
    const response = await ada.post(`/api/people/${personId}/training-exceptions`, {
      kind: 'subsequent-training',
      grounds: [],
      explanation: 'short',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['grounds', 'explanation']);
    expect((await ada.get(`/api/people/${personId}/learning-streams`)).body.exceptions).toEqual([]);
  });
});

describe('duration caps through the API', () => {
  it('funding ESL past 20 months is refused naming the cap, and the regional queue gets a reassessment task', async () => {
    const personId = await learnerAfterFirstTraining(); // 19 months of ESL: 2022-09 to 2024-03
    const { plan, subGoalId } = await subsequentPlanWithException(personId);
    const added = expectStatus(
      await addTraining(plan.id, subGoalId, { expectedStart: '2026-09-08', expectedEnd: '2026-12-18' }),
      200,
      'add',
    );
    await acceptPlan(ada, added);
    const item = itemsOf(added)[0];
    const response = await dana.post(`/api/plan-items/${item.id}/pdc`, { trainingLoad: 'full-time' });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'DURATION_CAP_EXCEEDED', cap: 'stream', stream: 'esl', capMonths: 20, months: 19 + 4 });
    const tasks = await openTasks(grace, '?scope=all');
    expect(tasks.filter((t) => t.kind === 'training-reassessment' && t.recordId === item.id)).toHaveLength(1);
    const counter = expectStatus(await dana.get(`/api/people/${personId}/learning-streams`), 200, 'counter');
    expect(counter.streams.find((s: { code: string }) => s.code === 'esl')).toMatchObject({ months: 19, capMonths: 20 });
    expect(counter.lastTraining).toEqual({ end: '2024-03-29', newPlanPossibleFrom: '2028-03-29' });
  });
});

/** A new plan for a learner after their first training, let through R08 by an approved exception; returns the plan and sub-goal. */
async function subsequentPlanWithException(personId: string) {
  const exception = expectStatus(
    await ada.post(`/api/people/${personId}/training-exceptions`, {
      kind: 'subsequent-training',
      grounds: ['learning-since'],
      explanation: 'Finished an evening course since; ready for the next level.',
    }),
    201,
    'record',
  ).exceptions[0];
  expectStatus(
    await grace.post(`/api/training-exceptions/${exception.id}/decision`, { version: exception.version, decision: 'approved' }),
    200,
    'approve',
  );
  return trainingPlan(personId);
}

/** Records and approves an exception of `kind` for the person. */
async function approvedExceptionOf(personId: string, kind: string) {
  const exception = expectStatus(
    await ada.post(`/api/people/${personId}/training-exceptions`, {
      kind,
      grounds: ['skills-deficit'],
      explanation: 'The reassessment found the program needs a longer period for this learner.',
    }),
    201,
    'record',
  ).exceptions[0];
  expectStatus(
    await grace.post(`/api/training-exceptions/${exception.id}/decision`, { version: exception.version, decision: 'approved' }),
    200,
    'approve',
  );
}

describe('R08 again when a training item’s start moves', () => {
  it('moving a training item’s start earlier into the 48 months is refused with the date it becomes possible, and changes nothing', async () => {
    const personId = await learnerAfterFirstTraining(); // last training ended 2024-03-29
    const { plan, subGoalId } = await trainingPlan(personId);
    const item = itemsOf(
      expectStatus(await addTraining(plan.id, subGoalId, { expectedStart: '2028-04-10', expectedEnd: '2028-12-15' }), 200, 'add'),
    )[0];
    const response = await ada.patch(`/api/plan-items/${item.id}`, { version: item.version, expectedStart: '2027-09-07' });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'SUBSEQUENT_TRAINING_TOO_SOON', field: 'expectedStart', possibleFrom: '2028-03-29' });
    const after = expectStatus(await ada.get(`/api/service-plans/${plan.id}`), 200, 'plan');
    expect(itemsOf(after)[0]).toMatchObject({ expectedStart: '2028-04-10', version: item.version });
  });

  it('an approved exception lets the start move earlier, and is used by the item', async () => {
    const personId = await learnerAfterFirstTraining();
    const { plan, subGoalId } = await trainingPlan(personId);
    const item = itemsOf(
      expectStatus(await addTraining(plan.id, subGoalId, { expectedStart: '2028-04-10', expectedEnd: '2028-12-15' }), 200, 'add'),
    )[0];
    await approvedExceptionOf(personId, 'subsequent-training');
    expectStatus(await ada.patch(`/api/plan-items/${item.id}`, { version: item.version, expectedStart: '2027-09-07' }), 200, 'move');
    const view = expectStatus(await ada.get(`/api/people/${personId}/learning-streams`), 200, 'counter');
    expect(view.exceptions[0]).toMatchObject({ kind: 'subsequent-training', status: 'used', usedByRecordId: item.id });
  });
});

describe('duration caps again when funded training is extended', () => {
  /** 19 months of ESL, then a funded month (September 2026) on a subsequent plan: 20, at the cap. */
  async function learnerAtTheCap() {
    const personId = await learnerAfterFirstTraining();
    const { plan, subGoalId } = await subsequentPlanWithException(personId);
    const added = expectStatus(
      await addTraining(plan.id, subGoalId, { expectedStart: '2026-09-08', expectedEnd: '2026-09-30' }),
      200,
      'add',
    );
    await acceptPlan(ada, added);
    const item = itemsOf(added)[0];
    const pdc = expectStatus(await dana.post(`/api/plan-items/${item.id}/pdc`, { trainingLoad: 'full-time' }), 201, 'fund');
    return { personId, item, pdc };
  }

  it('extending a learner case’s training past the ESL cap is refused naming the cap, with a reassessment task', async () => {
    const { item, pdc } = await learnerAtTheCap();
    const response = await dana.patch(`/api/pdcs/${pdc.id}/training`, { version: pdc.version, trainingEnd: '2026-12-18' });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: 'DURATION_CAP_EXCEEDED',
      field: 'trainingEnd',
      cap: 'stream',
      stream: 'esl',
      capMonths: 20,
      months: 19 + 4,
    });
    const tasks = await openTasks(grace, '?scope=all');
    expect(tasks.filter((t) => t.kind === 'training-reassessment' && t.recordId === item.id)).toHaveLength(1);
    const unchanged = expectStatus(await dana.get(`/api/people/${pdc.personId}/learning-streams`), 200, 'counter');
    expect(unchanged.streams.find((s: { code: string }) => s.code === 'esl').months).toBe(20);
  });

  it('the preview of an extension past the cap says the refusal in words, before anything is saved', async () => {
    const { pdc } = await learnerAtTheCap();
    const preview = expectStatus(await dana.post(`/api/pdcs/${pdc.id}/training/preview`, { trainingEnd: '2026-12-18' }), 200, 'preview');
    expect(preview.learnerRules).toEqual([
      {
        code: 'DURATION_CAP_EXCEEDED',
        detail: expect.stringContaining('English as a Second Language to 23 months; the cap for that stream is 20'),
      },
    ]);
    expect(preview.learnerRules[0].detail).toContain('Saving it would ask the regional office to reassess');
    const fits = expectStatus(await dana.post(`/api/pdcs/${pdc.id}/training/preview`, { trainingEnd: '2026-09-25' }), 200, 'fits');
    expect(fits.learnerRules).toEqual([]);
  });

  it('extending a funded item’s expected end past the cap is refused the same way', async () => {
    const { item } = await learnerAtTheCap();
    const current = await ada.get(`/api/plan-items/${item.id}`);
    const version = current.status === 200 ? current.body.version : item.version;
    const response = await ada.patch(`/api/plan-items/${item.id}`, { version, expectedEnd: '2026-12-18' });
    expect(response.body).toMatchObject({ code: 'DURATION_CAP_EXCEEDED', field: 'expectedEnd', capMonths: 20, months: 23 });
  });

  it('an approved duration-cap exception lets the case’s training be extended, once', async () => {
    const { personId, pdc } = await learnerAtTheCap();
    await approvedExceptionOf(personId, 'duration-cap');
    expectStatus(await dana.patch(`/api/pdcs/${pdc.id}/training`, { version: pdc.version, trainingEnd: '2026-12-18' }), 200, 'extend');
    const view = expectStatus(await dana.get(`/api/people/${personId}/learning-streams`), 200, 'counter');
    expect(view.exceptions[0]).toMatchObject({ kind: 'duration-cap', status: 'used', usedByRecordId: pdc.id });
    expect(view.streams.find((s: { code: string }) => s.code === 'esl').months).toBe(23);
  });
});

describe('ISTHB s.44 plan limits through the API', () => {
  it('a first plan of 31 months is refused at 30 naming the limit, and the regional queue gets a task', async () => {
    const ready = await readyPerson(ada, { primaryNeed: 'training' });
    const { plan, subGoalId } = await trainingPlan(ready.personId);
    const response = await addTraining(plan.id, subGoalId, { expectedStart: '2027-01-11', expectedEnd: '2029-07-20' });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: 'PLAN_LIMIT_EXCEEDED',
      field: 'expectedEnd',
      planKind: 'first',
      months: 31,
      limitMonths: 30,
      rule: expect.stringContaining('s.44'),
    });
    expect(response.body.detail).toContain('limited to 30 months');
    const tasks = await openTasks(grace, '?scope=all');
    expect(tasks.filter((t) => t.kind === 'training-reassessment' && t.recordId === plan.id)).toHaveLength(1);
  });

  it('a reduced course load of 40% allows a first plan of 50 months', async () => {
    const ready = await readyPerson(ada, { primaryNeed: 'training' });
    const { plan, subGoalId } = await trainingPlan(ready.personId);
    const added = expectStatus(
      await addTraining(plan.id, subGoalId, { expectedStart: '2027-01-11', expectedEnd: '2031-02-20', courseLoadPercent: 40 }),
      200,
      'add',
    );
    expect(itemsOf(added)[0].courseLoadPercent).toBe(40);
    const view = expectStatus(await ada.get(`/api/people/${ready.personId}/learning-streams`), 200, 'counter');
    expect(view.plans).toEqual([
      expect.objectContaining({ planId: plan.id, kind: 'first', months: 50, limitMonths: 50, basis: 'reduced-load' }),
    ]);
  });

  it('an approved plan-limit exception lets a first plan run 40 months, and the counter shows the plan against its limit', async () => {
    const ready = await readyPerson(ada, { primaryNeed: 'training' });
    const { plan, subGoalId } = await trainingPlan(ready.personId);
    await approvedExceptionOf(ready.personId, 'plan-limit');
    const added = expectStatus(
      await addTraining(plan.id, subGoalId, { expectedStart: '2027-01-11', expectedEnd: '2030-04-20' }),
      200,
      'add 40 months',
    );
    const view = expectStatus(await ada.get(`/api/people/${ready.personId}/learning-streams`), 200, 'counter');
    expect(view.exceptions[0]).toMatchObject({ kind: 'plan-limit', status: 'used', usedByRecordId: itemsOf(added)[0].id });
    expect(view.plans).toEqual([
      expect.objectContaining({ planId: plan.id, kind: 'first', months: 40, limitMonths: 40, basis: 'exceptional' }),
    ]);
  });

  it('extending a training item past the plan limit is refused, and nothing changes', async () => {
    const ready = await readyPerson(ada, { primaryNeed: 'training' });
    const { plan, subGoalId } = await trainingPlan(ready.personId);
    const item = itemsOf(
      expectStatus(await addTraining(plan.id, subGoalId, { expectedStart: '2027-01-11', expectedEnd: '2029-06-20' }), 200, 'add'),
    )[0];
    const response = await ada.patch(`/api/plan-items/${item.id}`, { version: item.version, expectedEnd: '2029-08-20' });
    expect(response.body).toMatchObject({ code: 'PLAN_LIMIT_EXCEEDED', months: 32, limitMonths: 30 });
    expect(itemsOf(expectStatus(await ada.get(`/api/service-plans/${plan.id}`), 200, 'plan'))[0].expectedEnd).toBe('2029-06-20');
  });
});
