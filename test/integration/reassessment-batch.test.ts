/**
 * The set-based reassessment (jobs/reassessment.ts through app/benefits/reassess-batch.ts) stores
 * what `reassess` case by case stores: the same versions, months (amounts, components, holds), over-
 * and underpayments and audit events, on a generated population with two-attending households held
 * and coordinated, first as initial determinations, then after evidence and partnerships change.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reassess } from '../../src/app/benefits/determinations.ts';
import { LEARNER_PROGRAM } from '../../src/app/benefits/program.ts';
import type { AppContext } from '../../src/app/context.ts';
import { createContext } from '../../src/app/create-context.ts';
import { reassessment } from '../../src/jobs/reassessment.ts';
import { twoAttendingScan } from '../../src/jobs/two-attending-scan.ts';
import { type Queryable, rowsOf } from '../../src/store/db.ts';
import { generatePopulation } from '../../src/store/generate.ts';
import { createTestDatabase, type TestDatabase, testEngine } from '../support/database.ts';

let database: TestDatabase;
let ctx: AppContext;
const REASON = 'Scheduled reassessment (policy data)';

/** Everything reassessment stores, as content (no ids, no times). */
async function stored(q: Queryable) {
  const read = async (query: ReturnType<typeof sql>) => rowsOf(await q.execute(query));
  return {
    months: await read(sql`
      select d.pdc_id::text, d.version, d.reason, m.month, m.entitlement_cents, m.needs_cents, m.resources_cents, m.components::text, m.held, m.hold_reason
        from determination_months m join determinations d on d.id = m.determination_id order by 1, 2, 4`),
    differences: await read(sql`
      select p.pdc_id::text, d.version, p.month, p.previous_cents, p.new_cents, p.difference_cents, p.kind
        from payment_differences p join determinations d on d.id = p.determination_id order by 1, 2, 3`),
    cases: await read(sql`select id::text, status, version from product_delivery_cases order by 1`),
    audit: await read(sql`select record_id, after::text from audit_events where action = 'pdc.reassess' order by 1, 2`),
  };
}

class RolledBack extends Error {
  constructor(readonly result: unknown) {
    super('rolled back');
  }
}

/** `reassess` of every live learner case, one by one, in a transaction rolled back: what it stores. */
async function oneByOne() {
  try {
    await ctx.db.transaction(async (tx) => {
      const cases = rowsOf<{ id: string }>(
        await tx.execute(
          sql`select id::text from product_delivery_cases where program = ${LEARNER_PROGRAM} and status in ('open','active') order by id`,
        ),
      );
      for (const { id } of cases) await reassess(ctx, tx, null, id, REASON);
      throw new RolledBack(await stored(tx));
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result;
    throw error;
  }
  throw new Error('unreachable');
}

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = createContext(database.db);
  await generatePopulation(database.db, { people: 500, seed: 5, engine: testEngine(), householdsPerChunk: 50 });
  await twoAttendingScan.run(ctx);
  // Half the households coordinated (as a bulk load would bring them), the others held.
  await ctx.db.execute(sql`update two_attending_situations set status = 'coordinated' where md5(id::text) < '8'`);
}, 240_000);
afterAll(() => database.destroy());

describe('set-based reassessment', () => {
  it('stores the same initial determinations as reassess case by case, holds and two-attending splits included', async () => {
    const expected = (await oneByOne()) as Awaited<ReturnType<typeof stored>>;
    expect(expected.months.some((m) => m.held === true)).toBe(true);
    expect(expected.months.some((m) => String(m.components).includes('director-approval-cost-adjustment'))).toBe(true);
    const run = await reassessment.run(ctx);
    expect(run.outcomes.newVersions).toBeGreaterThan(50);
    expect(await stored(ctx.db)).toEqual(expected);
  });

  it('stores the same next versions and over- and underpayments after evidence and partnerships change', async () => {
    await ctx.db.execute(
      sql`update evidence_versions set amount_cents = amount_cents + 12345 where amount_cents is not null and md5(id::text) < '6'`,
    );
    await ctx.db.execute(
      sql`update relationships set end_date = greatest(start_date, '2026-02-14') where kind = 'spouse' and md5(id::text) < '3'`,
    );
    const expected = await oneByOne();
    const run = await reassessment.run(ctx);
    expect(run.outcomes.monthsOverOrUnderpaid).toBeGreaterThan(0);
    expect(await stored(ctx.db)).toEqual(expected);
  });

  it('stores nothing new when nothing changed', async () => {
    const before = await stored(ctx.db);
    const run = await reassessment.run(ctx);
    expect(run.outcomes.newVersions).toBe(0);
    expect(await stored(ctx.db)).toEqual(before);
  });
});
