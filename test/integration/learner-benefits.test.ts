import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, signedIn } from '../support/api.ts';
import { type Learner, learnerWithPdc } from '../support/learner.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api;
let dana: Api;

beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
  dana = await signedIn(server.app, 'lbc.dana');
});
afterAll(() => server.close());

async function counts() {
  const rows = async (table: string) => {
    const result = await server.database.db.execute(
      sql.raw(`select count(*)::int as n, coalesce(sum(${table === 'evidence' ? '0' : 'version'}),0)::int as v from ${table}`),
    );
    const r = (Array.isArray(result) ? result : (result as { rows: { n: number; v: number }[] }).rows)[0] as { n: number; v: number };
    return `${r.n}/${r.v}`;
  };
  return { evidence: await rows('evidence'), versions: await rows('evidence_versions'), determinations: await rows('determinations') };
}

async function applyShelterAndChildCare(learner: Learner) {
  await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
    type: 'shelter',
    subtype: 'renting',
    amount: '1200.00',
    periodStart: '2026-09-01',
  });
  const childCare = await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
    type: 'child-care',
    amount: '600.00',
    periodStart: '2026-09-01',
    periodEnd: '2027-06-30',
  });
  const applied = await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
  expect(applied.body).toMatchObject({ changed: true, version: 1, differences: [] });
  return childCare.body as { evidenceId: string; versionId: string };
}

describe('monthly determinations of a learner case', () => {
  it('applying evidence produces the first determination: every training month, each component explained', async () => {
    const learner = await learnerWithPdc(ada);
    await applyShelterAndChildCare(learner);
    const pdc = await dana.get(`/api/pdcs/${learner.pdcId}`);
    expect(pdc.body.pdc.status).toBe('active');
    expect(pdc.body.current.months.map((m: { month: string }) => m.month)).toEqual([
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
    ]);
    const september = pdc.body.current.months[0];
    // one adult: Core Essential 427.00 (placeholder) + Core Shelter renting 560.00 (placeholder) + child care 600.00
    expect(september.entitlement).toBe('1587.00');
    expect(september.components.find((c: { code: string }) => c.code === 'core-essential').source).toMatch(
      /Core Essential, 1 adult, rate effective 2015-10-01: \$427\.00/,
    );
  });

  it('a change of circumstance mid-training creates a new determination version that changes the affected months only, as changes in scheduled amounts before they are issued', async () => {
    const learner = await learnerWithPdc(ada);
    const childCare = await applyShelterAndChildCare(learner);
    await dana.post(`/api/evidence/${childCare.evidenceId}/change`, { effectiveFrom: '2027-01-01', amount: '800.00' });
    const applied = await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    expect(applied.body.version).toBe(2);
    expect(applied.body.differences.map((d: { month: string }) => d.month)).toEqual([
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
    ]);
    expect(applied.body.differences[0]).toMatchObject({
      previous: '1587.00',
      next: '1787.00',
      difference: '200.00',
      kind: 'scheduled-change',
    }); // 800 - 600; January 2027 is issued on 2026-12-30, after today (2026-06-15)
  });

  it('a correction replaces the value for its whole period: every month of it shows the difference (a change in scheduled amounts, as none is issued yet)', async () => {
    const learner = await learnerWithPdc(ada);
    const childCare = await applyShelterAndChildCare(learner);
    const evidence = (await dana.get(`/api/pdcs/${learner.pdcId}/evidence`)).body.evidence;
    const version = evidence.find((e: { id: string }) => e.id === childCare.evidenceId).versions[0];
    await dana.post(`/api/evidence-versions/${version.id}/correct`, { version: version.version, amount: '450.00' });
    const applied = await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    expect(applied.body.differences).toHaveLength(10);
    expect(applied.body.differences[0]).toMatchObject({ difference: '-150.00', kind: 'scheduled-change' }); // 450 - 600; September 2026 is issued on 2026-08-28, after today (2026-06-15)
    const history = (await dana.get(`/api/pdcs/${learner.pdcId}/evidence`)).body.evidence.find(
      (e: { id: string }) => e.id === childCare.evidenceId,
    ).versions;
    expect(history.map((v: { kind: string; status: string }) => `${v.kind}:${v.status}`)).toEqual([
      'original:superseded',
      'correction:active',
    ]);
  });

  it('the preview shows the new determination and its differences without saving anything', async () => {
    const learner = await learnerWithPdc(ada);
    await applyShelterAndChildCare(learner);
    await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'additional-health-benefits',
      amount: '40.00',
      periodStart: '2027-03-01',
      periodEnd: '2027-04-30',
    });
    const before = await counts();
    const preview = await dana.get(`/api/pdcs/${learner.pdcId}/preview`);
    expect(preview.body.differences.map((d: { month: string; difference: string }) => `${d.month} ${d.difference}`)).toEqual([
      '2027-03 40.00',
      '2027-04 40.00',
    ]);
    expect(await counts()).toEqual(before);
    expect((await dana.get(`/api/pdcs/${learner.pdcId}`)).body.current.version).toBe(1);
  });

  it('reassessing with nothing changed stores no new version', async () => {
    const learner = await learnerWithPdc(ada);
    await applyShelterAndChildCare(learner);
    const { reassessment } = await import('../../src/jobs/reassessment.ts');
    const first = await reassessment.run(server.ctx);
    expect(first.outcomes.newVersions).toBe(0);
  });

  it('Director Approval evidence counts only after a Learner Benefit Specialist approves it', async () => {
    const learner = await learnerWithPdc(ada);
    await applyShelterAndChildCare(learner);
    const added = await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'director-approval',
      subtype: 'director-approval',
      amount: '-100.00',
      periodStart: '2026-09-01',
      periodEnd: '2026-09-30',
    });
    expect((await dana.post(`/api/pdcs/${learner.pdcId}/apply`)).body.changed).toBe(false);
    const farah = await signedIn(server.app, 'lbs.farah');
    const tasks = (await farah.get('/api/tasks')).body.tasks;
    expect(
      tasks.some((t: { kind: string; recordId: string }) => t.kind === 'director-approval' && t.recordId === added.body.versionId),
    ).toBe(true);
    const version = (await dana.get(`/api/pdcs/${learner.pdcId}/evidence`)).body.evidence.find(
      (e: { id: string }) => e.id === added.body.evidenceId,
    ).versions[0];
    expect(
      (await dana.post(`/api/evidence-versions/${added.body.versionId}/approval`, { version: version.version, decision: 'approved' }))
        .status,
    ).toBe(403);
    const approved = await farah.post(`/api/evidence-versions/${added.body.versionId}/approval`, {
      version: version.version,
      decision: 'approved',
    });
    expect(approved.body.differences).toEqual([
      expect.objectContaining({ month: '2026-09', difference: '-100.00', kind: 'scheduled-change' }),
    ]); // not issued yet
  });
});

describe('the Director Approval task ends only through its decision', () => {
  /** Director Approval evidence entered and applied by the coordinator: pending, with a task in the specialists' queue. */
  async function pendingApproval() {
    const learner = await learnerWithPdc(ada);
    await applyShelterAndChildCare(learner);
    const added = await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'director-approval',
      subtype: 'director-approval',
      amount: '-100.00',
      periodStart: '2026-09-01',
      periodEnd: '2026-09-30',
    });
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    const farah = await signedIn(server.app, 'lbs.farah');
    const task = (await farah.get('/api/tasks')).body.tasks.find(
      (t: { kind: string; recordId: string }) => t.kind === 'director-approval' && t.recordId === added.body.versionId,
    );
    const version = (await dana.get(`/api/pdcs/${learner.pdcId}/evidence`)).body.evidence.find(
      (e: { id: string }) => e.id === added.body.evidenceId,
    ).versions[0];
    return { learner, farah, task, versionId: added.body.versionId as string, version: version.version as number };
  }
  const openTasksAbout = async (api: Api, recordId: string) =>
    (await api.get('/api/tasks')).body.tasks.filter((t: { recordId: string }) => t.recordId === recordId);
  const tableRows = async () => {
    const result = await server.database.db.execute(sql.raw('select count(*)::int as n, coalesce(sum(version), 0)::int as v from tasks'));
    return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows)[0];
  };

  it('finding 11: completing the approval task by hand is refused as TASK_NEEDS_DECISION, and the evidence keeps its task', async () => {
    const { farah, task, versionId } = await pendingApproval();
    expect(task.decision).toMatchObject({ kind: 'director-approval', choices: ['approved', 'rejected'], reasonRequiredFor: ['rejected'] });
    const before = { tasks: await tableRows(), evidence: await counts() };
    const taken = await farah.post(`/api/tasks/${task.id}/assign`, {
      version: task.version,
      assigneeId: (await farah.get('/api/session')).body.user.id,
    });
    expect(taken.status).toBe(200);
    const response = await farah.post(`/api/tasks/${task.id}/complete`, { version: taken.body.version });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'TASK_NEEDS_DECISION', decision: 'director-approval' });
    expect(await counts()).toEqual(before.evidence);
    expect(await openTasksAbout(farah, versionId)).toEqual([expect.objectContaining({ id: task.id, status: 'open' })]);
  });

  it('a supervisor cannot complete the approval task by hand either', async () => {
    const { task } = await pendingApproval();
    const grace = await signedIn(server.app, 'supervisor.grace');
    const response = await grace.post(`/api/tasks/${task.id}/complete`, { version: task.version });
    expect(response.body).toMatchObject({ status: 409, code: 'TASK_NEEDS_DECISION' });
  });

  it('rejecting without a reason is refused and keeps the task; rejecting with a reason ends it', async () => {
    const { farah, versionId, version } = await pendingApproval();
    const refused = await farah.post(`/api/evidence-versions/${versionId}/approval`, { version, decision: 'rejected', reason: '  ' });
    expect(refused.body).toMatchObject({ code: 'REQUIRED', field: 'reason' });
    expect(await openTasksAbout(farah, versionId)).toHaveLength(1);
    expect(
      (
        await farah.post(`/api/evidence-versions/${versionId}/approval`, {
          version,
          decision: 'rejected',
          reason: 'No quote from the training provider.',
        })
      ).status,
    ).toBe(200);
    expect(await openTasksAbout(farah, versionId)).toEqual([]);
  });

  it('approving ends the task', async () => {
    const { farah, versionId, version } = await pendingApproval();
    expect((await farah.post(`/api/evidence-versions/${versionId}/approval`, { version, decision: 'approved' })).status).toBe(200);
    expect(await openTasksAbout(farah, versionId)).toEqual([]);
  });
});

describe('invalid evidence is refused and changes nothing', () => {
  let learner: Learner;
  beforeAll(async () => {
    learner = await learnerWithPdc(ada);
  });
  const cases: [string, Record<string, unknown>, number, string, string][] = [
    ['a negative amount', { type: 'child-care', amount: '-5.00', periodStart: '2026-09-01' }, 422, 'NEGATIVE_AMOUNT', 'amount'],
    ['more than two decimals', { type: 'child-care', amount: '5.001', periodStart: '2026-09-01' }, 400, 'AMOUNT_PRECISION', 'amount'],
    ['an unknown type', { type: 'astrology', amount: '5.00', periodStart: '2026-09-01' }, 422, 'UNKNOWN_EVIDENCE_TYPE', 'type'],
    [
      'a period outside the PDC',
      { type: 'child-care', amount: '5.00', periodStart: '2030-01-01', periodEnd: '2030-02-01' },
      422,
      'PERIOD_OUTSIDE_PDC',
      'period',
    ],
    ['an unknown subtype', { type: 'shelter', subtype: 'castle', periodStart: '2026-09-01' }, 422, 'UNKNOWN_SUBTYPE', 'subtype'],
    ['an impossible date', { type: 'child-care', amount: '5.00', periodStart: '2026-02-30' }, 400, 'IMPOSSIBLE_DATE', 'periodStart'],
    ['an amount that is not a number', { type: 'child-care', amount: 'lots', periodStart: '2026-09-01' }, 400, 'INVALID_FORMAT', 'amount'],
  ];
  it.each(cases)('%s is refused', async (_name, body, status, code, field) => {
    const before = await counts();
    const response = await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, body);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ code, field });
    expect(await counts()).toEqual(before);
  });

  it('an Authorized Official cannot enter evidence (a coordinator does)', async () => {
    const response = await ada.post(`/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'child-care',
      amount: '5.00',
      periodStart: '2026-09-01',
    });
    expect(response.status).toBe(403);
  });
});

describe('the household calculator', () => {
  it('waypoint simulate prints the documented output for the single-learner example', async () => {
    const { stdout } = await promisify(execFile)('node', [path.resolve('bin/waypoint.js'), 'simulate', 'examples/single-learner.json']);
    const result = JSON.parse(stdout);
    expect(result.learners).toHaveLength(1);
    expect(result.twoAttending).toBeUndefined();
    const september = result.learners[0].months[0];
    expect(september.month).toBe('2025-09');
    // Training starts 15 September, after the 10th: Core Essential 427.00 × 16/30 = 227.73 (half-up)
    expect(september.components.find((c: { code: string }) => c.code === 'core-essential').amount).toBe('227.73');
    expect(Object.keys(september)).toEqual(['month', 'components', 'needs', 'countableResources', 'entitlement']);
  }, 30_000);

  it('POST /api/simulations answers the same as the CLI', async () => {
    const { readFile } = await import('node:fs/promises');
    const input = JSON.parse(await readFile('examples/two-attending-household.json', 'utf8'));
    const response = await ada.post('/api/simulations', input);
    expect(response.status).toBe(200);
    expect(response.body.twoAttending).toEqual({ people: ['A', 'B'], months: ['2025-03', '2025-04', '2025-05', '2025-06'] });
    // January to June, overlap March to June: the $3,500 exemption plus what A's months count ($1,000).
    expect(response.body.learners[0].evidence[0]).toMatchObject({
      type: 'income',
      subtype: 'scholarship',
      amount: '4500.00',
      status: 'applied',
    });
  });

  it('a scenario whose training starts before the published policy is refused as RATE_NOT_IN_FORCE naming the table, not a 500', async () => {
    const response = await ada.post('/api/simulations', {
      asOf: '2025-08-15',
      people: [{ id: 'L', birthDate: '1995-02-11' }],
      // 16 months from 2015, before the learner rules' first period (a longer training is refused by the calculator's size bound first).
      learners: [{ person: 'L', training: { start: '2015-01-15', end: '2016-04-24', load: 'full-time' } }],
      evidence: [{ type: 'shelter', subtype: 'renting', amount: '950.00', period: { start: '2015-01-15' } }],
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'RATE_NOT_IN_FORCE', field: 'learners' });
    expect(response.body.rule).toMatch(/^Policy data: /);
  });

  it('finding 1: evidence that could belong to either of two households is refused as a 400 naming the entry, not guessed', async () => {
    const training = { start: '2025-03-03', end: '2025-08-29', load: 'full-time' };
    const response = await ada.post('/api/simulations', {
      asOf: '2025-01-15',
      people: [
        { id: 'A', birthDate: '1990-01-01' },
        { id: 'B', birthDate: '1992-01-01' },
      ],
      learners: [
        { person: 'A', training },
        { person: 'B', training },
      ],
      evidence: [{ type: 'child-care', amount: '600.00', period: { start: '2025-03-01', end: '2025-08-31' } }],
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ field: 'evidence.0', errors: [{ field: 'evidence.0', code: 'AMBIGUOUS_EVIDENCE' }] });
  });

  it('an invalid scenario is a 400 problem naming the field and the rule', async () => {
    const response = await ada.post('/api/simulations', {
      asOf: '2025-01-15',
      people: [{ id: 'A', birthDate: '1990-01-01' }],
      learners: [{ person: 'Z', training: { start: '2025-01-06', end: '2025-06-27', load: 'full-time' } }],
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ field: 'learners.0.person', rule: 'Household calculator input' });
  });
});
