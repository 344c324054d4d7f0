/**
 * `waypoint audit verify`: recomputes the audit trail's hash chain in the database (the same
 * function that wrote it) and reports the first event that was altered, removed or inserted out of
 * the chain. The chain proves the trail was not edited behind the application's back.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../store/db.ts';

export interface AuditVerification {
  readonly events: number;
  readonly ok: boolean;
  readonly problems: readonly { readonly chainIndex: number | null; readonly seq: number; readonly problem: string }[];
}

export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  const result = await db.execute(sql`
    select e.seq, e.chain_index, e.hash, e.prev_hash,
           lag(e.hash) over (order by e.chain_index) as previous_hash,
           lag(e.chain_index) over (order by e.chain_index) as previous_index,
           audit_event_digest(e.prev_hash, e.chain_index, e) as recomputed
    from audit_events e
    order by e.chain_index`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    seq: number | string;
    chain_index: number | string | null;
    hash: string | null;
    prev_hash: string | null;
    previous_hash: string | null;
    previous_index: number | string | null;
    recomputed: string | null;
  }[];
  const problems: { chainIndex: number | null; seq: number; problem: string }[] = [];
  const genesis = '0'.repeat(64);
  rows.forEach((r, i) => {
    const index = r.chain_index === null ? null : Number(r.chain_index);
    const seq = Number(r.seq);
    if (index === null || r.hash === null) return void problems.push({ chainIndex: index, seq, problem: 'event is outside the hash chain' });
    if (r.recomputed !== r.hash) problems.push({ chainIndex: index, seq, problem: 'event content does not match its hash (altered)' });
    const expectedPrev = i === 0 ? genesis : r.previous_hash;
    if (i === 0 && index !== 1) problems.push({ chainIndex: index, seq, problem: `chain starts at ${index}, not 1 (events removed)` });
    if (i > 0 && Number(r.previous_index) + 1 !== index) problems.push({ chainIndex: index, seq, problem: `gap after ${r.previous_index} (events removed)` });
    if (r.prev_hash !== expectedPrev) problems.push({ chainIndex: index, seq, problem: 'link to the previous event is broken' });
  });
  return { events: rows.length, ok: problems.length === 0, problems };
}
