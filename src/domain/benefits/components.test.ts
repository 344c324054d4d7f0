/** A month's components netted by benefit (components.ts `netByBenefit`). */
import { describe, expect, it } from 'vitest';
import { cents } from '../money.ts';
import { netByBenefit } from './components.ts';

describe('a month netted by benefit', () => {
  it("counts an E04 adjustment toward the benefit it adjusts: the case's net share of it", () => {
    const net = netByBenefit([
      { code: 'core-essential', amount: cents(1_292_00) },
      { code: 'director-approval-cost-adjustment', adjusts: 'core-essential', amount: cents(-646_00) },
      { code: 'income', amount: cents(120_00) },
    ]);
    expect(net).toEqual({ 'core-essential': cents(646_00), income: cents(120_00) });
  });
});
