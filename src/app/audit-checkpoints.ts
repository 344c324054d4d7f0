/**
 * Signed checkpoints of the audit chain's head, in the manner of Certificate Transparency's signed
 * tree heads (RFC 6962 section 3.5): after each seal, "this database's chain had N events and its
 * N-th event's keyed hash was H at time T", signed with Ed25519 (node:crypto) and appended as one
 * JSON line to a file outside the database (and logged). `verify` checks that the database still
 * holds every checkpointed event with the same head: a removed tail or an emptied trail cannot pass.
 */

import { sign, verify } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AuditKeys } from './audit-keys.ts';

export interface Checkpoint {
  readonly v: 1;
  /** Which database's trail: its name (current_database()). */
  readonly trail: string;
  /** Events 1..treeSize of the chain. */
  readonly treeSize: number;
  /** The keyed hash of event treeSize (the genesis value for an empty chain). */
  readonly head: string;
  readonly time: string;
  readonly keyId: string;
  /** Ed25519 over `signedText`, base64. */
  readonly sig: string;
}

type Unsigned = Omit<Checkpoint, 'sig'>;

const signedText = (c: Unsigned) =>
  Buffer.from(`waypoint-audit-checkpoint/v${c.v}\n${c.trail}\n${c.treeSize}\n${c.head}\n${c.time}\n${c.keyId}`, 'utf8');

export function signCheckpoint(keys: AuditKeys, fields: Omit<Unsigned, 'v' | 'keyId'>): Checkpoint {
  if (!keys.signingKey) throw new Error('The audit signing key is not available here: checkpoints cannot be written.');
  const unsigned: Unsigned = { v: 1, ...fields, keyId: keys.keyId };
  return { ...unsigned, sig: sign(null, signedText(unsigned), keys.signingKey).toString('base64') };
}

export function checkpointSignatureValid(keys: AuditKeys, c: Checkpoint): boolean {
  try {
    return c.keyId === keys.keyId && verify(null, signedText(c), keys.publicKey, Buffer.from(c.sig, 'base64'));
  } catch {
    return false;
  }
}

export function appendCheckpoint(file: string, c: Checkpoint): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // One short line per append: O_APPEND writes it whole even with several writers.
  appendFileSync(file, `${JSON.stringify(c)}\n`, { mode: 0o600 });
}

export interface CheckpointLine {
  readonly line: number;
  readonly checkpoint: Checkpoint | null;
}

/** Every line of the file, in order; a line that is not a checkpoint comes back as null. */
export function readCheckpoints(file: string): CheckpointLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text.trim() !== '')
    .map(({ text, line }) => {
      try {
        const c = JSON.parse(text) as Checkpoint;
        const wellFormed =
          c.v === 1 &&
          typeof c.trail === 'string' &&
          Number.isSafeInteger(c.treeSize) &&
          c.treeSize >= 0 &&
          typeof c.head === 'string' &&
          typeof c.time === 'string' &&
          typeof c.sig === 'string';
        return { line, checkpoint: wellFormed ? c : null };
      } catch {
        return { line, checkpoint: null };
      }
    });
}
