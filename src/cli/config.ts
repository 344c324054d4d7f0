/** Configuration from environment variables (README "Configuration"). */
import path from 'node:path';
import { type AuditConfig, auditConfig } from '../app/audit-keys.ts';
import type { DatabaseConfig } from '../store/db.ts';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  readonly sessionHours: number;
  /** Keys per chunk of a set-based batch run (WAYPOINT_BATCH_CHUNK). */
  readonly batchChunkSize: number;
  readonly logLevel: string;
  readonly secureCookies: boolean;
  /** Put the job schedules on the queue, take scheduled runs and chunks of any batch run in this server (each schedule fires once across all servers); off: a web-only server. */
  readonly scheduler: boolean;
  /** Cron by job name, replacing a job's own schedule (WAYPOINT_SCHEDULES="job=cron;job=cron"). */
  readonly schedules: Readonly<Record<string, string>>;
  readonly timeZone: string;
  /** Audit keys and checkpoints, outside the database (docs/audit-integrity.md). */
  readonly audit: AuditConfig;
  /** How often the server seals new audit events and checkpoints the chain (WAYPOINT_AUDIT_SEAL_SECONDS). */
  readonly auditSealMs: number;
  /**
   * The origin users reach Waypoint at (scheme, host, port), e.g. https://waypoint.example.gov.
   * Host and Origin headers must name it (docs/sign-in.md). Null: the address the server listens on.
   */
  readonly publicOrigin: string | null;
  /**
   * Reverse proxies whose X-Forwarded-For names the client (addresses or CIDR ranges), or null for
   * none: sign-in throttling is per client address, so behind a proxy it must see the real one.
   */
  readonly trustedProxies: string[] | null;
}

function integer(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
  return value;
}

/** WAYPOINT_PUBLIC_ORIGIN: an http(s) origin with nothing after it; required when HOST listens on every interface. */
export function publicOriginOf(raw: string | undefined, host: string): string | null {
  if (raw === undefined || raw === '') {
    if (['0.0.0.0', '::', '[::]'].includes(host)) {
      throw new Error(
        `HOST ${host} listens on every interface, so set WAYPOINT_PUBLIC_ORIGIN to the address users type (e.g. https://waypoint.example.gov).`,
      );
    }
    return null;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`WAYPOINT_PUBLIC_ORIGIN must be an origin such as https://waypoint.example.gov; got "${raw}".`);
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username ||
    url.password ||
    url.pathname !== '/' ||
    url.search ||
    url.hash ||
    raw.replace(/\/$/, '') !== url.origin
  ) {
    throw new Error(
      `WAYPOINT_PUBLIC_ORIGIN must be an http or https origin with no path, e.g. https://waypoint.example.gov; got "${raw}".`,
    );
  }
  return url.origin;
}

/** WAYPOINT_SCHEDULES: `name=cron` pairs separated by semicolons, e.g. "reassessment=30 3 * * *". */
export function schedulesOf(raw: string | undefined): Record<string, string> {
  const schedules: Record<string, string> = {};
  for (const pair of (raw ?? '')
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const cron = pair.slice(at + 1).trim();
    if (at < 1 || cron.split(/\s+/).length < 5)
      throw new Error(`WAYPOINT_SCHEDULES must be job=cron pairs separated by semicolons, e.g. "reassessment=30 3 * * *"; got "${pair}".`);
    schedules[name] = cron;
  }
  return schedules;
}

export function loadConfig(env = process.env): Config {
  const url = env.DATABASE_URL;
  const host = env.HOST || '127.0.0.1';
  return {
    port: integer('PORT', 3000, 0, 65535),
    host,
    database: url ? { engine: 'postgres', url } : { engine: 'pglite', dataDir: path.resolve(env.WAYPOINT_DATA_DIR || 'data') },
    sessionHours: integer('WAYPOINT_SESSION_HOURS', 8, 1, 24 * 14),
    batchChunkSize: integer('WAYPOINT_BATCH_CHUNK', 500, 10, 10_000),
    logLevel: env.LOG_LEVEL || 'info',
    secureCookies: env.WAYPOINT_SECURE_COOKIES === 'true',
    scheduler: env.WAYPOINT_SCHEDULER !== 'off',
    schedules: schedulesOf(env.WAYPOINT_SCHEDULES),
    timeZone: env.WAYPOINT_TIME_ZONE || 'America/Edmonton',
    audit: auditConfig(env),
    auditSealMs: integer('WAYPOINT_AUDIT_SEAL_SECONDS', 5, 1, 3600) * 1000,
    publicOrigin: publicOriginOf(env.WAYPOINT_PUBLIC_ORIGIN, host),
    trustedProxies: env.WAYPOINT_TRUSTED_PROXIES
      ? env.WAYPOINT_TRUSTED_PROXIES.split(',')
          .map((p) => p.trim())
          .filter(Boolean)
      : null,
  };
}
