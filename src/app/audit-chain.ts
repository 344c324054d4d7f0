/**
 * The audit chain's keyed hash: each sealed event's hash is HMAC-SHA-256, under a key the database
 * does not hold (audit-keys.ts), over its predecessor's hash, its chain position and every field
 * of the event in a fixed text form read back from the database. Without the key, an edited,
 * reordered or forged event cannot be given a hash that verifies; the database's own digest
 * functions do not help.
 */
import { createHmac } from 'node:crypto';
import type { Queryable } from '../store/db.ts';
import { type ChainRow, databaseName, sealedHead } from '../store/repos/audit-chain.ts';

export const GENESIS = '0'.repeat(64);

export type { ChainRow };

export function chainHash(key: Buffer, prevHash: string, chainIndex: number, e: ChainRow): string {
  const fields = [chainIndex, e.seq, e.at_us, e.actor, e.action, e.record_type, e.record_id, e.before, e.after];
  return createHmac('sha256', key)
    .update(`waypoint-audit/v1\n${prevHash}\n${JSON.stringify(fields)}`)
    .digest('hex');
}

/** The trail a checkpoint belongs to: this database, by name. */
export const trailName = (q: Queryable): Promise<string> => databaseName(q);

export async function chainHead(q: Queryable): Promise<{ treeSize: number; head: string }> {
  return (await sealedHead(q)) ?? { treeSize: 0, head: GENESIS };
}
