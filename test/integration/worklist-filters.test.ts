/**
 * The worklist's filters through the API: by queue, type and due window (overdue, this week, later),
 * sorted and paged on the server, with how many tasks each filter value would show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTask } from '../../src/app/tasks.ts';
import { type Api, signedIn } from '../support/api.ts';
import { startTestServer, TEST_TODAY, type TestServer } from '../support/server.ts';

let server: TestServer;
let gabriel: Api;

// TEST_TODAY is Monday 2026-06-15: this week runs to Sunday 2026-06-21.
const queue = 'learner-benefit-specialist';
const TASKS = [
  { kind: 'worklist-a', title: 'A overdue', dueOn: '2026-06-10' },
  { kind: 'worklist-a', title: 'A this week', dueOn: '2026-06-21' },
  { kind: 'worklist-a', title: 'A later', dueOn: '2026-06-22' },
  { kind: 'worklist-b', title: 'B this week', dueOn: TEST_TODAY },
];

beforeAll(async () => {
  server = await startTestServer();
  for (const task of TASKS) await createTask(server.database.db, null, { ...task, assigneeRole: queue });
  await createTask(server.database.db, null, {
    kind: 'worklist-a',
    title: 'A elsewhere',
    dueOn: TEST_TODAY,
    assigneeRole: 'learner-benefits-coordinator',
  });
  gabriel = await signedIn(server.app, 'lbs.gabriel');
});
afterAll(() => server.close());

const page = async (query: string) => {
  const response = await gabriel.get(`/api/tasks?${query}`);
  expect(response.status).toBe(200);
  return response.body as {
    tasks: { title: string }[];
    total: number;
    counts: Record<'queue' | 'type' | 'due', { value: string | null; count: number }[]>;
  };
};
const countOf = (counts: { value: string | null; count: number }[], value: string) => counts.find((c) => c.value === value)?.count ?? 0;

describe('the worklist filters', () => {
  it('shows only the tasks of the chosen type in my queues', async () => {
    const found = await page('type=worklist-a');
    expect(found.tasks.map((t) => t.title)).toEqual(['A overdue', 'A this week', 'A later']);
  });

  it('splits the tasks by due window: before today, today to Sunday, after Sunday', async () => {
    const titles = async (due: string) => (await page(`type=worklist-a&due=${due}`)).tasks.map((t) => t.title);
    expect([await titles('overdue'), await titles('this-week'), await titles('later')]).toEqual([
      ['A overdue'],
      ['A this week'],
      ['A later'],
    ]);
  });

  it('counts each due window with the other filters kept', async () => {
    const { counts } = await page('type=worklist-a&due=overdue');
    expect(['overdue', 'this-week', 'later'].map((w) => countOf(counts.due, w))).toEqual([1, 1, 1]);
  });

  it('counts each type within the chosen due window', async () => {
    const { counts } = await page('due=this-week&queue=learner-benefit-specialist');
    expect([countOf(counts.type, 'worklist-a'), countOf(counts.type, 'worklist-b')]).toEqual([1, 1]);
  });

  it('pages on the server and says how many match in all', async () => {
    const found = await page('type=worklist-a&sort=title&limit=1&offset=1');
    expect({ titles: found.tasks.map((t) => t.title), total: found.total }).toEqual({ titles: ['A overdue'], total: 3 });
  });

  it('refuses a page size above the limit', async () => {
    expect((await gabriel.get('/api/tasks?limit=5000')).status).toBe(400);
  });
});
