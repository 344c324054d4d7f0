/**
 * The forms a person's contact details take, written once for the API's schemas
 * (http/schemas.ts) and the web forms, which check them before asking the server so that every
 * problem is named at once, next to its field. Pure: no I/O, no dependencies.
 */

/** A Canadian postal code, the space optional (upper-cased before the check). */
export const POSTAL_CODE_PATTERN = /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/;
export const POSTAL_CODE_TEXT = 'Use a Canadian postal code such as T5J 2R7.';

export const PHONE_PATTERN = /^\+?[0-9 ()\-.]{7,20}$/;
export const PHONE_TEXT = 'Use a phone number such as 780-555-0100.';

/** What a malformed email address is told (the check itself is zod's `z.email()`, on both sides). */
export const EMAIL_TEXT = 'Use an email address such as name@example.ca.';
