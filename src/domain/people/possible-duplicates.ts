/**
 * The possible-duplicate check on registration (R03 pre-condition 2: "registration in Mobius is
 * complete and/or up-to-date" asks for one registration per person). A pure rule over candidate
 * rows: the store fetches everyone born on one of `nearBirthDates(...)`, and `duplicateReasons`
 * says, for each, whether they may be the same person and why. Our reading
 * (docs/policy/r03-service-management.md, "Possible duplicates"):
 * - born the same day, with both names alike (the same, swapped, sounding alike, or one letter
 *   apart) or one name the same (a changed family name, a nickname);
 * - born on a day a keying slip away (day and month swapped, one month apart, two digits
 *   transposed), with both names alike.
 * Names are compared folded (case, accents, punctuation), by Double Metaphone codes
 * (double-metaphone) and by Damerau-Levenshtein distance (damerau-levenshtein, where a swap of two
 * neighbouring letters is one edit), never by hand-written scoring.
 */
import damerauLevenshtein from 'damerau-levenshtein';
import { doubleMetaphone } from 'double-metaphone';
import { Temporal } from 'temporal-polyfill';
import type { PlainDate } from '../calendar.ts';
import { type NameAndBirth, normaliseName } from './registration.ts';

export type DuplicateReasonCode =
  | 'same-birth-date'
  | 'birth-day-month-swapped'
  | 'birth-date-one-month-apart'
  | 'birth-date-digits-transposed'
  | 'same-names'
  | 'names-swapped'
  | 'names-sound-alike'
  | 'names-one-letter-apart'
  | 'same-family-name'
  | 'same-given-name';

export interface DuplicateReason {
  readonly code: DuplicateReasonCode;
  /** A caseworker's sentence fragment, shown beside the candidate. */
  readonly text: string;
}

export const DUPLICATE_RULE = 'Waypoint registration: possible duplicate (R03 pre-condition 2)';

const REASON_TEXT: Record<DuplicateReasonCode, string> = {
  'same-birth-date': 'same date of birth',
  'birth-day-month-swapped': 'date of birth with day and month swapped',
  'birth-date-one-month-apart': 'dates of birth one month apart',
  'birth-date-digits-transposed': 'date of birth with two digits transposed',
  'same-names': 'same given and family names',
  'names-swapped': 'given and family names swapped',
  'names-sound-alike': 'names sound alike',
  'names-one-letter-apart': 'names one letter apart',
  'same-family-name': 'same family name',
  'same-given-name': 'same given name',
};
const reason = (code: DuplicateReasonCode): DuplicateReason => ({ code, text: REASON_TEXT[code] });

// ---------- dates of birth ----------

const exactDate = (year: number, month: number, day: number): PlainDate | null => {
  try {
    return Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' });
  } catch {
    return null;
  }
};
const digits = (d: PlainDate) => d.toString().replaceAll('-', '');
const fromDigits = (s: string) => exactDate(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));

/** The day and month swapped (1985-03-12 -> 1985-12-03), when that is another real date. */
function daySwapped(d: PlainDate): PlainDate | null {
  const swapped = exactDate(d.year, d.day, d.month);
  return swapped && !swapped.equals(d) ? swapped : null;
}

/** The same day a month before and after (1985-03-12 -> 1985-02-12, 1985-04-12), when real. */
function monthApart(d: PlainDate): PlainDate[] {
  return [-1, 1].flatMap((step) => {
    const index = d.year * 12 + (d.month - 1) + step;
    const other = exactDate(Math.floor(index / 12), (index % 12) + 1, d.day);
    return other ? [other] : [];
  });
}

/** Two neighbouring digits of YYYYMMDD swapped (1985 -> 1958, day 12 -> 21), when real. */
function digitsTransposed(d: PlainDate): PlainDate[] {
  const s = digits(d);
  const found: PlainDate[] = [];
  for (let i = 0; i + 1 < s.length; i += 1) {
    if (s[i] === s[i + 1]) continue;
    const other = fromDigits(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2));
    if (other) found.push(other);
  }
  return found;
}

/** How two dates of birth relate, or null when no keying slip explains the difference. */
export function birthDateRelation(a: PlainDate, b: PlainDate): DuplicateReasonCode | null {
  if (a.equals(b)) return 'same-birth-date';
  if (daySwapped(a)?.equals(b)) return 'birth-day-month-swapped';
  if (monthApart(a).some((x) => x.equals(b))) return 'birth-date-one-month-apart';
  if (digitsTransposed(a).some((x) => x.equals(b))) return 'birth-date-digits-transposed';
  return null;
}

/**
 * Every date of birth a possible duplicate of someone born on `d` can have: the store fetches the
 * people born on these days (an indexed `birth_date in (...)`), and `duplicateReasons` decides.
 */
export function nearBirthDates(d: PlainDate): PlainDate[] {
  const all = [d, daySwapped(d), ...monthApart(d), ...digitsTransposed(d)].filter((x): x is PlainDate => x !== null);
  return all.filter((x, i) => all.findIndex((y) => y.equals(x)) === i);
}

// ---------- names ----------

type NameMatch = { readonly same: boolean; readonly soundAlike: boolean; readonly oneLetterApart: boolean };

/** Two single names compared: the same once folded, sounding alike (a shared Double Metaphone code), one edit apart. */
function compareNames(a: string, b: string): NameMatch | null {
  const x = normaliseName(a);
  const y = normaliseName(b);
  if (!x || !y) return null;
  if (x === y) return { same: true, soundAlike: false, oneLetterApart: false };
  const codes = new Set(doubleMetaphone(x).filter(Boolean));
  const soundAlike = doubleMetaphone(y).some((code) => code !== '' && codes.has(code));
  // One edit apart counts for names of three letters or more: "Al" and "Ed" are not a typo of each other.
  const oneLetterApart = Math.min(x.length, y.length) >= 3 && damerauLevenshtein(x, y).steps === 1;
  return soundAlike || oneLetterApart ? { same: false, soundAlike, oneLetterApart } : null;
}

/** Both names alike, given to given and family to family, or swapped; with why. Null when not. */
function namesAlike(a: NameAndBirth, b: NameAndBirth): DuplicateReasonCode[] | null {
  for (const swapped of [false, true]) {
    const given = compareNames(a.givenName, swapped ? b.familyName : b.givenName);
    const family = compareNames(a.familyName, swapped ? b.givenName : b.familyName);
    if (!given || !family) continue;
    const parts = [given, family];
    const codes: DuplicateReasonCode[] = [];
    if (swapped) codes.push('names-swapped');
    else if (parts.every((p) => p.same)) codes.push('same-names');
    if (parts.some((p) => p.soundAlike)) codes.push('names-sound-alike');
    if (parts.some((p) => p.oneLetterApart)) codes.push('names-one-letter-apart');
    return codes;
  }
  return null;
}

/**
 * Why `existing` may be the person being registered as `candidate`, or null when they are not a
 * possible duplicate. The first reason is about the date of birth, the rest about the names.
 * Symmetric: it does not matter which of the two was registered first.
 */
export function duplicateReasons(candidate: NameAndBirth, existing: NameAndBirth): DuplicateReason[] | null {
  const birth = birthDateRelation(candidate.birthDate, existing.birthDate);
  if (!birth) return null;
  const names = namesAlike(candidate, existing);
  if (names) return [birth, ...names].map(reason);
  if (birth !== 'same-birth-date') return null;
  // Born the same day with one name the same: a changed family name, or another given name in use.
  const oneName: DuplicateReasonCode[] = [];
  if (compareNames(candidate.familyName, existing.familyName)?.same) oneName.push('same-family-name');
  if (compareNames(candidate.givenName, existing.givenName)?.same) oneName.push('same-given-name');
  return oneName.length ? [birth, ...oneName].map(reason) : null;
}
