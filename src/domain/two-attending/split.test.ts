/**
 * E04 Two Attending: the E04 page's worked examples, and the split's invariants.
 * Source: docs/policy/e04-two-attending.md.
 */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { Component } from '../benefits/components.ts';
import { summarise } from '../benefits/household-month.ts';
import { cents, type Money, toDecimalString } from '../money.ts';
import { orderLearners, partialExemptionAmount, splitMonth } from './split.ts';

const $ = (dollars: string) => cents(Math.round(Number(dollars) * 100));
const need = (code: string, amount: Money, splits = true): Component => ({
  code,
  kind: 'need',
  amount,
  rule: 'test',
  source: 'test',
  splits,
});

describe('E04 worked examples', () => {
  it("Core Essential for two adults is adjusted by -$323.00 on each learner's case when both attend", () => {
    const household = summarise('2025-03', [need('core-essential', $('646.00'))]);
    const { first, second } = splitMonth(household, 'A', 'B');
    for (const learnerCase of [first, second]) {
      const adjustment = learnerCase.components.find((c) => c.code === 'director-approval-cost-adjustment');
      expect(adjustment).toMatchObject({ adjusts: 'core-essential' });
      expect(toDecimalString(adjustment!.amount)).toBe('-323.00'); // 646 / 2
      expect(toDecimalString(learnerCase.components.find((c) => c.code === 'core-essential')!.amount)).toBe('646.00');
    }
  });

  it("a $5,000 scholarship with a $3,500 exemption is entered as $4,250.00 on each learner's case", () => {
    // ($5,000 - $3,500) / 2 + $3,500 = $750 + $3,500 = $4,250
    expect(toDecimalString(partialExemptionAmount($('5000.00'), $('3500.00'), 'first'))).toBe('4250.00');
    expect(toDecimalString(partialExemptionAmount($('5000.00'), $('3500.00'), 'second'))).toBe('4250.00');
  });
});

describe('the E04 split conserves the household amount', () => {
  it('an odd cent goes to the first learner so the two halves add up to the whole', () => {
    const { first, second } = splitMonth(summarise('2025-03', [need('child-care', cents(60001))]), 'A', 'B');
    expect(first.components[0]!.amount).toBe(30001);
    expect(second.components[0]!.amount).toBe(30000);
  });

  it('private-vehicle travel is not split: it stays whole on the case of the learner it belongs to', () => {
    const travel: Component = { ...need('extraordinary-training-travel', $('120.00'), false), personId: 'B' };
    const { first, second } = splitMonth(summarise('2025-03', [travel]), 'A', 'B');
    expect(first.components).toEqual([]);
    expect(second.components.map((c) => c.amount)).toEqual([$('120.00')]);
  });

  it("for any amounts, each benefit on A's case plus B's case equals the household amount", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom('core-essential', 'core-shelter', 'child-care', 'additional-shelter'),
            fc.integer({ min: 0, max: 10_000_000 }),
            fc.boolean(),
          ),
          { maxLength: 8 },
        ),
        (parts) => {
          const household = summarise(
            '2025-03',
            parts.map(([code, amount, splits]) => need(code, cents(amount), splits)),
          );
          const { first, second } = splitMonth(household, 'A', 'B');
          const total = (r: typeof first) => r.components.reduce((s, c) => s + c.amount, 0);
          expect(total(first) + total(second)).toBe(total(household));
          expect(first.needs + second.needs).toBe(household.needs);
        },
      ),
    );
  });

  it('the learner whose training starts first is the first learner; on the same day, the lower person id', () => {
    const at = (personId: string, start: string) => ({
      personId,
      training: { start: Temporal.PlainDate.from(start), end: Temporal.PlainDate.from('2025-12-19') },
      load: 'full-time' as const,
    });
    expect(orderLearners(at('B', '2025-01-06'), at('A', '2025-03-03')).map((l) => l.personId)).toEqual(['B', 'A']);
    expect(orderLearners(at('B', '2025-01-06'), at('A', '2025-01-06')).map((l) => l.personId)).toEqual(['A', 'B']);
  });
});
