/**
 * Unit tests for possible-duplicates.ts, the possible-duplicate check on registration (R03
 * pre-condition 2; our reading in docs/policy/r03-service-management.md, "Possible duplicates"):
 * one test per shape a duplicate takes, each naming why the candidate is suggested.
 */

import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar.ts';
import { birthDateRelation, duplicateReasons, nearBirthDates } from './possible-duplicates.ts';
import type { NameAndBirth } from './registration.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);
const codes = (candidate: NameAndBirth, existing: NameAndBirth) => duplicateReasons(candidate, existing)?.map((r) => r.code) ?? null;

const existing: NameAndBirth = { givenName: 'Zoë', familyName: "O'Neil", birthDate: d('1990-04-12') };
const maria: NameAndBirth = { givenName: 'Maria', familyName: 'Santos', birthDate: d('1985-03-12') };

describe('finding 12: the shapes a duplicate registration takes', () => {
  it('finding 12: given and family names swapped, same date of birth', () => {
    expect(codes({ ...maria, givenName: 'Santos', familyName: 'Maria' }, maria)).toEqual(['same-birth-date', 'names-swapped']);
  });

  it('finding 12: the same names with a date of birth one month off', () => {
    expect(codes({ ...maria, birthDate: d('1985-04-12') }, maria)).toEqual(['birth-date-one-month-apart', 'same-names']);
    expect(codes({ ...maria, birthDate: d('1985-02-12') }, maria)).toEqual(['birth-date-one-month-apart', 'same-names']);
  });

  it('finding 12: a month off across the turn of a year', () => {
    const december: NameAndBirth = { ...maria, birthDate: d('1985-12-05') };
    expect(codes({ ...maria, birthDate: d('1986-01-05') }, december)).toEqual(['birth-date-one-month-apart', 'same-names']);
  });

  it('finding 12: the same names with two digits of the date of birth transposed', () => {
    expect(codes({ ...maria, birthDate: d('1958-03-12') }, maria)).toEqual(['birth-date-digits-transposed', 'same-names']);
    expect(codes({ ...maria, birthDate: d('1985-03-21') }, maria)).toEqual(['birth-date-digits-transposed', 'same-names']);
  });

  it('finding 12: a one-letter typo in both names, same date of birth', () => {
    // A slip of the finger to a neighbouring key: one letter apart, sounding different.
    expect(codes({ ...maria, givenName: 'Naria', familyName: 'Dantos' }, maria)).toEqual(['same-birth-date', 'names-one-letter-apart']);
    // Two neighbouring letters swapped is one edit too (and these still sound alike).
    expect(codes({ ...maria, givenName: 'Mraia', familyName: 'Santso' }, maria)).toEqual([
      'same-birth-date',
      'names-sound-alike',
      'names-one-letter-apart',
    ]);
  });

  it('finding 12: names that sound alike, spelled differently', () => {
    const catherine: NameAndBirth = { givenName: 'Catherine', familyName: 'Smith', birthDate: d('1979-08-30') };
    expect(codes({ ...catherine, givenName: 'Kathryn', familyName: 'Smyth' }, catherine)).toEqual([
      'same-birth-date',
      'names-sound-alike',
      'names-one-letter-apart',
    ]);
  });

  it('each reason carries the words shown beside the candidate', () => {
    expect(duplicateReasons({ ...maria, givenName: 'Santos', familyName: 'Maria', birthDate: d('1985-04-12') }, maria)).toEqual([
      { code: 'birth-date-one-month-apart', text: 'dates of birth one month apart' },
      { code: 'names-swapped', text: 'given and family names swapped' },
    ]);
  });
});

describe('what stays as it was', () => {
  it('the same date of birth and the same family name is a possible duplicate', () => {
    expect(codes({ ...existing, givenName: 'Amir' }, existing)).toEqual(['same-birth-date', 'same-family-name']);
  });

  it('the same date of birth and the same given name is a possible duplicate (a changed family name)', () => {
    expect(codes({ ...existing, familyName: 'Tremblay' }, existing)).toEqual(['same-birth-date', 'same-given-name']);
  });

  it('names are compared with accents, case and punctuation folded', () => {
    expect(codes({ givenName: 'ZOE', familyName: 'oneil', birthDate: d('1990-04-12') }, existing)).toEqual([
      'same-birth-date',
      'same-names',
    ]);
  });

  it('the same date of birth with a different given and family name is not a duplicate', () => {
    expect(duplicateReasons({ givenName: 'Amir', familyName: 'Haddad', birthDate: d('1990-04-12') }, existing)).toBeNull();
  });

  it('the same full name with day and month swapped is a possible duplicate (a keying slip)', () => {
    expect(codes({ givenName: 'zoe', familyName: 'ONeil', birthDate: d('1990-12-04') }, existing)).toEqual([
      'birth-day-month-swapped',
      'same-names',
    ]);
  });

  it('a date of birth a keying slip away with only one name alike is not a duplicate', () => {
    expect(duplicateReasons({ ...existing, givenName: 'Amir', birthDate: d('1990-12-04') }, existing)).toBeNull();
  });

  it('the same full name with a date of birth no keying slip explains is not a duplicate', () => {
    expect(duplicateReasons({ ...existing, birthDate: d('1990-04-19') }, existing)).toBeNull();
    expect(duplicateReasons({ ...existing, birthDate: d('1991-12-04') }, existing)).toBeNull();
  });

  it('two-letter names one letter apart are not taken for a typo', () => {
    const al: NameAndBirth = { givenName: 'Al', familyName: 'Wu', birthDate: d('1970-01-01') };
    expect(duplicateReasons({ ...al, givenName: 'Ed', familyName: 'Xu' }, al)).toBeNull();
  });
});

describe('the candidates the store fetches', () => {
  const anyDate = fc.integer({ min: 0, max: 40_000 }).map((n) => addDays(d('1910-01-01'), n));

  it('every day in nearBirthDates is related to the date of birth, both ways', () => {
    fc.assert(
      fc.property(anyDate, (birth) => {
        for (const other of nearBirthDates(birth)) {
          expect(birthDateRelation(birth, other)).not.toBeNull();
          expect(nearBirthDates(other).some((x) => x.equals(birth))).toBe(true);
        }
      }),
    );
  });

  it('every possible duplicate of a registration was born on one of the days the store fetches', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -400, max: 400 }), (birth, offset) => {
        const other = addDays(birth, offset);
        const related = birthDateRelation(birth, other) !== null;
        expect(nearBirthDates(birth).some((x) => x.equals(other))).toBe(related);
      }),
    );
  });
});

describe('properties of the check', () => {
  const names = fc.constantFrom('Zoë', 'zoe', "O'Neil", 'Oneil', 'Amir', 'Haddad', 'Anne-Marie', 'Santos', 'Santso', 'Maria');
  const birthDates = fc
    .tuple(fc.constantFrom(1985, 1958, 1990, 1991), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }))
    .map(([year, month, day]) => Temporal.PlainDate.from({ year, month, day }));
  const person = fc.record({ givenName: names, familyName: names, birthDate: birthDates });

  it('a registration is always a possible duplicate of itself', () => {
    fc.assert(
      fc.property(person, (p) => {
        expect(duplicateReasons(p, p)).not.toBeNull();
      }),
    );
  });

  it('whether two registrations are possible duplicates, and why, does not depend on which was registered first', () => {
    fc.assert(
      fc.property(person, person, (a, b) => {
        expect(duplicateReasons(a, b)).toEqual(duplicateReasons(b, a));
      }),
    );
  });
});
