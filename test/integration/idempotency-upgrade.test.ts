/**
 * The upgrade that moved debt adjustments' Idempotency-Keys into idempotency_keys (migration 0025,
 * docs/api.md "Retrying a write"): a database as migration 0024 left it, with adjustments whose keys
 * the release before kept on the adjustment (`debt_adjustments.idempotency_key`), is migrated, and
 * a retry of such an adjustment with its key is still answered with the adjustment already made,
 * never made a second time.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/app/users.ts';
import { type Api, type ApiResponse, signedIn } from '../support/api.ts';
import { migrateToLatest } from '../support/database.ts';
import { personBody } from '../support/fixtures.ts';
import { clockedServer, learnerWithChildCare } from '../support/payments.ts';
import { DEMO_PASSWORD } from '../support/server.ts';

const h = clockedServer(['official.ada', 'lbc.dana', 'supervisor.grace', 'lbs.farah'], { migratedTo: '0024_idempotency_keys' });
const [ada, dana, grace, farah] = ['official.ada', 'lbc.dana', 'supervisor.grace', 'lbs.farah'].map(h.api) as [Api, Api, Api, Api];

/** Made before the upgrade, each with the key the release before kept on it. */
const made = {
  /** A reason with quotes, a backslash, a new line, a tab and letters beyond ASCII, as a client may send. */
  adjustment: {
    key: 'before-upgrade-1',
    body: { direction: 'lower', amount: '10.00', reason: 'Deducted by hand: "cheque" 12\\10\nreçu — ✓\tok' },
    answer: null as { id: string; amount: string; reason: string } | null,
  },
  /**
   * Made by an Authorized Official who is also a Learner Benefit Specialist (docs/separation-of-duties.md
   * allows the pair), with the key they had also used for a registration, then kept apart in idempotency_keys.
   */
  sharedKey: {
    key: 'before-upgrade-2',
    body: { direction: 'lower', amount: '20.00', reason: 'Deducted by hand' },
    registration: personBody({ familyName: 'Keptbeforeupgrade' }),
    registered: null as ApiResponse | null,
  },
};
let debt: { id: string; amount: string; pdcId: string };
let olive: Api;

const outstanding = async () => (await dana.get(`/api/pdcs/${debt.pdcId}/payments`)).body.debts[0].outstanding as string;
const adjust = (by: Api, body: object, key: string) => by.post(`/api/debts/${debt.id}/adjustments`, body, { 'idempotency-key': key });

/**
 * An adjustment lowering the debt by `body.amount`, made as the release before made it with a key:
 * its row holding the key (the column migration 0025 drops; adjustments are append-only, so the key
 * is written with the row). The answer is what that release answered: { id, amount, reason }.
 */
async function adjustedTheOldWay(username: string, body: { amount: string; reason: string }, key: string) {
  const cents = -Math.round(Number(body.amount) * 100);
  const result = await h.server.database.db.execute(sql`
    insert into debt_adjustments (debt_id, amount_cents, reason, created_by, idempotency_key)
    select ${debt.id}, ${cents}, ${body.reason}, id, ${key} from users where username = ${username}
    returning id`);
  const rows = (Array.isArray(result) ? result : (result as { rows: { id: string }[] }).rows) as { id: string }[];
  return { id: rows[0]!.id, amount: `-${body.amount}`, reason: body.reason };
}

beforeAll(async () => {
  await h.start();
  // A debt: September becomes one when the application is recorded as received on 5 October (E15).
  const { learner } = await learnerWithChildCare(ada, dana);
  expect((await dana.post(`/api/pdcs/${learner.pdcId}/apply`)).status).toBe(200);
  await h.setToday('2026-11-20');
  expect((await grace.post('/api/jobs/payment-issue/run')).status).toBe(200);
  const version = (await dana.get(`/api/pdcs/${learner.pdcId}`)).body.pdc.version as number;
  await dana.patch(`/api/pdcs/${learner.pdcId}/application`, { version, receivedOn: '2026-10-05' });
  debt = { ...(await dana.get(`/api/pdcs/${learner.pdcId}/payments`)).body.debts[0], pdcId: learner.pdcId };

  made.adjustment.answer = await adjustedTheOldWay('lbs.farah', made.adjustment.body, made.adjustment.key);
  const roles = ['authorized-official', 'learner-benefit-specialist'] as const;
  await createUser(h.server.ctx, null, { username: 'both.olive', displayName: 'Olive Both', roles: [...roles], password: DEMO_PASSWORD });
  olive = await signedIn(h.server.app, 'both.olive');
  made.sharedKey.registered = await olive.post('/api/people', made.sharedKey.registration, { 'idempotency-key': made.sharedKey.key });
  expect(made.sharedKey.registered.status).toBe(201);
  await adjustedTheOldWay('both.olive', made.sharedKey.body, made.sharedKey.key);

  await migrateToLatest(h.server.database);
});
afterAll(() => h.close());

/** What the debt owes after the two adjustments made before the upgrade, and nothing more. */
const owedAfterBoth = () => (Number(debt.amount) - 10 - 20).toFixed(2);

describe('an adjustment made with an Idempotency-Key before the upgrade', () => {
  it('sent again with its key after the upgrade, is answered with the adjustment already made, marked replayed, and the debt moves once', async () => {
    const retry = await adjust(farah, made.adjustment.body, made.adjustment.key);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(made.adjustment.answer);
    expect(await outstanding()).toBe(owedAfterBoth());
  });

  it('its key sent after the upgrade with a different adjustment is refused (IDEMPOTENCY_KEY_REUSED) and changes nothing', async () => {
    const other = await adjust(farah, { ...made.adjustment.body, amount: '11.00' }, made.adjustment.key);
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'headers.idempotency-key' });
    expect(await outstanding()).toBe(owedAfterBoth());
  });

  it('whose key its author had also used for a registration, sent again after the upgrade, is refused and adjusts nothing; the registration still replays', async () => {
    const retry = await adjust(olive, made.sharedKey.body, made.sharedKey.key);
    expect(retry.status).toBe(422);
    expect(retry.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'headers.idempotency-key' });
    expect(await outstanding()).toBe(owedAfterBoth());
    const registration = await olive.post('/api/people', made.sharedKey.registration, { 'idempotency-key': made.sharedKey.key });
    expect(registration.status).toBe(201);
    expect(registration.body.id).toBe(made.sharedKey.registered!.body.id);
  });
});
