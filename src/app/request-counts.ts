/**
 * The per-address request limits' shared counts (store/repos/request-counts.ts): every server
 * counts in the database, so a client spread over several servers gets the limit once, not once
 * per server. No permission check: counting happens before anyone is known.
 */

import { countRequest as count, forgetEndedWindows } from '../store/repos/request-counts.ts';
import type { AppContext } from './context.ts';

export function countRequest(ctx: AppContext, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  return count(ctx.db, key, windowMs);
}

export function forgetEndedRequestWindows(ctx: AppContext): Promise<void> {
  return forgetEndedWindows(ctx.db);
}
