/**
 * Seeds, through the API, the fixture every operation of src/http/operations.ts acts on; signs in
 * one user per role; sends an operation's request; and fingerprints the whole database (row count
 * and an MD5 of every row of every table) so "nothing changed" covers in-place updates too.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from '../../src/app/demo-data.ts';
import type { Role } from '../../src/app/roles.ts';
import { type Fixture, type Operation, type OperationRequest, urlOf } from '../../src/http/operations.ts';
import type { Db } from '../../src/store/db.ts';
import { type Api, signedIn, userIds } from './api.ts';
import { personBody } from './fixtures.ts';
import { learnerWithPdc } from './learner.ts';
import { acceptPlan, addItem, addSubGoal, createPlan, expectStatus, readyPerson } from './plans.ts';
import { TEST_TODAY } from './server.ts';

/** The user who acts for each role in the matrix (official.ada owns the fixture's plan items). */
export const MATRIX_USERS: Readonly<Record<Role, string>> = {
  'authorized-official': 'official.ada',
  'learner-benefits-coordinator': 'lbc.dana',
  'learner-benefit-specialist': 'lbs.farah',
  supervisor: 'supervisor.grace',
  auditor: 'auditor.hugo',
  administrator: 'admin.iris',
  'finance-officer': 'finance.kim',
};

/** A session cookie for `username`. */
export async function sessionCookie(app: FastifyInstance, username: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password: DEMO_PASSWORD } });
  const cookie = response.cookies.find((c) => c.name === 'waypoint_session');
  if (response.statusCode !== 200 || !cookie) throw new Error(`sign-in as ${username} failed: ${response.statusCode} ${response.body}`);
  return cookie.value;
}

/** Sends an operation's request as the holder of `cookie` (null: anonymous). */
export function send(
  app: FastifyInstance,
  op: Operation,
  request: OperationRequest,
  cookie: string | null,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: op.method,
    url: urlOf(op, request),
    ...(cookie !== null && { cookies: { waypoint_session: cookie } }),
    ...(request.body !== undefined && { payload: request.body as object }),
  });
}

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

let tableList: string[] | null = null;

/**
 * The tables whose rows are checked: every table of the public schema but the two request counters,
 * which a refused request writes by design: the sign-in throttle counts each failure
 * (docs/sign-in.md), and the per-address request limit counts every request, refused or not,
 * in the database so that every server shares it (docs/scaling.md).
 */
const WATCHED_TABLES = `select tablename as name from pg_tables where schemaname = 'public' and tablename not in ('sign_in_throttles', 'request_counts') order by tablename`;

/** Row count and an MD5 over every row, for every table of the public schema. */
export async function fingerprint(db: Db): Promise<Record<string, string>> {
  if (!tableList) {
    const tables = rowsOf<{ name: string }>(await db.execute(sql.raw(WATCHED_TABLES)));
    tableList = tables.map((t) => t.name);
  }
  const query = tableList
    .map((t) => `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t}" x`)
    .join(' union all ');
  const rows = rowsOf<{ t: string; n: number; h: string }>(await db.execute(sql.raw(query)));
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

/**
 * Counts committed row changes cheaply, for checking after every one of thousands of requests:
 * a row-level trigger on every table of the public schema appends a row to test_watch.changes
 * (test instrumentation in the test's own database, outside the public schema). Inserts do not
 * contend for locks, and the trigger's insert commits or rolls back with the change itself, so a
 * refused request whose transaction rolled back counts nothing.
 */
export async function watchChanges(db: Db): Promise<{
  count(): Promise<number>;
  byTable(): Promise<Record<string, number>>;
  latest(n: number): Promise<{ tbl: string; op: string }[]>;
}> {
  const tables = rowsOf<{ name: string }>(await db.execute(sql.raw(WATCHED_TABLES))).map((t) => t.name);
  const statements = [
    'create schema if not exists test_watch',
    'create table if not exists test_watch.changes (id bigserial primary key, tbl text not null, op text not null)',
    `create or replace function test_watch.record_change() returns trigger language plpgsql as $$
     begin
       insert into test_watch.changes (tbl, op) values (tg_table_name, tg_op);
       return null;
     end $$`,
    ...tables.flatMap((t) => [
      `drop trigger if exists zz_test_watch on public."${t}"`,
      `create trigger zz_test_watch after insert or update or delete on public."${t}" for each row execute function test_watch.record_change()`,
      `drop trigger if exists zz_test_watch_truncate on public."${t}"`,
      `create trigger zz_test_watch_truncate after truncate on public."${t}" for each statement execute function test_watch.record_change()`,
    ]),
  ];
  for (const statement of statements) await db.execute(sql.raw(statement));
  return {
    count: async () => Number(rowsOf<{ n: number }>(await db.execute(sql.raw('select count(*)::int as n from test_watch.changes')))[0]!.n),
    byTable: async () =>
      Object.fromEntries(
        rowsOf<{ tbl: string; n: number }>(
          await db.execute(sql.raw('select tbl, count(*)::int as n from test_watch.changes group by tbl')),
        ).map((r) => [r.tbl, Number(r.n)]),
      ),
    latest: async (n: number) =>
      rowsOf<{ tbl: string; op: string }>(
        await db.execute(sql.raw(`select tbl, op from test_watch.changes order by id desc limit ${Math.max(0, Math.trunc(n))}`)),
      ),
  };
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

async function versionOf(api: Api, url: string, pick: (body: any) => number = (b) => b.version): Promise<number> {
  return pick(expectStatus(await api.get(url), 200, `read ${url}`));
}

/**
 * Seeds the records of `Fixture` through the API (as official.ada, lbc.dana and supervisor.grace)
 * and returns them.
 */
export async function seedFixture(app: FastifyInstance, db: Db): Promise<Fixture> {
  const ada = await signedIn(app, 'official.ada');
  const dana = await signedIn(app, 'lbc.dana');
  const grace = await signedIn(app, 'supervisor.grace');
  const users = await userIds(grace);
  const carmen = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.username, 'official.carmen') });
  const gabriel = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.username, 'lbs.gabriel') });
  const register = async () => expectStatus(await ada.post('/api/people', personBody()), 201, 'register').id as string;
  const openCase = async (personId: string) =>
    expectStatus(await ada.post(`/api/people/${personId}/cases`, { openedOn: '2026-05-01' }), 201, 'open case');

  // The main person: ready, with an active plan whose training items official.ada owns.
  const main = await readyPerson(ada);
  let plan = await createPlan(ada, main.personId);
  const training = await addSubGoal(ada, plan.id, 'training');
  const item = (type: string) =>
    addItem(ada, plan.id, { subGoalId: training.subGoal.id, type, expectedStart: '2026-06-01', expectedEnd: '2026-12-18' });
  const owned = (await item('academic-upgrading')).item;
  const completable = (await item('apprenticeship-technical-training')).item;
  const reassignable = (await item('english-language-learning')).item;
  const fundable = (await item('occupational-skills-training')).item;
  plan = await acceptPlan(ada, await versionOfPlan(ada, plan.id));

  // People for relationships; a relationship to end.
  const relatives: [string, string] = [await register(), await register()];
  const [spouseA, spouseB] = [await register(), await register()];
  const relationship = expectStatus(
    await ada.post('/api/relationships', {
      kind: 'spouse',
      subtype: 'married',
      personId: spouseA,
      relatedPersonId: spouseB,
      startDate: '2015-06-01',
    }),
    201,
    'record relationship',
  );

  // Cases and assessments.
  const personWithoutCase = await register();
  const assessed = await openCase(await register());
  const openAssessment = expectStatus(
    await ada.post(`/api/cases/${assessed.id}/assessments`, { needs: ['training'] }),
    201,
    'start assessment',
  );
  const assessedToo = await openCase(await register());
  const completableAssessment = expectStatus(
    await ada.post(`/api/cases/${assessedToo.id}/assessments`, { needs: ['training'] }),
    201,
    'start assessment',
  );
  const correctable = expectStatus(await ada.post('/api/people', personBody()), 201, 'register');
  const sensitive = expectStatus(await ada.post('/api/people', personBody()), 201, 'register');
  const closable = await openCase(await register());
  const toClose = await openCase(await register());
  const closed = expectStatus(
    await ada.post(`/api/cases/${toClose.id}/close`, { version: toClose.version, closedOn: TEST_TODAY, reason: 'Moved away' }),
    200,
    'close case',
  );

  // Plans in other states.
  const plannable = await readyPerson(ada);
  const openPlanId = (await createPlan(ada, (await readyPerson(ada)).personId)).id as string;
  const openGoal = await addSubGoal(ada, openPlanId, 'career-planning');
  const openPlan = (
    await addItem(ada, openPlanId, {
      subGoalId: openGoal.subGoal.id,
      type: 'career-counselling',
      expectedStart: '2026-06-15',
      expectedEnd: '2026-08-28',
    })
  ).plan;
  const finishedPlan = async () => {
    const ready = await readyPerson(ada);
    let p = await createPlan(ada, ready.personId);
    const goal = await addSubGoal(ada, p.id, 'job-search');
    const added = await addItem(ada, p.id, {
      subGoalId: goal.subGoal.id,
      type: 'resume-preparation',
      expectedStart: '2026-06-01',
      expectedEnd: '2026-06-12',
    });
    p = await acceptPlan(ada, await versionOfPlan(ada, p.id));
    expectStatus(
      await ada.post(`/api/plan-items/${added.item.id}/complete`, {
        version: added.item.version,
        outcome: 'attained',
        actualStart: '2026-06-01',
        actualEnd: '2026-06-12',
      }),
      200,
      'complete item',
    );
    return p.id as string;
  };
  const closablePlanId = await finishedPlan();
  const taskPlanId = await finishedPlan();

  // Learner benefits: two partners in training (a two-attending household), evidence on the first case.
  const learner = await learnerWithPdc(ada, { trainingStart: '2026-09-08', trainingEnd: '2027-06-25', coordinatorId: users['lbc.dana']! });
  const partner = await learnerWithPdc(ada, { trainingStart: '2027-01-11', trainingEnd: '2027-12-17', coordinatorId: users['lbc.eli']! });
  expectStatus(
    await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'shelter',
      subtype: 'renting',
      amount: '1200.00',
      periodStart: '2026-09-01',
    }),
    201,
    'shelter',
  );
  const childCare = expectStatus(
    await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'child-care',
      amount: '600.00',
      periodStart: '2026-09-01',
      periodEnd: '2027-06-30',
    }),
    201,
    'child care',
  );
  const approval = expectStatus(
    await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'director-approval',
      subtype: 'director-approval',
      amount: '-100.00',
      periodStart: '2026-09-01',
      periodEnd: '2026-09-30',
    }),
    201,
    'director approval',
  );
  expectStatus(await dana.post(`/api/pdcs/${learner.pdcId}/apply`), 200, 'apply');
  const inEdit = expectStatus(
    await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'additional-health-benefits',
      amount: '40.00',
      periodStart: '2027-03-01',
      periodEnd: '2027-04-30',
    }),
    201,
    'in-edit evidence',
  );
  expectStatus(
    await ada.post('/api/relationships', {
      kind: 'spouse',
      subtype: 'common-law',
      personId: learner.personId,
      relatedPersonId: partner.personId,
      startDate: '2015-06-01',
    }),
    201,
    'partners',
  );
  const evidence = expectStatus(await dana.get(`/api/pdcs/${learner.pdcId}/evidence`), 200, 'evidence').evidence as {
    id: string;
    versions: { id: string; version: number }[];
  }[];
  const versionById = (versionId: string) => evidence.flatMap((e) => e.versions).find((v) => v.id === versionId)!;
  const situation = expectStatus(await dana.get(`/api/two-attending?personId=${learner.personId}`), 200, 'situations').situations.find(
    (s: { status: string }) => s.status === 'detected',
  );
  if (!situation) throw new Error('no two-attending situation was detected');
  const pdc = expectStatus(await dana.get(`/api/pdcs/${learner.pdcId}`), 200, 'pdc').pdc;
  const exception = expectStatus(
    await ada.post(`/api/people/${learner.personId}/training-exceptions`, {
      kind: 'subsequent-training',
      grounds: ['labour-force-attachment', 'progressive-training'],
      explanation: 'Worked three years as a cook; the new training builds on the first.',
    }),
    201,
    'training exception',
  ).exceptions[0];

  // Payments (issue 16): a learner in training since January, its months to June issued, an application
  // received in March recorded afterwards (January and February become debts), and an adjustment.
  const payer = await learnerWithPdc(ada, { trainingStart: '2026-01-05', trainingEnd: '2026-12-18', coordinatorId: users['lbc.dana']! });
  expectStatus(
    await dana.post(`/api/pdcs/${payer.pdcId}/evidence`, {
      type: 'shelter',
      subtype: 'renting',
      amount: '900.00',
      periodStart: '2026-01-01',
    }),
    201,
    'payer shelter',
  );
  expectStatus(await dana.post(`/api/pdcs/${payer.pdcId}/apply`), 200, 'payer apply');
  expectStatus(await grace.post('/api/jobs/payment-issue/run'), 200, 'issue payments');
  const payerVersion = expectStatus(await dana.get(`/api/pdcs/${payer.pdcId}`), 200, 'payer').pdc.version;
  expectStatus(
    await dana.patch(`/api/pdcs/${payer.pdcId}/application`, { version: payerVersion, receivedOn: '2026-03-10' }),
    200,
    'late application',
  );
  const payments = expectStatus(await dana.get(`/api/pdcs/${payer.pdcId}/payments`), 200, 'payments');
  const [debt] = payments.debts as { id: string; version: number }[];
  if (!debt) throw new Error('the late application raised no debt');
  const farah = await signedIn(app, 'lbs.farah');
  const adjustment = expectStatus(
    await farah.post(`/api/debts/${debt.id}/adjustments`, { direction: 'lower', amount: '10.00', reason: 'Matrix adjustment' }),
    201,
    'adjustment',
  );
  const paymentCase = expectStatus(await dana.get(`/api/pdcs/${payer.pdcId}`), 200, 'payer').pdc;

  // Tasks: the other finished plan's closure task (official.ada's), the Director Approval task (the specialists' queue).
  const tasks = expectStatus(await grace.get('/api/tasks?scope=all'), 200, 'tasks').tasks as {
    id: string;
    kind: string;
    recordId: string;
    version: number;
  }[];
  const assignedTask = tasks.find((t) => t.kind === 'plan-closure' && t.recordId === taskPlanId);
  const queuedTask = tasks.find((t) => t.kind === 'director-approval' && t.recordId === approval.versionId);
  if (!assignedTask || !queuedTask) throw new Error(`missing tasks: ${JSON.stringify(tasks)}`);

  let counter = 0;
  const base = Date.now().toString(36);
  return {
    today: TEST_TODAY,
    users,
    signIn: { username: 'official.carmen', password: DEMO_PASSWORD },
    spareUser: { id: carmen!.id, version: carmen!.version },
    placeableUser: { id: gabriel!.id, version: gabriel!.version },
    sensitivePerson: { id: sensitive.id, version: sensitive.version },
    person: { id: main.personId, version: await versionOf(ada, `/api/people/${main.personId}`) },
    correctablePerson: { id: correctable.id, version: correctable.version },
    relatives,
    relationship: { id: relationship.id, version: relationship.version },
    personWithoutCase,
    caseId: main.caseId,
    assessmentId: main.assessmentId,
    openAssessment: { id: openAssessment.id, version: openAssessment.version },
    completableAssessment: { id: completableAssessment.id, version: completableAssessment.version },
    closableCase: { id: closable.id, version: closable.version },
    closedCase: { id: closed.id, version: closed.version },
    plannablePerson: plannable.personId,
    plan: { id: plan.id, version: plan.version, subGoalId: training.subGoal.id, missingSubGoalType: 'employment' },
    ownedItem: { id: owned.id, version: owned.version },
    completableItem: { id: completable.id, version: completable.version },
    reassignableItem: { id: reassignable.id, version: reassignable.version },
    fundableItem: fundable.id,
    openPlan: { id: openPlan.id, version: openPlan.version },
    closablePlan: { id: closablePlanId, version: await versionOf(ada, `/api/service-plans/${closablePlanId}`) },
    assignedTask: { id: assignedTask.id, version: assignedTask.version },
    queuedTask: { id: queuedTask.id, version: queuedTask.version },
    learner: { personId: learner.personId },
    pdc: { id: pdc.id, version: pdc.version, trainingEnd: pdc.trainingEnd },
    evidence: { id: childCare.evidenceId, activeVersion: { id: childCare.versionId, version: versionById(childCare.versionId).version } },
    inEditVersion: { id: inEdit.versionId, version: versionById(inEdit.versionId).version },
    pendingApproval: { id: approval.versionId, version: versionById(approval.versionId).version },
    situation: { id: situation.id, version: situation.version },
    paymentCase: { id: paymentCase.id, version: paymentCase.version },
    debt: { id: debt.id, version: debt.version },
    adjustment: { id: adjustment.id },
    pendingException: { id: exception.id, version: exception.version },
    unique: () => `${base}${(counter += 1)}`,
  };
}

async function versionOfPlan(api: Api, planId: string) {
  return expectStatus(await api.get(`/api/service-plans/${planId}`), 200, 'read plan');
}
