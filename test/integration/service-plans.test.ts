/**
 * Service Plans through the API on a real database (R03, docs/policy/r03-service-management.md "The rules, numbered"
 * and the R03.2 closure paragraph): creation, sub-goals, items and their owners, completion and the
 * closure task, acceptance, closure (responsibility, open items, the 18-month hold for funded
 * training, passive closure), the closure summary, the agreement PDF and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateInWords } from '../../src/domain/dates-in-words.ts';
import { type Api, signedIn } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { entry, readPdf } from '../support/pdf.ts';
import { expectRefusedUnchanged, planSnapshot } from '../support/plan-rows.ts';
import {
  addItem,
  addSubGoal,
  completeItem,
  completion,
  createPlan,
  download,
  expectStatus,
  fundTraining,
  getPlan,
  itemOf,
  openTasks,
  planAcceptedAfterOldContact,
  planWithItems,
  readyPerson,
  serverOn,
  userIdOf,
} from '../support/plans.ts';
import { startTestServer, TEST_TODAY, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api;
let ben: Api;
let grace: Api;
let hugo: Api;
let adaId: string;
let benId: string;

const db = () => server.database.db;

beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
  ben = await signedIn(server.app, 'official.ben');
  grace = await signedIn(server.app, 'supervisor.grace');
  hugo = await signedIn(server.app, 'auditor.hugo');
  adaId = await userIdOf(ada);
  benId = await userIdOf(ben);
});
afterAll(() => server.close());

/** Every task about a plan, open or completed, as a supervisor sees them. */
async function tasksOfPlan(planId: string, status: 'open' | 'completed' = 'open') {
  return (await openTasks(grace, `?scope=all&status=${status}`)).filter((t) => t.recordId === planId);
}

async function auditActions(recordType: string, recordId: string) {
  return expectStatus(await hugo.get(`/api/audit?recordType=${recordType}&recordId=${recordId}`), 200, 'audit').events;
}

describe('creating a Service Plan (R03 pre-conditions, rule 1)', () => {
  it('a person without an open case or a completed assessment is refused with 409 SERVICE_PLAN_PRECONDITIONS_UNMET listing both, and nothing changes', async () => {
    const person = expectStatus(await ada.post('/api/people', personBody()), 201, 'register');
    const problem = await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/people/${person.id}/service-plans`),
      409,
      'SERVICE_PLAN_PRECONDITIONS_UNMET',
    );
    expect(problem.unmet.map((u: { condition: string }) => u.condition)).toEqual(['NO_OPEN_INTEGRATED_CASE', 'NO_COMPLETED_ASSESSMENT']);
  });

  it('an incomplete registration is named among the unmet conditions', async () => {
    const person = expectStatus(
      await ada.post('/api/people', { givenName: 'Lone', familyName: 'Traveller', birthDate: '1980-05-05' }),
      201,
      'register',
    );
    const problem = await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/people/${person.id}/service-plans`),
      409,
      'SERVICE_PLAN_PRECONDITIONS_UNMET',
    );
    expect(problem.unmet[0]).toMatchObject({ condition: 'REGISTRATION_INCOMPLETE' });
  });

  it('an assessment still in progress does not meet the pre-conditions', async () => {
    const person = expectStatus(await ada.post('/api/people', personBody()), 201, 'register');
    const opened = expectStatus(await ada.post(`/api/people/${person.id}/cases`, {}), 201, 'open case');
    await ada.post(`/api/cases/${opened.id}/assessments`, { needs: ['training'] });
    const problem = await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/people/${person.id}/service-plans`),
      409,
      'SERVICE_PLAN_PRECONDITIONS_UNMET',
    );
    expect(problem.unmet.map((u: { condition: string }) => u.condition)).toEqual(['NO_COMPLETED_ASSESSMENT']);
  });

  it('a ready person gets an open plan, created today by the official, whose one goal comes from the Primary Need', async () => {
    const ready = await readyPerson(ada, { needs: ['employment', 'job-search'], primaryNeed: 'employment' });
    const response = await ada.post(`/api/people/${ready.personId}/service-plans`);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'open',
      caseId: ready.caseId,
      primaryNeed: 'employment',
      goal: 'Attain sustainable employment',
      createdOn: TEST_TODAY,
      createdBy: { id: adaId, displayName: 'Ada Chen' },
      subGoals: [],
      version: 1,
    });
    expect(response.body.reference).toMatch(/^SP-\d{6}$/);
  });

  it('the goal comes from the latest completed assessment', async () => {
    const ready = await readyPerson(ada, { primaryNeed: 'employment' });
    const second = expectStatus(await ada.post(`/api/cases/${ready.caseId}/assessments`, { needs: ['job-search'] }), 201, 'start');
    await ada.post(`/api/assessments/${second.id}/complete`, { version: 1, needs: ['job-search'], primaryNeed: 'job-search' });
    const plan = await createPlan(ada, ready.personId);
    expect(plan).toMatchObject({ primaryNeed: 'job-search', goal: 'Conduct an effective job search' });
  });

  // Regression test: this was a bug found by these tests and fixed in the same change.
  it('the plan is linked to the assessment whose Primary Need set its goal', async () => {
    const earlier = await serverOn(server, '2026-05-01');
    const readyEarlier = await readyPerson(await earlier.signedIn('official.ada'), { primaryNeed: 'employment' }).finally(() =>
      earlier.close(),
    );
    const latest = expectStatus(await ada.post(`/api/cases/${readyEarlier.caseId}/assessments`, { needs: ['job-search'] }), 201, 'start');
    await ada.post(`/api/assessments/${latest.id}/complete`, { version: 1, needs: ['job-search'], primaryNeed: 'job-search' });
    const plan = await createPlan(ada, readyEarlier.personId);
    const [created] = await auditActions('service_plan', plan.id);
    expect(created.after.assessmentId).toBe(latest.id);
  });

  it('a second plan while one is open is refused as PLAN_ALREADY_OPEN naming the current plan, and nothing changes', async () => {
    const ready = await readyPerson(ada);
    const first = await createPlan(ada, ready.personId);
    const problem = await expectRefusedUnchanged(
      db(),
      () => ben.post(`/api/people/${ready.personId}/service-plans`),
      409,
      'PLAN_ALREADY_OPEN',
    );
    expect(problem.planId).toBe(first.id);
  });

  it('a second plan while one is active is refused as PLAN_ALREADY_ACTIVE, and nothing changes', async () => {
    const { personId } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }], { accept: true });
    await expectRefusedUnchanged(db(), () => ada.post(`/api/people/${personId}/service-plans`), 409, 'PLAN_ALREADY_ACTIVE');
  });

  it('two officials creating a plan for the same person at once produce exactly one plan', async () => {
    const ready = await readyPerson(ada);
    const answers = await Promise.all([
      ada.post(`/api/people/${ready.personId}/service-plans`),
      ben.post(`/api/people/${ready.personId}/service-plans`),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.body.code).toBe('PLAN_ALREADY_OPEN');
    const listed = expectStatus(await ada.get(`/api/people/${ready.personId}/service-plans`), 200, 'list plans');
    expect(listed.plans).toHaveLength(1);
  });

  it('after a plan is closed the person can have a new plan, and the closed one stays readable', async () => {
    const ready = await readyPerson(ada);
    const first = await createPlan(ada, ready.personId);
    expectStatus(
      await ada.post(`/api/service-plans/${first.id}/close`, { version: 1, closedOn: TEST_TODAY, reason: 'declined-further-services' }),
      200,
      'close',
    );
    const second = await ada.post(`/api/people/${ready.personId}/service-plans`);
    expect(second.status).toBe(201);
    const listed = expectStatus(await ada.get(`/api/people/${ready.personId}/service-plans`), 200, 'list plans');
    expect(listed.plans.map((p: { id: string; status: string }) => [p.id, p.status]).sort()).toEqual(
      [
        [first.id, 'closed'],
        [second.body.id, 'open'],
      ].sort(),
    );
    expect((await getPlan(ada, first.id)).status).toBe('closed');
  });
});

describe('sub-goals (rule 2)', () => {
  it('a plan may have several sub-goals of different types, each labelled', async () => {
    const plan = await createPlan(ada, (await readyPerson(ada)).personId);
    await addSubGoal(ada, plan.id, 'training');
    const { plan: after } = await addSubGoal(ada, plan.id, 'job-search');
    expect(after.subGoals.map((g: { type: string; label: string }) => [g.type, g.label])).toEqual([
      ['training', 'Training'],
      ['job-search', 'Job search'],
    ]);
  });

  it('a sub-goal type already in the plan is refused as SUBGOAL_ALREADY_IN_PLAN naming the existing sub-goal, and nothing changes', async () => {
    const plan = await createPlan(ada, (await readyPerson(ada)).personId);
    const { subGoal } = await addSubGoal(ada, plan.id, 'training');
    const problem = await expectRefusedUnchanged(
      db(),
      () => ben.post(`/api/service-plans/${plan.id}/sub-goals`, { type: 'training' }),
      409,
      'SUBGOAL_ALREADY_IN_PLAN',
      'type',
    );
    expect(problem.subGoalId).toBe(subGoal.id);
  });

  it('two officials adding the same sub-goal at once leave it in the plan once', async () => {
    const plan = await createPlan(ada, (await readyPerson(ada)).personId);
    const answers = await Promise.all([
      ada.post(`/api/service-plans/${plan.id}/sub-goals`, { type: 'employment' }),
      ben.post(`/api/service-plans/${plan.id}/sub-goals`, { type: 'employment' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect((await getPlan(ada, plan.id)).subGoals).toHaveLength(1);
  });

  it('an unknown sub-goal type is refused as UNKNOWN_SUBGOAL_TYPE, and nothing changes', async () => {
    const plan = await createPlan(ada, (await readyPerson(ada)).personId);
    await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/service-plans/${plan.id}/sub-goals`, { type: 'astrology' }),
      422,
      'UNKNOWN_SUBGOAL_TYPE',
      'type',
    );
  });
});

describe('plan items and their owners (rules 3-4)', () => {
  it('the official who adds an item owns it; it starts not started, named from the catalogue', async () => {
    const plan = await createPlan(ada, (await readyPerson(ada)).personId);
    const { subGoal } = await addSubGoal(ada, plan.id, 'training');
    const { item } = await addItem(ben, plan.id, {
      subGoalId: subGoal.id,
      type: 'academic-upgrading',
      expectedStart: '2026-09-01',
      expectedEnd: '2027-04-30',
    });
    expect(item).toMatchObject({
      owner: { id: benId, displayName: 'Ben Tremblay' },
      name: 'Academic upgrading',
      status: 'not-started',
      expectedStart: '2026-09-01',
      expectedEnd: '2027-04-30',
      outcome: null,
      version: 1,
    });
  });

  it('an item type from another sub-goal family is refused as ITEM_TYPE_NOT_IN_SUBGOAL, and nothing changes', async () => {
    const plan = await createPlan(ada, (await readyPerson(ada)).personId);
    const { subGoal } = await addSubGoal(ada, plan.id, 'training');
    await expectRefusedUnchanged(
      db(),
      () =>
        ada.post(`/api/service-plans/${plan.id}/items`, {
          subGoalId: subGoal.id,
          type: 'job-placement',
          expectedStart: '2026-07-01',
          expectedEnd: '2026-08-01',
        }),
      422,
      'ITEM_TYPE_NOT_IN_SUBGOAL',
      'type',
    );
  });

  it("a free-text 'other' item without a customName is refused as REQUIRED on customName, and nothing changes", async () => {
    const plan = await createPlan(ada, (await readyPerson(ada)).personId);
    const { subGoal } = await addSubGoal(ada, plan.id, 'barrier-reduction');
    await expectRefusedUnchanged(
      db(),
      () =>
        ada.post(`/api/service-plans/${plan.id}/items`, {
          subGoalId: subGoal.id,
          type: 'other',
          customName: '   ',
          expectedStart: '2026-07-01',
          expectedEnd: '2026-08-01',
        }),
      400,
      'REQUIRED',
      'customName',
    );
  });

  it("a free-text 'other' item is named by its customName", async () => {
    const plan = await createPlan(ada, (await readyPerson(ada)).personId);
    const { subGoal } = await addSubGoal(ada, plan.id, 'barrier-reduction');
    const { item } = await addItem(ada, plan.id, { subGoalId: subGoal.id, type: 'other', customName: 'Driver licence class 5' });
    expect(item).toMatchObject({ type: 'other', customName: 'Driver licence class 5', name: 'Driver licence class 5' });
  });

  it('an item expected to end before it starts is refused as END_BEFORE_START, and nothing changes', async () => {
    const plan = await createPlan(ada, (await readyPerson(ada)).personId);
    const { subGoal } = await addSubGoal(ada, plan.id, 'training');
    await expectRefusedUnchanged(
      db(),
      () =>
        ada.post(`/api/service-plans/${plan.id}/items`, {
          subGoalId: subGoal.id,
          type: 'academic-upgrading',
          expectedStart: '2026-09-01',
          expectedEnd: '2026-08-31',
        }),
      422,
      'END_BEFORE_START',
      'expectedEnd',
    );
  });

  it('another official updating an item is refused with 403 NOT_ITEM_OWNER naming the owner, and the item is unchanged', async () => {
    const { items } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    const problem = await expectRefusedUnchanged(
      db(),
      () => ben.patch(`/api/plan-items/${items[0].id}`, { version: 1, actualStart: '2026-06-01' }),
      403,
      'NOT_ITEM_OWNER',
    );
    expect(problem.ownerId).toBe(adaId);
  });

  it('another official completing an item is refused with 403 NOT_ITEM_OWNER, and nothing changes', async () => {
    const { items } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    await expectRefusedUnchanged(
      db(),
      () => ben.post(`/api/plan-items/${items[0].id}/complete`, completion(items[0], { outcome: 'cancelled', actualStart: undefined })),
      403,
      'NOT_ITEM_OWNER',
    );
  });

  it('the owner records the actual start: the item is in progress and its version moves on', async () => {
    const { items } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    const response = await ada.patch(`/api/plan-items/${items[0].id}`, { version: 1, actualStart: '2026-06-08' });
    expect(response.status).toBe(200);
    expect(itemOf(response.body, items[0].id)).toMatchObject({ actualStart: '2026-06-08', status: 'in-progress', version: 2 });
  });

  it('two officials work on their own items of the same plan at the same time', async () => {
    const { items } = await planWithItems(ada, [
      { subGoal: 'training', type: 'academic-upgrading' },
      { subGoal: 'job-search', type: 'resume-preparation', by: ben },
    ]);
    const answers = await Promise.all([
      ada.patch(`/api/plan-items/${items[0].id}`, { version: 1, actualStart: '2026-06-08' }),
      ben.patch(`/api/plan-items/${items[1].id}`, { version: 1, actualStart: '2026-06-09' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const plan = await getPlan(ada, answers[0]!.body.id);
    expect([itemOf(plan, items[0].id).actualStart, itemOf(plan, items[1].id).actualStart]).toEqual(['2026-06-08', '2026-06-09']);
  });

  it('an official cannot reassign an item (403), and nothing changes', async () => {
    const { items } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    await expectRefusedUnchanged(
      db(),
      () => ben.post(`/api/plan-items/${items[0].id}/reassign`, { version: 1, ownerId: benId }),
      403,
      'FORBIDDEN',
    );
  });

  it('after a supervisor reassigns an item, the new owner can update and complete it', async () => {
    const { items } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    const reassigned = expectStatus(
      await grace.post(`/api/plan-items/${items[0].id}/reassign`, { version: 1, ownerId: benId }),
      200,
      'reassign',
    );
    expect(itemOf(reassigned, items[0].id)).toMatchObject({ owner: { id: benId }, version: 2 });
    const updated = await ben.patch(`/api/plan-items/${items[0].id}`, { version: 2, actualStart: '2026-06-01' });
    expect(updated.status).toBe(200);
    const completed = await ben.post(`/api/plan-items/${items[0].id}/complete`, {
      version: 3,
      outcome: 'attained',
      actualEnd: '2026-06-12',
    });
    expect(completed.status).toBe(200);
    expect(itemOf(completed.body, items[0].id)).toMatchObject({ status: 'completed', outcome: 'attained' });
  });

  it('after a reassignment the previous owner can no longer change the item', async () => {
    const { items } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    await grace.post(`/api/plan-items/${items[0].id}/reassign`, { version: 1, ownerId: benId });
    await expectRefusedUnchanged(
      db(),
      () => ada.patch(`/api/plan-items/${items[0].id}`, { version: 2, description: 'mine?' }),
      403,
      'NOT_ITEM_OWNER',
    );
  });
});

describe('completing plan items (rules 5-6)', () => {
  it('completing without an outcome is refused as OUTCOME_REQUIRED, and nothing changes', async () => {
    const { items } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/plan-items/${items[0].id}/complete`, completion(items[0], { outcome: null })),
      422,
      'OUTCOME_REQUIRED',
      'outcome',
    );
  });

  it('completing with a stale version is refused with 409 VERSION_CONFLICT, and nothing changes', async () => {
    const { items } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    await ada.patch(`/api/plan-items/${items[0].id}`, { version: 1, description: 'Evening classes' });
    await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/plan-items/${items[0].id}/complete`, completion(items[0])),
      409,
      'VERSION_CONFLICT',
      'version',
    );
  });

  it('an item completed with an outcome and its actual dates is completed', async () => {
    const { items } = await planWithItems(ada, [
      { subGoal: 'training', type: 'academic-upgrading', expectedStart: '2026-01-05', expectedEnd: '2026-06-12' },
    ]);
    const { item } = await completeItem(ada, items[0]);
    expect(item).toMatchObject({
      status: 'completed',
      outcome: 'attained',
      actualStart: '2026-01-05',
      actualEnd: '2026-06-12',
      version: 2,
    });
  });

  it('an item that never started can be cancelled without an actual start', async () => {
    const { items } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    const { item } = await completeItem(ada, items[0], { outcome: 'cancelled', actualStart: undefined, actualEnd: TEST_TODAY });
    expect(item).toMatchObject({ status: 'completed', outcome: 'cancelled', actualStart: null });
  });

  it('a completed item cannot be completed again: ITEM_ALREADY_COMPLETED, and nothing changes', async () => {
    const { items } = await planWithItems(ada, [
      { subGoal: 'training', type: 'academic-upgrading', expectedStart: '2026-01-05', expectedEnd: '2026-06-12' },
    ]);
    const { item } = await completeItem(ada, items[0]);
    await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/plan-items/${item.id}/complete`, completion(item, { outcome: 'not-attained' })),
      409,
      'ITEM_ALREADY_COMPLETED',
    );
  });

  // Regression test: this was a bug found by these tests and fixed in the same change.
  it('an actual end after today is refused as DATE_IN_FUTURE, and nothing changes', async () => {
    const { items } = await planWithItems(ada, [
      { subGoal: 'training', type: 'academic-upgrading', expectedStart: '2026-01-05', expectedEnd: '2026-12-18' },
    ]);
    await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/plan-items/${items[0].id}/complete`, completion(items[0])),
      422,
      'DATE_IN_FUTURE',
      'actualEnd',
    );
  });

  it('completing an item while another remains open gives nobody a closure task', async () => {
    const { plan, items } = await planWithItems(ada, [
      { subGoal: 'training', type: 'academic-upgrading' },
      { subGoal: 'job-search', type: 'resume-preparation', by: ben },
    ]);
    await completeItem(ada, items[0], { outcome: 'cancelled', actualStart: undefined, actualEnd: TEST_TODAY });
    expect(await tasksOfPlan(plan.id)).toEqual([]);
  });

  it("completing the last open item gives its owner a 'plan-closure' task, in their worklist and their count", async () => {
    const { plan, items, personId } = await planWithItems(ada, [
      { subGoal: 'training', type: 'academic-upgrading' },
      { subGoal: 'job-search', type: 'resume-preparation', by: ben },
    ]);
    await completeItem(ada, items[0], { outcome: 'cancelled', actualStart: undefined, actualEnd: TEST_TODAY });
    const countBefore = expectStatus(await ben.get('/api/tasks/count'), 200, 'count').open;
    await completeItem(ben, items[1], { outcome: 'cancelled', actualStart: undefined, actualEnd: TEST_TODAY });
    const mine = (await openTasks(ben)).filter((t) => t.recordId === plan.id);
    expect(mine).toEqual([
      expect.objectContaining({
        kind: 'plan-closure',
        title: `Close Service Plan ${plan.reference}`,
        assignee: { id: benId, displayName: 'Ben Tremblay' },
        person: expect.objectContaining({ id: personId }),
        recordType: 'service_plan',
        dueOn: '2026-06-29',
        status: 'open',
      }),
    ]);
    expect(expectStatus(await ben.get('/api/tasks/count'), 200, 'count').open).toBe(countBefore + 1);
    expect((await openTasks(ada)).filter((t) => t.recordId === plan.id)).toEqual([]);
  });

  it('two officials completing the last two items at once create exactly one closure task, for whoever completed last', async () => {
    const { plan, items } = await planWithItems(ada, [
      { subGoal: 'training', type: 'academic-upgrading' },
      { subGoal: 'job-search', type: 'resume-preparation', by: ben },
    ]);
    const cancel = { outcome: 'cancelled', actualStart: undefined, actualEnd: TEST_TODAY };
    const answers = await Promise.all([
      ada.post(`/api/plan-items/${items[0].id}/complete`, completion(items[0], cancel)),
      ben.post(`/api/plan-items/${items[1].id}/complete`, completion(items[1], cancel)),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const tasks = await tasksOfPlan(plan.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0].assignee.id).toBe((await getPlan(ada, plan.id)).closureInfo.responsible.id);
  });

  // Regression test: this was a bug found by these tests and fixed in the same change.
  it('when an item added after the closure task is completed last, its owner gets the closure task', async () => {
    const { plan, items } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    await completeItem(ada, items[0], { outcome: 'cancelled', actualStart: undefined, actualEnd: TEST_TODAY });
    const { subGoal } = await addSubGoal(ben, plan.id, 'job-search');
    const { item } = await addItem(ben, plan.id, { subGoalId: subGoal.id, type: 'interview-preparation' });
    await completeItem(ben, item, { outcome: 'cancelled', actualStart: undefined, actualEnd: TEST_TODAY });
    const tasks = await tasksOfPlan(plan.id);
    expect(tasks.map((t) => [t.kind, t.assignee?.id])).toEqual([['plan-closure', benId]]);
  });
});

describe("accepting the plan: the person's record of mutual agreement", () => {
  it('acceptance makes an open plan active and records when, how and by whom', async () => {
    const { plan } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    const response = await ada.post(`/api/service-plans/${plan.id}/accept`, {
      version: plan.version,
      acceptedOn: TEST_TODAY,
      method: 'signed',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'active',
      acceptance: { acceptedOn: TEST_TODAY, method: 'signed', recordedBy: { id: adaId, displayName: 'Ada Chen' } },
      version: plan.version + 1,
    });
  });

  it('a plan without sub-goals cannot be accepted: PLAN_HAS_NO_SUBGOALS, and nothing changes', async () => {
    const plan = await createPlan(ada, (await readyPerson(ada)).personId);
    await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/service-plans/${plan.id}/accept`, { version: 1, acceptedOn: TEST_TODAY, method: 'verbal' }),
      409,
      'PLAN_HAS_NO_SUBGOALS',
    );
  });

  it('an acceptance dated before the plan was created is refused as END_BEFORE_START, and nothing changes', async () => {
    const { plan } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/service-plans/${plan.id}/accept`, { version: plan.version, acceptedOn: '2026-06-14', method: 'signed' }),
      422,
      'END_BEFORE_START',
      'acceptedOn',
    );
  });

  it('an acceptance dated after today is refused as DATE_IN_FUTURE, and nothing changes', async () => {
    const { plan } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/service-plans/${plan.id}/accept`, { version: plan.version, acceptedOn: '2026-06-16', method: 'signed' }),
      422,
      'DATE_IN_FUTURE',
      'acceptedOn',
    );
  });

  it('an active plan cannot be accepted again: PLAN_NOT_OPEN, and nothing changes', async () => {
    const { plan } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }], { accept: true });
    await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/service-plans/${plan.id}/accept`, { version: plan.version, acceptedOn: TEST_TODAY, method: 'signed' }),
      409,
      'PLAN_NOT_OPEN',
    );
  });
});

describe('closing the plan (rules 6-7, R03.2)', () => {
  /** An active plan whose one item Ada has completed: the closure task is hers. */
  async function completedPlan() {
    const made = await planWithItems(
      ada,
      [{ subGoal: 'training', type: 'academic-upgrading', expectedStart: '2026-01-05', expectedEnd: '2026-06-12' }],
      { accept: true },
    );
    const { plan } = await completeItem(ada, made.items[0]);
    return { ...made, plan };
  }

  it('an official who is not responsible for closure is refused with 403 NOT_RESPONSIBLE_FOR_CLOSURE naming who is, and nothing changes', async () => {
    const { plan } = await completedPlan();
    const problem = await expectRefusedUnchanged(
      db(),
      () =>
        ben.post(`/api/service-plans/${plan.id}/close`, {
          version: plan.version,
          closedOn: TEST_TODAY,
          reason: 'programs-finished-employed',
        }),
      403,
      'NOT_RESPONSIBLE_FOR_CLOSURE',
    );
    expect(problem.responsibleUserId).toBe(adaId);
  });

  it('a plan with items still open cannot close: OPEN_ITEMS_REMAIN lists them, and nothing changes', async () => {
    const { plan, items } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }], { accept: true });
    const problem = await expectRefusedUnchanged(
      db(),
      () =>
        ada.post(`/api/service-plans/${plan.id}/close`, {
          version: plan.version,
          closedOn: TEST_TODAY,
          reason: 'programs-finished-employed',
        }),
      409,
      'OPEN_ITEMS_REMAIN',
    );
    expect(problem.openItemIds).toEqual([items[0].id]);
  });

  it('the responsible official closes the plan with a reason, and their closure task is completed', async () => {
    const { plan } = await completedPlan();
    expect((await openTasks(ada)).filter((t) => t.recordId === plan.id).map((t) => t.kind)).toEqual(['plan-closure']);
    const response = await ada.post(`/api/service-plans/${plan.id}/close`, {
      version: plan.version,
      closedOn: TEST_TODAY,
      reason: 'programs-finished-employed',
      note: 'Started at the plant.',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'closed',
      closure: { closedOn: TEST_TODAY, reason: 'programs-finished-employed', note: 'Started at the plant.', closedBy: { id: adaId } },
    });
    expect((await openTasks(ada)).filter((t) => t.recordId === plan.id)).toEqual([]);
    expect((await tasksOfPlan(plan.id, 'completed')).map((t) => t.kind)).toEqual(['plan-closure']);
  });

  it('a supervisor may close the plan on behalf of the responsible official', async () => {
    const { plan } = await completedPlan();
    const response = await grace.post(`/api/service-plans/${plan.id}/close`, {
      version: plan.version,
      closedOn: TEST_TODAY,
      reason: 'declined-further-services',
    });
    expect(response.status).toBe(200);
    expect(response.body.closure.closedBy.displayName).toBe('Grace Okonkwo');
  });

  it('a closed plan can no longer change: PLAN_NOT_EDITABLE, and nothing changes', async () => {
    const { plan } = await completedPlan();
    await ada.post(`/api/service-plans/${plan.id}/close`, {
      version: plan.version,
      closedOn: TEST_TODAY,
      reason: 'programs-finished-employed',
    });
    await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/service-plans/${plan.id}/sub-goals`, { type: 'employment' }),
      409,
      'PLAN_NOT_EDITABLE',
    );
  });

  it('closing with a stale version is refused with 409 VERSION_CONFLICT, and nothing changes', async () => {
    const { plan } = await completedPlan();
    await expectRefusedUnchanged(
      db(),
      () =>
        ada.post(`/api/service-plans/${plan.id}/close`, {
          version: plan.version - 1,
          closedOn: TEST_TODAY,
          reason: 'programs-finished-employed',
        }),
      409,
      'VERSION_CONFLICT',
    );
  });

  it('closing with a date after today is refused as DATE_IN_FUTURE, and nothing changes', async () => {
    const { plan } = await completedPlan();
    await expectRefusedUnchanged(
      db(),
      () =>
        ada.post(`/api/service-plans/${plan.id}/close`, {
          version: plan.version,
          closedOn: '2026-06-16',
          reason: 'programs-finished-employed',
        }),
      422,
      'DATE_IN_FUTURE',
      'closedOn',
    );
  });

  // Regression test: this was a bug found by these tests and fixed in the same change.
  it('closing with a date before the plan was created is refused as END_BEFORE_START, and nothing changes', async () => {
    const { plan } = await completedPlan();
    await expectRefusedUnchanged(
      db(),
      () =>
        ada.post(`/api/service-plans/${plan.id}/close`, {
          version: plan.version,
          closedOn: '2026-01-01',
          reason: 'programs-finished-employed',
        }),
      422,
      'END_BEFORE_START',
      'closedOn',
    );
  });
});

describe('the 18-month hold on plans with funded training (rule 7)', () => {
  /** Funded training expected to end 2026-06-12, completed: the plan may close from 2027-12-12. */
  async function fundedTrainingPlan() {
    const made = await planWithItems(
      ada,
      [{ subGoal: 'training', type: 'academic-upgrading', expectedStart: '2026-01-05', expectedEnd: '2026-06-12' }],
      { accept: true },
    );
    const pdc = await fundTraining(ada, made.items[0].id);
    const { plan } = await completeItem(ada, made.items[0]);
    return { ...made, plan, pdc };
  }

  it('funding a training item creates an open learner income support PDC for the item, shown on the plan', async () => {
    const made = await planWithItems(
      ada,
      [{ subGoal: 'training', type: 'academic-upgrading', expectedStart: '2026-09-01', expectedEnd: '2027-04-30' }],
      { accept: true },
    );
    const response = await ada.post(`/api/plan-items/${made.items[0].id}/pdc`, { trainingLoad: 'full-time' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      program: 'learner-income-support',
      status: 'open',
      personId: made.personId,
      trainingStart: '2026-09-01',
      trainingEnd: '2027-04-30',
    });
    expect(itemOf(await getPlan(ada, made.plan.id), made.items[0].id).pdc).toMatchObject({ id: response.body.id, status: 'open' });
  });

  it('finding 10: funding training on an open plan the person has not accepted is refused as PLAN_NOT_ACCEPTED (R03 pre-condition 3), and nothing changes', async () => {
    const made = await planWithItems(ada, [
      { subGoal: 'training', type: 'academic-upgrading', expectedStart: '2026-09-01', expectedEnd: '2027-04-30' },
    ]);
    expect(made.plan.status).toBe('open');
    const problem = await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/plan-items/${made.items[0].id}/pdc`, { trainingLoad: 'full-time' }),
      409,
      'PLAN_NOT_ACCEPTED',
      'planItemId',
    );
    expect(problem.rule).toContain('R03 pre-condition 3');
    expect(itemOf(await getPlan(ada, made.plan.id), made.items[0].id).pdc).toBeNull();
  });

  it('only a training item can be funded, and nothing changes', async () => {
    const made = await planWithItems(ada, [{ subGoal: 'job-search', type: 'resume-preparation' }], { accept: true });
    await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/plan-items/${made.items[0].id}/pdc`, { trainingLoad: 'full-time' }),
      400,
      'INVALID_FORMAT',
      'planItemId',
    );
  });

  it('an item already funded cannot be funded again: ITEM_ALREADY_FUNDED names its learner income support case, and nothing changes', async () => {
    const made = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }], { accept: true });
    const pdc = await fundTraining(ada, made.items[0].id);
    const problem = await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/plan-items/${made.items[0].id}/pdc`, { trainingLoad: 'part-time' }),
      409,
      'ITEM_ALREADY_FUNDED',
    );
    expect(problem).toMatchObject({ title: 'This plan item already has its learner income support case', pdcId: pdc.id });
    expect(problem.detail).toContain(pdc.reference);
  });

  it('the plan shows when it may close: 18 months after the funded training expected end', async () => {
    const { plan } = await fundedTrainingPlan();
    expect(plan.closureInfo.heldUntil).toBe('2027-12-12');
  });

  it('closing inside the 18 months is refused as CLOSURE_HELD_FOR_FUNDED_TRAINING naming allowedFrom, and nothing changes', async () => {
    const { plan } = await fundedTrainingPlan();
    const problem = await expectRefusedUnchanged(
      db(),
      () =>
        ada.post(`/api/service-plans/${plan.id}/close`, {
          version: plan.version,
          closedOn: TEST_TODAY,
          reason: 'programs-finished-employed',
        }),
      409,
      'CLOSURE_HELD_FOR_FUNDED_TRAINING',
    );
    expect(problem.allowedFrom).toBe('2027-12-12');
  });

  // Regression test: this was a bug found by these tests and fixed in the same change.
  it('the hold refusal names the request field closedOn', async () => {
    const { plan } = await fundedTrainingPlan();
    const response = await ada.post(`/api/service-plans/${plan.id}/close`, {
      version: plan.version,
      closedOn: TEST_TODAY,
      reason: 'programs-finished-employed',
    });
    expect(response.body).toMatchObject({ code: 'CLOSURE_HELD_FOR_FUNDED_TRAINING', field: 'closedOn' });
  });

  it('on the day before allowedFrom the plan still cannot close, and nothing changes', async () => {
    const { plan } = await fundedTrainingPlan();
    const later = await serverOn(server, '2027-12-11');
    try {
      const adaLater = await later.signedIn('official.ada');
      await expectRefusedUnchanged(
        db(),
        () =>
          adaLater.post(`/api/service-plans/${plan.id}/close`, {
            version: plan.version,
            closedOn: '2027-12-11',
            reason: 'programs-finished-employed',
          }),
        409,
        'CLOSURE_HELD_FOR_FUNDED_TRAINING',
      );
    } finally {
      await later.close();
    }
  });

  it('from allowedFrom the responsible official closes the plan', async () => {
    const { plan } = await fundedTrainingPlan();
    const later = await serverOn(server, '2027-12-12');
    try {
      const adaLater = await later.signedIn('official.ada');
      const response = await adaLater.post(`/api/service-plans/${plan.id}/close`, {
        version: plan.version,
        closedOn: '2027-12-12',
        reason: 'programs-finished-employed',
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'closed', closure: { closedOn: '2027-12-12' } });
    } finally {
      await later.close();
    }
  });

  it('a supervisor is held by the 18 months too', async () => {
    const { plan } = await fundedTrainingPlan();
    await expectRefusedUnchanged(
      db(),
      () =>
        grace.post(`/api/service-plans/${plan.id}/close`, {
          version: plan.version,
          closedOn: TEST_TODAY,
          reason: 'declined-further-services',
        }),
      409,
      'CLOSURE_HELD_FOR_FUNDED_TRAINING',
    );
  });
});

describe('passive closure (R03.2: no contact for more than 90 days, no other service)', () => {
  /** An active plan with its one item cancelled: nothing but the passive-closure rules stands in the way. */
  async function quietPlan() {
    const made = await planWithItems(ada, [{ subGoal: 'job-search', type: 'resume-preparation' }], { accept: true });
    const { plan } = await completeItem(ada, made.items[0], { outcome: 'cancelled', actualStart: undefined, actualEnd: TEST_TODAY });
    return { ...made, plan };
  }

  it('passive closure within 90 days of the last contact is refused as PASSIVE_CLOSURE_NOT_DUE naming allowedFrom, and nothing changes', async () => {
    const { plan, personId } = await quietPlan();
    expectStatus(await ada.post(`/api/people/${personId}/interactions`, { occurredOn: TEST_TODAY, channel: 'phone' }), 201, 'contact');
    const problem = await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/service-plans/${plan.id}/close`, { version: plan.version, closedOn: TEST_TODAY, reason: 'no-contact' }),
      409,
      'PASSIVE_CLOSURE_NOT_DUE',
      'reason',
    );
    expect(problem.allowedFrom).toBe('2026-09-14');
  });

  it('on the 91st day without contact the plan closes passively', async () => {
    const { plan, personId } = await quietPlan();
    expectStatus(await ada.post(`/api/people/${personId}/interactions`, { occurredOn: TEST_TODAY, channel: 'phone' }), 201, 'contact');
    const later = await serverOn(server, '2026-09-14');
    try {
      const adaLater = await later.signedIn('official.ada');
      const response = await adaLater.post(`/api/service-plans/${plan.id}/close`, {
        version: plan.version,
        closedOn: '2026-09-14',
        reason: 'no-contact',
      });
      expect(response.status).toBe(200);
      expect(response.body.closure).toMatchObject({ reason: 'no-contact', closedOn: '2026-09-14' });
    } finally {
      await later.close();
    }
  });

  it('passive closure while the person uses another service (an open PDC) is refused as OTHER_SERVICE_ACTIVE, and nothing changes', async () => {
    // Funded training long finished (the 18-month hold is over by 2026-10-01), its PDC still open.
    const made = await planWithItems(
      ada,
      [{ subGoal: 'training', type: 'academic-upgrading', expectedStart: '2024-01-08', expectedEnd: '2024-03-28' }],
      { accept: true },
    );
    await fundTraining(ada, made.items[0].id);
    const { plan } = await completeItem(ada, made.items[0]);
    const later = await serverOn(server, '2026-10-01');
    try {
      const adaLater = await later.signedIn('official.ada');
      await expectRefusedUnchanged(
        db(),
        () => adaLater.post(`/api/service-plans/${plan.id}/close`, { version: plan.version, closedOn: '2026-10-01', reason: 'no-contact' }),
        409,
        'OTHER_SERVICE_ACTIVE',
        'reason',
      );
    } finally {
      await later.close();
    }
  });

  // Regression test: this was a bug found by these tests and fixed in the same change.
  it('a plan the person accepted today cannot be closed passively because of an old contact', async () => {
    const plan = await planAcceptedAfterOldContact(ada);
    await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/service-plans/${plan.id}/close`, { version: plan.version, closedOn: TEST_TODAY, reason: 'no-contact' }),
      409,
      'PASSIVE_CLOSURE_NOT_DUE',
    );
  });
});

describe('the closure summary', () => {
  it('lists what was attained, what was not (with the good cause) and what was cancelled', async () => {
    const made = await planWithItems(ada, [
      { subGoal: 'training', type: 'academic-upgrading', expectedStart: '2026-01-05', expectedEnd: '2026-03-27' },
      { subGoal: 'job-search', type: 'resume-preparation', expectedStart: '2026-04-06', expectedEnd: '2026-04-17' },
      { subGoal: 'employment', type: 'work-experience', expectedStart: '2026-05-04', expectedEnd: '2026-06-12' },
    ]);
    const [training, resume, work] = made.items;
    await completeItem(ada, training);
    await completeItem(ada, resume, { outcome: 'not-attained', goodCauseReason: 'Hospitalised for two weeks' });
    const { plan } = await completeItem(ada, work, { outcome: 'cancelled', actualStart: undefined, actualEnd: '2026-05-01' });
    const { summary } = plan.closureInfo;
    expect(summary.attained.map((i: { id: string }) => i.id)).toEqual([training.id]);
    expect(summary.notAttained).toEqual([expect.objectContaining({ id: resume.id, goodCauseReason: 'Hospitalised for two weeks' })]);
    expect(summary.cancelled.map((i: { id: string }) => i.id)).toEqual([work.id]);
    expect(plan.closureInfo).toMatchObject({ openItems: 0, responsible: { id: adaId } });
  });

  it('a good-cause reason on an attained outcome is refused, and nothing changes', async () => {
    const { items } = await planWithItems(ada, [
      { subGoal: 'training', type: 'academic-upgrading', expectedStart: '2026-01-05', expectedEnd: '2026-03-27' },
    ]);
    await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/plan-items/${items[0].id}/complete`, completion(items[0], { goodCauseReason: 'n/a' })),
      400,
      'INVALID_FORMAT',
      'outcome.goodCauseReason',
    );
  });
});

describe('the service agreement PDF', () => {
  it('is served as application/pdf, as an attachment named after the plan, starting with %PDF', async () => {
    const { plan } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }], { accept: true });
    const response = await download(server.app, 'official.ada', `/api/service-plans/${plan.id}/agreement.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/pdf/);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="service-agreement-${plan.reference}.pdf"`);
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('is tagged for screen readers: marked, with a structure tree, a language and its title shown', async () => {
    const { plan } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }], { accept: true });
    const response = await download(server.app, 'official.ada', `/api/service-plans/${plan.id}/agreement.pdf`);
    const pdf = await readPdf(new Uint8Array(response.rawPayload));
    expect(String(entry(pdf.lookup('MarkInfo'), 'Marked'))).toBe('true');
    expect(String(entry(pdf.lookup('StructTreeRoot'), 'Type'))).toBe('/StructTreeRoot');
    expect(String(pdf.lookup('Lang'))).toBe('(en-CA)');
    expect(String(entry(pdf.lookup('ViewerPreferences'), 'DisplayDocTitle'))).toBe('true');
    expect(pdf.doc.getTitle()).toBe(`Service agreement ${plan.reference}`);
  });

  it('has lines for the participant and the Authorized Official to print their name, sign and date', async () => {
    const { plan } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    const { text } = await readPdf(
      new Uint8Array((await download(server.app, 'official.ada', `/api/service-plans/${plan.id}/agreement.pdf`)).rawPayload),
    );
    for (const line of ["Participant's name", "Participant's signature", "Authorized Official's name", "Authorized Official's signature"])
      expect(text).toContain(line);
    expect(text.match(/^Date$/gm)).toHaveLength(2);
  });

  it('words its dates as the agreement page does ("5 Jan 2026"), never as ISO dates', async () => {
    const { plan } = await planWithItems(
      ada,
      [{ subGoal: 'training', type: 'academic-upgrading', expectedStart: '2026-01-05', expectedEnd: '2026-06-12' }],
      { accept: true },
    );
    const { text } = await readPdf(
      new Uint8Array((await download(server.app, 'official.ada', `/api/service-plans/${plan.id}/agreement.pdf`)).rawPayload),
    );
    expect(text).toContain('Expected start: 5 Jan 2026.');
    expect(text).toContain('Expected end: 12 Jun 2026.');
    expect(text).toContain(`Accepted by the participant on ${dateInWords(plan.createdOn)} (signed)`);
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  });

  it("is dated by the application's clock: its creation date is the instant the server's clock gives, not the machine's", async () => {
    const { plan } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    const response = await download(server.app, 'official.ada', `/api/service-plans/${plan.id}/agreement.pdf`);
    const pdf = await readPdf(new Uint8Array(response.rawPayload));
    expect(pdf.doc.getCreationDate()?.toISOString()).toBe(new Date(server.ctx.clock.now().epochMilliseconds).toISOString());
  });

  it('is not served to someone signed out', async () => {
    const { plan } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    const response = await server.app.inject({ method: 'GET', url: `/api/service-plans/${plan.id}/agreement.pdf` });
    expect(response.statusCode).toBe(401);
  });
});

describe('the audit trail of plans and items', () => {
  it('plan changes are audited on the plan: create, sub-goal, accept, close, with who did them', async () => {
    const { plan } = await planWithItems(
      ada,
      [{ subGoal: 'training', type: 'academic-upgrading', expectedStart: '2026-01-05', expectedEnd: '2026-06-12' }],
      { accept: true },
    );
    const { plan: done } = await completeItem(ada, itemOf(plan, plan.subGoals[0].items[0].id));
    await ada.post(`/api/service-plans/${plan.id}/close`, {
      version: done.version,
      closedOn: TEST_TODAY,
      reason: 'programs-finished-employed',
    });
    const events = await auditActions('service_plan', plan.id);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['plan.create', 'plan.subgoal.add', 'plan.accept', 'plan.close']);
    expect(events.every((e: { actor: { displayName: string } }) => e.actor.displayName === 'Ada Chen')).toBe(true);
    expect(events[3]).toMatchObject({ before: { status: 'active' }, after: { status: 'closed', reason: 'programs-finished-employed' } });
  });

  it('item changes are audited on the item with before and after: add, update, reassign, complete', async () => {
    const { items } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    await ada.patch(`/api/plan-items/${items[0].id}`, { version: 1, actualStart: '2026-06-01' });
    await grace.post(`/api/plan-items/${items[0].id}/reassign`, { version: 2, ownerId: benId });
    await ben.post(`/api/plan-items/${items[0].id}/complete`, { version: 3, outcome: 'not-attained', actualEnd: TEST_TODAY });
    const events = await auditActions('plan_item', items[0].id);
    expect(events.map((e: { action: string; actor: { displayName: string } }) => [e.action, e.actor.displayName])).toEqual([
      ['plan.item.add', 'Ada Chen'],
      ['plan.item.update', 'Ada Chen'],
      ['plan.item.reassign', 'Grace Okonkwo'],
      ['plan.item.complete', 'Ben Tremblay'],
    ]);
    expect(events[2]).toMatchObject({ before: { ownerId: adaId }, after: { ownerId: benId } });
    expect(events[3].before.outcome).toBeNull();
    expect(events[3].after.outcome).toBe('not-attained');
  });

  it('a refused change writes no audit event and no row', async () => {
    const { items } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    const before = await planSnapshot(db());
    expect((await ben.patch(`/api/plan-items/${items[0].id}`, { version: 1, description: 'not mine' })).status).toBe(403);
    expect(await planSnapshot(db())).toEqual(before);
    expect((await auditActions('plan_item', items[0].id)).map((e: { action: string }) => e.action)).toEqual(['plan.item.add']);
  });
});
