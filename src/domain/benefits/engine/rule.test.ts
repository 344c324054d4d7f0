/** Dated rules (rule.ts): a rule that changes on a date has one formula per date, and the month picks it. */
import { describe, expect, it } from 'vitest';
import { type Formula, formulaIn, type Rule } from './rule.ts';

const before: Formula = () => undefined;
const after: Formula = () => undefined;
const changed: Rule = {
  id: 'example',
  formulas: [
    { from: null, formula: before },
    { from: '2026-04', formula: after },
  ],
};

describe('a dated rule', () => {
  it('applies its first formula in the months before the change', () => {
    expect(formulaIn(changed, '2026-03')).toBe(before);
  });

  it('applies the formula of the change from its first month on', () => {
    expect(formulaIn(changed, '2026-04')).toBe(after);
    expect(formulaIn(changed, '2031-12')).toBe(after);
  });

  it('refuses a month before any of its formulas applies', () => {
    expect(() => formulaIn({ id: 'new', formulas: [{ from: '2027-01', formula: after }] }, '2026-12')).toThrow(RangeError);
  });
});
