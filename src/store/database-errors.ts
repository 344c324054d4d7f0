/**
 * What a failed database call says about the database, told apart once for the whole server: the
 * connection ended or was lost, or two transactions met. store/ended-connections.ts decides from
 * these which work may run again; http/problems.ts (through app/database-failures.ts) which answer
 * a request gets (docs/operations.md "Database connections").
 */

/** node-postgres's message when the socket ended without a word from the server. */
export const SOCKET_ENDED = 'Connection terminated unexpectedly';
/** node-postgres's refusal to send on a connection it had already heard fail (nothing was sent). */
export const NOT_QUERYABLE = 'Client has encountered a connection error and is not queryable';

type DriverError = { code?: unknown; message?: unknown };

/** The node-postgres error under Drizzle's wrapping (DrizzleQueryError keeps it as its cause). */
export function driverError(error: unknown): DriverError {
  const e = (error ?? {}) as { cause?: unknown; code?: unknown };
  return (e.code === undefined && e.cause ? e.cause : e) as DriverError;
}

const codeOf = (e: DriverError) => (typeof e.code === 'string' ? e.code : '');

/** SQLSTATE class 57P: the server ends the session with it (always a FATAL, whose severity word is in the server's language). */
export const serverEndedSession = (e: DriverError) => codeOf(e).startsWith('57P');

/**
 * The connection to PostgreSQL was lost: the server ended the session (class 57P: a restart, a
 * failover, an administrator), the connection failed (class 08), the socket closed, was reset or
 * could not open, or node-postgres refused a connection it had heard fail. Whether work sent on it
 * was kept is a separate question (store/ended-connections.ts).
 */
export function connectionLost(error: unknown): boolean {
  const e = driverError(error);
  const code = codeOf(e);
  return (
    code.startsWith('57P') ||
    code.startsWith('08') ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    e.message === SOCKET_ENDED ||
    e.message === NOT_QUERYABLE
  );
}

/** Two transactions met: a deadlock (40P01) or a serialization failure (40001). Nothing of the failed one was kept. */
export function transactionsCollided(error: unknown): boolean {
  const code = codeOf(driverError(error));
  return code === '40P01' || code === '40001';
}
