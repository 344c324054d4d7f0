import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { declaredFormatProblem } from './declared-formats.ts';
import { CalendarDate, Id, Instant, Int } from './response-schemas.ts';
import { responseSerializer } from './response-serializer.ts';

const Ref = z.object({ id: Id }).meta({ id: 'DeclaredFormatsRef' });
const Answer = z.object({
  version: Int,
  total: Int.nullable(),
  on: CalendarDate,
  at: Instant.optional(),
  ref: Ref,
  refs: z.array(Ref),
  either: z.union([z.object({ kind: z.literal('a'), day: CalendarDate }), z.object({ kind: z.literal('b'), n: Int })]),
});
const schema = z.toJSONSchema(Answer, { io: 'output' }) as Parameters<typeof declaredFormatProblem>[0];
const good = {
  version: 3,
  total: null,
  on: '2026-06-15',
  at: '2026-06-15T13:00:00.000Z',
  ref: { id: '0b5f3f9e-6a2c-4d0e-9a4e-2f6f1b7c8d90' },
  refs: [{ id: '0b5f3f9e-6a2c-4d0e-9a4e-2f6f1b7c8d91' }],
  either: { kind: 'b', n: 2 },
};

describe('declaredFormatProblem: what an answer breaks of its declared integers and formats', () => {
  it('finds nothing in an answer that holds every declaration, through refs, arrays, nulls and unions', () => {
    expect(declaredFormatProblem(schema, good)).toBeNull();
  });

  it('names a fraction where a whole number is declared', () => {
    expect(declaredFormatProblem(schema, { ...good, version: 1.5 })).toBe('/version: 1.5 is not a whole number');
  });

  it('names an id that is not a uuid inside an array of referenced objects', () => {
    expect(declaredFormatProblem(schema, { ...good, refs: [{ id: 'P-000001' }] })).toBe('/refs/0/id: "P-000001" is not a uuid');
  });

  it('names a calendar date written as an instant, and an instant without its zone', () => {
    expect(declaredFormatProblem(schema, { ...good, on: '2026-06-15T00:00:00Z' })).toContain('/on:');
    expect(declaredFormatProblem(schema, { ...good, at: '2026-06-15 13:00:00' })).toContain('/at:');
  });

  it('accepts a union member that matches, and names the problem when none does', () => {
    expect(declaredFormatProblem(schema, { ...good, either: { kind: 'a', day: '2026-06-15' } })).toBeNull();
    expect(declaredFormatProblem(schema, { ...good, either: { kind: 'a', day: '15/06/2026' } })).toContain('/either/day:');
  });
});

describe("the tests' strict serialiser", () => {
  const serialise = (strict: boolean) =>
    responseSerializer(strict)({ schema: Answer, method: 'GET', url: '/api/example', httpStatus: '200' } as never);

  it('refuses an answer that breaks a declared format, naming where', () => {
    expect(() => serialise(true)({ ...good, on: '15/06/2026' })).toThrow(
      'GET /api/example: the answer breaks what its schema declares at /on:',
    );
  });

  it('serialises it unchecked in production, where only zod checks', () => {
    expect(JSON.parse(serialise(false)({ ...good, on: '15/06/2026' }) as string).on).toBe('15/06/2026');
  });
});
