/** What a batch refuses: households its codes cannot hold (codes.ts). */
import { describe, expect, it } from 'vitest';
import { rates, rules } from '#test/support/household-arbitrary.ts';
import { storedDate } from '../../calendar.ts';
import type { Evidence } from '../evidence.ts';
import { Batch } from './batch.ts';
import { MAX_MEMBERS } from './codes.ts';

describe('a batch', () => {
  it('refuses a household whose facts of one per-member benefit name more people than its codes count', () => {
    const disability = (i: number) =>
      ({
        id: `ev-${i}`,
        label: `disability ${i}`,
        type: 'disability',
        subtype: null,
        personId: `P${i}`,
        amount: null,
        period: { start: storedDate('2025-01-01'), end: null },
        approved: true,
        caseOf: null,
      }) as Evidence;
    const evidence = Array.from({ length: MAX_MEMBERS + 1 }, (_, i) => disability(i));
    expect(() => new Batch(rates, rules).household(evidence)).toThrow(RangeError);
  });
});
