import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditKeyError, auditConfig, loadAuditKeys } from './audit-keys.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-audit-keys-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('audit keys', () => {
  it('the audit folder defaults to audit/ inside the data folder, with the checkpoint file in it', () => {
    const config = auditConfig({ WAYPOINT_DATA_DIR: '/srv/waypoint' });
    expect(config).toEqual({ dir: '/srv/waypoint/audit', checkpointsFile: '/srv/waypoint/audit/checkpoints.jsonl' });
  });

  it('WAYPOINT_AUDIT_DIR, WAYPOINT_AUDIT_KEY and WAYPOINT_AUDIT_CHECKPOINTS override the defaults', () => {
    const config = auditConfig({ WAYPOINT_AUDIT_DIR: '/keys', WAYPOINT_AUDIT_KEY: 'k', WAYPOINT_AUDIT_CHECKPOINTS: '/log/cp.jsonl' });
    expect(config).toEqual({ dir: '/keys', chainKey: 'k', checkpointsFile: '/log/cp.jsonl' });
  });

  it('keys are created once, owner-only, and the same keys are read back', () => {
    const dir = tempDir();
    const config = { dir, checkpointsFile: path.join(dir, 'checkpoints.jsonl') };
    const first = loadAuditKeys(config, { create: true })!;
    const again = loadAuditKeys(config, { create: true })!;
    expect(again.chainKey.equals(first.chainKey)).toBe(true);
    expect(again.keyId).toBe(first.keyId);
    expect(statSync(path.join(dir, 'audit-chain.key')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'audit-signing.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, 'audit-signing.pub'), 'utf8')).toMatch(/BEGIN PUBLIC KEY/);
  });

  it('verifying never creates a key: with none, there are no keys', () => {
    const dir = path.join(tempDir(), 'absent');
    expect(loadAuditKeys({ dir, checkpointsFile: path.join(dir, 'c.jsonl') }, { create: false })).toBeNull();
    expect(existsSync(dir)).toBe(false);
  });

  it('a chain key from the environment is used instead of a key file, and one shorter than 32 bytes is refused', () => {
    const dir = tempDir();
    const hex = 'ab'.repeat(32);
    const keys = loadAuditKeys({ dir, chainKey: hex, checkpointsFile: path.join(dir, 'c.jsonl') }, { create: true })!;
    expect(keys.chainKey.equals(Buffer.from(hex, 'hex'))).toBe(true);
    expect(existsSync(path.join(dir, 'audit-chain.key'))).toBe(false);
    expect(() => loadAuditKeys({ dir, chainKey: 'c2hvcnQ=', checkpointsFile: path.join(dir, 'c.jsonl') }, { create: true })).toThrow(
      AuditKeyError,
    );
  });
});
