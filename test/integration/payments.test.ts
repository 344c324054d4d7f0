/**
 * Issue 16 through the API (docs/policy/payments.md): E15 late applications, issuing months (once,
 * frozen) by the payment-issue job, over- and underpayments of issued months as debts and arrears,
 * recovery by deduction, the repayment agreement, adjustments and their reversal, and the payment
 * run's CSV export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../support/api.ts';
import type { Learner } from '../support/learner.ts';
import { clockedServer, correctAmount, learnerWithChildCare, rateChangedFrom } from '../support/payments.ts';
import { download } from '../support/plans.ts';
import { TEST_TODAY } from '../support/server.ts';

const h = clockedServer(['official.ada', 'lbc.dana', 'supervisor.grace', 'lbs.farah']);
const [ada, dana, grace, farah] = ['official.ada', 'lbc.dana', 'supervisor.grace', 'lbs.farah'].map(h.api) as [Api, Api, Api, Api];
const setToday = h.setToday;

beforeAll(() => h.start());
afterAll(() => h.close());

/** A learner in training September 2026 to June 2027 with rent and child care, determined on 15 June 2026. */
async function determinedLearner(): Promise<{ learner: Learner; childCareId: string }> {
  await setToday(TEST_TODAY);
  const made = await learnerWithChildCare(ada, dana);
  expect((await dana.post(`/api/pdcs/${made.learner.pdcId}/apply`)).status).toBe(200);
  return made;
}

/** Corrects the child care amount (a wrong value for the same period). */
const correctChildCare = (pdcId: string, evidenceId: string, amount: string) => correctAmount(dana, pdcId, evidenceId, amount);

const runIssue = async () => {
  const run = await grace.post('/api/jobs/payment-issue/run');
  expect(run.status).toBe(200);
  return run.body;
};
const paymentsOf = async (pdcId: string) => (await dana.get(`/api/pdcs/${pdcId}/payments`)).body;
const pdcVersion = async (pdcId: string) => (await dana.get(`/api/pdcs/${pdcId}`)).body.pdc.version as number;

describe('E15 late applications', () => {
  it('an application received on 14 November pays from November, and each earlier month says why', async () => {
    const { learner } = await determinedLearner();
    await setToday('2026-11-20');
    const recorded = await dana.patch(`/api/pdcs/${learner.pdcId}/application`, {
      version: await pdcVersion(learner.pdcId),
      receivedOn: '2026-11-14',
    });
    expect(recorded.status).toBe(200);
    const months = (await dana.get(`/api/pdcs/${learner.pdcId}`)).body.current.months as {
      month: string;
      entitlement: string;
      components: { code: string; rule: string }[];
    }[];
    expect(months.filter((m) => m.entitlement === '0.00').map((m) => m.month)).toEqual(['2026-09', '2026-10']);
    expect(months.find((m) => m.month === '2026-11')!.entitlement).not.toBe('0.00');
    expect(months[0]!.components.find((c) => c.code === 'late-application')!.rule).toContain('2026-11-14');
  });

  it('a received date after today is refused with the field named, and changes nothing', async () => {
    const { learner } = await determinedLearner();
    const version = await pdcVersion(learner.pdcId);
    const refused = await dana.patch(`/api/pdcs/${learner.pdcId}/application`, { version, receivedOn: '2026-07-01' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'DATE_IN_FUTURE', field: 'receivedOn' });
    expect(await pdcVersion(learner.pdcId)).toBe(version);
  });
});

describe('issuing months and payments', () => {
  it('the issue job issues every month whose issue date has come, and a second run issues nothing more', async () => {
    const { learner } = await determinedLearner();
    await setToday('2026-11-20');
    await runIssue();
    const first = await paymentsOf(learner.pdcId);
    expect(first.payments.map((p: { month: string }) => p.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    await runIssue();
    expect((await paymentsOf(learner.pdcId)).payments).toHaveLength(3);
  });

  it('finding 8: a correction after issue leaves what was issued frozen and raises a debt for each overpaid month', async () => {
    const { learner, childCareId } = await determinedLearner();
    await setToday('2026-11-20');
    await runIssue();
    const issued = (await paymentsOf(learner.pdcId)).payments.map((p: { gross: string }) => p.gross);
    await correctChildCare(learner.pdcId, childCareId, '450.00');
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    await runIssue();
    const after = await paymentsOf(learner.pdcId);
    expect(after.payments.map((p: { gross: string }) => p.gross)).toEqual(issued);
    expect(after.debts.map((d: { month: string; amount: string }) => `${d.month} ${d.amount}`)).toEqual([
      '2026-09 150.00',
      '2026-10 150.00',
      '2026-11 150.00',
    ]);
    expect(after.debts[0].cause.differences).toEqual([{ version: 2, kind: 'overpayment', difference: '-150.00' }]);
    expect(after.debts[0].cause.evidenceIds).toContain(childCareId);
  });

  it('a debt is recovered by deduction from the next month issued, at the recovery rate, once the agreement is signed', async () => {
    const { learner, childCareId } = await determinedLearner();
    await setToday('2026-11-20');
    await runIssue();
    await correctChildCare(learner.pdcId, childCareId, '450.00');
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    await runIssue();
    for (const d of (await paymentsOf(learner.pdcId)).debts)
      expect((await dana.patch(`/api/debts/${d.id}/agreement`, { version: d.version, receivedOn: '2026-11-20' })).status).toBe(200);
    await setToday('2026-11-27'); // December's issue date
    await runIssue();
    const view = await paymentsOf(learner.pdcId);
    const december = view.payments.find((p: { month: string }) => p.month === '2026-12');
    const expected = Math.floor(Math.round(Number(december.gross) * 100) / 10) / 100; // 10%, rounded down to the cent
    expect(Number(december.deduction)).toBe(expected);
    const recovered = view.debts.flatMap((d: { recoveries: { fromMonth: string; amount: string }[] }) => d.recoveries);
    expect(recovered.every((r: { fromMonth: string }) => r.fromMonth === '2026-12')).toBe(true);
    expect(recovered.reduce((t: number, r: { amount: string }) => t + Math.round(Number(r.amount) * 100), 0)).toBe(
      Math.round(expected * 100),
    );
    expect(recovered[0]).toMatchObject({ amount: Math.min(150, expected).toFixed(2) });
  });

  it('a payment run exports as CSV, one row per payment issued that day', async () => {
    const { learner } = await determinedLearner();
    await setToday('2026-11-27');
    await runIssue();
    const reference = (await dana.get(`/api/pdcs/${learner.pdcId}`)).body.pdc.reference;
    const csv = await download(h.server.app, 'lbs.farah', '/api/payment-runs/2026-11-27/export.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain(`2026-11-27,${reference},`);
  });
});

describe('a change to an issued month is settled at once (E05, E06)', () => {
  const money = (rows: { month: string; amount?: string; gross?: string }[]) => rows.map((r) => `${r.month} ${r.amount ?? r.gross}`);

  it('a correction applied after months were issued raises their debts in the same change, each naming the months, the version and the evidence version that caused it', async () => {
    const { learner, childCareId } = await determinedLearner();
    await setToday('2026-11-20');
    await runIssue();
    const correction = await correctChildCare(learner.pdcId, childCareId, '450.00');
    expect((await dana.post(`/api/pdcs/${learner.pdcId}/apply`)).status).toBe(200);
    // No issue run in between: the debts are there as soon as the change is applied.
    const view = await paymentsOf(learner.pdcId);
    expect(money(view.debts)).toEqual(['2026-09 150.00', '2026-10 150.00', '2026-11 150.00']);
    expect(view.debts[0].raisedOn).toBe('2026-11-20');
    expect(view.debts[0].cause).toMatchObject({
      version: 2,
      reason: 'Evidence applied: 1 change',
      determinedOn: '2026-11-20',
      differences: [{ version: 2, kind: 'overpayment', difference: '-150.00' }],
      evidenceVersions: [{ id: correction.versionId, evidenceId: childCareId, number: 2, kind: 'correction' }],
    });
  });

  it('a correction that raises an issued month pays the shortfall as arrears in the same change', async () => {
    const { learner, childCareId } = await determinedLearner();
    await setToday('2026-11-20');
    await runIssue();
    await correctChildCare(learner.pdcId, childCareId, '700.00');
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    const view = await paymentsOf(learner.pdcId);
    expect(money(view.payments.filter((p: { kind: string }) => p.kind === 'arrears'))).toEqual([
      '2026-09 100.00',
      '2026-10 100.00',
      '2026-11 100.00',
    ]);
    expect(view.debts).toEqual([]);
  });

  it('a second correction is settled against the first, never against the original', async () => {
    const { learner, childCareId } = await determinedLearner();
    await setToday('2026-11-20');
    await runIssue();
    await correctChildCare(learner.pdcId, childCareId, '450.00');
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    await correctChildCare(learner.pdcId, childCareId, '500.00');
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    const view = await paymentsOf(learner.pdcId);
    // 600.00 issued, 150.00 owed back after the first; the second makes 500.00 due: 50.00 more is paid.
    expect(money(view.debts)).toEqual(['2026-09 150.00', '2026-10 150.00', '2026-11 150.00']);
    expect(money(view.payments.filter((p: { kind: string }) => p.kind === 'arrears'))).toEqual([
      '2026-09 50.00',
      '2026-10 50.00',
      '2026-11 50.00',
    ]);
  });

  it('the repayment agreement of a debt raised at once is brought forward at 60 days, as a task to the coordinator', async () => {
    const { learner, childCareId } = await determinedLearner();
    await setToday('2026-11-20');
    await runIssue();
    await correctChildCare(learner.pdcId, childCareId, '450.00');
    await dana.post(`/api/pdcs/${learner.pdcId}/apply`);
    const { debts } = await paymentsOf(learner.pdcId);
    expect(debts[0].agreement).toEqual({ state: 'awaiting', receivedOn: null, bringForwardOn: '2027-01-19' }); // 20 November + 60 days
    const tasks = (await dana.get('/api/tasks?type=repayment-agreement&limit=200')).body.tasks as { recordId: string; dueOn: string }[];
    const ids = new Set(debts.map((d: { id: string }) => d.id));
    expect(tasks.filter((t) => ids.has(t.recordId)).map((t) => t.dueOn)).toEqual(['2027-01-19', '2027-01-19', '2027-01-19']);
  });

  it('a rate lowered from October, put through the reassessment job, raises debts for the issued months it lowers, naming the run', async () => {
    const { learner } = await determinedLearner();
    await setToday('2026-11-20');
    await runIssue();
    const restore = rateChangedFrom(h.server.ctx, { table: 'core-essential', key: '1 adult', from: '2026-10-01', amount: '407.00' });
    try {
      const run = await grace.post('/api/jobs/reassessment/run');
      expect(run.status).toBe(200);
    } finally {
      restore();
    }
    const view = await paymentsOf(learner.pdcId);
    // $427.00 issued for October and November, $407.00 due now: $20.00 back each; September keeps its rate.
    expect(money(view.debts)).toEqual(['2026-10 20.00', '2026-11 20.00']);
    expect(view.debts[0].raisedOn).toBe('2026-11-20');
    expect(view.debts[0].cause).toMatchObject({
      version: 2,
      reason: 'Scheduled reassessment (policy data)',
      differences: [{ version: 2, kind: 'overpayment', difference: '-20.00' }],
    });
  });
});

describe('recovery: adjustments and reversals', () => {
  it('recording a late application after months were issued makes those months debts at once', async () => {
    const { learner } = await determinedLearner();
    await setToday('2026-11-20');
    await runIssue();
    await dana.patch(`/api/pdcs/${learner.pdcId}/application`, { version: await pdcVersion(learner.pdcId), receivedOn: '2026-10-05' });
    const view = await paymentsOf(learner.pdcId);
    expect(view.debts.map((d: { month: string }) => d.month)).toEqual(['2026-09']);
    expect(view.debts[0].agreement.state).toBe('awaiting');
    expect(view.debts[0].agreement.bringForwardOn).toBe('2027-01-19');
  });

  /** A debt to adjust: the late application of 5 October makes September a debt. */
  async function aDebt() {
    const { learner } = await determinedLearner();
    await setToday('2026-11-20');
    await runIssue();
    await dana.patch(`/api/pdcs/${learner.pdcId}/application`, { version: await pdcVersion(learner.pdcId), receivedOn: '2026-10-05' });
    const [debt] = (await paymentsOf(learner.pdcId)).debts;
    return { pdcId: learner.pdcId, debt: debt as { id: string; amount: string } };
  }

  it('an adjustment sent again with the same Idempotency-Key is made once, and the retry answers what the first did', async () => {
    const { pdcId, debt } = await aDebt();
    const body = { direction: 'lower', amount: '10.00', reason: 'Deducted by hand' };
    const first = await farah.post(`/api/debts/${debt.id}/adjustments`, body, { 'idempotency-key': 'retry-1' });
    const retry = await farah.post(`/api/debts/${debt.id}/adjustments`, body, { 'idempotency-key': 'retry-1' });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect((await paymentsOf(pdcId)).debts[0].outstanding).toBe((Number(debt.amount) - 10).toFixed(2));
  });

  it('an Idempotency-Key used again for a different adjustment is refused and changes nothing', async () => {
    const { pdcId, debt } = await aDebt();
    await farah.post(
      `/api/debts/${debt.id}/adjustments`,
      { direction: 'lower', amount: '10.00', reason: 'Deducted by hand' },
      { 'idempotency-key': 'retry-2' },
    );
    const other = await farah.post(
      `/api/debts/${debt.id}/adjustments`,
      { direction: 'lower', amount: '20.00', reason: 'Deducted by hand' },
      { 'idempotency-key': 'retry-2' },
    );
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'headers.idempotency-key' });
    expect((await paymentsOf(pdcId)).debts[0].outstanding).toBe((Number(debt.amount) - 10).toFixed(2));
  });

  it('one Idempotency-Key sent at once for adjustments of two debts makes one and refuses the other as reused, never a 500', async () => {
    const [a, b] = [await aDebt(), await aDebt()];
    const body = { direction: 'lower', amount: '10.00', reason: 'Deducted by hand' };
    const answers = await Promise.all(
      [a, b].map(({ debt }) => farah.post(`/api/debts/${debt.id}/adjustments`, body, { 'idempotency-key': 'retry-two-debts' })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(answers.find((r) => r.status === 422)!.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'headers.idempotency-key' });
    const outstanding = [(await paymentsOf(a.pdcId)).debts[0].outstanding, (await paymentsOf(b.pdcId)).debts[0].outstanding];
    expect(outstanding.filter((o, i) => o !== [a, b][i]!.debt.amount)).toHaveLength(1);
  });

  it('an Idempotency-Key that is not 1 to 200 visible characters is refused, naming the header, and changes nothing', async () => {
    const { pdcId, debt } = await aDebt();
    const refused = await farah.post(
      `/api/debts/${debt.id}/adjustments`,
      { direction: 'lower', amount: '10.00', reason: 'Deducted by hand' },
      { 'idempotency-key': 'two words' },
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'INVALID_FORMAT', field: 'headers.idempotency-key' });
    expect((await paymentsOf(pdcId)).debts[0].outstanding).toBe(debt.amount);
  });

  it('without an Idempotency-Key, each adjustment sent is made', async () => {
    const { pdcId, debt } = await aDebt();
    const body = { direction: 'lower', amount: '10.00', reason: 'Deducted by hand' };
    await farah.post(`/api/debts/${debt.id}/adjustments`, body);
    await farah.post(`/api/debts/${debt.id}/adjustments`, body);
    expect((await paymentsOf(pdcId)).debts[0].outstanding).toBe((Number(debt.amount) - 20).toFixed(2));
  });

  it('a wrongly made adjustment is reversed with a reason, so the debt owes its amount again; not twice', async () => {
    const { learner } = await determinedLearner();
    await setToday('2026-11-20');
    await runIssue();
    await dana.patch(`/api/pdcs/${learner.pdcId}/application`, { version: await pdcVersion(learner.pdcId), receivedOn: '2026-10-05' });
    const [debt] = (await paymentsOf(learner.pdcId)).debts;
    const made = await farah.post(`/api/debts/${debt.id}/adjustments`, {
      direction: 'lower',
      amount: '100.00',
      reason: 'Deducted by hand',
    });
    expect(made.status).toBe(201);
    expect((await paymentsOf(learner.pdcId)).debts[0].outstanding).toBe((Number(debt.amount) - 100).toFixed(2));
    const reversed = await farah.post(`/api/debt-adjustments/${made.body.id}/reversal`, { reason: 'Entered in error' });
    expect(reversed.status).toBe(201);
    expect((await paymentsOf(learner.pdcId)).debts[0].outstanding).toBe(debt.amount);
    const again = await farah.post(`/api/debt-adjustments/${made.body.id}/reversal`, { reason: 'Again' });
    expect(again.body.code).toBe('ALREADY_REVERSED');
  });
});
