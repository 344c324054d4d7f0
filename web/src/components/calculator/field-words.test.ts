import { describe, expect, test } from 'vitest';
import { ProblemError } from '../../api.ts';
import type { EvidenceType } from '../../types.ts';
import { fieldLabel, formFieldOf, inWords, plainDetail } from './field-words.ts';
import { EMPTY_EVIDENCE, emptyForm, type ScenarioForm } from './scenario-form.ts';

const travel: EvidenceType = {
  code: 'extraordinary-training-travel',
  label: 'Extraordinary Training Travel',
  role: 'need',
  basis: 'monthly',
  subtypes: ['private-vehicle', 'public-transit', 'air', 'other'],
  subtypeRequired: true,
  signed: false,
  personRequired: false,
  rule: 'E04.01 list',
};

const values: ScenarioForm = {
  ...emptyForm('2025-01-15'),
  people: [
    { id: 'A', birthDate: '1990-04-02' },
    { id: 'B', birthDate: '1991-07-19' },
    { id: 'A', birthDate: '2021-03-10' },
  ],
  evidence: [EMPTY_EVIDENCE, EMPTY_EVIDENCE],
  rates: [
    { table: 'core-essential', key: '2 adults', amount: '646.00' },
    { table: 'core-shelter', key: 'renting: 1 adult', amount: 'x' },
  ],
};

describe('naming a field of the calculator in words', () => {
  test.each([
    ['evidence.0.amount', 'Evidence row 1, amount'],
    ['evidence.2.period.end', 'Evidence row 3, to'],
    ['evidence.1', 'Evidence row 2'],
    ['people.1.birthDate', 'Person 2, date of birth'],
    ['relationships.0.people.1', 'Relationship 1, second person'],
    ['learners.1.training.end', 'Learner 2, training ends'],
    ['rates.core-essential.2 adults', 'Rate override Core Essential, 2 adults'],
    ['asOf', 'Date of the question'],
    ['learners', 'Learners'],
  ])('%s reads "%s"', (path, words) => {
    expect(fieldLabel(path)).toBe(words);
  });
});

describe('the control a server field belongs to', () => {
  test.each([
    ['evidence.1.amount', 'evidence.1.amount'],
    ['evidence.1', 'evidence.1.type'],
    ['evidence.0.period', 'evidence.0.period.start'],
    ['learners.0.training', 'learners.0.training.start'],
    ['relationships.0.people', 'relationships.0.people.0'],
    ['rates.core-shelter.renting: 1 adult', 'rates.1.amount'],
    ['rates.core-essential', 'rates.0.table'],
  ])('%s is shown on %s', (field, control) => {
    expect(formFieldOf(field, values)).toBe(control);
  });

  test('a duplicate name is shown on the row that repeats it', () => {
    expect(formFieldOf('people', values)).toBe('people.2.id');
  });

  test('a rate the form does not hold has no control', () => {
    expect(formFieldOf('rates.special-diet.each person', values)).toBeUndefined();
  });
});

describe("the server's sentences without paths or codes", () => {
  test('a path in a sentence becomes its row in words', () => {
    expect(plainDetail('evidence.2 could belong to A or B in 2025-03.', [])).toBe('Evidence row 3 could belong to A or B in 2025-03.');
  });

  test('evidence type and subtype codes become their names', () => {
    expect(plainDetail('extraordinary-training-travel needs a subtype: private-vehicle, public-transit, air, other.', [travel])).toBe(
      'Extraordinary Training Travel needs a subtype: private vehicle, public transit, air, other.',
    );
  });

  test('each field problem of a refusal is labelled in words and the joined detail is dropped', () => {
    const error = new ProblemError({
      title: 'Invalid input',
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'evidence.0.amount: Use at most two decimals.',
      field: 'evidence.0.amount',
      errors: [{ field: 'evidence.0.amount', code: 'AMOUNT_PRECISION', detail: 'Use at most two decimals.' }],
    });
    const problem = (inWords(error, []) as ProblemError).problem;
    expect([problem.detail, problem.errors]).toEqual([
      undefined,
      [{ field: 'evidence.0.amount', code: 'AMOUNT_PRECISION', detail: 'Use at most two decimals.', label: 'Evidence row 1, amount' }],
    ]);
  });
});
