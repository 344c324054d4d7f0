import { describe, expect, test } from 'vitest';
import { differences, fieldLabel, idsIn } from './difference.ts';

const PERSON = '0b9f6a52-3c1d-4e5f-8a7b-9c0d1e2f3a4b';
const labels = (id: string) => (id === PERSON ? 'P-000009' : undefined);

describe('an audit event as a readable difference', () => {
  test('a camel-case field is shown as a sentence-case label', () => {
    expect(fieldLabel('familyName')).toBe('Family name');
  });

  test('an id field is labelled for the record it names', () => {
    expect(fieldLabel('personId')).toBe('Person');
  });

  test('only the fields that changed are listed, with both values', () => {
    expect(differences({ givenName: 'Ada', familyName: 'Lovel' }, { givenName: 'Ada', familyName: 'Lovelace' }, labels)).toEqual([
      { field: 'Family name', before: 'Lovel', after: 'Lovelace' },
    ]);
  });

  test('an id is shown as the reference of the record it names', () => {
    expect(differences(null, { personId: PERSON }, labels)).toEqual([{ field: 'Person', before: null, after: 'P-000009' }]);
  });

  test('a changed part of a nested object is named with its parent', () => {
    expect(
      differences({ address: { city: 'Calgary', province: 'AB' } }, { address: { city: 'Edmonton', province: 'AB' } }, labels),
    ).toEqual([{ field: 'Address, city', before: 'Calgary', after: 'Edmonton' }]);
  });

  test('the ids at any depth are collected once each', () => {
    expect([...idsIn({ a: PERSON, b: [{ c: PERSON.toUpperCase() }], d: 'text' })]).toEqual([PERSON]);
  });
});
