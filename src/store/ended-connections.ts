/**
 * Work sent on a pooled PostgreSQL connection that the server had already ended runs again on a
 * new connection, when the server cannot have kept any of it (docs/operations.md "Database
 * connections").
 *
 * When the server ends an idle connection (a restart, a failover, pg_terminate_backend,
 * idle_session_timeout), node-postgres learns it only when it reads the server's message (a FATAL
 * of SQLSTATE class 57P) or the socket's end. Until then the pool can hand the connection out, and
 * the first statement sent on it fails. That statement, and the work it began, run again on a new
 * connection, at most ATTEMPTS times in all, in three cases only:
 *
 * - A plain query (`pool.query`: one statement on a connection of its own) answered with the
 *   server's message of class 57P. The server sends that message in place of the answer when it ends
 *   the session before or during the statement, and ending a session rolls back the transaction it
 *   was in; a statement that committed has already been answered (CommandComplete, ReadyForQuery)
 *   before the server acts on an ending. Only one statement: a text sent with parameters (the
 *   extended protocol carries one statement) or without a `;` (a script might have committed a part
 *   of itself). Not a socket that ended without the server's message: a backend killed between its
 *   commit and its answer, or ended while its commit waited for a synchronous standby (a WARNING,
 *   then the socket's end), ends that way too.
 * - A transaction whose first statement failed because the connection had ended (the server's 57P
 *   message or the socket's end): Drizzle's BEGIN, sent alone, or the first batch of a
 *   `pipelinedTransaction` (store/pipeline.ts), BEGIN and the first statements, when it did not
 *   carry the COMMIT. Without its COMMIT nothing of a transaction stays.
 * - Either, refused by node-postgres itself ("not queryable") because it had already heard the
 *   connection fail: nothing was sent.
 *
 * Once a statement of the work succeeded, or its COMMIT went out, the error goes to the caller. A
 * connection that failed is dropped, never given back to the pool. Before each new attempt the
 * work waits for one turn of the event loop (on this failure path only), so that the pool reads
 * what the server said on its other idle connections and drops those too; the normal path has no
 * timer and no round trip more.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { PgTransactionConfig } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { driverError, NOT_QUERYABLE, SOCKET_ENDED, serverEndedSession } from './database-errors.ts';
import type { Db, Tx } from './db.ts';

/** Runs of one piece of work at most: the first and two more, each on a new connection. */
export const ATTEMPTS = 3;

/** The connection had ended under the first statement of a transaction: the server's message, the socket's end, or node-postgres's refusal. */
export function endedConnection(error: unknown): boolean {
  const e = driverError(error);
  return serverEndedSession(e) || e.message === SOCKET_ENDED || e.message === NOT_QUERYABLE;
}

/** A plain query that the server did not keep: see the top of this file. */
function plainQueryNotKept(error: unknown, config: unknown, values: unknown): boolean {
  const e = driverError(error);
  if (e.message === NOT_QUERYABLE) return true;
  if (!serverEndedSession(e)) return false;
  const query = (typeof config === 'string' ? { text: config } : config) as { text?: string; name?: string; values?: unknown[] };
  const params = Array.isArray(values) ? values : query.values;
  return Boolean(query.name) || (Array.isArray(params) && params.length > 0) || !query.text?.includes(';');
}

/**
 * Runs `work` (which takes its own connection) until it succeeds, `mayRunAgain` refuses its error,
 * or ATTEMPTS runs have failed.
 */
export async function runAgainOnEndedConnection<T>(work: () => Promise<T>, mayRunAgain: (error: unknown) => boolean): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= ATTEMPTS || !mayRunAgain(error)) throw error;
      await nextTurn();
    }
  }
}

/**
 * Gives a checked-out connection back to the pool only when it holds no open transaction and has
 * not failed; otherwise the pool closes it (`failure`, or `true`).
 */
export function releaseConnection(client: pg.PoolClient, failure?: Error): void {
  client.release(failure ?? (client.getTransactionStatus() === 'I' ? undefined : true));
}

type PlainQuery = (config: unknown, values?: unknown, callback?: unknown) => Promise<unknown>;

/**
 * Makes the pool run again the work it was handed on an ended connection (the top of this file),
 * and hears every failure of a checked-out connection: node-postgres emits it as an 'error' event,
 * which unheard would end the process (the work on it gets the error itself).
 */
export function poolRunsAgainOnEndedConnections(pool: pg.Pool): void {
  pool.on('connect', (client) => client.on('error', () => {}));
  const query = pool.query.bind(pool) as PlainQuery;
  (pool as unknown as { query: PlainQuery }).query = (config, values, callback) => {
    if (callback !== undefined || typeof values === 'function' || typeof (config as { submit?: unknown } | null)?.submit === 'function')
      return query(config, values, callback);
    return runAgainOnEndedConnection(
      () => query(config, values),
      (error) => plainQueryNotKept(error, config, values),
    );
  };
}

/**
 * Drizzle's `db.transaction` on a connection this module checks out: BEGIN, the body, COMMIT, or
 * ROLLBACK on an error, as Drizzle's own transaction does, on a session of that one connection, run
 * again on a new connection when its BEGIN met an ended one (the body had not begun). Drizzle's
 * transaction on the pool would keep a connection whose BEGIN failed checked out for ever, and a
 * ROLLBACK that failed too (the connection lost) would replace the error that failed the transaction.
 */
export function transactionsBeginAgainOnEndedConnections(db: Db, pool: pg.Pool): void {
  const { dialect, schema, options } = db._.session as unknown as { dialect: never; schema: never; options: object };
  const once = async <T>(body: (tx: Tx) => Promise<T>, config: PgTransactionConfig | undefined, began: { body: boolean }) => {
    const client = await pool.connect();
    let failure: Error | undefined;
    try {
      const tx = new NodePgTransaction(dialect, new NodePgSession(client, dialect, schema, options), schema);
      await tx.execute(sql`begin`);
      if (config) await tx.setTransaction(config);
      began.body = true;
      try {
        const result = await body(tx as unknown as Tx);
        await tx.execute(sql`commit`);
        return result;
      } catch (error) {
        await tx.execute(sql`rollback`).catch((rollbackFailed: Error) => {
          failure = rollbackFailed;
        });
        throw error;
      }
    } catch (error) {
      if (!began.body || endedConnection(error)) failure ??= error as Error;
      throw error;
    } finally {
      releaseConnection(client, failure);
    }
  };
  db.transaction = (<T>(body: (tx: Tx) => Promise<T>, config?: PgTransactionConfig) => {
    const began = { body: false };
    return runAgainOnEndedConnection(
      () => once(body, config, began),
      (error) => !began.body && endedConnection(error),
    );
  }) as Db['transaction'];
}
