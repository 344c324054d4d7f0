/**
 * The audit chain's keyed hash: each sealed event's hash is HMAC-SHA-256, under a key the database
 * does not hold (audit-keys.ts), over its predecessor's hash, its chain position and every field
 * of the event in a fixed text form read back from the database. Without the key, an edited,
 * reordered or forged event cannot be given a hash that verifies; the database's own digest
 * functions do not help.
 */
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '../store/db.ts';

export const GENESIS = '0'.repeat(64);

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

/** Select them `from audit_events e`, and order by `e.seq` / `e.chain_index` (the aliases here are text). */
export const chainColumns = sql.raw(`e.seq::text as seq, (extract(epoch from e.at) * 1000000)::bigint::text as at_us,
  coalesce(e.actor_id::text, '') as actor, e.action, e.record_type, e.record_id,
  coalesce(e.before::text, '') as before, coalesce(e.after::text, '') as after,
  e.chain_index::text as chain_index, e.prev_hash, e.hash`);

export function chainHash(key: Buffer, prevHash: string, chainIndex: number, e: ChainRow): string {
  const fields = [chainIndex, e.seq, e.at_us, e.actor, e.action, e.record_type, e.record_id, e.before, e.after];
  return createHmac('sha256', key).update(`waypoint-audit/v1\n${prevHash}\n${JSON.stringify(fields)}`).digest('hex');
}

/** The trail a checkpoint belongs to: this database, by name. */
export async function trailName(q: Queryable): Promise<string> {
  const [row] = rowsOf<{ name: string }>(await q.execute(sql`select current_database()::text as name`));
  return row!.name;
}

export async function chainHead(q: Queryable): Promise<{ treeSize: number; head: string }> {
  const [row] = rowsOf<{ chain_index: string; hash: string }>(
    await q.execute(sql`select e.chain_index::text as chain_index, e.hash from audit_events e where e.chain_index is not null order by e.chain_index desc limit 1`),
  );
  return row ? { treeSize: Number(row.chain_index), head: row.hash } : { treeSize: 0, head: GENESIS };
}
