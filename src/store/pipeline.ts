/**
 * Several named prepared statements in one round trip (PostgreSQL's extended protocol, pipelined:
 * each statement's Parse (first time on a connection), Bind, Describe and Execute, then one Sync).
 * The server still runs them one after the other, each with its own snapshot under READ COMMITTED,
 * exactly as if they had been sent one by one: a statement that waits for a row lock delays the
 * ones after it, which then see what committed meanwhile. What is saved is the round trips: a
 * socket write and a wake-up of the backend per statement, the larger part of a short request's
 * CPU on a loaded machine (docs/scaling.md "API"). An error ends the batch at that statement (the
 * server skips the rest up to the Sync) and is thrown as node-postgres throws it.
 *
 * Only inside a transaction on node-postgres (one connection); elsewhere (PGlite, which has no
 * round trips, or the pool) the statements run one by one with `executeNamed`.
 *
 * `pipelinedTransaction` opens and closes a transaction without round trips of their own: its BEGIN
 * goes out with the first statements the transaction sends, and its COMMIT with the statement that
 * `executeNamedAndCommit` runs last. A short write (lock and read in one batch, write and commit in
 * the next) is then two round trips instead of four (Drizzle's `transaction()` sends BEGIN and
 * COMMIT as queries of their own).
 */
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { type Db, executeNamed, type Queryable, type Tx } from './db.ts';
import { endedConnection, releaseConnection, runAgainOnEndedConnection } from './ended-connections.ts';

export interface NamedStatement {
  /** The prepared statement's name: one fixed text per name, as for `executeNamed`. */
  readonly name: string;
  /** Parameters numbered $1, $2, ... */
  readonly text: string;
  readonly params: readonly unknown[];
}

// node-postgres's own value serialiser (`pg.utils`, not in its typings), from the bundled package: a
// require of 'pg/lib/utils.js' at run time would load node_modules at every server start.
const { prepareValue } = (pg as unknown as { utils: { prepareValue: (value: unknown) => unknown } }).utils;

/** Dates, times and intervals stay the server's text, as Drizzle's node-postgres driver (and so `executeNamed`) leaves them. */
const AS_TEXT = new Set([
  pg.types.builtins.TIMESTAMPTZ,
  pg.types.builtins.TIMESTAMP,
  pg.types.builtins.DATE,
  pg.types.builtins.INTERVAL,
  1231,
  1115,
  1185,
  1187,
  1182,
]);
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    AS_TEXT.has(oid) ? (value: string) => value : pg.types.getTypeParser(oid, format ?? 'text'),
};

/** The parts of node-postgres's connection a query object talks to (as its own Query does). */
interface Connection {
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
  stream: { cork?: () => void; uncork?: () => void };
  parse(config: { text: string; name: string; types: unknown[] }): void;
  bind(config: { portal: string; statement: string; values: unknown[]; binary: boolean; valueMapper: (v: unknown) => unknown }): void;
  describe(config: { type: 'P'; name: string }): void;
  execute(config: { portal: string }): void;
  sync(): void;
  on(event: 'parseComplete', listener: () => void): void;
  off(event: 'parseComplete', listener: () => void): void;
}

/** node-postgres's Query as its own code uses it (its typings describe only the public side). */
interface QueryBase {
  handleError(error: Error, connection: Connection): void;
  handleReadyForQuery(connection: Connection): void;
}
const Query = pg.Query as unknown as new (config: {
  text: string;
  types: typeof types;
  callback: (error: Error | null, results?: unknown) => void;
}) => QueryBase;

/**
 * A node-postgres Query whose messages are the statements' in turn, closed by one Sync. Its
 * results are one per statement: node-postgres's Query already collects a result per
 * CommandComplete (as for a multi-statement simple query).
 */
class Pipelined extends Query {
  /** Statements whose Parse this batch sent, in order: each ParseComplete marks the next as prepared on the connection. */
  private readonly parsing: NamedStatement[] = [];
  private connection: Connection | null = null;
  private readonly onParseComplete = () => {
    const s = this.parsing.shift();
    if (s && this.connection) {
      this.connection.parsedStatements[s.name] = s.text;
      delete this.connection.submittedNamedStatements[s.name];
    }
  };

  constructor(
    private readonly statements: readonly NamedStatement[],
    callback: (error: Error | null, results?: unknown) => void,
  ) {
    super({ text: '', types, callback });
  }

  submit(connection: Connection): Error | null {
    for (const s of this.statements) {
      const previous = connection.parsedStatements[s.name] ?? connection.submittedNamedStatements[s.name];
      if (previous !== undefined && previous !== s.text)
        return new Error(`Prepared statements must be unique - '${s.name}' was used for a different statement`);
    }
    this.connection = connection;
    connection.on('parseComplete', this.onParseComplete);
    connection.stream.cork?.();
    try {
      for (const s of this.statements) {
        if (connection.parsedStatements[s.name] === undefined && connection.submittedNamedStatements[s.name] === undefined) {
          connection.parse({ text: s.text, name: s.name, types: [] });
          connection.submittedNamedStatements[s.name] = s.text;
          this.parsing.push(s);
        }
        connection.bind({ portal: '', statement: s.name, values: [...s.params], binary: false, valueMapper: prepareValue });
        connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '' });
      }
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  private finish(): void {
    if (!this.connection) return;
    this.connection.off('parseComplete', this.onParseComplete);
    // A Parse the server skipped (an earlier statement failed) prepared nothing.
    for (const s of this.parsing) delete this.connection.submittedNamedStatements[s.name];
    this.parsing.length = 0;
    this.connection = null;
  }

  override handleError(error: Error, connection: Connection): void {
    this.finish();
    super.handleError(error, connection);
  }

  override handleReadyForQuery(connection: Connection): void {
    this.finish();
    super.handleReadyForQuery(connection);
  }
}

const BEGIN: NamedStatement = { name: 'waypoint_begin', text: 'begin', params: [] };
const COMMIT: NamedStatement = { name: 'waypoint_commit', text: 'commit', params: [] };

/**
 * The connection of a `pipelinedTransaction`, as its Drizzle session's client: BEGIN is owed until
 * the first statement goes out (with it, in a pipeline; before it, for any other query), and once
 * the COMMIT has gone out with a last statement nothing more may run in the transaction.
 */
class DeferredTransaction {
  state: 'unopened' | 'open' | 'committed' = 'unopened';
  /** The error of a BEGIN (alone, or with a first batch without the COMMIT) that met a connection the server had ended: the transaction may run again. */
  endedAtBegin: Error | undefined;
  constructor(readonly client: pg.PoolClient) {}

  /** Drizzle's queries (`client.query(config, values)`, as on a pg.Client): the owed BEGIN first, as a query of its own. */
  async query(config: pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult> {
    this.assertOpen();
    if (this.state === 'unopened') {
      this.state = 'open';
      await this.client.query('begin').catch((error: unknown) => this.failedAtBegin(error));
    }
    return this.client.query(config, values);
  }

  /** Notes a BEGIN that met an ended connection (store/ended-connections.ts), and rethrows. */
  failedAtBegin(error: unknown): never {
    if (endedConnection(error)) this.endedAtBegin = error as Error;
    throw error;
  }

  assertOpen(): void {
    if (this.state === 'committed') throw new Error('this transaction has committed; nothing more can run in it');
  }
}

/** The node-postgres connection of a transaction, or null (PGlite, or the pool itself). */
function transactionClient(q: Queryable): pg.Client | DeferredTransaction | null {
  const client = (q as unknown as { _: { session: { client?: unknown } } })._.session.client;
  return client instanceof pg.Client || client instanceof DeferredTransaction ? client : null;
}

/** The rows of each statement, in order. */
export async function executeNamedPipelined(q: Queryable, statements: readonly NamedStatement[]): Promise<unknown[][]> {
  return run(q, statements, false);
}

/**
 * The rows of the last statement of a transaction, which commits with it: in a
 * `pipelinedTransaction` on node-postgres, the statement and COMMIT in one round trip (with the
 * owed BEGIN too, if it is the transaction's only statement). Elsewhere it runs as `executeNamed`
 * and the transaction commits as it ends. Either way an error of the statement or of the COMMIT
 * (a deferred constraint, a serialization failure) is thrown and nothing of the transaction stays.
 */
export async function executeNamedAndCommit<T>(q: Queryable, statement: NamedStatement): Promise<T[]> {
  return (await run(q, [statement], true))[0] as T[];
}

async function run(q: Queryable, statements: readonly NamedStatement[], commit: boolean): Promise<unknown[][]> {
  const target = transactionClient(q);
  const deferred = target instanceof DeferredTransaction ? target : null;
  deferred?.assertOpen();
  const begin = deferred?.state === 'unopened';
  if (!target || (statements.length < 2 && !begin && !(commit && deferred))) {
    const out: unknown[][] = [];
    for (const s of statements) out.push(await executeNamed(q, s.name, s.text, s.params));
    return out;
  }
  const client = deferred ? deferred.client : (target as pg.Client);
  const commits = commit && deferred !== null;
  const sent = [...(begin ? [BEGIN] : []), ...statements, ...(commits ? [COMMIT] : [])];
  if (deferred) deferred.state = commits ? 'committed' : 'open';
  let sending = new Promise<unknown>((resolve, reject) => {
    client.query(new Pipelined(sent, (error, results) => (error ? reject(error) : resolve(results))) as unknown as pg.Submittable);
  });
  // A first batch without the COMMIT that met an ended connection: nothing of it stayed.
  if (begin && !commits) sending = sending.catch((error: unknown) => deferred!.failedAtBegin(error));
  const results = await sending;
  const list = (Array.isArray(results) ? results : [results]) as { rows: unknown[] }[];
  if (list.length !== sent.length) throw new Error(`expected ${sent.length} results from a pipeline, got ${list.length}`);
  return list.slice(begin ? 1 : 0, begin ? 1 + statements.length : statements.length).map((r) => r.rows);
}

/** The pool under a node-postgres database handle, or null (PGlite). */
function poolOf(db: Db): pg.Pool | null {
  const client = (db as unknown as { _: { session: { client?: unknown } } })._.session.client;
  return client instanceof pg.Pool ? client : null;
}

/**
 * `db.transaction(body)` with the BEGIN and the COMMIT riding on the transaction's own statements
 * (see the top of this file): BEGIN with the first batch `executeNamedPipelined` sends (or before
 * any other first query), COMMIT with the statement `executeNamedAndCommit` runs, or on its own when
 * the body ends without one. When the body throws, or a statement or the COMMIT fails, whatever
 * the transaction did is rolled back, and the connection goes back to the pool only with no
 * transaction open on it (else it is closed). Nothing can run after `executeNamedAndCommit`, so
 * it is the body's last step. When the BEGIN, or the first batch that carries it without the
 * COMMIT, met a connection the server had ended, the body runs again on a new connection
 * (store/ended-connections.ts). On PGlite this is Drizzle's `transaction()`.
 */
export async function pipelinedTransaction<T>(db: Db, body: (tx: Tx) => Promise<T>): Promise<T> {
  const pool = poolOf(db);
  if (!pool) return db.transaction(body);
  let endedAtBegin = false;
  return runAgainOnEndedConnection(
    async () => {
      const deferred = new DeferredTransaction(await pool.connect());
      try {
        return await runDeferred(db, deferred, body);
      } finally {
        endedAtBegin = deferred.endedAtBegin !== undefined;
      }
    },
    () => endedAtBegin,
  );
}

/** One run of a `pipelinedTransaction` on its connection, which it releases. */
async function runDeferred<T>(db: Db, deferred: DeferredTransaction, body: (tx: Tx) => Promise<T>): Promise<T> {
  // The database's own session's dialect, relational schema and options, as its `transaction()` passes them on.
  const { dialect, schema, options } = db._.session as unknown as { dialect: PgDialect; schema: never; options: object };
  const client = deferred.client;
  const tx = new NodePgTransaction(
    dialect,
    new NodePgSession(deferred as unknown as pg.PoolClient, dialect, schema, options),
    schema,
  ) as unknown as Tx;
  let broken: Error | undefined;
  try {
    const result = await body(tx);
    if (deferred.state === 'open') await client.query('commit');
    deferred.state = 'committed';
    return result;
  } catch (error) {
    // Always once anything went out (unless the connection had ended under the BEGIN): node-postgres
    // reports a failed statement before the server's ReadyForQuery, so the transaction status is not
    // known yet; this ROLLBACK waits for it (after a failed COMMIT there is no transaction left, and
    // the server only warns).
    if (deferred.state !== 'unopened' && !deferred.endedAtBegin) await client.query('rollback').catch((e: Error) => (broken = e));
    throw error;
  } finally {
    deferred.state = 'committed';
    releaseConnection(client, deferred.endedAtBegin ?? broken);
  }
}
