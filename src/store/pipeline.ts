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
 */
import pg from 'pg';
import { executeNamed, type Queryable } from './db.ts';

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

/** The node-postgres connection of a transaction, or null (PGlite, or the pool itself). */
function transactionClient(q: Queryable): pg.Client | null {
  const client = (q as unknown as { _: { session: { client?: unknown } } })._.session.client;
  return client instanceof pg.Client ? client : null;
}

/** The rows of each statement, in order. */
export async function executeNamedPipelined(q: Queryable, statements: readonly NamedStatement[]): Promise<unknown[][]> {
  const client = transactionClient(q);
  if (!client || statements.length < 2) {
    const out: unknown[][] = [];
    for (const s of statements) out.push(await executeNamed(q, s.name, s.text, s.params));
    return out;
  }
  const results = await new Promise<unknown>((resolve, reject) => {
    client.query(new Pipelined(statements, (error, results) => (error ? reject(error) : resolve(results))) as unknown as pg.Submittable);
  });
  const list = (Array.isArray(results) ? results : [results]) as { rows: unknown[] }[];
  if (list.length !== statements.length) throw new Error(`expected ${statements.length} results from a pipeline, got ${list.length}`);
  return list.map((r) => r.rows);
}
