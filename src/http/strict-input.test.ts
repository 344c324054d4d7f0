import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { looseInputAt } from './strict-input.ts';

describe('input schemas that would drop a member they do not state', () => {
  it('a strict object, nested objects, lists and forms included, drops nothing', () => {
    const address = z.strictObject({ line1: z.string(), line2: z.string().optional() });
    const schema = z.strictObject({
      address: address.optional(),
      history: z.array(address).default([]),
      value: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('a') }), z.strictObject({ kind: z.literal('b') })]),
      rates: z.record(z.string(), z.record(z.string(), z.string())),
    });
    expect(looseInputAt(schema)).toBeNull();
    expect(looseInputAt(z.string())).toBeNull();
    expect(looseInputAt(undefined)).toBeNull();
  });

  it('an object that is not strict is named by its path, however deep', () => {
    expect(looseInputAt(z.object({ version: z.number() }))).toMatch(/^the top level: an object that is not strict/);
    const nested = z.strictObject({ people: z.array(z.strictObject({ address: z.object({ line1: z.string() }).nullable() })) });
    expect(looseInputAt(nested)).toMatch(/^people\[\]\.address: /);
    expect(looseInputAt(z.strictObject({ a: z.looseObject({}) }))).toMatch(/^a: /);
  });

  it('an intersection is refused: its strict parts would refuse each other’s members', () => {
    expect(looseInputAt(z.intersection(z.strictObject({ a: z.string() }), z.strictObject({ b: z.string() })))).toMatch(/an intersection/);
  });
});
