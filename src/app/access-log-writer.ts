/**
 * Group commit for the access log (docs/operations.md "Access log: group commit"). A read made
 * outside a transaction hands its rows here and waits: while one multi-row insert is in flight, the
 * rows of every read that arrives meanwhile queue up and go in the next insert, so that under load
 * many reads share one statement and one commit instead of one each. Every read still waits for its
 * own rows to be committed before it returns anything, so no data leaves the server unlogged, and
 * a crash loses no log row of a read that was answered. An insert that fails is retried read by
 * read, so one bad row fails only its own read.
 */
import type { Db } from '../store/db.ts';
import { insertAccessReads } from '../store/repos/access-log.ts';

type Row = Parameters<typeof insertAccessReads>[1][number];

interface Pending {
  readonly rows: readonly Row[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export interface AccessLogWriter {
  /** Resolves once the rows are committed. */
  write(rows: readonly Row[]): Promise<void>;
}

/** At most this many rows go in one insert (a statement's parameters stay well under PostgreSQL's 65,535). */
export const ACCESS_LOG_BATCH_ROWS = 500;

export function accessLogWriter(db: Db, maxRows = ACCESS_LOG_BATCH_ROWS): AccessLogWriter {
  let queue: Pending[] = [];
  let flushing = false;

  const take = (): Pending[] => {
    let rows = 0;
    let n = 0;
    while (n < queue.length && (n === 0 || rows + queue[n]!.rows.length <= maxRows)) rows += queue[n++]!.rows.length;
    const batch = queue.slice(0, n);
    queue = queue.slice(n);
    return batch;
  };

  const flush = async (): Promise<void> => {
    flushing = true;
    try {
      while (queue.length > 0) {
        const batch = take();
        try {
          await insertAccessReads(
            db,
            batch.flatMap((p) => p.rows),
          );
          for (const p of batch) p.resolve();
        } catch (error) {
          if (batch.length === 1) batch[0]!.reject(error);
          else await Promise.all(batch.map((p) => insertAccessReads(db, p.rows).then(p.resolve, p.reject)));
        }
      }
    } finally {
      flushing = false;
    }
  };

  return {
    write(rows) {
      if (rows.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ rows, resolve, reject });
        if (!flushing) void flush();
      });
    },
  };
}
