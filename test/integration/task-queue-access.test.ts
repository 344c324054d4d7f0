/**
 * A role's queue is not a way around access by caseload (docs/access-control.md "Tasks and queues").
 * Before: a queued task showed its person's name and the changed address to every user of the role,
 * in every office, and taking it put the person on the taker's caseload; a supervisor of any office
 * completed or assigned any task. Now a task about a person is shown, taken, assigned and completed
 * only by those whose reach (caseload, office, team, learner case; sensitivity) includes the person,
 * without the task itself.
 */
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, timestamp } from '../../src/app/context.ts';
import { BREAK_GLASS_ROLES, decideAccess, reachOf } from '../../src/domain/access/access.ts';
import { accessFactRows, personInReach } from '../../src/store/repos/access.ts';
import { persons } from '../../src/store/schema.ts';
import { type Api, signedIn, userIds } from '../support/api.ts';
import { learnerWithPdc } from '../support/learner.ts';
import { addOffice, placeUser, setSensitivity } from '../support/placements.ts';
import { expectRefusedUnchanged } from '../support/plan-rows.ts';
import { expectStatus, openTasks } from '../support/plans.ts';
import { startTestServer, TEST_TODAY, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api; // official, main office: registers the learners of the main office
let carmen: Api; // official, north office
let dana: Api; // coordinator, main office
let eli: Api; // coordinator, north office
let grace: Api; // supervisor, north office, no team
let hamid: Api; // supervisor, main office
let ids: Record<string, string>;

const db = () => server.database.db;
const QUEUE = 'learner-benefits-coordinator';

/** A learner with an uncoordinated learner case whose address changed: a task in the coordinators' queue. */
async function queuedTaskAbout(official: Api) {
  const learner = await learnerWithPdc(official);
  const person = expectStatus(await official.get(`/api/people/${learner.personId}`), 200, 'read person');
  expectStatus(
    await official.post(`/api/people/${learner.personId}/details`, {
      version: person.version,
      kind: 'phone',
      value: '780-555-0142',
      effectiveFrom: TEST_TODAY,
      acknowledgeLisWarning: true,
    }),
    200,
    'change phone',
  );
  const [task] = (await openTasks(official === ada ? hamid : grace, '?scope=all')).filter((t) => t.recordId === learner.pdcId);
  if (!task) throw new Error('no queued task');
  expect(task).toMatchObject({ assignee: null, assigneeRole: QUEUE });
  return { learner, task };
}

let main: Awaited<ReturnType<typeof queuedTaskAbout>>;

beforeAll(async () => {
  server = await startTestServer();
  await addOffice(db(), 'north', 'North office');
  for (const username of ['official.carmen', 'lbc.eli', 'supervisor.grace']) await placeUser(db(), username, { office: 'north' });
  [ada, carmen, dana, eli, grace, hamid] = (await Promise.all(
    ['official.ada', 'official.carmen', 'lbc.dana', 'lbc.eli', 'supervisor.grace', 'supervisor.hamid'].map((u) => signedIn(server.app, u)),
  )) as [Api, Api, Api, Api, Api, Api];
  ids = await userIds(hamid);
  main = await queuedTaskAbout(ada);
}, 120_000);
afterAll(() => server?.close());

const taskIds = async (api: Api, query = '') => (await openTasks(api, query)).map((t) => t.id);

describe('a queued task about a person outside the reader’s reach', () => {
  it('is not on the worklist of a coordinator of another office', async () => {
    expect(await taskIds(eli)).not.toContain(main.task.id);
    expect(await taskIds(dana)).toContain(main.task.id);
  });

  it('is not counted in the other office’s queue counts or worklist badge', async () => {
    const [eliList, danaList] = await Promise.all([eli.get('/api/tasks'), dana.get('/api/tasks')]);
    const queued = (list: { body: any }) => list.body.counts.queue.find((c: any) => c.value === QUEUE)?.count ?? 0;
    expect(queued(eliList)).toBe(queued(danaList) - 1);
    const [eliCount, danaCount] = await Promise.all([eli.get('/api/tasks/count'), dana.get('/api/tasks/count')]);
    expect(eliCount.body.open).toBe(danaCount.body.open - 1);
  });

  it('cannot be taken by a coordinator of another office: 403 NOT_ON_CASELOAD, and the person stays out of their reach', async () => {
    await expectRefusedUnchanged(
      db(),
      () => eli.post(`/api/tasks/${main.task.id}/assign`, { version: main.task.version, assigneeId: ids['lbc.eli'] }),
      403,
      'NOT_ON_CASELOAD',
    );
    expect((await eli.get(`/api/people/${main.learner.personId}`)).status).toBe(403);
  });

  it('is not among every worklist of a supervisor of another office', async () => {
    expect(await taskIds(grace, '?scope=all')).not.toContain(main.task.id);
    expect(await taskIds(hamid, '?scope=all')).toContain(main.task.id);
  });

  it('cannot be assigned by a supervisor of another office: 403 NOT_ON_CASELOAD, and nothing changes', async () => {
    await expectRefusedUnchanged(
      db(),
      () => grace.post(`/api/tasks/${main.task.id}/assign`, { version: main.task.version, assigneeId: ids['lbc.eli'] }),
      403,
      'NOT_ON_CASELOAD',
    );
  });

  it('cannot be completed by a supervisor of another office: 403 NOT_ON_CASELOAD, and nothing changes', async () => {
    await expectRefusedUnchanged(
      db(),
      () => grace.post(`/api/tasks/${main.task.id}/complete`, { version: main.task.version }),
      403,
      'NOT_ON_CASELOAD',
    );
  });

  it('a coordinator of the other office sees and takes the queued tasks of their own office', async () => {
    const north = await queuedTaskAbout(carmen);
    expect(await taskIds(dana)).not.toContain(north.task.id);
    expectStatus(
      await eli.post(`/api/tasks/${north.task.id}/assign`, { version: north.task.version, assigneeId: ids['lbc.eli'] }),
      200,
      'take',
    );
    expect(await taskIds(eli)).toContain(north.task.id);
  });
});

describe('a queued task about a person above the reader’s clearance', () => {
  it('is not shown, and taking it is refused with 403 ABOVE_SENSITIVITY_CLEARANCE', async () => {
    const sensitive = await queuedTaskAbout(ada);
    await setSensitivity(db(), sensitive.learner.personId, 2);
    expect(await taskIds(dana)).not.toContain(sensitive.task.id);
    await expectRefusedUnchanged(
      db(),
      () => dana.post(`/api/tasks/${sensitive.task.id}/assign`, { version: sensitive.task.version, assigneeId: ids['lbc.dana'] }),
      403,
      'ABOVE_SENSITIVITY_CLEARANCE',
    );
  });

  it('cannot be assigned by a supervisor to someone below the person’s sensitivity: 422 ASSIGNEE_CANNOT_WORK_TASKS', async () => {
    const sensitive = await queuedTaskAbout(ada);
    await setSensitivity(db(), sensitive.learner.personId, 2);
    await placeUser(db(), 'supervisor.hamid', { clearance: 2 });
    await expectRefusedUnchanged(
      db(),
      () => hamid.post(`/api/tasks/${sensitive.task.id}/assign`, { version: sensitive.task.version, assigneeId: ids['lbc.dana'] }),
      422,
      'ASSIGNEE_CANNOT_WORK_TASKS',
      'assigneeId',
    );
    await placeUser(db(), 'lbc.dana', { clearance: 2 });
    expectStatus(
      await hamid.post(`/api/tasks/${sensitive.task.id}/assign`, { version: sensitive.task.version, assigneeId: ids['lbc.dana'] }),
      200,
      'assign',
    );
    await placeUser(db(), 'lbc.dana', { clearance: 1 });
    await placeUser(db(), 'supervisor.hamid', { clearance: 1 });
  });
});

describe('the worklist’s condition in SQL and the access rule agree', () => {
  /**
   * personInReach against decideAccess for every user and person: the people each user is allowed
   * (`user person`); `grants`: with the users' live break-glass grants counted, as the home page's lists count them.
   */
  async function compareEveryone(grants: boolean): Promise<string[]> {
    const people = (await db().select({ id: persons.id }).from(persons)).map((p) => p.id);
    const users = (await hamid.get('/api/users')).body.users as { id: string; username: string; roles: string[] }[];
    const now = timestamp(fixedClock(TEST_TODAY)); // the server's clock: grants made now are live
    const allowed: string[] = [];
    let compared = 0;
    for (const user of users) {
      const mayBreakGlass = user.roles.some((role) => BREAK_GLASS_ROLES.includes(role));
      const reader = { userId: user.id, reach: reachOf(user.roles), ...(grants && mayBreakGlass && { breakGlassAt: now }) };
      const inSql = await db()
        .select({ id: persons.id, inReach: personInReach(persons.id, reader) })
        .from(persons)
        .where(inArray(persons.id, people));
      const facts = new Map((await accessFactRows(db(), user.id, people, now)).map((r) => [r.id, r]));
      for (const row of inSql) {
        const f = facts.get(row.id)!;
        const decision = decideAccess({
          roles: user.roles,
          clearance: Number(f.clearance),
          sensitivity: Number(f.sensitivity),
          ownCaseload: f.own,
          officeCaseload: f.office,
          teamCaseload: f.team,
          learnerCaseInOffice: f.learner,
          breakGlassReason: grants ? f.grant_reason : null,
        });
        expect({ user: user.username, person: row.id, inReach: row.inReach }).toEqual({
          user: user.username,
          person: row.id,
          inReach: decision.allowed,
        });
        compared += 1;
        if (decision.allowed) allowed.push(`${user.username} ${row.id}`);
      }
    }
    expect(compared).toBe(users.length * people.length);
    return allowed;
  }

  it('for every user and person, personInReach holds exactly when decideAccess allows the read without break-glass', async () => {
    // More shapes: a team across offices, a learner case coordinated from the other office, a person above clearance 1.
    await placeUser(db(), 'official.ada', { team: 'east-team' });
    await placeUser(db(), 'supervisor.grace', { team: 'east-team' });
    await placeUser(db(), 'lbs.farah', { office: 'north' });
    const coordinatedFromNorth = await learnerWithPdc(ada, { coordinatorId: ids['lbc.eli'] });
    const sensitive = await learnerWithPdc(carmen);
    await setSensitivity(db(), sensitive.personId, 2);
    await placeUser(db(), 'official.carmen', { clearance: 2 });
    const allowed = await compareEveryone(false);
    // Both answers occur for every kind of reach, so the comparison is not vacuous.
    expect(allowed).toContain(`supervisor.grace ${main.learner.personId}`);
    expect(allowed).toContain(`lbc.eli ${coordinatedFromNorth.personId}`);
    expect(allowed).toContain(`lbs.farah ${coordinatedFromNorth.personId}`);
    expect(allowed).toContain(`official.carmen ${sensitive.personId}`);
    expect(allowed).not.toContain(`lbc.eli ${sensitive.personId}`);
    expect(allowed).not.toContain(`admin.iris ${main.learner.personId}`);
    expect(allowed).toContain(`auditor.hugo ${main.learner.personId}`);
  });

  it('with live break-glass grants counted, personInReach holds exactly when decideAccess allows the read', async () => {
    // A grant opens a person outside the reach, never one above the clearance.
    const outside = await learnerWithPdc(ada);
    const above = await learnerWithPdc(ada);
    for (const learner of [outside, above]) {
      expectStatus(
        await eli.post(`/api/people/${learner.personId}/break-glass`, { reason: 'Answering a call from this learner about their case.' }),
        201,
        'break glass',
      );
    }
    await setSensitivity(db(), above.personId, 2);
    const allowed = await compareEveryone(true);
    expect(allowed).toContain(`lbc.eli ${outside.personId}`);
    expect(allowed).not.toContain(`lbc.eli ${above.personId}`);
  });
});
