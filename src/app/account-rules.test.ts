import { describe, expect, it } from 'vitest';
import { passwordProblem, USERNAME_PATTERN } from './account-rules.ts';

describe('the password rules', () => {
  it('accepts a long password unlike the username', () => {
    expect(passwordProblem('correct-horse-battery', 'official.ada')).toBeNull();
  });

  it('refuses a password shorter than 12 characters', () => {
    expect(passwordProblem('abc', 'official.ada')).toBe('A password has at least 12 characters.');
  });

  it('refuses a password containing the username, whatever the case', () => {
    expect(passwordProblem('my-Official.Ada-2026', 'official.ada')).toBe('A password cannot contain the username.');
  });

  it('refuses a well-known password and one character repeated', () => {
    expect(passwordProblem('Password1234', 'official.ada')).toBe('That password is too easy to guess.');
    expect(passwordProblem('aaaaaaaaaaaaaa', 'official.ada')).toBe('That password is too easy to guess.');
  });

  it('compares with no username while none is known yet (a form not yet filled in)', () => {
    expect(passwordProblem('correct-horse-battery', '')).toBeNull();
  });
});

describe('the username rule', () => {
  it.each(['official.ada', 'lbc_dana-2', 'abc'])('accepts %s', (username) => {
    expect(USERNAME_PATTERN.test(username)).toBe(true);
  });

  it.each(['Bad Name!', 'ab', 'Ada', 'ada chen', 'x'.repeat(51)])('refuses %s', (username) => {
    expect(USERNAME_PATTERN.test(username)).toBe(false);
  });
});
