/**
 * The sealer (docs/audit-integrity.md). Writes insert audit events unsealed and touch no shared row;
 * the sealer takes the unsealed events in sequence order, gives each the next chain position, its
 * predecessor's keyed hash and its own (audit-chain.ts), commits, and then appends a signed
 * checkpoint of the new head to the checkpoint file (audit-checkpoints.ts).
 *
 * One sealer at a time across every server: a transaction-scoped advisory lock. The server runs it
 * every few seconds; `waypoint audit seal` runs it by hand. A write's own integrity never depends on
 * it: an event committed before a crash stays unsealed until the next sealer run seals it.
 */
import type { Db } from '../store/db.ts';
import { takeSealLock, unsealedEvents, writeSeals } from '../store/repos/audit-chain.ts';
import { chainHash, chainHead, trailName } from './audit-chain.ts';
import { appendCheckpoint, type Checkpoint, checkpointSignatureValid, readCheckpoints, signCheckpoint } from './audit-checkpoints.ts';
import type { AuditKeys } from './audit-keys.ts';
import { type Clock, systemClock, timestamp } from './context.ts';

/** pg_advisory_xact_lock key held while sealing ("WAYPOINT AUDIT"). */
export const SEAL_LOCK = 5_741_590_001;
/**
 * Events chained per transaction. The server seals between requests, on their event loop and their
 * connection pool: a batch's rows are read, hashed one by one (HMAC-SHA-256 over each event's full
 * text, some microseconds each) and written back in one statement, and none of that lets a request
 * in. 250 keeps each step to a few milliseconds of the server and a short update in the database;
 * at 2,000 a seal under a write load held the server for tens of milliseconds at a time and was
 * where the slowest 1% of writes waited (docs/scaling.md "API").
 */
export const SEAL_BATCH = 250;

export interface SealResult {
  readonly sealed: number;
  readonly treeSize: number;
  readonly head: string;
  /** Written by this run; null when nothing new needed one. */
  readonly checkpoint: Checkpoint | null;
}

export interface SealOptions {
  /** Wait for another sealer to finish (default: skip this run, answering null). */
  readonly wait?: boolean;
  /** Also write a checkpoint when nothing was sealed but the file's newest one is not the head (a crash between sealing and writing it). */
  readonly ensureCheckpoint?: boolean;
  /** Where the checkpoint's time comes from (default: the system clock). */
  readonly clock?: Clock;
}

async function sealBatch(db: Db, keys: AuditKeys, wait: boolean): Promise<{ count: number; treeSize: number; head: string } | null> {
  return db.transaction(async (tx) => {
    if (!(await takeSealLock(tx, SEAL_LOCK, wait))) return null;
    let { treeSize, head } = await chainHead(tx);
    const rows = await unsealedEvents(tx, SEAL_BATCH);
    if (rows.length === 0) return { count: 0, treeSize, head };
    const seals = rows.map((row) => {
      const chainIndex = treeSize + 1;
      const hash = chainHash(keys.chainKey, head, chainIndex, row);
      const seal = { seq: row.seq, chain_index: chainIndex, prev_hash: head, hash };
      treeSize = chainIndex;
      head = hash;
      return seal;
    });
    await writeSeals(tx, seals);
    return { count: rows.length, treeSize, head };
  });
}

function newestCheckpoint(keys: AuditKeys, trail: string): Checkpoint | null {
  let newest: Checkpoint | null = null;
  for (const { checkpoint } of readCheckpoints(keys.checkpointsFile)) {
    if (
      checkpoint &&
      checkpoint.trail === trail &&
      checkpointSignatureValid(keys, checkpoint) &&
      (!newest || checkpoint.treeSize >= newest.treeSize)
    )
      newest = checkpoint;
  }
  return newest;
}

/**
 * Seals every unsealed event, then checkpoints the head. Null when another sealer holds the lock at
 * the first batch (and `wait` is off); after a batch is sealed, later batches wait for the lock, so
 * that what this run chained always gets its checkpoint.
 */
export async function sealAuditTrail(db: Db, keys: AuditKeys, options: SealOptions = {}): Promise<SealResult | null> {
  let sealed = 0;
  let last: { treeSize: number; head: string } | null = null;
  for (;;) {
    // Once a batch is sealed this run owes its checkpoint: it waits out another sealer rather than leave.
    const batch = await sealBatch(db, keys, (options.wait ?? false) || last !== null);
    if (!batch) return null;
    sealed += batch.count;
    last = batch;
    if (batch.count < SEAL_BATCH) break;
  }
  const trail = await trailName(db);
  const needed =
    sealed > 0 || (options.ensureCheckpoint === true && last.treeSize > 0 && newestCheckpoint(keys, trail)?.head !== last.head);
  if (!needed) return { sealed, treeSize: last.treeSize, head: last.head, checkpoint: null };
  const checkpoint = signCheckpoint(keys, {
    trail,
    treeSize: last.treeSize,
    head: last.head,
    time: timestamp(options.clock ?? systemClock()).toISOString(),
  });
  appendCheckpoint(keys.checkpointsFile, checkpoint);
  return { sealed, treeSize: last.treeSize, head: last.head, checkpoint };
}

export interface SealerLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface AuditSealer {
  /** Stops the timer and seals what is left. */
  stop(): Promise<void>;
}

/**
 * The server's sealer: runs at start and then `intervalMs` after each run ends, so a burst of writes
 * is sealed in one batch; a run is skipped while another server seals. Each checkpoint is also
 * logged, so log shipping keeps a second copy.
 */
export function startAuditSealer(db: Db, keys: AuditKeys, options: { intervalMs: number; log: SealerLog; clock?: Clock }): AuditSealer {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let first = true;
  let stopped = false;
  const run = (wait: boolean) => {
    running = running.then(async () => {
      try {
        const result = await sealAuditTrail(db, keys, { wait, ensureCheckpoint: first, ...(options.clock && { clock: options.clock }) });
        first = false;
        if (result?.checkpoint)
          options.log.info(
            { auditCheckpoint: result.checkpoint, sealed: result.sealed },
            `audit trail sealed to ${result.treeSize} events`,
          );
      } catch (error) {
        options.log.error({ err: error }, 'audit sealing failed; the events stay unsealed until the next run');
      }
    });
    return running;
  };
  const schedule = (ms: number) => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void run(false).then(() => schedule(options.intervalMs));
    }, ms);
    timer.unref();
  };
  schedule(0);
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await run(true);
    },
  };
}
