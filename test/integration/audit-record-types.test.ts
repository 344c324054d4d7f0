/**
 * Every record type the audit writers name can be searched (`GET /api/audit?recordType=`): the query
 * once listed ten of them, so `recordType=debt` or `office` answered 400 INVALID_FORMAT although
 * events of both are written. Here a learner's overpayment raises debts, one's repayment agreement
 * comes back, a specialist exports a payment run, an administrator adds an office; then every record
 * type in the database is searched.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_RECORD_TYPES } from '../../src/app/audit.ts';
import { rowsOf } from '../../src/store/db.ts';
import type { Api } from '../support/api.ts';
import { clockedServer, correctAmount, learnerWithChildCare } from '../support/payments.ts';
import { download } from '../support/plans.ts';

const h = clockedServer(['official.ada', 'lbc.dana', 'supervisor.grace', 'auditor.hugo', 'admin.iris']);
const [ada, dana, grace, hugo, iris] = ['official.ada', 'lbc.dana', 'supervisor.grace', 'auditor.hugo', 'admin.iris'].map(h.api) as [
  Api,
  Api,
  Api,
  Api,
  Api,
];

beforeAll(async () => {
  await h.start();
  // A learner determined in June, three months issued in November, then an overpayment of each: debts,
  // and the repayment agreement of one of them recorded.
  const { learner, childCareId } = await learnerWithChildCare(ada, dana);
  expect((await dana.post(`/api/pdcs/${learner.pdcId}/apply`)).status).toBe(200);
  await h.setToday('2026-11-20');
  expect((await grace.post('/api/jobs/payment-issue/run')).status).toBe(200);
  await correctAmount(dana, learner.pdcId, childCareId, '450.00');
  expect((await dana.post(`/api/pdcs/${learner.pdcId}/apply`)).status).toBe(200);
  const [debt] = (await dana.get(`/api/pdcs/${learner.pdcId}/payments`)).body.debts;
  expect((await dana.patch(`/api/debts/${debt.id}/agreement`, { version: debt.version, receivedOn: '2026-11-20' })).status).toBe(200);
  expect((await download(h.server.app, 'lbs.farah', '/api/payment-runs/2026-11-20/export.csv')).statusCode).toBe(200);
  expect((await iris.post('/api/offices', { code: 'north', name: 'North office' })).status).toBe(201);
});
afterAll(() => h.close());

async function recordTypesWritten(): Promise<string[]> {
  const result = await h.server.ctx.db.execute(sql`select distinct record_type from audit_events order by record_type`);
  return rowsOf<{ record_type: string }>(result).map((r) => r.record_type);
}

describe('searching the audit trail by record type', () => {
  it('finds the repayment agreement recorded for a debt (recordType=debt)', async () => {
    const response = await hugo.get('/api/audit?recordType=debt');
    expect(response.status).toBe(200);
    expect(response.body.events.length).toBeGreaterThan(0);
    expect(response.body.events.every((e: { recordType: string }) => e.recordType === 'debt')).toBe(true);
  });

  it('finds the office an administrator added (recordType=office)', async () => {
    const response = await hugo.get('/api/audit?recordType=office');
    expect(response.status).toBe(200);
    expect(response.body.events.map((e: { action: string; recordId: string }) => `${e.action} ${e.recordId}`)).toContain(
      'office.create north',
    );
  });

  it('accepts every record type of the one list the audit writers take theirs from, and the document lists them', async () => {
    for (const recordType of AUDIT_RECORD_TYPES)
      expect((await hugo.get(`/api/audit?recordType=${recordType}`)).status, recordType).toBe(200);
    const document = (await h.server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const parameter = document.paths['/api/audit'].get.parameters.find((p: { name: string }) => p.name === 'recordType');
    expect(parameter.schema.enum).toEqual([...AUDIT_RECORD_TYPES]);
  });

  it('finds the events of every record type written, whichever it is', async () => {
    const written = await recordTypesWritten();
    expect(written).toEqual(expect.arrayContaining(['debt', 'office', 'payment-run', 'pdc', 'person', 'user']));
    expect(AUDIT_RECORD_TYPES).toEqual(expect.arrayContaining(written));
    for (const recordType of written) {
      const response = await hugo.get(`/api/audit?recordType=${encodeURIComponent(recordType)}&limit=1`);
      expect(response.status, recordType).toBe(200);
      expect(
        response.body.events.map((e: { recordType: string }) => e.recordType),
        recordType,
      ).toEqual([recordType]);
    }
  });
});
