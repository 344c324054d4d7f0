/**
 * Tests never read or write the working tree's own data folder: a demo server started there with
 * `npm start` (its PGlite folder, audit keys and signed checkpoints) must not change what a test sees,
 * and a test must not leave keys or checkpoints in it. test/support/isolated-env.ts points every test
 * file at its own scratch folders.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditConfig } from '../../src/app/audit-keys.ts';
import { loadConfig } from '../../src/cli/config.ts';

const workingTree = path.resolve('.');
const outsideWorkingTree = (folder: string) => path.relative(workingTree, folder).startsWith('..');

describe('test isolation from the working tree', () => {
  it("keeps the audit keys and checkpoints a test uses outside the working tree's data folder", () => {
    const audit = auditConfig();
    expect(outsideWorkingTree(audit.dir), audit.dir).toBe(true);
    expect(outsideWorkingTree(audit.checkpointsFile), audit.checkpointsFile).toBe(true);
  });

  it('keeps the default PGlite data folder of a server or command started by a test outside the working tree', () => {
    const { database } = loadConfig();
    expect(database.engine === 'pglite' && database.dataDir !== null && outsideWorkingTree(database.dataDir)).toBe(true);
  });

  it('gives each test file its own audit folder, so two files never share a checkpoint file', () => {
    expect(path.basename(path.dirname(auditConfig().dir))).toMatch(/^file-/);
  });
});
