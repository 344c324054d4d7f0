import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeOf, sourceFiles } from '../../test/support/source-files.ts';
import { AUDIT_ACTIONS, auditActionGroups, auditActionLabel } from './audit-actions.ts';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Every action code written as a literal under src, wherever an event is built (`action: 'plan.item.add'`,
 * also in the repositories that write events with their rows). Template-literal actions are checked by
 * the type of `recordAudit`'s `action`.
 */
const writtenActions = [
  ...new Set(sourceFiles(src).flatMap((file) => [...codeOf(file).matchAll(/\baction:\s*'([a-z-]+(?:\.[a-z-]+)+)'/g)].map((m) => m[1]!))),
].sort();

describe('the catalogue of audit actions', () => {
  it('finds the actions written under src', () => {
    expect(writtenActions).toContain('person.correct');
    expect(writtenActions).toContain('task.create');
    expect(writtenActions.length).toBeGreaterThan(40);
  });

  it('has a label in words for every action written under src', () => {
    expect(writtenActions.filter((action) => !Object.hasOwn(AUDIT_ACTIONS, action))).toEqual([]);
  });

  it('names a correction of a person’s details in words', () => {
    expect(auditActionLabel('person.correct')).toBe('Person’s details corrected');
  });

  it('shows an action it does not know (older data) as its code', () => {
    expect(auditActionLabel('person.merge')).toBe('person.merge');
  });

  it('gives no two actions the same label, so each reads as itself', () => {
    const labels = Object.values(AUDIT_ACTIONS);
    expect(labels.filter((label, k) => labels.indexOf(label) !== k)).toEqual([]);
  });

  it('writes every label as a sentence fragment, not a code', () => {
    expect(Object.values(AUDIT_ACTIONS).filter((label) => !/^[A-Z][^.]*[a-z)]$/.test(label) || /[a-z]\.[a-z]/.test(label))).toEqual([]);
  });

  it('puts every action in one group, the one its code begins with', () => {
    const groups = auditActionGroups();
    expect(groups.flatMap((g) => g.actions.map((a) => a.code)).sort()).toEqual(Object.keys(AUDIT_ACTIONS).sort());
    for (const g of groups) for (const a of g.actions) expect(a.code.startsWith(`${g.code}.`)).toBe(true);
  });

  it('searches a group by text that no action of another group contains (the search matches part of the code)', () => {
    for (const g of auditActionGroups())
      expect(Object.keys(AUDIT_ACTIONS).filter((code) => code.includes(g.search) && !code.startsWith(`${g.code}.`))).toEqual([]);
  });
});
