import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldLabel, inputErrorsDetail, inputFieldErrors } from './input-errors.ts';

const Schema = z.object({ version: z.number().int(), amount: z.string(), kind: z.enum(['a', 'b']), name: z.string().trim().min(1).max(5) });
const errorsOf = (input: Record<string, unknown>) => {
  const parsed = Schema.safeParse(input);
  return parsed.success ? [] : inputFieldErrors(parsed.error.issues, input).map(({ label: _label, ...error }) => error);
};
const valid = { version: 1, amount: '1.00', kind: 'a', name: 'Ada' };

describe('schema issues as field errors of the catalogue', () => {
  it('a missing or null field is REQUIRED', () => {
    expect(errorsOf({ ...valid, version: undefined })).toEqual([{ field: 'version', code: 'REQUIRED', detail: 'This field is required.' }]);
    expect(errorsOf({ ...valid, version: null })).toEqual([{ field: 'version', code: 'REQUIRED', detail: 'This field is required.' }]);
  });

  it('a value of another JSON type is WRONG_TYPE and says what was expected', () => {
    expect(errorsOf({ ...valid, amount: 12.345 })).toEqual([
      { field: 'amount', code: 'WRONG_TYPE', detail: 'Expected text, got a number.' },
    ]);
    expect(errorsOf({ ...valid, version: '1' })).toEqual([
      { field: 'version', code: 'WRONG_TYPE', detail: 'Expected a number, got text.' },
    ]);
  });

  it('a value outside a list names the choices in a sentence', () => {
    expect(errorsOf({ ...valid, kind: 'c' })).toEqual([{ field: 'kind', code: 'INVALID_FORMAT', detail: 'Choose one of: a, b.' }]);
  });

  it('a field with several issues gets one error, the most specific: the tighter limit, a rule of its own over a length', () => {
    const Bounded = z.object({
      version: z.number().int().max(2_147_483_647),
      on: z
        .string()
        .max(10)
        .refine((v) => /^\d{4}-\d\d-\d\d$/.test(v), {
          message: 'Use a date in the form YYYY-MM-DD.',
          params: { code: 'INVALID_FORMAT' },
        }),
    });
    const input = { version: 1e20, on: '2026-11-01T00:00:00Z' };
    const parsed = Bounded.safeParse(input);
    expect(parsed.success ? [] : inputFieldErrors(parsed.error.issues, input).map(({ label: _label, ...error }) => error)).toEqual([
      { field: 'version', code: 'INVALID_FORMAT', detail: 'Use a number no larger than 2147483647.' },
      { field: 'on', code: 'INVALID_FORMAT', detail: 'Use a date in the form YYYY-MM-DD.' },
    ]);
  });

  it('text that is too long says the limit in a sentence', () => {
    expect(errorsOf({ ...valid, name: 'Adalberta' })).toEqual([
      { field: 'name', code: 'INVALID_FORMAT', detail: 'Use at most 5 characters.' },
    ]);
  });
});

describe('field labels', () => {
  it.each([
    ['evidence.0.amount', 'Evidence 1 amount'],
    ['periodStart', 'Period start'],
    ['params.id', 'Id in the address'],
    ['query.q', 'Q in the query'],
    ['', 'Request'],
  ])('%s reads as "%s"', (field, label) => {
    expect(fieldLabel(field)).toBe(label);
  });

  it('each field error carries its label for the user interface', () => {
    const input = { ...valid, amount: 5 };
    const parsed = Schema.safeParse(input);
    expect(parsed.success ? [] : inputFieldErrors(parsed.error.issues, input).map((e) => e.label)).toEqual(['Amount']);
  });

  it('a single error reads as one sentence led by its label', () => {
    expect(inputErrorsDetail([{ field: 'evidence.0.amount', code: 'WRONG_TYPE', detail: 'Expected text, got a number.' }])).toBe(
      'Evidence 1 amount: Expected text, got a number.',
    );
  });
});

describe('the detail of several field errors', () => {
  it('names the fields by their labels in one sentence', () => {
    const errors = [
      { field: 'familyName', code: 'REQUIRED', detail: 'This field is required.' },
      { field: 'birthDate', code: 'INVALID_FORMAT', detail: 'Use a date in the form YYYY-MM-DD.' },
    ];
    expect(inputErrorsDetail(errors)).toBe('2 fields need attention: Family name, Birth date.');
  });
});
