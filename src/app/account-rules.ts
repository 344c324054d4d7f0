/**
 * The rules a username and a password must follow, written once for every edge: the API and the
 * CLI (app/fields.ts, app/passwords.ts) and the web forms, which check them before asking the server
 * so that every problem is named at once, next to its field. Pure: no I/O.
 */

/**
 * A username: 3-50 of a-z, 0-9, dots, dashes and underscores (ASCII only, so no look-alike of
 * another username in another script, and no spaces).
 */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,50}$/;
export const USERNAME_RULE = 'Use 3-50 lowercase letters, digits, dots, dashes or underscores.';

export const MIN_PASSWORD_LENGTH = 12;
const COMMON_PASSWORDS = [
  'password1234',
  '123456789012',
  'qwertyuiopas',
  'passwordpassword',
  'letmein12345',
  'welcome12345',
  'administrator',
];

/** Waypoint password rules: long enough, not the username, not a well-known password. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `A password has at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 200) return 'A password has at most 200 characters.';
  // No username yet (a form not filled in): nothing to compare with.
  if (username !== '' && password.toLowerCase().includes(username.toLowerCase())) return 'A password cannot contain the username.';
  if (COMMON_PASSWORDS.includes(password.toLowerCase()) || /^(.)\1+$/.test(password)) return 'That password is too easy to guess.';
  return null;
}
