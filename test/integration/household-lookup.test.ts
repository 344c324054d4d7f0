/**
 * Adding or changing evidence checks the person against the learner's household, so the household
 * lookup runs on every evidence write: it must find its rows through the relationships' indexes,
 * not by reading the whole table (which grows with the province's population).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/store/db.ts';
import { generatePopulation } from '../../src/store/generate.ts';
import { HOUSEHOLD_OF_PDC_PERSON } from '../../src/store/repos/pdc-write-facts.ts';
import { householdRelationshipsOf, householdRelationshipsQuery } from '../../src/store/repos/relationships.ts';
import { createTestDatabase, type TestDatabase, testEngine } from '../support/database.ts';

describe('the household lookup', () => {
  let database: TestDatabase;
  let partnered: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    await generatePopulation(database.db, { people: 200, seed: 7, engine: testEngine(), householdsPerChunk: 50 });
    const [row] = rowsOf<{ id: string }>(
      await database.db.execute(sql`select person_id::text as id from relationships where kind = 'spouse' order by id limit 1`),
    );
    partnered = row!.id;
  });
  afterAll(() => database.destroy());

  it('finds the relationships touching the person and those of their partners', async () => {
    const rows = await householdRelationshipsOf(database.db, partnered);
    expect(rows.some((r) => r.kind === 'spouse' && (r.personId === partnered || r.relatedPersonId === partnered))).toBe(true);
  });

  it('reads the relationships table only through its indexes, whatever its size', async () => {
    const { sql: text, params } = householdRelationshipsQuery(database.db, partnered).toSQL();
    const plan = await database.db.transaction(async (tx) => {
      // Sequential scans priced out: a plan that still has one cannot be done any other way.
      await tx.execute(sql`set local enable_seqscan = off`);
      const literal = text.replace(/\$(\d+)/g, (_m, n: string) => `'${String(params[Number(n) - 1]).replace(/'/g, "''")}'`);
      return rowsOf<Record<string, string>>(await tx.execute(sql.raw(`explain ${literal}`)))
        .map((r) => Object.values(r)[0])
        .join('\n');
    });
    expect(plan).not.toMatch(/Seq Scan on relationships/);
  });

  it("reads a case's household (the statement adding evidence runs) through the indexes too, with the same rows in the same order", async () => {
    const [pdc] = rowsOf<{ id: string; person_id: string }>(
      await database.db.execute(sql`select d.id::text as id, d.person_id::text as person_id from product_delivery_cases d
        order by exists (select 1 from relationships r where r.kind = 'spouse' and (r.person_id = d.person_id or r.related_person_id = d.person_id)) desc, d.id
        limit 1`),
    );
    expect(pdc).toBeDefined();
    const literal = HOUSEHOLD_OF_PDC_PERSON.replace(/\$1/g, `'${pdc!.id}'`);
    const rows = rowsOf<{ id: string }>(await database.db.execute(sql.raw(literal)));
    expect(rows.map((r) => r.id)).toEqual((await householdRelationshipsOf(database.db, pdc!.person_id)).map((r) => r.id));
    const plan = await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return rowsOf<Record<string, string>>(await tx.execute(sql.raw(`explain ${literal}`)))
        .map((r) => Object.values(r)[0])
        .join('\n');
    });
    expect(plan).not.toMatch(/Seq Scan on relationships/);
  });
});
