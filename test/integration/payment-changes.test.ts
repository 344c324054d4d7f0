/**
 * Issue 10, findings 8, 13 and 14: what a new determination changes and how it is labelled
 * (docs/policy/issued-months.md), a preview before the actions that re-determine two cases at once,
 * and the hold on the second learner's overlap months while two attending awaits confirmation.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Api, userIds } from '../support/api.ts';
import { declarePartners, type Learner, learnerWithPdc } from '../support/learner.ts';
import { clockedServer, learnerWithChildCare } from '../support/payments.ts';
import { TEST_TODAY } from '../support/server.ts';

/** A clock a test can move: determinations are labelled as of the day they are made. */
const h = clockedServer(['official.ada', 'lbc.dana', 'lbc.eli', 'supervisor.grace']);
const [ada, dana, eli] = ['official.ada', 'lbc.dana', 'lbc.eli'].map(h.api) as [Api, Api, Api];
const setToday = h.setToday;
let ids: Record<string, string>;

beforeAll(async () => {
  await h.start();
  const admin = h.api('supervisor.grace');
  ids = await userIds(admin);
});
afterAll(() => h.close());
beforeEach(async () => {
  if (h.today() !== TEST_TODAY) await setToday(TEST_TODAY);
});

/** Rows and the sum of their versions in the tables a change would write. */
async function counts() {
  const row = async (table: string, versioned = true) => {
    const result = await h.server.database.db.execute(
      sql.raw(`select count(*)::int as n, ${versioned ? 'coalesce(sum(version),0)::int' : '0'} as v from ${table}`),
    );
    const r = (Array.isArray(result) ? result : (result as { rows: { n: number; v: number }[] }).rows)[0] as { n: number; v: number };
    return `${r.n}/${r.v}`;
  };
  return {
    determinations: await row('determinations', false),
    differences: await row('payment_differences', false),
    cases: await row('product_delivery_cases'),
    situations: await row('two_attending_situations'),
    tasks: await row('tasks'),
    audit: await row('audit_events', false),
  };
}

const kinds = (differences: { month: string; kind: string }[]) => differences.map((d) => `${d.month} ${d.kind}`);

async function childCareLearner(): Promise<{ learner: Learner; childCare: { evidenceId: string } }> {
  const { learner, childCareId } = await learnerWithChildCare(ada, dana);
  return { learner, childCare: { evidenceId: childCareId } };
}

describe('finding 8: over- and underpayments only for issued months', () => {
  it('finding 8: a first determination is an initial determination, in its preview and when applied, with no underpayments', async () => {
    const { learner } = await childCareLearner();
    const preview = (await dana.get(`/api/pdcs/${learner.pdcId}/preview`)).body;
    expect(preview).toMatchObject({ initial: true, basedOnVersion: null, differences: [] });
    const applied = (await dana.post(`/api/pdcs/${learner.pdcId}/apply`)).body;
    expect(applied).toMatchObject({ changed: true, initial: true, version: 1, differences: [] });
  });

  it('finding 8: a correction made in November is an overpayment for the months issued and a change in scheduled amounts after', async () => {
    const { learner, childCare } = await childCareLearner();
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    await setToday('2026-11-20'); // December is issued on Friday 27 November 2026 (two weekdays before Tuesday 1 December)
    const version = (await dana.get(`/api/pdcs/${learner.pdcId}/evidence`)).body.evidence.find(
      (e: { id: string }) => e.id === childCare.evidenceId,
    ).versions[0];
    await dana.post(`/api/evidence-versions/${version.id}/correct`, { version: version.version, amount: '450.00' });
    const applied = (await dana.post(`/api/pdcs/${learner.pdcId}/apply`)).body;
    expect(kinds(applied.differences)).toEqual([
      '2026-09 overpayment',
      '2026-10 overpayment',
      '2026-11 overpayment',
      ...['2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06'].map((m) => `${m} scheduled-change`),
    ]);
    // The kinds are recorded as they were on the day: the case view shows the same labels later.
    await setToday('2027-08-01');
    expect(kinds((await dana.get(`/api/pdcs/${learner.pdcId}`)).body.differences)).toEqual(kinds(applied.differences));
  });

  it('finding 8: each determination version shows its totals: entitlement, overpayments, underpayments and scheduled changes', async () => {
    const { learner, childCare } = await childCareLearner();
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    await setToday('2026-11-20');
    await dana.post(`/api/evidence/${childCare.evidenceId}/change`, { effectiveFrom: '2026-10-01', amount: '800.00' });
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    const versions = (await dana.get(`/api/pdcs/${learner.pdcId}`)).body.versions;
    // Version 1: ten months of 427.00 + 560.00 + 600.00 = 1587.00.
    expect(versions.find((v: { version: number }) => v.version === 1).totals).toEqual({
      entitlement: '15870.00',
      overpayments: '0.00',
      underpayments: '0.00',
      scheduledChanges: '0.00',
    });
    // Version 2: +200.00 a month from October; October and November were issued, December to June scheduled.
    expect(versions.find((v: { version: number }) => v.version === 2).totals).toEqual({
      entitlement: '17670.00', // 15870.00 + 9 × 200.00
      overpayments: '0.00',
      underpayments: '400.00', // 2 × 200.00
      scheduledChanges: '1400.00', // 7 × 200.00
    });
  });
});

interface Household {
  first: Learner;
  second: Learner;
  situation: { id: string; version: number; status: string; months: string[] };
}

/** Two partners; A trains Sep 2026 - Jun 2027 (Dana), B Jan - Dec 2027 (Eli); each case determined before they are found to be partners. */
async function household(): Promise<Household> {
  const first = await learnerWithPdc(ada, { trainingStart: '2026-09-08', trainingEnd: '2027-06-25', coordinatorId: ids['lbc.dana'] });
  await dana.post(`/api/pdcs/${first.pdcId}/evidence`, {
    type: 'shelter',
    subtype: 'renting',
    amount: '1450.00',
    periodStart: '2026-09-01',
  });
  await dana.post(`/api/pdcs/${first.pdcId}/apply`);
  const second = await learnerWithPdc(ada, { trainingStart: '2027-01-11', trainingEnd: '2027-12-17', coordinatorId: ids['lbc.eli'] });
  await eli.post(`/api/pdcs/${second.pdcId}/evidence`, {
    type: 'shelter',
    subtype: 'renting',
    amount: '1450.00',
    periodStart: '2027-01-01',
  });
  await eli.post(`/api/pdcs/${second.pdcId}/apply`);
  await declarePartners(ada, first, second);
  const situation = (await dana.get(`/api/two-attending?personId=${first.personId}`)).body.situations.find(
    (s: { status: string }) => s.status !== 'ended',
  );
  return { first, second, situation };
}

const OVERLAP = ['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06'];

describe('finding 13: a preview before the actions that re-determine both cases', () => {
  it('finding 13: confirming two attending can be previewed first: both cases, month by month, with their differences, and nothing changes', async () => {
    const h = await household();
    const before = await counts();
    const preview = await eli.get(`/api/two-attending/${h.situation.id}/preview`);
    expect(preview.status).toBe(200);
    expect(await counts()).toEqual(before);
    expect(preview.body.cases.map((c: { pdcId: string }) => c.pdcId)).toEqual([h.first.pdcId, h.second.pdcId]);
    const [first, second] = preview.body.cases;
    const january = first.months.find((m: { month: string }) => m.month === '2027-01');
    expect(january.components.find((c: { adjusts?: string }) => c.adjusts === 'core-essential').amount).toBe('-323.00');
    expect(first.differences.map((d: { month: string }) => d.month)).toEqual(OVERLAP);
    expect(second.differences.map((d: { month: string }) => d.month)).toEqual(OVERLAP);
    // What confirming then does is exactly what the preview showed.
    const confirmed = (await eli.post(`/api/two-attending/${h.situation.id}/confirm`, { version: h.situation.version })).body;
    expect(confirmed.reassessed.first.differences).toEqual(first.differences);
    expect(confirmed.reassessed.second.differences).toEqual(second.differences);
  });

  it('finding 13: changing training dates can be previewed first: both cases, month by month, with their differences, and nothing changes', async () => {
    const h = await household();
    await eli.post(`/api/two-attending/${h.situation.id}/confirm`, { version: h.situation.version });
    const pdc = (await dana.get(`/api/pdcs/${h.first.pdcId}`)).body.pdc;
    const before = await counts();
    const preview = await dana.post(`/api/pdcs/${h.first.pdcId}/training/preview`, { trainingEnd: '2027-03-19' });
    expect(preview.status).toBe(200);
    expect(await counts()).toEqual(before);
    expect(preview.body.cases.map((c: { pdcId: string }) => c.pdcId)).toEqual([h.first.pdcId, h.second.pdcId]);
    const [own, partner] = preview.body.cases;
    expect(own.months.at(-1).month).toBe('2027-03');
    const changed = (await dana.patch(`/api/pdcs/${h.first.pdcId}/training`, { version: pdc.version, trainingEnd: '2027-03-19' })).body;
    expect(changed.reassessed.differences.map(({ version: _v, ...d }: { version: number }) => d)).toEqual(own.differences);
    expect(changed.partner.differences.map(({ version: _v, ...d }: { version: number }) => d)).toEqual(partner.differences);
    expect(kinds(partner.differences)).toEqual(['2027-04 scheduled-change', '2027-05 scheduled-change', '2027-06 scheduled-change']);
  });

  it('finding 13: changing training dates while two attending awaits confirmation previews and reports both cases, the held months following the overlap', async () => {
    const h = await household();
    const pdc = (await dana.get(`/api/pdcs/${h.first.pdcId}`)).body.pdc;
    const preview = (await dana.post(`/api/pdcs/${h.first.pdcId}/training/preview`, { trainingEnd: '2027-03-19' })).body;
    const held = (months: { month: string; held: boolean }[]) => months.filter((m) => m.held).map((m) => m.month);
    expect(preview.cases.map((c: { pdcId: string }) => c.pdcId)).toEqual([h.first.pdcId, h.second.pdcId]);
    expect(held(preview.cases[1].months)).toEqual(['2027-01', '2027-02', '2027-03']);
    const changed = (await dana.patch(`/api/pdcs/${h.first.pdcId}/training`, { version: pdc.version, trainingEnd: '2027-03-19' })).body;
    expect(changed.partner.pdcId).toBe(h.second.pdcId);
    expect(held((await eli.get(`/api/pdcs/${h.second.pdcId}`)).body.current.months)).toEqual(held(preview.cases[1].months));
  });

  it('finding 13: a training-date preview with an end before the start is refused by name and changes nothing', async () => {
    const h = await household();
    const before = await counts();
    const preview = await dana.post(`/api/pdcs/${h.first.pdcId}/training/preview`, { trainingEnd: '2026-01-01' });
    expect(preview.status).toBe(422);
    expect(preview.body).toMatchObject({ code: 'END_BEFORE_START', field: 'trainingEnd' });
    expect(await counts()).toEqual(before);
  });
});

describe('finding 14: no month issued twice while two attending awaits confirmation', () => {
  it("finding 14: the second learner's overlap months are held, with the reason, on both cases and in the worklist", async () => {
    const h = await household();
    const second = (await eli.get(`/api/pdcs/${h.second.pdcId}`)).body;
    expect(second.current.months.filter((m: { held: boolean }) => m.held).map((m: { month: string }) => m.month)).toEqual(OVERLAP);
    expect(second.current.months.find((m: { month: string }) => m.month === '2027-07')).toMatchObject({ held: false, holdReason: null });
    expect(second.current.months[0].holdReason).toMatch(/awaits a coordinator's confirmation/);
    const first = (await dana.get(`/api/pdcs/${h.first.pdcId}`)).body;
    expect(first.current.months.some((m: { held: boolean }) => m.held)).toBe(false);
    for (const view of [first, second]) {
      expect(view.holds).toEqual([
        expect.objectContaining({
          situationId: h.situation.id,
          pdcId: h.second.pdcId,
          months: OVERLAP,
          reason: expect.stringMatching(/not paid twice/),
        }),
      ]);
    }
    const worklist = (await eli.get('/api/two-attending/holds')).body.holds;
    expect(worklist).toEqual(
      expect.arrayContaining([expect.objectContaining({ situationId: h.situation.id, pdcId: h.second.pdcId, months: OVERLAP })]),
    );
  });

  it('finding 14: once confirmed the hold is released: the held months were never issued, so the split is a change in scheduled amounts on the second case', async () => {
    const h = await household();
    await setToday('2027-03-15'); // January to March were due while held
    const confirmed = (await eli.post(`/api/two-attending/${h.situation.id}/confirm`, { version: h.situation.version })).body;
    expect(new Set(confirmed.reassessed.second.differences.map((d: { kind: string }) => d.kind))).toEqual(new Set(['scheduled-change']));
    // The first learner's January to March were issued whole: halving them is an overpayment there.
    expect(kinds(confirmed.reassessed.first.differences).slice(0, 3)).toEqual([
      '2027-01 overpayment',
      '2027-02 overpayment',
      '2027-03 overpayment',
    ]);
    const second = (await eli.get(`/api/pdcs/${h.second.pdcId}`)).body;
    expect(second.current.months.some((m: { held: boolean }) => m.held)).toBe(false);
    expect(second.holds).toEqual([]);
  });
});

describe('E15 late applications in the two-attending reconciliation', () => {
  it("the reconciliation shows a month before the second learner's application as not paid on that case, says why, and still balances", async () => {
    const h = await household();
    await eli.post(`/api/two-attending/${h.situation.id}/confirm`, { version: h.situation.version });
    await setToday('2027-03-15');
    const pdc = (await eli.get(`/api/pdcs/${h.second.pdcId}`)).body.pdc;
    expect((await eli.patch(`/api/pdcs/${h.second.pdcId}/application`, { version: pdc.version, receivedOn: '2027-02-10' })).status).toBe(
      200,
    );
    const reconciliation = (await eli.get(`/api/two-attending/${h.situation.id}/reconciliation`)).body;
    const january = reconciliation.months.find((m: { month: string }) => m.month === '2027-01');
    // B's January is not paid (B applied in February); A's half is, and that is all the household is paid.
    expect(january.entitlement.second).toBe('0.00');
    expect(january.entitlement.household).toBe(january.entitlement.first);
    expect(january.notPaid).toEqual({ first: null, second: expect.stringMatching(/^E15 late application: .*2027-02-10/) });
    const february = reconciliation.months.find((m: { month: string }) => m.month === '2027-02');
    expect(february.notPaid).toEqual({ first: null, second: null });
    expect(reconciliation.balanced).toBe(true);
  });
});
