import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../format.ts';
import { isIdValue, readableValue } from './audit-values.ts';

describe('a value in an audit event’s changes', () => {
  it('reads a calendar date as the web writes dates', () => {
    expect(readableValue('Birth date', '1988-03-12')).toBe('12 Mar 1988');
  });

  it('reads an instant in the reader’s time zone, as the event’s own time', () => {
    expect(readableValue('Created at', '2026-12-01T10:00:00.000Z')).toBe(formatInstant('2026-12-01T10:00:00.000Z'));
  });

  it('reads a benefit month and a list of months in words', () => {
    expect(readableValue('Months', '2027-01, 2027-02')).toBe('Jan 2027, Feb 2027');
  });

  it('reads a date inside a record’s parts', () => {
    expect(readableValue('Details', 'Kind: education; Completed on: 2008-06-27')).toBe('Kind: education; Completed on: 27 Jun 2008');
  });

  it('reads true and false as Yes and No', () => {
    expect([readableValue('Initial', 'true'), readableValue('Must change password', 'false')]).toEqual(['Yes', 'No']);
  });

  it('reads true and false inside a record’s parts as Yes and No', () => {
    expect(readableValue('After', 'Active: true; Unlocked: false')).toBe('Active: Yes; Unlocked: No');
  });

  it('reads a code of a field that holds codes in words', () => {
    expect([
      readableValue('Status', 'in-progress'),
      readableValue('Channel', 'in-person'),
      readableValue('Roles', 'auditor, supervisor'),
    ]).toEqual(['In progress', 'In person', 'Auditor, Supervisor']);
  });

  it('reads an amount in cents as dollars', () => {
    expect(readableValue('Version, amount cents', '145000')).toBe('$1,450.00');
  });

  it('leaves words as written, even a lowercase name or a note with commas', () => {
    expect([
      readableValue('Family name', 'okonkwo-reid'),
      readableValue('Description', 'Electrician apprenticeship, period 2, NAIT.'),
    ]).toEqual(['okonkwo-reid', 'Electrician apprenticeship, period 2, NAIT.']);
  });

  it('knows an id (a UUID), so the page can let it wrap on a narrow screen', () => {
    expect([isIdValue('6801b852-6cd5-4849-9557-1cf921622851'), isIdValue('P-000007')]).toEqual([true, false]);
  });
});
