/**
 * Retrying a write with an Idempotency-Key (docs/api.md "Retrying a write"): the one way every
 * creation that takes a key keeps it. A creation sent with a key keeps it, in its own transaction,
 * with the record it made (store/repos/idempotency-keys.ts: one per author and key). Sent again by
 * the same author with the same key:
 *
 * - the same request (its kind, target and body, by fingerprint) is answered with the record
 *   already made, `replayed`, and nothing more is made;
 * - another request is refused (`IDEMPOTENCY_KEY_REUSED`, field `headers.idempotency-key`) and
 *   changes nothing; a key sent for another kind of write is another request.
 *
 * The key is claimed first, in the write's transaction, with the id the record will take
 * (`claimKey`): a concurrent retry's claim of the same key waits for that transaction, then finds
 * the key if it committed (and answers as a replay, before any check the first write would now
 * fail, such as a possible duplicate), or claims it if it rolled back. So two retries at once make
 * one record, and neither answers 500. A write refused after its claim keeps nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Queryable } from '../store/db.ts';
import { claimIdempotencyKey, idempotencyKeyOf } from '../store/repos/idempotency-keys.ts';
import type { Actor } from './context.ts';
import { AppError } from './errors.ts';

/**
 * The creations that take a key, and what each makes. A kind is kept in idempotency_keys, whose check
 * constraint lists them: a new one needs a migration. Migration 0025 computed the fingerprints of
 * the debt adjustments made before it in SQL, from `{ debtId, amountCents, reason }` (app/payments.ts).
 */
const KINDS = {
  'person.register': 'registration',
  'evidence.add': 'piece of evidence',
  'interaction.record': 'contact',
  'debt.adjust': 'adjustment',
} as const;
export type KeyedKind = keyof typeof KINDS;

/** A creation sent with an Idempotency-Key. */
export interface KeyedWrite {
  readonly kind: KeyedKind;
  readonly key: string;
  /** sha-256 of the kind and the request (its target and its body as read), keys in order. */
  readonly fingerprint: string;
}

/** What a creation that takes a key answers: what it made (or had made, `replayed`). */
export interface Created<T> {
  readonly made: T;
  readonly replayed: boolean;
}

/** The same JSON value with every object's members in order of name, and no undefined members. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, canonical(v)]),
  );
}

/** The write a request with this key (or none) is: `request` is what identifies it, its target and body. */
export function keyedWrite(kind: KeyedKind, key: string | undefined, request: unknown): KeyedWrite | null {
  if (key === undefined) return null;
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([kind, canonical(request)]))
    .digest('hex');
  return { kind, key, fingerprint };
}

/** The one decision for a key already used: the same request is answered again; another is refused. */
function refuseUnlessSameRequest(sameRequest: boolean, what: string): void {
  if (!sameRequest)
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      `You already used this Idempotency-Key for a different ${what}. Send a new key for a new ${what}.`,
      { field: 'headers.idempotency-key' },
    );
}

/**
 * Claims the write's key for the record it is about to make, first thing in its transaction: null
 * without a key; else the id the record takes (`replayed: false`: make it with that id), or the id
 * of the record this author already made with the key (`replayed: true`: answer with it, make
 * nothing); IDEMPOTENCY_KEY_REUSED when the key made another request. A claim of a key another
 * transaction holds waits for that transaction to end.
 */
export async function claimKey(
  q: Queryable,
  actor: Actor,
  write: KeyedWrite | null,
): Promise<{ readonly id: string; readonly replayed: boolean } | null> {
  if (!write) return null;
  const id = randomUUID();
  const values = { createdBy: actor.userId, key: write.key, kind: write.kind, fingerprint: write.fingerprint, recordId: id };
  if (await claimIdempotencyKey(q, values)) return { id, replayed: false };
  const earlier = await idempotencyKeyOf(q, actor.userId, write.key);
  if (!earlier) throw new Error('an Idempotency-Key neither claimed nor found');
  refuseUnlessSameRequest(earlier.kind === write.kind && earlier.fingerprint === write.fingerprint, KINDS[write.kind]);
  return { id: earlier.recordId, replayed: true };
}
