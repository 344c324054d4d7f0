/**
 * The audit trail's keys and checkpoint file (docs/audit-integrity.md), all outside the database:
 * - the chain key (HMAC-SHA-256): WAYPOINT_AUDIT_KEY (base64 or hex, at least 32 bytes), else the
 *   file `audit-chain.key` in the audit folder, created with 0600 permissions on first use;
 * - the checkpoint signing key pair (Ed25519): `audit-signing.key` (0600) and `audit-signing.pub`;
 * - the signed checkpoints: an append-only file, WAYPOINT_AUDIT_CHECKPOINTS, default
 *   `checkpoints.jsonl` in the audit folder.
 * The audit folder is WAYPOINT_AUDIT_DIR, default `audit` inside the data folder (beside PGlite's
 * own `pglite` folder, which the database never reads).
 * Someone who can rewrite the database but cannot read these files cannot forge the chain.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface AuditConfig {
  /** Holds the key files and, by default, the checkpoint file. */
  readonly dir: string;
  /** The chain key from the environment (WAYPOINT_AUDIT_KEY); else the key file in `dir`. */
  readonly chainKey?: string;
  readonly checkpointsFile: string;
}

export function auditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  const dir = path.resolve(env.WAYPOINT_AUDIT_DIR || path.join(env.WAYPOINT_DATA_DIR || 'data', 'audit'));
  return {
    dir,
    ...(env.WAYPOINT_AUDIT_KEY && { chainKey: env.WAYPOINT_AUDIT_KEY }),
    checkpointsFile: path.resolve(env.WAYPOINT_AUDIT_CHECKPOINTS || path.join(dir, 'checkpoints.jsonl')),
  };
}

export interface AuditKeys {
  readonly chainKey: Buffer;
  /** Absent when only verifying with a copy of the public key. */
  readonly signingKey: KeyObject | null;
  readonly publicKey: KeyObject;
  /** The first 16 hex digits of SHA-256 over the public key: names the key a checkpoint was signed with. */
  readonly keyId: string;
  readonly checkpointsFile: string;
}

export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyError';
  }
}

const CHAIN_KEY_FILE = 'audit-chain.key';
const SIGNING_KEY_FILE = 'audit-signing.key';
const PUBLIC_KEY_FILE = 'audit-signing.pub';

function decodeChainKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]+$/i.test(trimmed) && trimmed.length % 2 === 0 ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length < 32)
    throw new AuditKeyError(`The audit chain key (${where}) must be at least 32 bytes, base64 or hex; it is ${key.length}.`);
  return key;
}

/** Writes a new file only if none exists (two processes starting together keep the first one's key). */
function createOnce(file: string, content: string, mode: number): void {
  try {
    writeFileSync(file, content, { mode, flag: 'wx' });
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  }
}

/**
 * The keys, created on first use when `create` (the server, `audit seal`); `verify` never creates
 * a key and answers null when there is none.
 */
export function loadAuditKeys(config: AuditConfig, options: { create: boolean }): AuditKeys | null {
  const chainFile = path.join(config.dir, CHAIN_KEY_FILE);
  const signingFile = path.join(config.dir, SIGNING_KEY_FILE);
  const publicFile = path.join(config.dir, PUBLIC_KEY_FILE);
  if (options.create) {
    mkdirSync(config.dir, { recursive: true, mode: 0o700 });
    if (!config.chainKey) createOnce(chainFile, `${randomBytes(32).toString('base64')}\n`, 0o600);
    if (!existsSync(signingFile)) {
      const pair = generateKeyPairSync('ed25519');
      createOnce(signingFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600);
    }
  }
  const haveChainKey = config.chainKey !== undefined || existsSync(chainFile);
  if (!haveChainKey || (!existsSync(signingFile) && !existsSync(publicFile))) return null;
  const chainKey =
    config.chainKey !== undefined
      ? decodeChainKey(config.chainKey, 'WAYPOINT_AUDIT_KEY')
      : decodeChainKey(readFileSync(chainFile, 'utf8'), chainFile);
  const signingKey = existsSync(signingFile) ? createPrivateKey(readFileSync(signingFile)) : null;
  const publicKey = signingKey ? createPublicKey(signingKey) : createPublicKey(readFileSync(publicFile));
  if (signingKey && !existsSync(publicFile)) createOnce(publicFile, publicKey.export({ type: 'spki', format: 'pem' }).toString(), 0o644);
  const keyId = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
  return { chainKey, signingKey, publicKey, keyId, checkpointsFile: config.checkpointsFile };
}
