/**
 * The store behind @fastify/rate-limit's per-address limits (sign-in, simulation): counts kept in
 * the database (app/request-counts.ts) instead of each server's memory, so that the limit holds
 * across every server behind a load balancer (docs/scaling.md "Several servers"). Every thousandth
 * count also forgets windows that ended long ago.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { AppContext } from '../app/context.ts';
import { countRequest, forgetEndedRequestWindows } from '../app/request-counts.ts';

export function databaseRateLimitStore(ctx: AppContext): FastifyRateLimitStoreCtor {
  let counted = 0;
  // @fastify/rate-limit passes the route's window as a third argument (its typings leave it out).
  type Incr = (
    key: string,
    callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
    timeWindow?: number,
  ) => void;
  const store = (prefix: string): FastifyRateLimitStore & { incr: Incr } => ({
    incr(key: string, callback: Parameters<Incr>[1], timeWindow: number = 60_000) {
      if (++counted % 1000 === 0) void forgetEndedRequestWindows(ctx).catch(() => {});
      countRequest(ctx, `${prefix}${key}`, timeWindow).then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
    child(routeOptions) {
      const route = (routeOptions as unknown as { routeInfo?: { method?: string; url?: string } }).routeInfo;
      return store(`${prefix}${route?.method ?? ''}${route?.url ?? ''}-`);
    },
  });
  return class {
    constructor() {
      // biome-ignore lint/correctness/noConstructorReturn: @fastify/rate-limit wants a store class; every instance is the one database-backed store.
      return store('');
    }
  } as unknown as FastifyRateLimitStoreCtor;
}
