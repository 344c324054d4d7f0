/**
 * The audit events src/store writes itself (a statement that inserts rows and their events together)
 * name their record type in the store's own text, out of reach of `AuditEntry`'s type: each must be
 * one of AUDIT_RECORD_TYPES, the list the audit search accepts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeOf, sourceFiles } from '../../test/support/source-files.ts';
import { AUDIT_RECORD_TYPES } from './audit.ts';

const store = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../store');

describe('the record types of the audit events src/store writes', () => {
  it('are all in AUDIT_RECORD_TYPES', () => {
    const named = sourceFiles(store).flatMap((file) =>
      [...codeOf(file).matchAll(/\baudit: \{[^}]*\brecordType: '([^']+)'/g)].map((m) => ({ file: path.basename(file), type: m[1]! })),
    );
    expect(named.map((n) => n.type)).toEqual(expect.arrayContaining(['task', 'two_attending']));
    for (const { file, type } of named) expect(AUDIT_RECORD_TYPES, file).toContain(type);
  });
});
