/**
 * The work around Service Plans, through the API on a real database: contacts with the person,
 * tasks and worklists, the personal-information guard for learner income support recipients
 * (R03 Ongoing step 1.a, rule 9), caseload transfer, and the scheduled sweeps (passive-closure
 * review, R03.2; service-plan exit, rule 8): idempotent and safe to run twice at once.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/context.ts';
import { dateInWords } from '../../src/domain/dates-in-words.ts';
import { findJob } from '../../src/jobs/registry.ts';
import { passiveClosureReview, servicePlanExit } from '../../src/jobs/service-plan-sweeps.ts';
import { type Api, signedIn } from '../support/api.ts';
import { expectRefusedUnchanged, planSnapshot } from '../support/plan-rows.ts';
import {
  addItem,
  addSubGoal,
  completeItem,
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
let carmen: Api;
let grace: Api;
let dana: Api;
let eli: Api;
let hugo: Api;
let iris: Api;
let adaId: string;
let carmenId: string;
let danaId: string;

const db = () => server.database.db;
const NEW_ADDRESS = { line1: '11820 95 Street NW', city: 'Edmonton', province: 'AB', postalCode: 'T5G 1L6' };
const cancelled = { outcome: 'cancelled', actualStart: undefined, actualEnd: TEST_TODAY };

beforeAll(async () => {
  server = await startTestServer();
  [ada, ben, carmen, grace, dana, eli, hugo, iris] = (await Promise.all(
    ['official.ada', 'official.ben', 'official.carmen', 'supervisor.grace', 'lbc.dana', 'lbc.eli', 'auditor.hugo', 'admin.iris'].map((u) =>
      signedIn(server.app, u),
    ),
  )) as [Api, Api, Api, Api, Api, Api, Api, Api];
  adaId = await userIdOf(ada);
  carmenId = await userIdOf(carmen);
  danaId = await userIdOf(dana);
});
afterAll(() => server.close());

let officials = 0;
/** A new Authorized Official (so moving their caseload touches nobody else's work). */
async function newOfficial(): Promise<{ api: Api; id: string }> {
  officials += 1;
  const username = `official.leaving${officials}`;
  const created = expectStatus(
    await iris.post('/api/users', {
      username,
      displayName: `Leaving Official ${officials}`,
      roles: ['authorized-official'],
      password: 'leaving-password-1',
    }),
    201,
    'create user',
  );
  return { api: await signedIn(server.app, username, 'leaving-password-1'), id: created.id };
}

/** Every task about a record, as a supervisor sees them. */
async function tasksAbout(recordId: string, status: 'open' | 'completed' = 'open') {
  return (await openTasks(grace, `?scope=all&status=${status}`)).filter((t) => t.recordId === recordId);
}

/** A plan whose one item `owner` has completed: the closure task is the owner's. Returns the task. */
async function closureTaskOf(owner: Api) {
  const { plan, items } = await planWithItems(owner, [{ subGoal: 'job-search', type: 'resume-preparation' }]);
  await completeItem(owner, items[0], cancelled);
  const [task] = await tasksAbout(plan.id);
  return { plan, task };
}

/** A person with a plan whose training item is funded by a learner PDC (optionally coordinated). */
async function learner(coordinatorId?: string) {
  const made = await planWithItems(
    ada,
    [{ subGoal: 'training', type: 'academic-upgrading', expectedStart: '2026-09-01', expectedEnd: '2027-04-30' }],
    { accept: true },
  );
  const pdc = await fundTraining(ada, made.items[0].id, coordinatorId ? { coordinatorId } : {});
  const person = expectStatus(await ada.get(`/api/people/${made.personId}`), 200, 'read person');
  return { ...made, pdc, person };
}

describe('contacts with the person (R03 Ongoing step 1)', () => {
  it('a recorded contact is returned, and the contacts are listed newest first with who recorded them', async () => {
    const { personId } = await readyPerson(ada);
    const first = await ada.post(`/api/people/${personId}/interactions`, {
      occurredOn: '2026-06-01',
      channel: 'phone',
      note: 'Booked intake',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ personId, occurredOn: '2026-06-01', channel: 'phone', note: 'Booked intake' });
    await ben.post(`/api/people/${personId}/interactions`, { occurredOn: '2026-06-10', channel: 'in-person' });
    const listed = expectStatus(await ada.get(`/api/people/${personId}/interactions`), 200, 'list');
    expect(
      listed.interactions.map((i: { occurredOn: string; recordedBy: { displayName: string } }) => [i.occurredOn, i.recordedBy.displayName]),
    ).toEqual([
      ['2026-06-10', 'Ben Tremblay'],
      ['2026-06-01', 'Ada Chen'],
    ]);
  });

  it('a contact dated after today is refused as DATE_IN_FUTURE, and nothing changes', async () => {
    const { personId } = await readyPerson(ada);
    await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/people/${personId}/interactions`, { occurredOn: '2026-06-16', channel: 'phone' }),
      422,
      'DATE_IN_FUTURE',
      'occurredOn',
    );
  });

  it('a contact for an unknown person is a 404, and nothing changes', async () => {
    await expectRefusedUnchanged(
      db(),
      () => ada.post('/api/people/00000000-0000-4000-8000-000000000000/interactions', { occurredOn: TEST_TODAY, channel: 'phone' }),
      404,
      'NOT_FOUND',
    );
  });

  it('an auditor cannot record a contact (403), and nothing changes', async () => {
    const { personId } = await readyPerson(ada);
    await expectRefusedUnchanged(
      db(),
      () => hugo.post(`/api/people/${personId}/interactions`, { occurredOn: TEST_TODAY, channel: 'phone' }),
      403,
      'FORBIDDEN',
    );
  });

  it("the latest contact is the plan's last contact", async () => {
    const { plan, personId } = await planWithItems(ada, [{ subGoal: 'job-search', type: 'resume-preparation' }]);
    await ada.post(`/api/people/${personId}/interactions`, { occurredOn: '2026-06-12', channel: 'email' });
    expect((await getPlan(ada, plan.id)).closureInfo.lastContact).toBe('2026-06-12');
  });
});

describe('tasks and worklists', () => {
  it('the assignee completes their task: it is completed, its version moves on, and it leaves their worklist and count', async () => {
    const { task } = await closureTaskOf(ada);
    const countBefore = expectStatus(await ada.get('/api/tasks/count'), 200, 'count').open;
    const response = await ada.post(`/api/tasks/${task.id}/complete`, { version: task.version });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: task.id, status: 'completed', version: task.version + 1 });
    expect((await openTasks(ada)).map((t) => t.id)).not.toContain(task.id);
    expect(expectStatus(await ada.get('/api/tasks/count'), 200, 'count').open).toBe(countBefore - 1);
  });

  it('completing a task with a stale version is refused with 409 VERSION_CONFLICT, and nothing changes', async () => {
    const { task } = await closureTaskOf(ada);
    expectStatus(await grace.post(`/api/tasks/${task.id}/assign`, { version: task.version, assigneeId: adaId }), 200, 'assign');
    await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/tasks/${task.id}/complete`, { version: task.version }),
      409,
      'VERSION_CONFLICT',
      'version',
    );
  });

  it("an official completing someone else's task is refused with 403 NOT_TASK_ASSIGNEE, and nothing changes", async () => {
    const { task } = await closureTaskOf(ada);
    await expectRefusedUnchanged(
      db(),
      () => ben.post(`/api/tasks/${task.id}/complete`, { version: task.version }),
      403,
      'NOT_TASK_ASSIGNEE',
    );
  });

  it('a completed task cannot be completed again: TASK_NOT_OPEN, and nothing changes', async () => {
    const { task } = await closureTaskOf(ada);
    const done = expectStatus(await ada.post(`/api/tasks/${task.id}/complete`, { version: task.version }), 200, 'complete');
    await expectRefusedUnchanged(db(), () => ada.post(`/api/tasks/${task.id}/complete`, { version: done.version }), 409, 'TASK_NOT_OPEN');
  });

  it("a coordinator takes a task from their role's queue: it becomes theirs and leaves the other coordinators' worklists", async () => {
    const { person, pdc } = await learner();
    await ada.post(`/api/people/${person.id}/details`, {
      version: person.version,
      kind: 'phone',
      value: '780-555-0199',
      effectiveFrom: TEST_TODAY,
      acknowledgeLisWarning: true,
    });
    const [queued] = await tasksAbout(pdc.id);
    expect((await openTasks(eli)).map((t) => t.id)).toContain(queued.id);
    const taken = await dana.post(`/api/tasks/${queued.id}/assign`, { version: queued.version, assigneeId: danaId });
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ assigneeId: danaId, version: queued.version + 1 });
    expect((await openTasks(dana)).map((t) => t.id)).toContain(queued.id);
    expect((await openTasks(eli)).map((t) => t.id)).not.toContain(queued.id);
  });

  it('once a coordinator has taken a task, another coordinator cannot complete it: NOT_TASK_ASSIGNEE, and nothing changes', async () => {
    const { person, pdc } = await learner();
    await ada.post(`/api/people/${person.id}/details`, {
      version: person.version,
      kind: 'phone',
      value: '780-555-0198',
      effectiveFrom: TEST_TODAY,
      acknowledgeLisWarning: true,
    });
    const [queued] = await tasksAbout(pdc.id);
    const taken = expectStatus(
      await dana.post(`/api/tasks/${queued.id}/assign`, { version: queued.version, assigneeId: danaId }),
      200,
      'take',
    );
    await expectRefusedUnchanged(
      db(),
      () => eli.post(`/api/tasks/${queued.id}/complete`, { version: taken.version }),
      403,
      'NOT_TASK_ASSIGNEE',
    );
  });

  it('an official cannot assign their task to someone else (403), and nothing changes', async () => {
    const { task } = await closureTaskOf(ada);
    await expectRefusedUnchanged(
      db(),
      () => ada.post(`/api/tasks/${task.id}/assign`, { version: task.version, assigneeId: carmenId }),
      403,
      'FORBIDDEN',
    );
  });

  it('only a supervisor may see every worklist: scope=all is FORBIDDEN to an official', async () => {
    const response = await ada.get('/api/tasks?scope=all');
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'FORBIDDEN', field: 'scope' });
  });
});

describe('the personal-information guard for learner income support recipients (R03 Ongoing step 1.a, rule 9)', () => {
  it('changing the address without acknowledging the warning is refused with 428 LIS_WARNING_NOT_ACKNOWLEDGED naming the PDC, and nothing changes', async () => {
    const { person, pdc } = await learner(danaId);
    const problem = await expectRefusedUnchanged(
      db(),
      () =>
        ada.post(`/api/people/${person.id}/details`, {
          version: person.version,
          kind: 'address',
          value: NEW_ADDRESS,
          effectiveFrom: TEST_TODAY,
        }),
      428,
      'LIS_WARNING_NOT_ACKNOWLEDGED',
      'acknowledgeLisWarning',
    );
    expect(problem.pdcs).toEqual([{ id: pdc.id, reference: pdc.reference }]);
    expect((await ada.get(`/api/people/${person.id}`)).body.current.address.line1).toBe('10234 104 Street NW');
  });

  it("with the warning acknowledged the address changes, and the PDC's coordinator gets a 'lis-personal-info-changed' task describing the change", async () => {
    const { person, pdc } = await learner(danaId);
    const response = await ada.post(`/api/people/${person.id}/details`, {
      version: person.version,
      kind: 'address',
      value: NEW_ADDRESS,
      effectiveFrom: TEST_TODAY,
      acknowledgeLisWarning: true,
    });
    expect(response.status).toBe(200);
    expect(response.body.current.address.line1).toBe(NEW_ADDRESS.line1);
    const tasks = (await openTasks(dana)).filter((t) => t.recordId === pdc.id);
    expect(tasks).toEqual([
      expect.objectContaining({
        kind: 'lis-personal-info-changed',
        title: `Address changed for ${person.reference} (learner income support ${pdc.reference})`,
        assignee: { id: danaId, displayName: 'Dana Whitehorse' },
        recordType: 'pdc',
        person: expect.objectContaining({ id: person.id }),
        dueOn: '2026-06-20',
      }),
    ]);
    expect(tasks[0].detail).toContain('10234 104 Street NW');
    expect(tasks[0].detail).toContain('11820 95 Street NW');
    expect(tasks[0].detail).toContain(`effective ${dateInWords(TEST_TODAY)}`);
    expect(tasks[0].detail).toContain('Ada Chen');
  });

  it('when the PDC has no coordinator, the task goes to the learner-benefits-coordinator queue', async () => {
    const { person, pdc } = await learner();
    await ada.post(`/api/people/${person.id}/details`, {
      version: person.version,
      kind: 'address',
      value: NEW_ADDRESS,
      effectiveFrom: TEST_TODAY,
      acknowledgeLisWarning: true,
    });
    const [task] = await tasksAbout(pdc.id);
    expect(task).toMatchObject({ kind: 'lis-personal-info-changed', assignee: null, assigneeRole: 'learner-benefits-coordinator' });
    expect((await openTasks(dana)).map((t) => t.id)).toContain(task.id);
    expect((await openTasks(eli)).map((t) => t.id)).toContain(task.id);
  });

  it('correcting the name of a recipient is guarded too: 428 without the acknowledgement, and nothing changes', async () => {
    const { person } = await learner(danaId);
    await expectRefusedUnchanged(
      db(),
      () => ada.patch(`/api/people/${person.id}`, { version: person.version, givenName: 'Renamed' }),
      428,
      'LIS_WARNING_NOT_ACKNOWLEDGED',
    );
  });

  it('someone without learner income support is changed with no warning and no task', async () => {
    const { personId } = await readyPerson(ada);
    const person = expectStatus(await ada.get(`/api/people/${personId}`), 200, 'read');
    const tasksBefore = (await planSnapshot(db())).tasks;
    const response = await ada.post(`/api/people/${personId}/details`, {
      version: person.version,
      kind: 'address',
      value: NEW_ADDRESS,
      effectiveFrom: TEST_TODAY,
    });
    expect(response.status).toBe(200);
    expect((await planSnapshot(db())).tasks).toBe(tasksBefore);
  });
});

describe('caseload transfer', () => {
  it("a supervisor moves a leaving official's open plan items to another official, and their completed items stay with them", async () => {
    const leaving = await newOfficial();
    const { plan, items } = await planWithItems(leaving.api, [
      { subGoal: 'training', type: 'academic-upgrading' },
      { subGoal: 'job-search', type: 'resume-preparation' },
    ]);
    await completeItem(leaving.api, items[1], cancelled);
    const response = await grace.post('/api/caseloads/transfer', { fromUserId: leaving.id, toUserId: carmenId });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      planItemsMoved: 1,
      tasksMoved: 0,
      from: { id: leaving.id },
      to: { id: carmenId, displayName: 'Carmen Ruiz' },
    });
    const after = await getPlan(grace, plan.id);
    expect(itemOf(after, items[0].id).owner.id).toBe(carmenId);
    expect(itemOf(after, items[1].id).owner.id).toBe(leaving.id);
  });

  it("the transfer loses no task: every open task of the leaving official is now the receiver's", async () => {
    const leaving = await newOfficial();
    const { task: first } = await closureTaskOf(leaving.api);
    const { task: second } = await closureTaskOf(leaving.api);
    const theirs = (await openTasks(leaving.api)).map((t) => t.id).sort();
    expect(theirs).toEqual([first.id, second.id].sort());
    const carmenBefore = (await openTasks(carmen)).map((t) => t.id);
    const response = await grace.post('/api/caseloads/transfer', { fromUserId: leaving.id, toUserId: carmenId });
    expect(response.body).toMatchObject({ planItemsMoved: 0, tasksMoved: 2 });
    expect(await openTasks(leaving.api)).toEqual([]);
    expect((await openTasks(carmen)).map((t) => t.id).sort()).toEqual([...carmenBefore, ...theirs].sort());
  });

  it('the transfer is audited with what moved', async () => {
    const leaving = await newOfficial();
    const { items } = await planWithItems(leaving.api, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    await grace.post('/api/caseloads/transfer', { fromUserId: leaving.id, toUserId: carmenId });
    const events = expectStatus(await hugo.get(`/api/audit?recordType=user&recordId=${leaving.id}`), 200, 'audit').events;
    expect(events.at(-1)).toMatchObject({
      action: 'caseload.transfer',
      actor: { displayName: 'Grace Okonkwo' },
      after: { planItems: [items[0].id], tasks: [] },
    });
  });

  it('the preview names each plan item and task the transfer would move, and moves nothing', async () => {
    const leaving = await newOfficial();
    const receiving = await newOfficial();
    const { plan, items } = await planWithItems(leaving.api, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    const { task } = await closureTaskOf(leaving.api);
    const response = await grace.post('/api/caseloads/transfer/preview', { fromUserId: leaving.id, toUserId: receiving.id });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      planItemCount: 1,
      taskCount: 1,
      tasks: [{ id: task.id }],
      from: { id: leaving.id },
      to: { id: receiving.id },
    });
    expect(response.body.planItems).toContainEqual(
      expect.objectContaining({ id: items[0].id, planId: plan.id, planReference: plan.reference }),
    );
    expect(itemOf(await getPlan(grace, plan.id), items[0].id).owner.id).toBe(leaving.id);
    expect((await openTasks(leaving.api)).map((t) => t.id)).toEqual([task.id]);
  });

  it('the receiving official finds the moved plan items among the plan items they own', async () => {
    const leaving = await newOfficial();
    const receiving = await newOfficial();
    const { items } = await planWithItems(leaving.api, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    await grace.post('/api/caseloads/transfer', { fromUserId: leaving.id, toUserId: receiving.id });
    const mine = expectStatus(await receiving.api.get('/api/caseloads/mine'), 200, 'my caseload');
    expect(mine.planItems.map((i: { id: string }) => i.id)).toEqual([items[0].id]);
  });

  it('the receiving official can complete a transferred item', async () => {
    const leaving = await newOfficial();
    const { items } = await planWithItems(leaving.api, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    await grace.post('/api/caseloads/transfer', { fromUserId: leaving.id, toUserId: carmenId });
    const response = await carmen.post(`/api/plan-items/${items[0].id}/complete`, {
      version: items[0].version + 1,
      outcome: 'cancelled',
      actualEnd: TEST_TODAY,
    });
    expect(response.status).toBe(200);
    expect(itemOf(response.body, items[0].id)).toMatchObject({ status: 'completed', outcome: 'cancelled' });
  });

  // Regression test: this was a bug found by these tests and fixed in the same change.
  it('the official who receives a closure task in a transfer can close that plan', async () => {
    const leaving = await newOfficial();
    const { plan } = await closureTaskOf(leaving.api);
    await grace.post('/api/caseloads/transfer', { fromUserId: leaving.id, toUserId: carmenId });
    const current = await getPlan(carmen, plan.id);
    const response = await carmen.post(`/api/service-plans/${plan.id}/close`, {
      version: current.version,
      closedOn: TEST_TODAY,
      reason: 'declined-further-services',
    });
    expect(response.status).toBe(200);
  });

  it('an official cannot transfer a caseload (403), and nothing changes', async () => {
    const leaving = await newOfficial();
    await planWithItems(leaving.api, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    await expectRefusedUnchanged(
      db(),
      () => ada.post('/api/caseloads/transfer', { fromUserId: leaving.id, toUserId: adaId }),
      403,
      'FORBIDDEN',
    );
  });

  it('a caseload cannot go to someone who is not an official (a coordinator), and nothing changes', async () => {
    const leaving = await newOfficial();
    await planWithItems(leaving.api, [{ subGoal: 'training', type: 'academic-upgrading' }]);
    await expectRefusedUnchanged(
      db(),
      () => grace.post('/api/caseloads/transfer', { fromUserId: leaving.id, toUserId: danaId }),
      404,
      'NOT_FOUND',
      'toUserId',
    );
  });
});

describe('the passive-closure-review job (R03.2)', () => {
  const on = (today: string) => ({ ...server.ctx, clock: fixedClock(today) });
  const reviewTasks = (planId: string) => tasksAbout(planId).then((ts) => ts.filter((t) => t.kind === 'plan-closure-review'));

  /** An active plan, accepted today, with an open item of Ada's: she is responsible for closure. */
  const activePlan = () => planWithItems(ada, [{ subGoal: 'job-search', type: 'resume-preparation' }], { accept: true });

  it('a plan with no contact for more than 90 days gets a review task for the official responsible for closure', async () => {
    const { plan, personId } = await activePlan();
    await passiveClosureReview.run(on('2026-09-14'));
    expect(await reviewTasks(plan.id)).toEqual([
      expect.objectContaining({
        kind: 'plan-closure-review',
        title: `Review Service Plan ${plan.reference} for passive closure`,
        assignee: { id: adaId, displayName: 'Ada Chen' },
        person: expect.objectContaining({ id: personId }),
        dueOn: '2026-09-28',
      }),
    ]);
  });

  it('a plan with no contact for exactly 90 days gets no review task', async () => {
    const { plan } = await activePlan();
    await passiveClosureReview.run(on('2026-09-13'));
    expect(await reviewTasks(plan.id)).toEqual([]);
  });

  it('a recent contact keeps a plan off the review list', async () => {
    const { plan, personId } = await activePlan();
    const later = await serverOn(server, '2026-08-01');
    try {
      expectStatus(
        await (await later.signedIn('official.ada')).post(`/api/people/${personId}/interactions`, {
          occurredOn: '2026-08-01',
          channel: 'phone',
        }),
        201,
        'contact',
      );
    } finally {
      await later.close();
    }
    await passiveClosureReview.run(on('2026-09-14'));
    expect(await reviewTasks(plan.id)).toEqual([]);
  });

  it('a plan whose person uses another service (an open PDC) gets no review task', async () => {
    const { plan } = await activePlan();
    const { subGoal } = await addSubGoal(ada, plan.id, 'training');
    const { item } = await addItem(ada, plan.id, {
      subGoalId: subGoal.id,
      type: 'academic-upgrading',
      expectedStart: '2026-09-01',
      expectedEnd: '2027-04-30',
    });
    await fundTraining(ada, item.id);
    await passiveClosureReview.run(on('2026-09-14'));
    expect(await reviewTasks(plan.id)).toEqual([]);
  });

  it('running the review twice, one after the other, creates the task once', async () => {
    const { plan } = await activePlan();
    const first = await passiveClosureReview.run(on('2026-09-20'));
    const second = await passiveClosureReview.run(on('2026-09-20'));
    expect(first.outcomes.tasksCreated).toBeGreaterThanOrEqual(1);
    expect(second.outcomes.tasksCreated).toBe(0);
    expect(await reviewTasks(plan.id)).toHaveLength(1);
  });

  it('two review runs at once create exactly one task per plan', async () => {
    const { plan } = await activePlan();
    const openBefore = (await openTasks(grace, '?scope=all')).filter((t) => t.kind === 'plan-closure-review').length;
    const runs = await Promise.all([passiveClosureReview.run(on('2026-09-25')), passiveClosureReview.run(on('2026-09-25'))]);
    expect(await reviewTasks(plan.id)).toHaveLength(1);
    const openAfter = (await openTasks(grace, '?scope=all')).filter((t) => t.kind === 'plan-closure-review').length;
    expect(runs[0]!.outcomes.tasksCreated! + runs[1]!.outcomes.tasksCreated!).toBe(openAfter - openBefore);
  });

  // Regression test: this was a bug found by these tests and fixed in the same change.
  it('a contact from before the plan was accepted does not make a new plan a review candidate', async () => {
    const plan = await planAcceptedAfterOldContact(ada);
    await passiveClosureReview.run(on('2026-06-16'));
    expect(await reviewTasks(plan.id)).toEqual([]);
  });

  it('a supervisor runs the job through the API and gets its summary', async () => {
    const { plan } = await activePlan();
    const later = await serverOn(server, '2026-10-05');
    try {
      const response = await (await later.signedIn('supervisor.grace')).post('/api/jobs/passive-closure-review/run');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        job: 'passive-closure-review',
        examined: expect.any(Number),
        outcomes: { tasksCreated: expect.any(Number) },
      });
      expect(response.body.examined).toBeGreaterThanOrEqual(1);
    } finally {
      await later.close();
    }
    expect(await reviewTasks(plan.id)).toHaveLength(1);
  });

  it('an official cannot run a job (403), and nothing changes', async () => {
    await activePlan();
    await expectRefusedUnchanged(db(), () => ada.post('/api/jobs/passive-closure-review/run'), 403, 'FORBIDDEN');
  });

  it("the jobs list shows a batch run's chunks from the queue's tables after it ran", async () => {
    await learner();
    expect((await grace.post('/api/jobs/reassessment/run')).status).toBe(200);
    const { jobs } = expectStatus(await grace.get('/api/jobs'), 200, 'jobs');
    const reassessment = jobs.find((j: { name: string }) => j.name === 'reassessment');
    expect(reassessment.runs[0]).toMatchObject({
      kind: 'batch',
      status: 'completed',
      states: { completed: expect.any(Number) },
      startedBy: { by: 'user', displayName: 'Grace Okonkwo' },
    });
  });

  it('a job run by hand is in the jobs history like a scheduled run: completed, with its summary and who started it', async () => {
    const ran = expectStatus(await iris.post('/api/jobs/service-plan-exit/run'), 200, 'run by hand');
    const { jobs } = expectStatus(await grace.get('/api/jobs'), 200, 'jobs');
    const exit = jobs.find((j: { name: string }) => j.name === 'service-plan-exit');
    expect(exit.runs[0]).toMatchObject({
      kind: 'scheduled',
      status: 'completed',
      output: { job: 'service-plan-exit', examined: ran.examined, outcomes: ran.outcomes },
      startedBy: { by: 'user', displayName: 'Iris Park' },
    });
    expect(exit.runs[0].finishedOn).not.toBeNull();
  });

  it('a run from the command line (`waypoint jobs run`) is in the history as started there, by the operator’s account', async () => {
    await findJob('passive-closure-review')!.run(server.ctx, undefined, { startedBy: { by: 'command-line', account: 'operator' } });
    const { jobs } = expectStatus(await grace.get('/api/jobs'), 200, 'jobs');
    const review = jobs.find((j: { name: string }) => j.name === 'passive-closure-review');
    expect(review.runs[0]).toMatchObject({
      kind: 'scheduled',
      status: 'completed',
      startedBy: { by: 'command-line', account: 'operator' },
    });
  });

  it('an unknown job is a 404 naming it', async () => {
    const response = await grace.post('/api/jobs/no-such-job/run');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND', field: 'params.name' });
  });
});

describe('the service-plan-exit job (rule 8: a linked PDC, not engaged for more than 18 months)', () => {
  const on = (today: string) => ({ ...server.ctx, clock: fixedClock(today) });
  const exitEvents = async (planId: string) =>
    expectStatus(await hugo.get(`/api/audit?recordType=service_plan&recordId=${planId}`), 200, 'audit').events.filter(
      (e: { action: string }) => e.action === 'plan.exit',
    );

  const allExitEvents = async () => {
    const result = await db().execute(sql`select count(*)::int as n from audit_events where action = 'plan.exit'`);
    const rows = (Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows) as { n: number }[];
    return Number(rows[0]!.n);
  };

  /**
   * An active plan accepted today whose training item, 2026-09-01 to 2027-04-30, is funded by a PDC:
   * the training is engagement while it runs, so the person was last engaged on 2027-04-30, and
   * both the exit and the closure hold (rule 7) run to 2028-10-30.
   */
  async function fundedPlan() {
    const made = await planWithItems(
      ada,
      [{ subGoal: 'training', type: 'academic-upgrading', expectedStart: '2026-09-01', expectedEnd: '2027-04-30' }],
      { accept: true },
    );
    await fundTraining(ada, made.items[0].id);
    return made;
  }

  it('finding 2: a learner in funded training is never marked exited mid-training, however long since the last contact', async () => {
    // Training 2026-09-01 to 2028-02-29 (18 months, within the duration caps); no contact since the plan was accepted on 2026-06-15.
    const made = await planWithItems(
      ada,
      [{ subGoal: 'training', type: 'academic-upgrading', expectedStart: '2026-09-01', expectedEnd: '2028-02-29' }],
      { accept: true },
    );
    await fundTraining(ada, made.items[0].id);
    // 2026-06-15 + 18 months = 2027-12-15: more than 18 months without a contact, in the middle of the training.
    const summary = await servicePlanExit.run(on('2028-01-15'));
    expect(summary.examined).toBeGreaterThanOrEqual(1);
    expect(await getPlan(ada, made.plan.id)).toMatchObject({ status: 'active', exitedOn: null, version: made.plan.version });
    expect(await exitEvents(made.plan.id)).toEqual([]);
  });

  it('a plan with a linked PDC not engaged for more than 18 months after its training ended is recorded as exited, by the system', async () => {
    const { plan } = await fundedPlan();
    const summary = await servicePlanExit.run(on('2028-10-31'));
    expect(summary.outcomes.exited).toBeGreaterThanOrEqual(1);
    expect(await getPlan(ada, plan.id)).toMatchObject({ status: 'exited', exitedOn: '2028-10-31', version: plan.version + 1 });
    expect(await exitEvents(plan.id)).toEqual([
      expect.objectContaining({
        actor: null,
        before: { status: 'active' },
        after: expect.objectContaining({ status: 'exited', exitedOn: '2028-10-31', lastEngaged: '2027-04-30' }),
      }),
    ]);
  });

  it('a plan whose funded training ended exactly 18 months ago is not exited', async () => {
    const { plan } = await fundedPlan();
    await servicePlanExit.run(on('2028-10-30'));
    expect((await getPlan(ada, plan.id)).status).toBe('active');
  });

  it('a contact after the training ended counts as engagement and postpones the exit', async () => {
    const { plan, personId } = await fundedPlan();
    const later = await serverOn(server, '2027-06-01');
    try {
      expectStatus(
        await (await later.signedIn('official.ada')).post(`/api/people/${personId}/interactions`, {
          occurredOn: '2027-06-01',
          channel: 'phone',
        }),
        201,
        'record contact',
      );
    } finally {
      await later.close();
    }
    await servicePlanExit.run(on('2028-12-01'));
    expect((await getPlan(ada, plan.id)).status).toBe('active');
    await servicePlanExit.run(on('2028-12-02'));
    expect((await getPlan(ada, plan.id)).status).toBe('exited');
  });

  it('running the exit job again changes nothing', async () => {
    const { plan } = await fundedPlan();
    await servicePlanExit.run(on('2028-11-05'));
    const before = await planSnapshot(db());
    const again = await servicePlanExit.run(on('2028-11-05'));
    expect(again.outcomes.exited).toBe(0);
    expect(await planSnapshot(db())).toEqual(before);
    expect(await exitEvents(plan.id)).toHaveLength(1);
  });

  it('two exit runs at once record the exit exactly once', async () => {
    const { plan } = await fundedPlan();
    const exitsBefore = await allExitEvents();
    const runs = await Promise.all([servicePlanExit.run(on('2028-11-10')), servicePlanExit.run(on('2028-11-10'))]);
    expect(await exitEvents(plan.id)).toHaveLength(1);
    expect(await getPlan(ada, plan.id)).toMatchObject({ status: 'exited', version: plan.version + 1 });
    // Each exit a run reports is one recorded exit: no plan was exited by both runs.
    expect(runs[0]!.outcomes.exited! + runs[1]!.outcomes.exited!).toBe((await allExitEvents()) - exitsBefore);
  });

  it('an exited plan no longer blocks a new plan for the person', async () => {
    const { plan, personId } = await fundedPlan();
    await servicePlanExit.run(on('2028-12-01'));
    expect((await getPlan(ada, plan.id)).status).toBe('exited');
    expect((await ada.post(`/api/people/${personId}/service-plans`)).status).toBe(201);
  });

  // Last: it runs the job far in the future, exiting every plan with a PDC made above.
  it('a plan without a PDC is never exited, however long it goes without engagement', async () => {
    const { plan } = await planWithItems(ada, [{ subGoal: 'training', type: 'academic-upgrading' }], { accept: true });
    await servicePlanExit.run(on('2035-01-01'));
    expect(await getPlan(ada, plan.id)).toMatchObject({ status: 'active', exitedOn: null, version: plan.version });
    expect(await exitEvents(plan.id)).toEqual([]);
  });
});

describe('team dashboard', () => {
  it('each count of waiting tasks is the length of the list it links to', async () => {
    await closureTaskOf(ada);
    const team = expectStatus(await grace.get('/api/team'), 200, 'team dashboard');
    for (const list of ['overdue', 'plan-closure', 'two-attending', 'evidence-approval'] as const) {
      const tasks = expectStatus(await grace.get(`/api/tasks?scope=all&list=${list}`), 200, list).tasks;
      expect({ list, count: team.tasks[list] }).toEqual({ list, count: tasks.length });
    }
    expect(team.tasks['plan-closure']).toBeGreaterThan(0);
  });

  it("shows each official's open plan items and open tasks", async () => {
    const official = await newOfficial();
    await planWithItems(official.api, [
      { subGoal: 'training', type: 'academic-upgrading' },
      { subGoal: 'job-search', type: 'resume-preparation' },
    ]);
    await closureTaskOf(official.api);
    const team = expectStatus(await grace.get('/api/team?limit=200'), 200, 'team dashboard');
    expect(team.officials).toContainEqual({ id: official.id, displayName: expect.any(String), planItems: 2, tasks: 1 });
  });
});
