/**
 * What the payments tests share (test/integration/payments.test.ts, payment-changes.test.ts): a test
 * server whose clock a test moves (months are issued, and differences labelled, as of the day), the
 * demo users signed in on it, and a learner with rent and child care from September 2026.
 */
import { Temporal } from 'temporal-polyfill';
import type { AppContext, Clock } from '../../src/app/context.ts';
import { loadBenefitPolicy, type RatesData } from '../../src/policy/benefit-rates.ts';
import ratesData from '../../src/policy/data/benefit-rates.json' with { type: 'json' };
import { type Api, signedIn } from './api.ts';
import { type Learner, learnerWithPdc } from './learner.ts';
import { startTestServer, TEST_TODAY, type TestServer, type TestServerOptions } from './server.ts';

export interface ClockedServer {
  /** The server, once `start` has run. */
  readonly server: TestServer;
  /**
   * A caller signed in as `username`. The object stays valid for the whole file: when the clock moves
   * the user signs in again (sessions are judged by the same clock) and the caller uses the new session.
   */
  api(username: string): Api;
  today(): string;
  /** Moves the clock, and everyone signs in again. */
  setToday(date: string): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A server on a clock the test moves, starting at TEST_TODAY; call `start` in beforeAll and `close`
 * in afterAll. `options`: the test server's others (migratedTo).
 */
export function clockedServer(usernames: readonly string[], options: Omit<TestServerOptions, 'clock'> = {}): ClockedServer {
  let today = TEST_TODAY;
  let server: TestServer | null = null;
  const sessions = new Map<string, Api>();
  const clock: Clock = {
    today: () => Temporal.PlainDate.from(today),
    now: () => Temporal.PlainDate.from(today).toZonedDateTime({ timeZone: 'UTC', plainTime: '12:00' }).toInstant(),
  };
  const session = (username: string) => {
    const api = sessions.get(username);
    if (!api) throw new Error(`${username} is not signed in: name them to clockedServer and start it first`);
    return api;
  };
  const setToday = async (date: string) => {
    today = date;
    const signed = await Promise.all(usernames.map((u) => signedIn(server!.app, u)));
    for (const [i, u] of usernames.entries()) sessions.set(u, signed[i]!);
  };
  return {
    get server() {
      if (!server) throw new Error('the server is not started');
      return server;
    },
    api: (username) => ({
      get: (url) => session(username).get(url),
      post: (url, body, headers) => session(username).post(url, body, headers),
      patch: (url, body) => session(username).patch(url, body),
      delete: (url) => session(username).delete(url),
    }),
    today: () => today,
    setToday,
    start: async () => {
      server = await startTestServer({ ...options, clock });
      await setToday(TEST_TODAY);
    },
    close: async () => {
      await server?.close();
    },
  };
}

/**
 * A learner in training September 2026 to June 2027 (learner.ts) with rent of $1,200.00 from
 * September 2026 and child care of $600.00 a month from September 2026 to June 2027, entered by the
 * coordinator and not yet applied.
 */
export async function learnerWithChildCare(official: Api, coordinator: Api): Promise<{ learner: Learner; childCareId: string }> {
  const learner = await learnerWithPdc(official);
  await coordinator.post(`/api/pdcs/${learner.pdcId}/evidence`, {
    type: 'shelter',
    subtype: 'renting',
    amount: '1200.00',
    periodStart: '2026-09-01',
  });
  const childCare = await coordinator.post(`/api/pdcs/${learner.pdcId}/evidence`, {
    type: 'child-care',
    amount: '600.00',
    periodStart: '2026-09-01',
    periodEnd: '2027-06-30',
  });
  return { learner, childCareId: childCare.body.evidenceId };
}

/**
 * A learner with child care (learnerWithChildCare), applied, then paid in the run of `runDate`: the
 * clock moves to that date and `issuer` runs the payment-issue job. Leaves the clock there.
 */
export async function learnerPaidOn(
  h: ClockedServer,
  runDate: string,
  users: { official: Api; coordinator: Api; issuer: Api },
): Promise<{ personId: string; reference: string }> {
  const { learner } = await learnerWithChildCare(users.official, users.coordinator);
  const applied = await users.coordinator.post(`/api/pdcs/${learner.pdcId}/apply`);
  if (applied.status !== 200) throw new Error(`apply: expected 200, got ${applied.status}`);
  const reference: string = (await users.coordinator.get(`/api/pdcs/${learner.pdcId}`)).body.pdc.reference;
  await h.setToday(runDate);
  const issued = await users.issuer.post('/api/jobs/payment-issue/run');
  if (issued.status !== 200) throw new Error(`payment-issue: expected 200, got ${issued.status}`);
  return { personId: learner.personId, reference };
}

/**
 * Corrects the version of a piece of evidence in force to a new amount (a wrong value for the same
 * period); not yet applied. Its answer names the new version (`versionId`).
 */
export async function correctAmount(
  coordinator: Api,
  pdcId: string,
  evidenceId: string,
  amount: string,
): Promise<{ evidenceId: string; versionId: string }> {
  const record = (await coordinator.get(`/api/pdcs/${pdcId}/evidence`)).body.evidence.find((e: { id: string }) => e.id === evidenceId);
  const version = record.versions.find((v: { status: string }) => v.status === 'active');
  const corrected = await coordinator.post(`/api/evidence-versions/${version.id}/correct`, { version: version.version, amount });
  if (corrected.status >= 300) throw new Error(`could not correct the evidence: ${JSON.stringify(corrected.body)}`);
  return corrected.body;
}

/**
 * Puts new policy data in force on a running server, as a release of src/policy/data would: the
 * table's rate for `key` becomes `amount` from `from` (the first of a month) on. Returns what undoes it.
 */
export function rateChangedFrom(ctx: AppContext, change: { table: string; key: string; from: string; amount: string }): () => void {
  const before = ctx.benefitPolicy;
  const data = structuredClone(ratesData) as RatesData;
  const table = data.tables.find((t) => t.code === change.table);
  const current = table?.periods.find((p) => p.to === null);
  if (!table || !current) throw new Error(`no open-ended period in rate table ${change.table}`);
  current.to = Temporal.PlainDate.from(change.from).subtract({ days: 1 }).toString();
  table.periods.push({
    ...current,
    from: change.from,
    to: null,
    rates: current.rates.map((r) => (r.key === change.key ? { ...r, amount: change.amount, source: 'test: a rate revised' } : r)),
  });
  const writable = ctx as { benefitPolicy: AppContext['benefitPolicy'] };
  writable.benefitPolicy = loadBenefitPolicy(data);
  return () => {
    writable.benefitPolicy = before;
  };
}
