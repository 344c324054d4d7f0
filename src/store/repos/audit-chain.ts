/**
 * The audit chain's storage (docs/audit-integrity.md): events read back as the chain hashes them,
 * the head, the sealer's lock and its writes. The hashing and checking are the app's
 * (src/app/audit-chain.ts, audit-seal.ts, audit-verify.ts).
 */
import { sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '../db.ts';

/** An event as the chain hashes it: every field as text, exactly as the database renders it. */
export interface ChainRow {
  readonly seq: string;
  /** Microseconds since the epoch. */
  readonly at_us: string;
  readonly actor: string;
  readonly action: string;
  readonly record_type: string;
  readonly record_id: string;
  /** jsonb text, or '' for SQL null. */
  readonly before: string;
  readonly after: string;
  readonly chain_index: string | null;
  readonly prev_hash: string | null;
  readonly hash: string | null;
}

/** Selected `from audit_events e`, ordered by `e.seq` / `e.chain_index` (the aliases here are text). */
const chainColumns = sql.raw(`e.seq::text as seq, (extract(epoch from e.at) * 1000000)::bigint::text as at_us,
  coalesce(e.actor_id::text, '') as actor, e.action, e.record_type, e.record_id,
  coalesce(e.before::text, '') as before, coalesce(e.after::text, '') as after,
  e.chain_index::text as chain_index, e.prev_hash, e.hash`);

/** The trail a checkpoint belongs to: this database, by name. */
export async function databaseName(q: Queryable): Promise<string> {
  const [row] = rowsOf<{ name: string }>(await q.execute(sql`select current_database()::text as name`));
  return row!.name;
}

/** The last sealed event's position and hash; null before anything is sealed. */
export async function sealedHead(q: Queryable): Promise<{ treeSize: number; head: string } | null> {
  const [row] = rowsOf<{ chain_index: string; hash: string }>(
    await q.execute(
      sql`select e.chain_index::text as chain_index, e.hash from audit_events e where e.chain_index is not null order by e.chain_index desc limit 1`,
    ),
  );
  return row ? { treeSize: Number(row.chain_index), head: row.hash } : null;
}

/** Takes the transaction-scoped sealer lock: waits for it, or answers false at once when another holds it. */
export async function takeSealLock(q: Queryable, lockKey: number, wait: boolean): Promise<boolean> {
  if (wait) {
    await q.execute(sql`select pg_advisory_xact_lock(${lockKey})`);
    return true;
  }
  const [lock] = rowsOf<{ ok: boolean }>(await q.execute(sql`select pg_try_advisory_xact_lock(${lockKey}) as ok`));
  return lock?.ok === true;
}

/** Unsealed events in sequence order. */
export async function unsealedEvents(q: Queryable, limit: number): Promise<ChainRow[]> {
  return rowsOf<ChainRow>(
    await q.execute(sql`select ${chainColumns} from audit_events e where e.chain_index is null order by e.seq limit ${limit}`),
  );
}

/** Sealed events after a chain position, in chain order. */
export async function sealedEventsAfter(q: Queryable, afterIndex: number, limit: number): Promise<ChainRow[]> {
  return rowsOf<ChainRow>(
    await q.execute(
      sql`select ${chainColumns} from audit_events e where e.chain_index > ${afterIndex} order by e.chain_index limit ${limit}`,
    ),
  );
}

/** Gives each still-unsealed event its chain position, predecessor hash and hash, in one statement. */
export async function writeSeals(
  q: Queryable,
  seals: readonly { seq: string; chain_index: number; prev_hash: string; hash: string }[],
): Promise<void> {
  await q.execute(sql`
      update audit_events e set chain_index = s.chain_index, prev_hash = s.prev_hash, hash = s.hash
      from jsonb_to_recordset(${JSON.stringify(seals)}::jsonb) as s(seq bigint, chain_index bigint, prev_hash text, hash text)
      where e.seq = s.seq and e.chain_index is null`);
}

/** How many events there are, and how many are not yet sealed. */
export async function auditEventCounts(q: Queryable): Promise<{ events: number; pending: number }> {
  const [counts] = rowsOf<{ events: string; pending: string }>(
    await q.execute(sql`select count(*)::text as events, count(*) filter (where chain_index is null)::text as pending from audit_events`),
  );
  return { events: Number(counts!.events), pending: Number(counts!.pending) };
}

/** Unsealed events dated before an instant (seq and the database's text of `at`). */
export async function unsealedBefore(q: Queryable, cutoff: Date, limit: number): Promise<{ seq: string; at: string }[]> {
  return rowsOf<{ seq: string; at: string }>(
    await q.execute(
      sql`select seq::text as seq, at::text as at from audit_events where chain_index is null and at < ${cutoff.toISOString()}::timestamptz order by seq limit ${limit}`,
    ),
  );
}

/** The last sealed event: its sequence number, chain position and time; null before anything is sealed. */
export async function lastSealedEvent(q: Queryable): Promise<{ seq: number; chainIndex: number; at: Date } | null> {
  const [row] = rowsOf<{ seq: string; chain_index: string; at: string | Date }>(
    await q.execute(
      sql`select e.seq::text as seq, e.chain_index::text as chain_index, e.at from audit_events e where e.chain_index is not null order by e.chain_index desc limit 1`,
    ),
  );
  return row ? { seq: Number(row.seq), chainIndex: Number(row.chain_index), at: new Date(row.at) } : null;
}
