/** Configuration from environment variables (README "Configuration"). */
import path from 'node:path';
import { auditConfig, type AuditConfig } from '../app/audit-keys.ts';
import type { DatabaseConfig } from '../store/db.ts';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  readonly sessionHours: number;
  readonly logLevel: string;
  readonly secureCookies: boolean;
  /** Run the scheduled jobs inside this server (safe on several instances: jobs are idempotent). */
  readonly scheduler: boolean;
  readonly timeZone: string;
  /** Audit keys and checkpoints, outside the database (docs/audit-integrity.md). */
  readonly audit: AuditConfig;
  /** How often the server seals new audit events and checkpoints the chain (WAYPOINT_AUDIT_SEAL_SECONDS). */
  readonly auditSealMs: number;
}

function integer(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
  return value;
}

export function loadConfig(env = process.env): Config {
  const url = env.DATABASE_URL;
  return {
    port: integer('PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    database: url ? { engine: 'postgres', url } : { engine: 'pglite', dataDir: path.resolve(env.WAYPOINT_DATA_DIR || 'data') },
    sessionHours: integer('WAYPOINT_SESSION_HOURS', 8, 1, 24 * 14),
    logLevel: env.LOG_LEVEL || 'info',
    secureCookies: env.WAYPOINT_SECURE_COOKIES === 'true',
    scheduler: env.WAYPOINT_SCHEDULER !== 'off',
    timeZone: env.WAYPOINT_TIME_ZONE || 'America/Edmonton',
    audit: auditConfig(env),
    auditSealMs: integer('WAYPOINT_AUDIT_SEAL_SECONDS', 5, 1, 3600) * 1000,
  };
}
