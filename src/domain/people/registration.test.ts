/**
 * Unit tests for registration.ts (R03 pre-condition 2: "registration in Mobius is complete and/or
 * up-to-date"): what a complete registration needs, dated contact details, the date-of-birth check
 * and the possible-duplicate rule.
 */

import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDays, type Dated, type PlainDate } from '../calendar.ts';
import {
  type Address,
  checkBirthDate,
  currentDetails,
  type DetailHistory,
  normaliseName,
  type RegistrationSnapshot,
  registrationStatus,
} from './registration.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);

const mainStreet: Address = { line1: '10 Main St NW', city: 'Edmonton', province: 'AB', postalCode: 'T5J 0N3' };
const riverRoad: Address = { line1: '22 River Rd', city: 'Calgary', province: 'AB', postalCode: 'T2P 1J9' };
const lakeDrive: Address = { line1: '5 Lake Dr', city: 'Red Deer', province: 'AB', postalCode: 'T4N 1A1' };

const emptyHistory = (): DetailHistory => ({ address: [], phone: [], email: [], education: [], employment: [] });
const dated = <T>(effectiveFrom: string, recordedSeq: number, value: T): Dated<T> => ({
  effectiveFrom: d(effectiveFrom),
  recordedSeq,
  value,
});

/** Zoë O'Neil with everything a complete registration needs. */
const zoe: RegistrationSnapshot = {
  givenName: 'Zoë',
  familyName: "O'Neil",
  birthDate: d('1990-04-12'),
  current: { address: mainStreet, phone: '780-555-0100' },
};

describe('registrationStatus (R03 pre-condition 2)', () => {
  it('registration is complete with names, date of birth, an address and a phone', () => {
    expect(registrationStatus(zoe)).toEqual({ complete: true, missing: [] });
  });

  it('registration is complete with an email in place of a phone', () => {
    const emailOnly = { ...zoe, current: { address: mainStreet, email: 'zoe@example.ca' } };
    expect(registrationStatus(emailOnly)).toEqual({ complete: true, missing: [] });
  });

  it('education and employment are not needed for a complete registration', () => {
    expect(zoe.current.education).toBeUndefined();
    expect(zoe.current.employment).toBeUndefined();
    expect(registrationStatus(zoe).complete).toBe(true);
  });

  it('registration lists every missing field', () => {
    const nothing: RegistrationSnapshot = { givenName: '', familyName: '', birthDate: null, current: {} };
    expect(registrationStatus(nothing)).toEqual({
      complete: false,
      missing: ['givenName', 'familyName', 'birthDate', 'address', 'phoneOrEmail'],
    });
  });

  it('a name of only spaces counts as missing', () => {
    expect(registrationStatus({ ...zoe, givenName: '   ', familyName: '\t' }).missing).toEqual(['givenName', 'familyName']);
  });

  it('registration without a date of birth is incomplete', () => {
    expect(registrationStatus({ ...zoe, birthDate: null })).toEqual({ complete: false, missing: ['birthDate'] });
  });

  it('an address alone is not enough: the person needs a phone or email to be reached', () => {
    expect(registrationStatus({ ...zoe, current: { address: mainStreet } })).toEqual({ complete: false, missing: ['phoneOrEmail'] });
  });

  it('a phone without an address leaves only the address missing', () => {
    expect(registrationStatus({ ...zoe, current: { phone: '780-555-0100' } })).toEqual({ complete: false, missing: ['address'] });
  });

  it('registration becomes complete on the day its contact details take effect, not the day before', () => {
    const history: DetailHistory = {
      ...emptyHistory(),
      address: [dated('2025-01-15', 1, mainStreet)],
      phone: [dated('2025-01-15', 2, '780-555-0100')],
    };
    const on = (date: PlainDate) => registrationStatus({ ...zoe, current: currentDetails(history, date) });
    expect(on(d('2025-01-14'))).toEqual({ complete: false, missing: ['address', 'phoneOrEmail'] });
    expect(on(d('2025-01-15'))).toEqual({ complete: true, missing: [] });
  });
});

describe('checkBirthDate (Waypoint registration)', () => {
  const today = d('2025-01-15');

  it('a date of birth in the future is refused', () => {
    expect(checkBirthDate(d('2025-01-16'), today)).toEqual([
      { code: 'DATE_IN_FUTURE', rule: 'Waypoint registration', field: 'birthDate', detail: 'A date of birth cannot be in the future.' },
    ]);
  });

  it('a date of birth today is accepted (a newborn registered on the day)', () => {
    expect(checkBirthDate(today, today)).toEqual([]);
  });

  it('a date of birth in the past is accepted', () => {
    expect(checkBirthDate(d('1990-04-12'), today)).toEqual([]);
  });

  it('the refusal names the field the caller is checking', () => {
    const [refusal] = checkBirthDate(d('2030-01-01'), today, 'dependants.0.birthDate');
    expect(refusal?.field).toBe('dependants.0.birthDate');
  });
});

describe('currentDetails (effective-dated contact details)', () => {
  const history: DetailHistory = {
    ...emptyHistory(),
    address: [dated('2023-06-01', 1, mainStreet), dated('2024-09-01', 4, riverRoad)],
    phone: [dated('2023-06-01', 2, '780-555-0100')],
    email: [dated('2024-02-10', 3, 'zoe@example.ca')],
  };

  it('the latest effective address is the current one and earlier ones stay readable as of earlier dates', () => {
    expect(currentDetails(history, d('2025-01-15')).address).toEqual(riverRoad);
    expect(currentDetails(history, d('2024-08-31')).address).toEqual(mainStreet);
    expect(currentDetails(history, d('2024-09-01')).address).toEqual(riverRoad);
  });

  it('nothing is current before its first effective date', () => {
    expect(currentDetails(history, d('2023-05-31'))).toEqual({});
    expect(currentDetails(history, d('2024-02-09'))).toEqual({ address: mainStreet, phone: '780-555-0100' });
  });

  it('each kind of detail is read from its own history', () => {
    expect(currentDetails(history, d('2025-01-15'))).toEqual({
      address: riverRoad,
      phone: '780-555-0100',
      email: 'zoe@example.ca',
    });
  });

  it('education and employment are read as of the date like any other detail', () => {
    const withWork: DetailHistory = {
      ...emptyHistory(),
      education: [dated('2020-06-30', 1, { level: 'high school', institution: 'Ross Sheppard' })],
      employment: [dated('2022-01-01', 2, { status: 'employed', employer: 'Acme' }), dated('2024-11-01', 3, { status: 'unemployed' })],
    };
    expect(currentDetails(withWork, d('2024-10-31'))).toEqual({
      education: { level: 'high school', institution: 'Ross Sheppard' },
      employment: { status: 'employed', employer: 'Acme' },
    });
    expect(currentDetails(withWork, d('2024-11-01')).employment).toEqual({ status: 'unemployed' });
  });

  it('a later correction for the same effective date wins', () => {
    const corrected: DetailHistory = {
      ...emptyHistory(),
      address: [dated('2024-09-01', 7, lakeDrive), dated('2024-09-01', 4, riverRoad)],
    };
    // Seq 7 was recorded after seq 4, so it corrects the 2024-09-01 address even though it is listed first.
    expect(currentDetails(corrected, d('2024-09-01')).address).toEqual(lakeDrive);
  });

  it('an address that takes effect later does not replace the current one before that date', () => {
    const futureMove: DetailHistory = {
      ...emptyHistory(),
      address: [dated('2023-06-01', 1, mainStreet), dated('2025-03-01', 2, lakeDrive)],
    };
    expect(currentDetails(futureMove, d('2025-01-15')).address).toEqual(mainStreet);
    expect(currentDetails(futureMove, d('2025-03-01')).address).toEqual(lakeDrive);
  });

  it('the current details do not depend on the order the history is stored in', () => {
    const base = d('2020-01-01');
    const entry = fc
      .tuple(fc.integer({ min: 0, max: 1500 }), fc.constantFrom(mainStreet, riverRoad, lakeDrive))
      .map(([offset, value]) => ({ effectiveFrom: addDays(base, offset), value }));
    const entries = fc.array(entry, { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(entries, fc.integer({ min: 0, max: 1600 }), fc.nat(), (list, dayOffset, rotation) => {
        // Each entry gets its own recordedSeq, as the store assigns them.
        const address = list.map((e, i) => ({ ...e, recordedSeq: i + 1 }));
        const k = rotation % address.length;
        const reordered = [...address.slice(k), ...address.slice(0, k)].reverse();
        const date = addDays(base, dayOffset);
        expect(currentDetails({ ...emptyHistory(), address: reordered }, date)).toEqual(
          currentDetails({ ...emptyHistory(), address }, date),
        );
      }),
    );
  });
});

describe('normaliseName', () => {
  it('folds "Zoë O\'Neil" and "zoe oneil" to the same name', () => {
    expect(normaliseName("Zoë O'Neil")).toBe('zoeoneil');
    expect(normaliseName('zoe oneil')).toBe('zoeoneil');
  });

  it.each([
    ['José', 'JOSE'],
    ['Renée', 'renee'],
    ['Anne-Marie', 'anne marie'],
    ['Nguyễn', 'nguyen'],
    ['St. John', 'stjohn'],
  ])('%j and %j compare equal once case, accents and punctuation are folded', (a, b) => {
    expect(normaliseName(a)).toBe(normaliseName(b));
  });

  it('keeps letters of other scripts, without their accents', () => {
    expect(normaliseName('Σοφία')).toBe('σοφια');
  });
});
