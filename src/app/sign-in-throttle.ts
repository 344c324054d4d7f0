/**
 * Sign-in throttling (docs/sign-in.md). Failed sign-ins are counted per (username, client address)
 * in the database, so every server instance sees the same count and parallel guesses cannot race
 * it: each attempt takes its number in one INSERT ... ON CONFLICT DO UPDATE, before the password is
 * checked. The first SIGN_IN_FREE_ATTEMPTS attempts in a row are free; from then on the pair waits,
 * twice as long each time, up to SIGN_IN_MAX_WAIT_SECONDS. It is a back-off, not an account lock:
 * guesses from one address never keep the account's holder out at their own address. Unknown
 * usernames are counted the same way, so the answer never tells whether an account exists.
 */
import type { Queryable } from '../store/db.ts';
import { blockedUntil, forgetAllAttempts, forgetAttempts, takeAttempt } from '../store/repos/sign-in-throttles.ts';

export const SIGN_IN_FREE_ATTEMPTS = 5;
export const SIGN_IN_FIRST_WAIT_SECONDS = 30;
export const SIGN_IN_MAX_WAIT_SECONDS = 15 * 60;
/** Counts untouched this long are forgotten (every wait has ended by then), so the table stays small. */
export const SIGN_IN_FORGET_AFTER_HOURS = 24;
const BACK_OFF = {
  freeAttempts: SIGN_IN_FREE_ATTEMPTS,
  firstWaitSeconds: SIGN_IN_FIRST_WAIT_SECONDS,
  maxWaitSeconds: SIGN_IN_MAX_WAIT_SECONDS,
};

/** The wait after attempt number `attempt` (1-based) in a row without success, in seconds. */
export function waitAfterAttempt(attempt: number): number {
  if (attempt < SIGN_IN_FREE_ATTEMPTS) return 0;
  const doublings = Math.min(attempt - SIGN_IN_FREE_ATTEMPTS, 20);
  return Math.min(SIGN_IN_FIRST_WAIT_SECONDS * 2 ** doublings, SIGN_IN_MAX_WAIT_SECONDS);
}

/**
 * The key for a client address: an IPv4 address as it is (IPv4-mapped IPv6 unwrapped), an IPv6
 * address by its /64 prefix (one subscriber's network, which a single attacker can fill with addresses).
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export const throttleUsername = (username: string) => username.trim().toLowerCase();

export type Reservation =
  | { readonly allowed: true; readonly attempt: number }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * Takes the next attempt for (username, client), or says how long the pair must still wait. The
 * increment and the wait it sets happen in one statement on one row, so concurrent attempts are
 * numbered one by one and none goes uncounted.
 */
export async function reserveAttempt(q: Queryable, username: string, client: string, now: Date): Promise<Reservation> {
  const key = { username: throttleUsername(username), client };
  const firstBlockedUntil = waitAfterAttempt(1) > 0 ? new Date(now.getTime() + waitAfterAttempt(1) * 1000) : null;
  const attempt = await takeAttempt(q, key, now, BACK_OFF, firstBlockedUntil);
  if (attempt !== null) return { allowed: true, attempt };
  const until = await blockedUntil(q, key);
  const waitMs = (until?.getTime() ?? now.getTime()) - now.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/**
 * A right password: the pair starts again from zero (other addresses keep their count), and counts
 * untouched for SIGN_IN_FORGET_AFTER_HOURS are forgotten.
 */
export async function clearAttempts(q: Queryable, username: string, client: string, now: Date): Promise<void> {
  const forgotten = new Date(now.getTime() - SIGN_IN_FORGET_AFTER_HOURS * 3_600_000);
  await forgetAttempts(q, { username: throttleUsername(username), client }, forgotten);
}

/** An administrator's unlock: every address's count for the username starts again. */
export async function clearAllAttempts(q: Queryable, username: string): Promise<void> {
  await forgetAllAttempts(q, throttleUsername(username));
}
