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
    const { plan, subGoalId } = await trainingPlan(personId);
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
      'ok',
    );
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
