/** Requests per key in a fixed window, counted in one statement (store/schema.ts `requestCounts`). */
import { sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '../db.ts';

/** Counts one request for `key`; the count in the current window and the milliseconds left in it. */
export async function countRequest(q: Queryable, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const [row] = rowsOf<{ count: number; ttl: number }>(
    await q.execute(sql`
      insert into request_counts as r (key, count, window_ends) values (${key}, 1, now() + ${windowMs} * interval '1 millisecond')
      on conflict (key) do update set
        count = case when r.window_ends <= now() then 1 else r.count + 1 end,
        window_ends = case when r.window_ends <= now() then excluded.window_ends else r.window_ends end
      returning count, greatest(ceil(extract(epoch from window_ends - now()) * 1000), 0)::int as ttl`),
  );
  return { current: Number(row!.count), ttl: Number(row!.ttl) };
}

/** Forgets windows that ended more than an hour ago (the table holds live windows only). */
export async function forgetEndedWindows(q: Queryable): Promise<void> {
  await q.execute(sql`delete from request_counts where window_ends < now() - interval '1 hour'`);
}
