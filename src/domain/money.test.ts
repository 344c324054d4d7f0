/** Unit tests for money.ts: integer-cent parsing, formatting, arithmetic, rounding and splits. */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  allocate,
  cents,
  clampAtZero,
  compare,
  formatMoney,
  isNegative,
  isZero,
  type Money,
  max,
  min,
  multiplyRatio,
  negate,
  parseDecimalAmount,
  parseMoney,
  type Rounding,
  splitInHalf,
  subtract,
  sum,
  toDecimalString,
  ZERO,
} from './money.ts';

const anyMoney = fc.maxSafeInteger().map(cents);
const anyRounding = fc.constantFrom<Rounding>('half-up', 'half-even', 'floor', 'ceil', 'toward-zero');
/** Amounts small enough that adding or subtracting two of them stays safe. */
const halfRangeMoney = fc
  .integer({ min: -Math.floor(Number.MAX_SAFE_INTEGER / 2), max: Math.floor(Number.MAX_SAFE_INTEGER / 2) })
  .map(cents);

describe('cents', () => {
  it('wraps a safe integer number of cents', () => {
    expect(cents(64_600)).toBe(64_600);
  });

  it('rejects a fraction of a cent as a programming error', () => {
    expect(() => cents(12.5)).toThrow(RangeError);
  });

  it('rejects numbers beyond the safe integer range', () => {
    expect(() => cents(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => cents(Number.NaN)).toThrow(RangeError);
    expect(() => cents(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('turns minus zero into zero', () => {
    expect(Object.is(cents(-0), 0)).toBe(true);
  });
});

describe('parseMoney', () => {
  it.each([
    ['1234.56', 123_456],
    ['1,234.56', 123_456],
    ['$1,234.56', 123_456],
    ['12,345,678.90', 1_234_567_890],
    ['-12.30', -1_230],
    ['-$12.30', -1_230],
    ['12', 1_200],
    ['12.5', 1_250],
    ['  $646.00 ', 64_600],
    ['0.01', 1],
    ['-0.00', 0],
  ])('reads %j as %i cents', (text, expected) => {
    expect(parseMoney(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['', '   '])('reports %j as EMPTY', (text) => {
    expect(parseMoney(text)).toEqual({ ok: false, reason: 'EMPTY' });
  });

  it.each(['1.234', '$1,234.567', '-0.001'])('reports %j as PRECISION because it has more than two decimals', (text) => {
    expect(parseMoney(text)).toEqual({ ok: false, reason: 'PRECISION' });
  });

  it.each([
    'abc',
    '12a',
    '1e3',
    '1,23.00',
    '1234,567',
    '0,123',
    '--1',
    '+12',
    '$-12.30',
    'NaN',
    'Infinity',
    '.5',
    '12.',
    '$ 12',
    '1 234',
    '12.3.4',
    '$$12',
    '1,234.5a',
  ])('reports %j as FORMAT', (text) => {
    expect(parseMoney(text)).toEqual({ ok: false, reason: 'FORMAT' });
  });

  it('reports an amount beyond the safe integer range of cents as RANGE', () => {
    expect(parseMoney('90,071,992,547,409.92')).toEqual({ ok: false, reason: 'RANGE' });
    expect(parseMoney('-100000000000000000000')).toEqual({ ok: false, reason: 'RANGE' });
  });

  it('accepts the largest safe amount exactly', () => {
    expect(parseMoney('$90,071,992,547,409.91')).toEqual({ ok: true, value: Number.MAX_SAFE_INTEGER });
  });

  it('reads back whatever formatMoney writes, for any safe amount', () => {
    fc.assert(
      fc.property(anyMoney, (m) => {
        expect(parseMoney(formatMoney(m))).toEqual({ ok: true, value: m });
      }),
    );
  });
});

describe('parseDecimalAmount', () => {
  it.each([
    ['5000.00', 500_000],
    ['5000', 500_000],
    ['5000.5', 500_050],
    ['-12.30', -1_230],
  ])('reads the JSON amount %j as %i cents', (text, expected) => {
    expect(parseDecimalAmount(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['$5000.00', '5,000.00', ' 5000.00', '5000.', '.50', '1e3', '-$1.00'])(
    'reports %j as FORMAT because the JSON form has no symbols, separators or spaces',
    (text) => {
      expect(parseDecimalAmount(text)).toEqual({ ok: false, reason: 'FORMAT' });
    },
  );

  it('reports three decimals as PRECISION', () => {
    expect(parseDecimalAmount('5000.001')).toEqual({ ok: false, reason: 'PRECISION' });
  });

  it('reports an empty string as EMPTY', () => {
    expect(parseDecimalAmount('')).toEqual({ ok: false, reason: 'EMPTY' });
  });

  it('reports an amount beyond the safe integer range of cents as RANGE', () => {
    expect(parseDecimalAmount('90071992547409.92')).toEqual({ ok: false, reason: 'RANGE' });
  });

  it('reads back whatever toDecimalString writes, for any safe amount', () => {
    fc.assert(
      fc.property(anyMoney, (m) => {
        expect(parseDecimalAmount(toDecimalString(m))).toEqual({ ok: true, value: m });
      }),
    );
  });
});

describe('formatting', () => {
  it.each([
    [123_456, '$1,234.56', '1234.56'],
    [-1_230, '-$12.30', '-12.30'],
    [0, '$0.00', '0.00'],
    [5, '$0.05', '0.05'],
    [100_000_000, '$1,000,000.00', '1000000.00'],
    [Number.MAX_SAFE_INTEGER, '$90,071,992,547,409.91', '90071992547409.91'],
  ])('writes %i cents as %s for people and %s for the API', (n, display, decimal) => {
    expect(formatMoney(cents(n))).toBe(display);
    expect(toDecimalString(cents(n))).toBe(decimal);
  });
});

describe('arithmetic', () => {
  it('adds any number of amounts', () => {
    expect(add(cents(100), cents(250), cents(-50))).toBe(300);
    expect(add()).toBe(ZERO);
  });

  it('sums a list, an empty list to zero', () => {
    expect(sum([cents(64_600), cents(-32_300)])).toBe(32_300);
    expect(sum([])).toBe(0);
  });

  it('subtracts and negates', () => {
    expect(subtract(cents(500_000), cents(350_000))).toBe(150_000);
    expect(negate(cents(32_300))).toBe(-32_300);
    expect(Object.is(negate(ZERO), 0)).toBe(true);
  });

  it('throws instead of losing cents when a result leaves the safe range', () => {
    expect(() => add(cents(Number.MAX_SAFE_INTEGER), cents(1))).toThrow(RangeError);
    expect(() => subtract(cents(-Number.MAX_SAFE_INTEGER), cents(1))).toThrow(RangeError);
  });

  it('compares, and picks the larger and smaller amount', () => {
    expect(compare(cents(1), cents(2))).toBe(-1);
    expect(compare(cents(2), cents(2))).toBe(0);
    expect(compare(cents(3), cents(2))).toBe(1);
    expect(max(cents(-5), cents(3))).toBe(3);
    expect(min(cents(-5), cents(3))).toBe(-5);
  });

  it('tells zero and negative amounts apart', () => {
    expect(isZero(ZERO)).toBe(true);
    expect(isZero(cents(1))).toBe(false);
    expect(isNegative(cents(-1))).toBe(true);
    expect(isNegative(ZERO)).toBe(false);
  });

  it('clamps a negative amount at zero and leaves others alone', () => {
    expect(clampAtZero(cents(-32_300))).toBe(0);
    expect(clampAtZero(cents(32_300))).toBe(32_300);
  });

  it('undoes an addition with a subtraction, for any amounts in half the safe range', () => {
    fc.assert(
      fc.property(halfRangeMoney, halfRangeMoney, (a, b) => {
        expect(subtract(add(a, b), b)).toBe(a);
      }),
    );
  });
});

describe('multiplyRatio', () => {
  it('takes the exempt part of a scholarship: $5,000.00 × 7/10 is $3,500.00', () => {
    expect(multiplyRatio(cents(500_000), 7, 10, 'half-up')).toBe(350_000);
  });

  it.each([
    ['half-up', 3, -3, 4, -4],
    ['half-even', 2, -2, 4, -4],
    ['floor', 2, -3, 3, -4],
    ['ceil', 3, -2, 4, -3],
    ['toward-zero', 2, -2, 3, -3],
  ] as const)('rounds exact halves by %s: 5/2 -> %i, -5/2 -> %i, 7/2 -> %i, -7/2 -> %i', (rounding, a, b, c, d) => {
    expect(multiplyRatio(cents(5), 1, 2, rounding)).toBe(a);
    expect(multiplyRatio(cents(-5), 1, 2, rounding)).toBe(b);
    expect(multiplyRatio(cents(7), 1, 2, rounding)).toBe(c);
    expect(multiplyRatio(cents(-7), 1, 2, rounding)).toBe(d);
  });

  it('rounds to the nearest cent when the rest is not a half: 10/3 -> 3 and 20/3 -> 7', () => {
    for (const rounding of ['half-up', 'half-even'] as const) {
      expect(multiplyRatio(cents(10), 1, 3, rounding)).toBe(3);
      expect(multiplyRatio(cents(20), 1, 3, rounding)).toBe(7);
    }
  });

  it('treats a negative denominator like a negated numerator', () => {
    expect(multiplyRatio(cents(5), 1, -2, 'floor')).toBe(-3);
  });

  it('does not overflow in the intermediate product', () => {
    expect(multiplyRatio(cents(Number.MAX_SAFE_INTEGER), 1_000_000, 1_000_000, 'floor')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('rejects a zero denominator or a fractional ratio', () => {
    expect(() => multiplyRatio(cents(5), 1, 0, 'floor')).toThrow(RangeError);
    expect(() => multiplyRatio(cents(5), 0.5, 1, 'floor')).toThrow(RangeError);
  });

  it('leaves any amount unchanged when multiplied by 1/1, whatever the rounding', () => {
    fc.assert(
      fc.property(anyMoney, anyRounding, (m, r) => {
        expect(multiplyRatio(m, 1, 1, r)).toBe(m);
      }),
    );
  });

  it('multiplies exactly by any whole number over a denominator of 1, whatever the rounding', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e6, max: 1e6 }), anyRounding, (m, n, r) => {
        expect(multiplyRatio(cents(m), n, 1, r)).toBe(m * n || 0);
      }),
    );
  });

  it('stays within one cent of the exact quotient, for any rounding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        anyRounding,
        (m, n, d, r) => {
          expect(Math.abs(multiplyRatio(cents(m), n, d, r) * d - m * n)).toBeLessThan(d);
        },
      ),
    );
  });
});

describe('allocate', () => {
  it('hands the leftover cent of $0.05 split 1:1 to the first part', () => {
    expect(allocate(cents(5), [1, 1])).toEqual([3, 2]);
  });

  it('hands leftover cents out one each, first parts first', () => {
    expect(allocate(cents(100), [1, 1, 1])).toEqual([34, 33, 33]);
  });

  it('splits in proportion to the ratios', () => {
    expect(allocate(cents(64_600), [70, 30])).toEqual([45_220, 19_380]);
  });

  it('gives nothing to a part whose ratio is zero, even a leftover cent', () => {
    expect(allocate(cents(5), [0, 1, 1])).toEqual([0, 3, 2]);
  });

  it('allocates a negative whole by its absolute value, then negates every part', () => {
    expect(allocate(cents(-5), [1, 1])).toEqual([-3, -2]);
  });

  it('rejects negative, fractional or all-zero ratios', () => {
    expect(() => allocate(cents(5), [1, -1])).toThrow(RangeError);
    expect(() => allocate(cents(5), [0.5, 1])).toThrow(RangeError);
    expect(() => allocate(cents(5), [0, 0])).toThrow(RangeError);
    expect(() => allocate(cents(5), [])).toThrow(RangeError);
  });

  it('conserves the whole for any amount and any ratios', () => {
    const ratios = fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 8 }).filter((rs) => rs.some((r) => r > 0));
    fc.assert(
      fc.property(anyMoney, ratios, (whole, rs) => {
        const parts = allocate(whole, rs);
        expect(parts).toHaveLength(rs.length);
        expect(sum(parts)).toBe(whole);
      }),
    );
  });
});

describe('splitInHalf (E04 step 4)', () => {
  it('splitting $646.00 in half gives $323.00 to each part', () => {
    expect(splitInHalf(cents(64_600))).toEqual([32_300, 32_300]);
  });

  it('an odd cent goes to the first part so the halves sum to the whole', () => {
    expect(splitInHalf(cents(64_601))).toEqual([32_301, 32_300]);
  });

  it('for a negative odd whole the first part is the one closer to zero', () => {
    expect(splitInHalf(cents(-3))).toEqual([-1, -2]);
  });

  it('splits zero into two zeros, never minus zero', () => {
    const [first, second] = splitInHalf(ZERO);
    expect(Object.is(first, 0) && Object.is(second, 0)).toBe(true);
  });

  it('the partially exempt scholarship is (5000 - 3500) / 2 + 3500 = $4,250.00 on each case', () => {
    const [half] = splitInHalf(subtract(cents(500_000), cents(350_000)));
    expect(add(half, cents(350_000))).toBe(425_000);
  });

  it('halves of any amount sum to the whole and differ by at most one cent', () => {
    fc.assert(
      fc.property(anyMoney, (whole: Money) => {
        const [first, second] = splitInHalf(whole);
        expect(first + second).toBe(whole);
        expect(Math.abs(first - second)).toBeLessThanOrEqual(1);
        expect(first).toBeGreaterThanOrEqual(second);
      }),
    );
  });
});
