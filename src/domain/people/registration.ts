/**
 * Policy page: docs/policy/r03-service-management.md (our wording of R03.1 and our readings).
 * Registration (R03 pre-condition 2: "registration in Mobius is complete and/or up-to-date").
 * A person is registered with a name and date of birth; registration is complete when the
 * required contact details are present too. Contact details, education and employment are kept as
 * effective-dated history: an update adds an entry, it never erases the old value.
 */
import { asOf, compareDates, type Dated, type PlainDate } from '../calendar.ts';
import type { Refusal } from '../refusal.ts';
import { BIRTH_DATE_IN_FUTURE } from './registration-texts.ts';

export const DETAIL_KINDS = ['address', 'phone', 'email', 'education', 'employment'] as const;
export type DetailKind = (typeof DETAIL_KINDS)[number];

export interface Address {
  readonly line1: string;
  readonly line2?: string | undefined;
  readonly city: string;
  readonly province: string;
  readonly postalCode: string;
}
export interface Education {
  readonly level: string;
  readonly institution?: string | undefined;
  readonly completedOn?: string | undefined;
}
export interface Employment {
  readonly status: string;
  readonly employer?: string | undefined;
  readonly occupation?: string | undefined;
}
export interface DetailValues {
  readonly address: Address;
  readonly phone: string;
  readonly email: string;
  readonly education: Education;
  readonly employment: Employment;
}

export type DetailHistory = { readonly [K in DetailKind]: readonly Dated<DetailValues[K]>[] };
export type CurrentDetails = { readonly [K in DetailKind]?: DetailValues[K] };

/** The value of each detail in force on `date` (latest effective entry; a later correction wins). */
export function currentDetails(history: DetailHistory, date: PlainDate): CurrentDetails {
  const current: { [K in DetailKind]?: DetailValues[K] } = {};
  for (const kind of DETAIL_KINDS) {
    const entry = asOf(history[kind] as readonly Dated<never>[], date);
    if (entry) current[kind] = entry.value;
  }
  return current;
}

export interface RegistrationSnapshot {
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: PlainDate | null;
  readonly current: CurrentDetails;
}

export type MissingRegistrationField = 'givenName' | 'familyName' | 'birthDate' | 'address' | 'phoneOrEmail';

/**
 * Registration is complete when the person has a given and family name, a date of birth, a
 * current address, and a way to reach them (phone or email). Rule: Waypoint registration (R03
 * pre-condition 2).
 */
export function registrationStatus(person: RegistrationSnapshot): { complete: boolean; missing: MissingRegistrationField[] } {
  const missing: MissingRegistrationField[] = [];
  if (!person.givenName.trim()) missing.push('givenName');
  if (!person.familyName.trim()) missing.push('familyName');
  if (!person.birthDate) missing.push('birthDate');
  if (!person.current.address) missing.push('address');
  if (!person.current.phone?.trim() && !person.current.email?.trim()) missing.push('phoneOrEmail');
  return { complete: missing.length === 0, missing };
}

/** A date of birth must not be after the day it is recorded. */
export function checkBirthDate(birthDate: PlainDate, today: PlainDate, field = 'birthDate'): Refusal[] {
  return compareDates(birthDate, today) > 0
    ? [{ code: 'DATE_IN_FUTURE', rule: 'Waypoint registration', field, detail: BIRTH_DATE_IN_FUTURE }]
    : [];
}

/** Folds case, accents and punctuation so "Zoë O'Neil" and "zoe oneil" compare equal. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export interface NameAndBirth {
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: PlainDate;
}
