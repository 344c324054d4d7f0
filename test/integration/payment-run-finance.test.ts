/**
 * A payment run's export is the file finance sends to issue a day's payments (docs/policy/payments.md).
 * Before: only Learner Benefit Specialists and supervisors could export it, and each got only the
 * payments to people within their reach (docs/access-control.md), so no one could export a whole
 * run, and a part looked the same as the whole. Now a Finance Officer, a role held alone that reads
 * no person's record, exports the whole run, every payment in any office and at any sensitivity
 * (references and amounts only), each person exported access-logged on the basis `payment-run`; and
 * every export says which it is (`Payment-Run-Scope`, and the file's name).
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../src/store/schema.ts';
import { type Api, userIds } from '../support/api.ts';
import { clockedServer, learnerPaidOn } from '../support/payments.ts';
import { addOffice, placeUser, setSensitivity } from '../support/placements.ts';
import { download } from '../support/plans.ts';
import { TEST_TODAY } from '../support/server.ts';

const USERS = ['official.ada', 'lbc.dana', 'supervisor.hamid', 'lbs.farah', 'finance.kim'];
const h = clockedServer(USERS);
const [ada, dana, hamid, , kim] = USERS.map(h.api) as [Api, Api, Api, Api, Api];
const db = () => h.server.database.db;
const RUN = '2026-11-27';
let ids: Record<string, string>;
let reference: string;
let personId: string;

const exportRun = (username: string) => download(h.server.app, username, `/api/payment-runs/${RUN}/export.csv`);

beforeAll(async () => {
  await h.start();
  ids = await userIds(hamid);
  // The Finance Officer works in another office than the learner's, which changes nothing for the run.
  await addOffice(db(), 'finance', 'Finance branch');
  await placeUser(db(), 'finance.kim', { office: 'finance' });
  ({ personId, reference } = await learnerPaidOn(h, RUN, { official: ada, coordinator: dana, issuer: hamid }));
}, 120_000);
afterAll(async () => {
  await h.setToday(TEST_TODAY);
  await h.close();
});

describe('a Finance Officer’s export of a payment run', () => {
  it('holds every payment of the run, to a person of any office and above the officer’s clearance', async () => {
    await setSensitivity(db(), personId, 5);
    try {
      const csv = await exportRun('finance.kim');
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain(`${RUN},${reference},`);
    } finally {
      await setSensitivity(db(), personId, 1);
    }
  });

  it('says it is the whole run, in the Payment-Run-Scope header and the file’s name', async () => {
    const csv = await exportRun('finance.kim');
    expect(csv.headers['payment-run-scope']).toBe('whole');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="payment-run-${RUN}.csv"`);
  });

  it('records each person exported as a read of their payments on the basis payment-run', async () => {
    const reads = async () => {
      const [row] = await db()
        .select({ n: count() })
        .from(accessLog)
        .where(
          and(
            eq(accessLog.actorId, ids['finance.kim']!),
            eq(accessLog.personId, personId),
            eq(accessLog.what, 'payments'),
            eq(accessLog.basis, 'payment-run'),
          ),
        );
      return Number(row?.n ?? 0);
    };
    const before = await reads();
    await exportRun('finance.kim');
    expect(await reads()).toBe(before + 1);
  });
});

describe('a Finance Officer', () => {
  it('is refused a person’s record with 403 FORBIDDEN: the run’s references and amounts are all they read', async () => {
    const res = await kim.get(`/api/people/${personId}`);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });
});

describe('a specialist’s export of a payment run', () => {
  it('says it is their part of the run, in the Payment-Run-Scope header and the file’s name', async () => {
    const csv = await exportRun('lbs.farah');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['payment-run-scope']).toBe('within-reach');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="payment-run-${RUN}-within-your-reach.csv"`);
  });
});

describe('the list of payment runs (GET /api/payment-runs)', () => {
  interface Runs {
    scope: string;
    runs: { issueDate: string; payments: number; net: string }[];
  }

  it('gives a Finance Officer every run, newest first, each with how many payments it holds and their net total', async () => {
    const res = await kim.get('/api/payment-runs');
    expect(res.status).toBe(200);
    const body = res.body as Runs;
    expect(body.scope).toBe('whole');
    const dates = body.runs.map((r) => r.issueDate);
    expect(dates).toEqual([...dates].sort().reverse());
    const run = body.runs.find((r) => r.issueDate === RUN);
    expect(run?.payments).toBeGreaterThanOrEqual(1);
    expect(run?.net).toMatch(/^\d+\.\d{2}$/);
  });

  it('counts for a specialist only the payments to the people within their reach', async () => {
    await setSensitivity(db(), personId, 2);
    try {
      const body = (await h.api('lbs.farah').get('/api/payment-runs')).body as Runs;
      expect(body.scope).toBe('within-reach');
      expect(body.runs.map((r) => r.issueDate)).not.toContain(RUN);
    } finally {
      await setSensitivity(db(), personId, 1);
    }
    expect(((await h.api('lbs.farah').get('/api/payment-runs')).body as Runs).runs.map((r) => r.issueDate)).toContain(RUN);
  });

  it('answers at most `limit` runs', async () => {
    const body = (await kim.get('/api/payment-runs?limit=1')).body as Runs;
    expect(body.runs).toHaveLength(1);
  });
});

describe('the OpenAPI document', () => {
  it('declares the export’s Payment-Run-Scope header with its two values', async () => {
    const document = (await h.server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const answer = document.paths['/api/payment-runs/{issueDate}/export.csv'].get.responses['200'];
    expect(answer.headers?.['Payment-Run-Scope']?.schema?.enum).toEqual(['whole', 'within-reach']);
  });
});
