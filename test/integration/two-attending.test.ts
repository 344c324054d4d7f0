import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unreconciledHouseholds } from '../../src/app/two-attending.ts';
import { twoAttendingCandidates, twoAttendingScan } from '../../src/jobs/two-attending-scan.ts';
import { type Api, signedIn, userIds } from '../support/api.ts';
import { declarePartners, type Learner, learnerWithPdc } from '../support/learner.ts';
import { setSensitivity } from '../support/placements.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api;
let dana: Api;
let eli: Api;
let ids: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
  dana = await signedIn(server.app, 'lbc.dana');
  eli = await signedIn(server.app, 'lbc.eli');
  const admin = await signedIn(server.app, 'supervisor.grace');
  ids = await userIds(admin);
});
afterAll(() => server.close());

interface Household {
  first: Learner;
  second: Learner;
  relationshipId: string;
}

/** Two partners; A trains Sep 2026 - Jun 2027 (Dana), B Jan - Dec 2027 (Eli); household evidence on A's case. */
async function household(options: { partner?: boolean } = {}): Promise<Household> {
  const first = await learnerWithPdc(ada, { trainingStart: '2026-09-08', trainingEnd: '2027-06-25', coordinatorId: ids['lbc.dana'] });
  await dana.post(`/api/pdcs/${first.pdcId}/evidence`, {
    type: 'shelter',
    subtype: 'renting',
    amount: '1450.00',
    periodStart: '2026-09-01',
  });
  await dana.post(`/api/pdcs/${first.pdcId}/evidence`, {
    type: 'child-care',
    amount: '600.01',
    periodStart: '2026-09-01',
    periodEnd: '2027-12-31',
  });
  await dana.post(`/api/pdcs/${first.pdcId}/apply`);
  const second = await learnerWithPdc(ada, { trainingStart: '2027-01-11', trainingEnd: '2027-12-17', coordinatorId: ids['lbc.eli'] });
  let relationshipId = '';
  if (options.partner !== false) {
    relationshipId = (await declarePartners(ada, first, second)).body.id;
  }
  return { first, second, relationshipId };
}

const situationOf = async (h: Household) =>
  (await dana.get(`/api/two-attending?personId=${h.first.personId}`)).body.situations.find((s: { status: string }) => s.status !== 'ended');

describe('detection (E04 Trigger)', () => {
  it('partners whose learner training overlaps are detected with their overlap months, and both coordinators get a task', async () => {
    const h = await household();
    const situation = await situationOf(h);
    expect(situation).toMatchObject({ status: 'detected', months: ['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06'] });
    expect(situation.first.pdcId).toBe(h.first.pdcId);
    const danaTasks = (await dana.get('/api/tasks')).body.tasks.filter((t: { recordId: string }) => t.recordId === situation.id);
    const eliTasks = (await eli.get('/api/tasks')).body.tasks.filter((t: { recordId: string }) => t.recordId === situation.id);
    expect(danaTasks).toHaveLength(1);
    expect(eliTasks).toHaveLength(1);
    expect(eliTasks[0].detail).toMatch(/you are responsible/);
  });

  it('both coordinators’ tasks give the overlap months as a person reads them, Jan 2027 – Jun 2027, not as stored (2027-01)', async () => {
    const h = await household();
    const situation = await situationOf(h);
    const tasks = [...(await dana.get('/api/tasks')).body.tasks, ...(await eli.get('/api/tasks')).body.tasks].filter(
      (t: { recordId: string }) => t.recordId === situation.id,
    );
    expect(tasks).toHaveLength(2);
    for (const task of tasks) {
      expect(task.title).toMatch(/^Two attending: P-\d+ and P-\d+ \(Jan 2027 – Jun 2027\)$/);
      expect(task.detail).toContain('overlapping training (Jan 2027 – Jun 2027)');
      expect(`${task.title} ${task.detail}`).not.toMatch(/\d{4}-\d{2}/);
    }
  });

  it('learners who are not partners are not a two-attending household', async () => {
    const h = await household({ partner: false });
    expect(await situationOf(h)).toBeUndefined();
  });

  it('the scan job finds nothing new the second time (idempotent), even when two scans run at once', async () => {
    await household();
    const [a, b] = await Promise.all([twoAttendingScan.run(server.ctx), twoAttendingScan.run(server.ctx)]);
    expect((a.outcomes.detected ?? 0) + (b.outcomes.detected ?? 0)).toBe(0);
  });

  it('the scan looks only at people around whom something changed: one per pair changed behind the application, none for a recorded pair or a learner without a partner', async () => {
    const recorded = await household();
    const changed = await household();
    const single = await household({ partner: false });
    await server.ctx.db.execute(
      sql`update two_attending_situations set months = '{2020-01}' where pair_key = ${[changed.first.pdcId, changed.second.pdcId].sort().join('|')}`,
    );
    const candidates = (await twoAttendingCandidates(server.ctx)).flat();
    expect(candidates.filter((p) => p === changed.first.personId || p === changed.second.personId)).toHaveLength(1);
    expect(candidates).not.toContain(recorded.first.personId);
    expect(candidates).not.toContain(recorded.second.personId);
    expect(candidates).not.toContain(single.first.personId);
    expect(candidates).not.toContain(single.second.personId);
  });

  it('the scan ends a situation whose partnership was ended behind the application (a bulk load)', async () => {
    const h = await household();
    expect(await situationOf(h)).toBeDefined();
    await server.ctx.db.execute(sql`update relationships set end_date = '2016-01-01' where id = ${h.relationshipId}`);
    const scanned = await twoAttendingScan.run(server.ctx);
    expect(scanned.outcomes.ended).toBeGreaterThanOrEqual(1);
    expect(await situationOf(h)).toBeUndefined();
  });
});

describe('previews are reads of both learners (docs/access-control.md)', () => {
  it('the preview of a confirmation is refused to a coordinator below a learner’s sensitivity, naming the rule', async () => {
    const h = await household();
    const situation = await situationOf(h);
    await setSensitivity(server.database.db, h.second.personId, 3);
    const refused = await dana.get(`/api/two-attending/${situation.id}/preview`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ABOVE_SENSITIVITY_CLEARANCE');
  });

  it('the preview of a training-date change is refused to a coordinator below the partner’s sensitivity, whose case it would show', async () => {
    const h = await household();
    await setSensitivity(server.database.db, h.second.personId, 3);
    const refused = await dana.post(`/api/pdcs/${h.first.pdcId}/training/preview`, {
      trainingStart: '2026-09-08',
      trainingEnd: '2027-03-26',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ABOVE_SENSITIVITY_CLEARANCE');
  });

  it('the preview of a training-date change is refused to a coordinator below the learner’s own sensitivity', async () => {
    const h = await household({ partner: false });
    await setSensitivity(server.database.db, h.first.personId, 3);
    const refused = await dana.post(`/api/pdcs/${h.first.pdcId}/training/preview`, {
      trainingStart: '2026-09-08',
      trainingEnd: '2027-03-26',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ABOVE_SENSITIVITY_CLEARANCE');
  });
});

describe('reconciliation', () => {
  it('a case with no determination yet is reconciled as not determined, with its reason, never as $0.00', async () => {
    const h = await household(); // the second learner's case has no determination
    const situation = await situationOf(h);
    const reconciliation = (await dana.get(`/api/two-attending/${situation.id}/reconciliation`)).body;
    expect(reconciliation.notDetermined.first).toBeNull();
    expect(reconciliation.notDetermined.second).toMatch(/no determination yet/i);
    const january = reconciliation.months.find((m: { month: string }) => m.month === '2027-01');
    expect(january.entitlement.first).not.toBeNull();
    expect(january.entitlement.second).toBeNull();
    expect(january.benefits.every((b: { second: string | null }) => b.second === null)).toBe(true);
  });

  it('the report (waypoint report two-attending) lists a coordinated household with a case not determined yet as not determined, not as not reconciled', async () => {
    const undetermined = await household(); // the second learner's case has no determination
    const situation = await situationOf(undetermined);
    // Coordinated behind the application (a bulk load), so its second case is still not determined.
    await server.ctx.db.execute(sql`update two_attending_situations set status = 'coordinated' where id = ${situation.id}`);
    const balanced = await household();
    const other = await situationOf(balanced);
    await eli.post(`/api/two-attending/${other.id}/confirm`, { version: other.version });

    const report = await unreconciledHouseholds(server.ctx);
    expect(report.unreconciled.map((u) => u.situationId)).not.toContain(situation.id);
    expect(report.unreconciled.map((u) => u.situationId)).not.toContain(other.id);
    const listed = report.notDetermined.find((u) => u.situationId === situation.id);
    expect(listed).toMatchObject({ status: 'not determined', first: situation.first.pdcReference, second: situation.second.pdcReference });
    expect(listed?.notDetermined.first).toBeNull();
    expect(listed?.notDetermined.second).toMatch(/no determination yet/i);
    expect(report.notDetermined.map((u) => u.situationId)).not.toContain(other.id);
  });
});

describe('coordination (E04.01)', () => {
  it('confirming splits the household: Core Essential for two adults ($646) is adjusted by -$323.00 on each case, and the months reconcile', async () => {
    const h = await household();
    const situation = await situationOf(h);
    const confirmed = await eli.post(`/api/two-attending/${situation.id}/confirm`, { version: situation.version });
    expect(confirmed.status).toBe(200);
    const second = (await eli.get(`/api/pdcs/${h.second.pdcId}`)).body.current.months.find((m: { month: string }) => m.month === '2027-01');
    const adjustment = second.components.find(
      (c: { code: string; adjusts?: string }) => c.code === 'director-approval-cost-adjustment' && c.adjusts === 'core-essential',
    );
    expect(adjustment.amount).toBe('-323.00'); // the E04 seed: 646 / 2
    const first = (await dana.get(`/api/pdcs/${h.first.pdcId}`)).body.current.months.find((m: { month: string }) => m.month === '2027-01');
    expect(first.components.find((c: { code: string; adjusts?: string }) => c.adjusts === 'core-essential').amount).toBe('-323.00');
    const reconciliation = (await eli.get(`/api/two-attending/${situation.id}/reconciliation`)).body;
    expect(reconciliation.balanced).toBe(true);
    const january = reconciliation.months.find((m: { month: string }) => m.month === '2027-01');
    const childCare = january.benefits.find((b: { code: string }) => b.code === 'child-care');
    expect(childCare).toEqual({ code: 'child-care', first: '300.01', second: '300.00', household: '600.01' }); // odd cent to the first learner
  });

  it('household evidence entered once on one case counts on both cases once coordinated', async () => {
    const h = await household();
    const situation = await situationOf(h);
    await eli.post(`/api/two-attending/${situation.id}/confirm`, { version: situation.version });
    const july = (await eli.get(`/api/pdcs/${h.second.pdcId}`)).body.current.months.find((m: { month: string }) => m.month === '2027-07');
    expect(july.components.find((c: { code: string }) => c.code === 'child-care').amount).toBe('600.01'); // only B attends in July: whole
  });

  it('two coordinators confirming the same household at once produce exactly one coordination', async () => {
    const h = await household();
    const situation = await situationOf(h);
    const answers = await Promise.all([
      dana.post(`/api/two-attending/${situation.id}/confirm`, { version: situation.version }),
      eli.post(`/api/two-attending/${situation.id}/confirm`, { version: situation.version }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const versions = (await dana.get(`/api/pdcs/${h.second.pdcId}`)).body.versions;
    expect(versions.filter((v: { reason: string }) => v.reason === 'Two attending coordinated (E04)')).toHaveLength(1);
  });

  it('an Authorized Official cannot confirm a two-attending situation', async () => {
    const h = await household();
    const situation = await situationOf(h);
    expect((await ada.post(`/api/two-attending/${situation.id}/confirm`, { version: situation.version })).status).toBe(403);
  });
});

describe('evidence changes in a coordinated household', () => {
  it("applying evidence on one case reassesses the partner's case too, so the household still adds up", async () => {
    const h = await household();
    const situation = await situationOf(h);
    await eli.post(`/api/two-attending/${situation.id}/confirm`, { version: situation.version });
    await dana.post(`/api/pdcs/${h.first.pdcId}/evidence`, {
      type: 'additional-health-benefits',
      amount: '40.01',
      periodStart: '2027-01-01',
      periodEnd: '2027-02-28',
    });
    const applied = await dana.post(`/api/pdcs/${h.first.pdcId}/apply`);
    expect(applied.body.partner.pdcId).toBe(h.second.pdcId);
    expect(applied.body.partner.differences.map((d: { month: string; difference: string }) => `${d.month} ${d.difference}`)).toEqual([
      '2027-01 20.00',
      '2027-02 20.00',
    ]);
    expect((await eli.get(`/api/two-attending/${situation.id}/reconciliation`)).body.balanced).toBe(true);
  });
});

describe('re-coordination when dates change', () => {
  it('when the first learner leaves training early, the overlap shrinks and both cases are reassessed with their differences', async () => {
    const h = await household();
    const situation = await situationOf(h);
    await eli.post(`/api/two-attending/${situation.id}/confirm`, { version: situation.version });
    const pdc = (await dana.get(`/api/pdcs/${h.first.pdcId}`)).body.pdc;
    const changed = await dana.patch(`/api/pdcs/${h.first.pdcId}/training`, { version: pdc.version, trainingEnd: '2027-03-19' });
    expect(changed.status).toBe(200);
    expect((await situationOf(h)).months).toEqual(['2027-01', '2027-02', '2027-03']);
    const firstDiffs = (await dana.get(`/api/pdcs/${h.first.pdcId}`)).body.differences.map((d: { month: string }) => d.month);
    const secondDiffs = (await eli.get(`/api/pdcs/${h.second.pdcId}`)).body.differences.map(
      (d: { month: string; kind: string }) => `${d.month} ${d.kind}`,
    );
    expect(firstDiffs).toEqual(expect.arrayContaining(['2027-04', '2027-05', '2027-06']));
    // B no longer shares April-June: B's case gets the whole household amount there, a change in
    // scheduled amounts (today is 2026-06-15: none of those months is issued yet).
    expect(secondDiffs).toEqual(
      expect.arrayContaining(['2027-04 scheduled-change', '2027-05 scheduled-change', '2027-06 scheduled-change']),
    );
    expect((await eli.get(`/api/two-attending/${situation.id}/reconciliation`)).body.balanced).toBe(true);
  });

  it('when the partnership ends, the situation ends and the split no longer applies', async () => {
    const h = await household();
    const situation = await situationOf(h);
    await eli.post(`/api/two-attending/${situation.id}/confirm`, { version: situation.version });
    await ada.patch(`/api/relationships/${h.relationshipId}`, { version: 1, endDate: '2026-12-31' });
    expect(await situationOf(h)).toBeUndefined();
    const january = (await eli.get(`/api/pdcs/${h.second.pdcId}`)).body.current.months.find(
      (m: { month: string }) => m.month === '2027-01',
    );
    expect(january.components.some((c: { code: string }) => c.code === 'director-approval-cost-adjustment')).toBe(false);
  });
});
