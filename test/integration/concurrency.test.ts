/**
 * Concurrency on PostgreSQL, through the real HTTP API over a connection pool: 100 conflicting edits
 * of one record at once (same version) -> exactly one succeeds, every other answer is a 409, never a
 * 5xx, and the row ends as the one successful write (no lost update). Then two runs of the same
 * job at once (two server instances, as two schedulers would) -> each record processed once: no
 * duplicate tasks, situations or determination versions.
 */
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/app/audit-verify.ts';
import { type AppContext, fixedClock } from '../../src/app/context.ts';
import { createContext } from '../../src/app/create-context.ts';
import { DEMO_PASSWORD } from '../../src/app/demo-data.ts';
import { buildServer } from '../../src/http/server.ts';
import { JOBS } from '../../src/jobs/registry.ts';
import { type Database, openDatabase } from '../../src/store/db.ts';
import {
  type Actors,
  type BulkLearner,
  changeEvidenceInBulk,
  createDemoUsers,
  createLearners,
  createPlansWithoutService,
} from '../support/bulk-learners.ts';
import { createScratchDatabase, postgresOnly, type ScratchDatabase } from '../support/postgres-only.ts';
import { TEST_TODAY } from '../support/server.ts';

const CONCURRENT = 100;
const LATER = '2026-12-01';
const only = postgresOnly('The concurrency test');
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

interface Instance {
  readonly app: FastifyInstance;
  readonly database: Database;
  readonly base: string;
}

interface Answer {
  readonly status: number;
  readonly body: any;
}

interface Client {
  send(method: string, url: string, body?: unknown): Promise<Answer>;
}

let scratch: ScratchDatabase;
let main: Instance;
let jobsA: Instance;
let jobsB: Instance;
let ctx: AppContext;
let actors: Actors;
let learners: BulkLearner[];
const tally = { tried: 0, succeeded: 0, conflicts: 0, lostUpdates: 0, serverErrors: 0 };

async function instance(clock: string, poolSize: number): Promise<Instance> {
  const database = await openDatabase({ engine: 'postgres', url: scratch.url, poolSize });
  const app = await buildServer({
    ctx: createContext(database.db, { clock: fixedClock(clock), demoMode: true }),
    engine: 'postgres',
    webRoot: null,
    signInRateLimit: 10_000,
    jobs: JOBS,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, database, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

async function signIn(at: Instance, username: string): Promise<Client> {
  const session = await fetch(`${at.base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(session.status, `sign in as ${username}`).toBe(200);
  const cookie = session.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    async send(method, url, body) {
      const response = await fetch(`${at.base}${url}`, {
        method,
        headers: { cookie, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
  };
}

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await main.database.db.execute(query))[0]!;
}

/**
 * Sends `CONCURRENT` requests at once; expects exactly one `success` status and every other answer a
 * 409 with one of `conflictCodes`; never a 5xx. Returns the index of the winner and the answers.
 */
async function race(what: string, send: (i: number) => Promise<Answer>, success: number, conflictCodes: readonly string[]) {
  const answers = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => send(i)));
  const statuses: Record<number, number> = {};
  for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  const errors = answers.filter((a) => a.status >= 500);
  tally.tried += answers.length;
  tally.serverErrors += errors.length;
  expect(
    errors.map((e) => e.body),
    `${what}: server errors`,
  ).toEqual([]);
  const winners = answers.map((a, i) => (a.status === success ? i : -1)).filter((i) => i >= 0);
  tally.succeeded += winners.length;
  tally.lostUpdates += Math.max(0, winners.length - 1);
  expect(winners.length, `${what}: ${JSON.stringify(statuses)}`).toBe(1);
  const others = answers.filter((_, i) => i !== winners[0]);
  tally.conflicts += others.length;
  for (const a of others) {
    expect(a.status, `${what}: ${JSON.stringify(a.body)}`).toBe(409);
    expect(conflictCodes, `${what}: ${JSON.stringify(a.body)}`).toContain(a.body.code);
  }
  return { winner: winners[0]!, answers, statuses };
}

describe.skipIf(!only.run)(`concurrency on PostgreSQL${only.reason ? `: ${only.reason}` : ''}`, () => {
  beforeAll(async () => {
    scratch = await createScratchDatabase('concurrency');
    main = await instance(TEST_TODAY, 20);
    jobsA = await instance(LATER, 10);
    jobsB = await instance(LATER, 10);
    ctx = createContext(main.database.db, { clock: fixedClock(TEST_TODAY), demoMode: true });
    actors = await createDemoUsers(ctx);
    learners = await createLearners(ctx, actors, 40, { concurrency: 8 });
  }, 180_000);

  afterAll(async () => {
    for (const i of [main, jobsA, jobsB]) {
      await i?.app.close();
      await i?.database.close();
    }
    await scratch?.drop();
    console.log(
      `conflicts tried: ${tally.tried}, lost updates: ${tally.lostUpdates} (successes ${tally.succeeded}, 409s ${tally.conflicts}, 5xx ${tally.serverErrors})`,
    );
  });

  it(`${CONCURRENT} owners' edits of one plan item with the same version: one wins, the rest are 409 VERSION_CONFLICT, the row is the winner's`, async () => {
    const ada = await signIn(main, 'official.ada');
    const itemId = learners[0]!.itemId;
    // Each edit ends the training 4 to 12 months after it starts: valid, and within the duration
    // caps and plan limits (a far end date would be refused as DURATION_CAP_EXCEEDED, not raced).
    const start = Temporal.PlainDate.from(learners[0]!.trainingStart);
    const endOf = (i: number) =>
      start
        .add({ months: 3 + (i % 9) })
        .with({ day: 15 })
        .toString();
    for (let round = 0; round < 3; round++) {
      const before = await one<{ version: number; description: string }>(
        sql`select version, description from plan_items where id = ${itemId}`,
      );
      const audits = await one<{ n: number }>(
        sql`select count(*)::int as n from audit_events where action = 'plan.item.update' and record_id = ${itemId}`,
      );
      const { winner, answers } = await race(
        `plan item round ${round}`,
        (i) =>
          ada.send('PATCH', `/api/plan-items/${itemId}`, {
            version: before.version,
            description: `round ${round} edit ${i}`,
            expectedEnd: endOf(i),
          }),
        200,
        ['VERSION_CONFLICT'],
      );
      const after = await one<{ version: number; description: string; expected_end: string }>(
        sql`select version, description, expected_end from plan_items where id = ${itemId}`,
      );
      expect(after).toEqual({
        version: before.version + 1,
        description: `round ${round} edit ${winner}`,
        expected_end: endOf(winner),
      });
      const item = answers[winner]!.body.subGoals.flatMap((g: { items: { id: string }[] }) => g.items).find(
        (x: { id: string }) => x.id === itemId,
      );
      expect(item).toMatchObject({ version: after.version, description: after.description });
      expect(
        (
          await one<{ n: number }>(
            sql`select count(*)::int as n from audit_events where action = 'plan.item.update' and record_id = ${itemId}`,
          )
        ).n,
      ).toBe(audits.n + 1);
    }
  });

  it(`${CONCURRENT} corrections of one evidence version with the same version: one correction is recorded, the rest are 409`, async () => {
    const learner = learners[1]!;
    const coordinator = await signIn(main, 'lbc.eli');
    const evidence = (await coordinator.send('GET', `/api/pdcs/${learner.pdcId}/evidence`)).body.evidence;
    const shelter = evidence
      .find((e: { type: string }) => e.type === 'shelter')
      .versions.find((v: { status: string }) => v.status === 'active');
    const { winner } = await race(
      'evidence correction',
      (i) =>
        coordinator.send('POST', `/api/evidence-versions/${shelter.id}/correct`, { version: shelter.version, amount: `${200 + i}.00` }),
      201,
      ['VERSION_CONFLICT'],
    );
    const corrections = rowsOf<{ amount_cents: number; status: string }>(
      await main.database.db.execute(
        sql`select amount_cents::int as amount_cents, status from evidence_versions where corrects_version_id = ${shelter.id}`,
      ),
    );
    expect(corrections).toEqual([{ amount_cents: (200 + winner) * 100, status: 'in-edit' }]);
    // Applying it: the value in force is the winner's.
    const versionsBefore = await one<{ n: number }>(sql`select count(*)::int as n from determinations where pdc_id = ${learner.pdcId}`);
    const { winner: applier } = await race('apply changes', () => coordinator.send('POST', `/api/pdcs/${learner.pdcId}/apply`), 200, [
      'NOTHING_TO_APPLY',
    ]);
    expect(applier).toBeGreaterThanOrEqual(0);
    expect((await one<{ n: number }>(sql`select count(*)::int as n from determinations where pdc_id = ${learner.pdcId}`)).n).toBe(
      versionsBefore.n + 1,
    );
    const current = (await coordinator.send('GET', `/api/pdcs/${learner.pdcId}`)).body.current;
    const shelterComponent = current.months[0].components.find((c: { code: string }) => c.code === 'core-shelter');
    expect(shelterComponent.amount).toBe(`${200 + winner}.00`);
  });

  it(`${CONCURRENT} discards of one in-edit evidence version, and ${CONCURRENT} approvals of one pending Director Approval: one each`, async () => {
    const learner = learners[2]!;
    const coordinator = await signIn(main, 'lbc.dana');
    const added = await coordinator.send('POST', `/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'additional-health-benefits',
      amount: '15.00',
      periodStart: learner.trainingStart,
      periodEnd: learner.trainingEnd,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const { winner } = await race(
      'discard',
      () => coordinator.send('POST', `/api/evidence-versions/${added.body.versionId}/discard`, { version: 1 }),
      200,
      ['VERSION_CONFLICT', 'VERSION_NOT_IN_EDIT'],
    );
    expect(winner).toBeGreaterThanOrEqual(0);
    expect(await one(sql`select status, version from evidence_versions where id = ${added.body.versionId}`)).toEqual({
      status: 'cancelled',
      version: 2,
    });

    const approval = await coordinator.send('POST', `/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'director-approval',
      subtype: 'cost-adjustment',
      amount: '75.00',
      periodStart: learner.trainingStart,
      periodEnd: learner.trainingEnd,
    });
    expect(approval.status, JSON.stringify(approval.body)).toBe(201);
    expect((await coordinator.send('POST', `/api/pdcs/${learner.pdcId}/apply`)).status).toBe(200);
    const pending = await one<{ version: number }>(sql`select version from evidence_versions where id = ${approval.body.versionId}`);
    const specialist = await signIn(main, 'lbs.farah');
    const determinations = await one<{ n: number }>(sql`select count(*)::int as n from determinations where pdc_id = ${learner.pdcId}`);
    const decided = await race(
      'approval',
      (i) =>
        specialist.send(
          'POST',
          `/api/evidence-versions/${approval.body.versionId}/approval`,
          i % 2
            ? { version: pending.version, decision: 'approved' }
            : { version: pending.version, decision: 'rejected', reason: `reason ${i}` },
        ),
      200,
      ['VERSION_CONFLICT', 'APPROVAL_NOT_PENDING'],
    );
    const row = await one<{ approval: string; approval_reason: string | null }>(
      sql`select approval, approval_reason from evidence_versions where id = ${approval.body.versionId}`,
    );
    expect(row).toEqual(
      decided.winner % 2
        ? { approval: 'approved', approval_reason: null }
        : { approval: 'rejected', approval_reason: `reason ${decided.winner}` },
    );
    expect(
      (await one<{ n: number }>(sql`select count(*)::int as n from determinations where pdc_id = ${learner.pdcId}`)).n,
    ).toBeLessThanOrEqual(determinations.n + 1);
    expect(
      (await one<{ n: number }>(sql`select count(*)::int as n from tasks where record_id = ${approval.body.versionId} and status = 'open'`))
        .n,
    ).toBe(0);
  });

  describe('two runs of the same job at once (two instances)', () => {
    async function bothRun(job: string) {
      const [a, b] = await Promise.all([signIn(jobsA, 'supervisor.grace'), signIn(jobsB, 'supervisor.hamid')]);
      const answers = await Promise.all([a.send('POST', `/api/jobs/${job}/run`, {}), b.send('POST', `/api/jobs/${job}/run`, {})]);
      for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answers.map((x) => x.body as { examined: number; outcomes: Record<string, number> });
    }

    it('passive-closure-review: one review task per quiet plan, however many runs', async () => {
      const plans = await createPlansWithoutService(ctx, actors, 30);
      const summaries = await bothRun('passive-closure-review');
      const tasks = rowsOf<{ record_id: string; n: number }>(
        await main.database.db.execute(
          sql`select record_id, count(*)::int as n from tasks where kind = 'plan-closure-review' group by record_id`,
        ),
      );
      expect(tasks.length).toBe(plans.length);
      expect(tasks.every((t) => t.n === 1)).toBe(true);
      expect(summaries.reduce((s, x) => s + (x.outcomes.tasksCreated ?? 0), 0)).toBe(plans.length);
      const audited = await one<{ n: number }>(
        sql`select count(*)::int as n from audit_events where action = 'task.create' and record_id in (select id::text from tasks where kind = 'plan-closure-review')`,
      );
      expect(audited.n).toBe(plans.length);
      // And again: nothing new.
      expect((await bothRun('passive-closure-review')).reduce((s, x) => s + (x.outcomes.tasksCreated ?? 0), 0)).toBe(0);
    });

    it('two-attending-scan: each couple detected once, two tasks each', async () => {
      // Couples recorded in bulk (behind the application, as a data load would): only the scan finds them.
      const couples: (readonly [BulkLearner, BulkLearner])[] = [];
      const free = learners.slice(10);
      while (couples.length < 8) {
        const a = free.shift()!;
        const b = free.find((x) => x.trainingStart <= a.trainingEnd && a.trainingStart <= x.trainingEnd)!;
        free.splice(free.indexOf(b), 1);
        couples.push([a, b]);
      }
      for (const [a, b] of couples) {
        await main.database.db.execute(sql`
          insert into relationships (kind, subtype, person_id, related_person_id, start_date, created_by)
          values ('spouse', 'common-law', ${a.personId}, ${b.personId}, '2015-06-01', ${actors['official.ada']!.userId})`);
      }
      const summaries = await bothRun('two-attending-scan');
      const situations = rowsOf<{ pair_key: string; n: number }>(
        await main.database.db.execute(
          sql`select pair_key, count(*)::int as n from two_attending_situations where status in ('detected', 'coordinated') group by pair_key`,
        ),
      );
      expect(situations.length).toBe(couples.length);
      expect(situations.every((s) => s.n === 1)).toBe(true);
      expect(summaries.reduce((s, x) => s + x.outcomes.detected!, 0)).toBe(couples.length);
      const tasks = await one<{ n: number; keys: number }>(
        sql`select count(*)::int as n, count(distinct dedupe_key)::int as keys from tasks where kind = 'two-attending-detected'`,
      );
      expect(tasks).toEqual({ n: 2 * couples.length, keys: 2 * couples.length });
      expect((await bothRun('two-attending-scan')).reduce((s, x) => s + x.outcomes.detected!, 0)).toBe(0);
    });

    it('reassessment: every case gets its new determination version exactly once', async () => {
      const before = new Map(
        rowsOf<{ pdc_id: string; v: number }>(
          await main.database.db.execute(sql`select pdc_id, max(version)::int as v from determinations group by pdc_id`),
        ).map((r) => [r.pdc_id, Number(r.v)]),
      );
      expect(await changeEvidenceInBulk(ctx, 700)).toBe(learners.length);
      const summaries = await bothRun('reassessment');
      const after = rowsOf<{ pdc_id: string; v: number; n: number }>(
        await main.database.db.execute(sql`select pdc_id, max(version)::int as v, count(*)::int as n from determinations group by pdc_id`),
      );
      expect(after.length).toBe(learners.length);
      for (const r of after) {
        expect(Number(r.v), `case ${r.pdc_id}`).toBe(before.get(r.pdc_id)! + 1);
        expect(Number(r.n)).toBe(Number(r.v));
      }
      expect(summaries.reduce((s, x) => s + (x.outcomes.newVersions ?? 0), 0)).toBe(learners.length);
      const incomplete = rowsOf(
        await main.database.db.execute(sql`
          select d.id from determinations d join product_delivery_cases p on p.id = d.pdc_id left join determination_months m on m.determination_id = d.id
          group by d.id, p.training_start, p.training_end
          having count(m.*) <> ((date_part('year', p.training_end) - date_part('year', p.training_start)) * 12 + date_part('month', p.training_end) - date_part('month', p.training_start) + 1)::int`),
      );
      expect(incomplete).toEqual([]);
      expect((await bothRun('reassessment')).reduce((s, x) => s + (x.outcomes.newVersions ?? 0), 0)).toBe(0);
      expect((await verifyAuditChain(main.database.db)).problems).toEqual([]);
    });
  });
});
