import { describe, expect, it } from 'vitest';
import { checkNewAccount, demoModeFor } from './accounts.ts';

describe('demo mode and account rules at the command line', () => {
  it('finding 11.4: --demo-if-empty (npm start) means demo mode on the embedded database only, never on PostgreSQL', () => {
    expect(demoModeFor({ demoIfEmpty: true }, { engine: 'pglite', dataDir: 'data' })).toBe(true);
    expect(demoModeFor({ demoIfEmpty: true }, { engine: 'postgres', url: 'postgres://db/waypoint' })).toBe(false);
  });

  it('--demo asks for demo mode on any database; no option means none', () => {
    expect(demoModeFor({ demo: true }, { engine: 'postgres', url: 'postgres://db/waypoint' })).toBe(true);
    expect(demoModeFor({}, { engine: 'pglite', dataDir: 'data' })).toBe(false);
  });

  it('finding 11.8: a username with a look-alike letter from another script is refused by name', () => {
    expect(() => checkNewAccount({ username: '\u0430dmin', displayName: 'Look Alike' })).toThrow(/username/);
  });

  it('a display name of only a zero-width space is refused', () => {
    expect(() => checkNewAccount({ username: 'admin.zero', displayName: '\u200b' })).toThrow(/displayName/);
  });
});
