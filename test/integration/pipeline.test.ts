/**
 * Several named prepared statements in one round trip (src/store/pipeline.ts): the rows of each in
 * order, an error ends the batch as node-postgres reports it, and the connection stays usable with
 * its prepared statements known (on PGlite the statements simply run one by one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeNamedPipelined } from '../../src/store/pipeline.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const add = { name: 'test_pipeline_add', text: 'select $1::int + 1 as x', params: [1] };
const divide = (by: number) => ({ name: 'test_pipeline_divide', text: 'select 12 / $1::int as y', params: [by] });
const values = {
  name: 'test_pipeline_values',
  text: 'select $1::uuid[] as ids, $2::date as day',
  params: [['00000000-0000-4000-8000-000000000001'], '2027-01-31'],
};

describe('statements in one round trip', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.destroy());

  it('answers each statement with its own rows, in order, with dates as text', async () => {
    const rows = await database.db.transaction((tx) => executeNamedPipelined(tx, [add, divide(4), values]));
    expect(rows).toEqual([[{ x: 2 }], [{ y: 3 }], [{ ids: ['00000000-0000-4000-8000-000000000001'], day: '2027-01-31' }]]);
  });

  it('stops at a failing statement with its error, and the same statements run again afterwards', async () => {
    for (let i = 0; i < 3; i++) {
      const error = await database.db.transaction((tx) => executeNamedPipelined(tx, [add, divide(0), values])).catch((e: Error) => e);
      // node-postgres's error itself, or (PGlite, through Drizzle) as the cause of "Failed query".
      expect(error).toBeInstanceOf(Error);
      expect(`${(error as Error).message} ${((error as Error).cause as Error | undefined)?.message}`).toMatch(/division by zero/);
      const rows = await database.db.transaction((tx) => executeNamedPipelined(tx, [values, divide(6), add]));
      expect(rows).toEqual([[{ ids: ['00000000-0000-4000-8000-000000000001'], day: '2027-01-31' }], [{ y: 2 }], [{ x: 2 }]]);
    }
  });
});
