/**
 * The race of a pooled connection that PostgreSQL ends while it is idle, made certain: the pool
 * hands the connection out before it has read the server's message on it. The pool's idle
 * connections stop reading (their sockets paused), their backends are ended and waited for until
 * gone, and the sockets read again only once the pool has handed one of them out: whatever is then
 * sent on it goes to a backend that no longer exists, and its answer is the server's 57P01 message,
 * as when that message is still on its way. (node-postgres's connection socket, `client.connection.stream`:
 * test-only use of its internals.)
 */
import pg from 'pg';

interface Socketed {
  connection: { stream: { pause(): void; resume(): void } };
}

/** The pool under a node-postgres database handle (Drizzle's `$client`). */
export const poolOf = (db: unknown): pg.Pool => (db as { $client: pg.Pool }).$client;

/** Follows a pool's connections from now on, to end the idle ones without the pool hearing of it. */
export function followPool(pool: pg.Pool) {
  const open = new Set<pg.Client>();
  pool.on('acquire', (client) => open.add(client));
  pool.on('remove', (client) => open.delete(client));
  return {
    /** Takes `count` connections at once (the pool's size: all of them), all idle afterwards. */
    async fill(count: number): Promise<void> {
      await Promise.all(Array.from({ length: count }, () => pool.query('select pg_sleep(0.05)')));
    },
    /**
     * Ends the backend of every idle connection while the pool cannot read the server's message,
     * and returns how many were ended. The pool reads those messages once it has handed one of the
     * connections out: after its first statement went out (by default), or before (`heardBeforeFirstStatement`,
     * as when the work does something else first). No work may be running on the pool meanwhile.
     */
    async endUnheard(options: { heardBeforeFirstStatement?: boolean } = {}): Promise<number> {
      const idle = [...open];
      const hear = () => {
        for (const client of idle) (client as unknown as Socketed).connection.stream.resume();
      };
      for (const client of idle) (client as unknown as Socketed).connection.stream.pause();
      pool.once('acquire', () => (options.heardBeforeFirstStatement ? hear() : setImmediate(hear)));
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      try {
        const pids = idle.map((client) => (client as unknown as { processID: number }).processID);
        await admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [pids]);
        for (let i = 0; i < 500; i++) {
          const left = await admin.query('select count(*)::int as n from pg_stat_activity where pid = any($1::int[])', [pids]);
          if (left.rows[0].n === 0) return pids.length;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error('the backends did not end');
      } finally {
        await admin.end();
      }
    },
  };
}
