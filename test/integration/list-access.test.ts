/**
 * A list is not a way around access by caseload (docs/access-control.md "Lists"), nor is a query
 * that leaves out a filter. Before: the held payments of the worklist (GET /api/two-
 * attending/holds) named every household's learners to every coordinator, specialist and
 * supervisor, in every office and above their clearance; the team dashboard (GET /api/team) counted
 * tasks its lists no longer show; a payment run's export gave every payment of the day, with its
 * person and amounts, to every specialist and supervisor; and a supervisor of any office read any
 * person's audit trail by asking for it without recordType (GET /api/audit?recordId=). Now each
 * list shows only the people within the reader's reach (caseload, office, team, learner case;
 * sensitivity), the trail is read like the person, and a person shown is access-logged.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../src/store/schema.ts';
import { type Api, userIds } from '../support/api.ts';
import { declarePartners, type Learner, learnerWithPdc } from '../support/learner.ts';
import { clockedServer, learnerPaidOn } from '../support/payments.ts';
import { addOffice, placeUser, setSensitivity } from '../support/placements.ts';
import { download } from '../support/plans.ts';
import { TEST_TODAY } from '../support/server.ts';

const USERS = ['official.ada', 'lbc.dana', 'lbc.eli', 'supervisor.grace', 'supervisor.hamid', 'lbs.farah'];
const h = clockedServer(USERS);
// ada, dana, hamid and farah: the main office; eli and grace: the north office (grace in no team).
const [ada, dana, eli, grace, hamid] = USERS.map(h.api) as [Api, Api, Api, Api, Api];
const db = () => h.server.database.db;
let ids: Record<string, string>;

beforeAll(async () => {
  await h.start();
  await addOffice(db(), 'north', 'North office');
  for (const username of ['lbc.eli', 'supervisor.grace']) await placeUser(db(), username, { office: 'north' });
  ids = await userIds(hamid);
}, 120_000);
afterAll(() => h.close());

/** How many access-log rows say the user read the person's data of this kind. */
async function reads(username: string, personId: string, what: string): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(accessLog)
    .where(and(eq(accessLog.actorId, ids[username]!), eq(accessLog.personId, personId), eq(accessLog.what, what)));
  return Number(row?.n ?? 0);
}

/** Two partners of the main office in overlapping training, both coordinated by dana: a detected situation holds the second's months. */
async function mainHousehold(): Promise<{ first: Learner; second: Learner; situationId: string }> {
  const first = await learnerWithPdc(ada, { trainingStart: '2026-09-08', trainingEnd: '2027-06-25', coordinatorId: ids['lbc.dana'] });
  const second = await learnerWithPdc(ada, { trainingStart: '2027-01-11', trainingEnd: '2027-12-17', coordinatorId: ids['lbc.dana'] });
  for (const [learner, periodStart] of [
    [first, '2026-09-01'],
    [second, '2027-01-01'],
  ] as const) {
    await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, { type: 'shelter', subtype: 'renting', amount: '1450.00', periodStart });
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
  }
  await declarePartners(ada, first, second);
  const situation = (await dana.get(`/api/two-attending?personId=${first.personId}`)).body.situations.find(
    (s: { status: string }) => s.status === 'detected',
  );
  if (!situation) throw new Error('no two-attending situation detected');
  return { first, second, situationId: situation.id };
}

const holdSituations = async (api: Api): Promise<string[]> => {
  const response = await api.get('/api/two-attending/holds');
  expect(response.status).toBe(200);
  return response.body.holds.map((hold: { situationId: string }) => hold.situationId);
};

describe('the held payments of the worklist (GET /api/two-attending/holds)', () => {
  let household: Awaited<ReturnType<typeof mainHousehold>>;
  beforeAll(async () => {
    household = await mainHousehold();
  }, 120_000);

  it('do not show a household of another office to a coordinator', async () => {
    expect(await holdSituations(dana)).toContain(household.situationId);
    expect(await holdSituations(eli)).not.toContain(household.situationId);
  });

  it('do not show a household of another office to a supervisor', async () => {
    expect(await holdSituations(hamid)).toContain(household.situationId);
    expect(await holdSituations(grace)).not.toContain(household.situationId);
  });

  it('do not show a household with a learner above the reader’s clearance', async () => {
    await setSensitivity(db(), household.first.personId, 2);
    try {
      expect(await holdSituations(dana)).not.toContain(household.situationId);
    } finally {
      await setSensitivity(db(), household.first.personId, 1);
    }
  });

  it('record each hold shown as a read of both learners in the access log', async () => {
    const before = [
      await reads('lbc.dana', household.first.personId, 'two-attending'),
      await reads('lbc.dana', household.second.personId, 'two-attending'),
    ];
    await holdSituations(dana);
    expect([
      await reads('lbc.dana', household.first.personId, 'two-attending'),
      await reads('lbc.dana', household.second.personId, 'two-attending'),
    ]).toEqual(before.map((n) => n + 1));
  });
});

describe('the team dashboard (GET /api/team)', () => {
  it('counts a list’s tasks as the list shows them: not those about people outside the supervisor’s reach', async () => {
    await mainHousehold(); // two-attending tasks about two people of the main office
    for (const supervisor of [grace, hamid]) {
      const dashboard = (await supervisor.get('/api/team')).body;
      const list = (await supervisor.get('/api/tasks?scope=all&list=two-attending&limit=1')).body;
      expect(dashboard.tasks['two-attending']).toBe(list.total);
    }
    expect((await grace.get('/api/team')).body.tasks['two-attending']).toBeLessThan(
      (await hamid.get('/api/team')).body.tasks['two-attending'],
    );
  });
});

describe('a payment run’s export (GET /api/payment-runs/:issueDate/export.csv)', () => {
  const RUN = '2026-11-27';
  let reference: string;
  let personId: string;
  const exported = async (username: string) => {
    const csv = await download(h.server.app, username, `/api/payment-runs/${RUN}/export.csv`);
    expect(csv.statusCode).toBe(200);
    return csv.body;
  };

  beforeAll(async () => {
    await h.setToday(TEST_TODAY);
    ({ personId, reference } = await learnerPaidOn(h, RUN, { official: ada, coordinator: dana, issuer: hamid }));
  }, 120_000);
  afterAll(() => h.setToday(TEST_TODAY));

  it('leaves out the payments to people of another office', async () => {
    expect(await exported('supervisor.hamid')).toContain(`${RUN},${reference},`);
    expect(await exported('supervisor.grace')).not.toContain(reference);
  });

  it('leaves out the payments to a person above the reader’s clearance', async () => {
    await setSensitivity(db(), personId, 2);
    try {
      expect(await exported('lbs.farah')).not.toContain(reference);
    } finally {
      await setSensitivity(db(), personId, 1);
    }
    expect(await exported('lbs.farah')).toContain(reference);
  });

  it('records each person exported as a read of their payments in the access log', async () => {
    const before = await reads('supervisor.hamid', personId, 'payments');
    await exported('supervisor.hamid');
    expect(await reads('supervisor.hamid', personId, 'payments')).toBe(before + 1);
  });
});

describe('a person’s audit trail asked for by their id alone (GET /api/audit?recordId=)', () => {
  it('is refused to a supervisor of another office with 403 NOT_ON_CASELOAD, as with recordType=person', async () => {
    const { personId } = await learnerWithPdc(ada);
    expect((await hamid.get(`/api/audit?recordId=${personId}`)).status).toBe(200);
    const refused = await grace.get(`/api/audit?recordId=${personId}`);
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'NOT_ON_CASELOAD' });
  });

  it('is recorded in the access log as a read of the person’s audit trail', async () => {
    const { personId } = await learnerWithPdc(ada);
    await hamid.get(`/api/audit?recordId=${personId}`);
    expect(await reads('supervisor.hamid', personId, 'audit')).toBe(1);
  });
});
