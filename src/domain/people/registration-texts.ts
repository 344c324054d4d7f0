/**
 * Refusal sentences of registration that the web UI also shows before the request
 * (web/src/pages/RegisterPersonPage.tsx), kept in this dependency-free module so both say exactly
 * the same words.
 */

/** Waypoint registration: a date of birth is not after the day it is recorded. */
export const BIRTH_DATE_IN_FUTURE = 'A date of birth cannot be in the future.';
