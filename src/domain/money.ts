/**
 * Money: amounts in integer cents, parsed from and formatted to dollar strings, with arithmetic that
 * never uses floats for fractions of a cent. Every division names its rounding, and every split
 * (`allocate`, `splitInHalf`) conserves the whole to the cent. See docs/style.md "Money and dates".
 *
 * A `Money` is a branded safe integer. Building one from anything else (a fraction, NaN, a value
 * beyond Number.MAX_SAFE_INTEGER, or an operation whose result would be) throws a RangeError: that is
 * a programming error. User and API text goes through `parseMoney` / `parseDecimalAmount`, which
 * return a result instead of throwing.
 */

export type Money = number & { readonly __money: unique symbol };

/**
 * How a division that does not come out even is rounded to a whole cent.
 * - `half-up`: to the nearest cent, a half going away from zero (2.5 -> 3, -2.5 -> -3).
 * - `half-even`: to the nearest cent, a half going to the even neighbour (2.5 -> 2, 3.5 -> 4).
 * - `floor`: toward minus infinity. `ceil`: toward plus infinity. `toward-zero`: truncate.
 */
export type Rounding = 'half-up' | 'half-even' | 'floor' | 'ceil' | 'toward-zero';

export type MoneyParseResult = { ok: true; value: Money } | { ok: false; reason: 'EMPTY' | 'FORMAT' | 'PRECISION' | 'RANGE' };

/** Wraps a safe integer number of cents; throws RangeError otherwise. Minus zero becomes zero. */
export function cents(n: number): Money {
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`Money must be a safe integer number of cents, got ${n}`);
  }
  return (n === 0 ? 0 : n) as Money;
}

export const ZERO: Money = cents(0);

// ---------------------------------------------------------------------------------------------
// Parsing and formatting

/**
 * User form: optional "-", optional "$", then whole dollars either as plain digits ("1234") or
 * grouped by correct thousands ("1,234", "12,345,678"), then optionally "." and one or two digits.
 * "12.5" is $12.50. Leading and trailing whitespace is ignored.
 * Rejected as FORMAT: "+12", "$-12", "1e3", "1,23.00", "1234,567", "--1", "NaN", "Infinity",
 * ".5" (a leading digit is required), "12." (a dot needs digits after it), inner spaces.
 * Three or more decimals ("1.234") is PRECISION; more than MAX_SAFE_INTEGER cents is RANGE.
 */
const USER_FORM = /^(-?)\$?(\d+|[1-9]\d{0,2}(?:,\d{3})+)(?:\.(\d+))?$/;

/** API/JSON form: optional "-", digits, optionally "." and one or two digits. Nothing else. */
const DECIMAL_FORM = /^(-?)(\d+)(?:\.(\d+))?$/;

export function parseMoney(text: string): MoneyParseResult {
  return parseWith(USER_FORM, text.trim());
}

/** Strict API/JSON amount such as "5000.00" or "-12.3": no "$", no commas, no spaces. */
export function parseDecimalAmount(text: string): MoneyParseResult {
  return parseWith(DECIMAL_FORM, text);
}

function parseWith(form: RegExp, text: string): MoneyParseResult {
  if (text === '') return { ok: false, reason: 'EMPTY' };
  const match = form.exec(text);
  if (!match) return { ok: false, reason: 'FORMAT' };
  const [, sign = '', dollars = '', fraction = ''] = match;
  if (fraction.length > 2) return { ok: false, reason: 'PRECISION' };
  const magnitude = BigInt(dollars.replaceAll(',', '')) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: 'RANGE' };
  const value = Number(magnitude);
  return { ok: true, value: cents(sign === '-' ? -value : value) };
}

/** "$1,234.56", "-$12.30", "$0.00". `parseMoney` reads it back exactly. */
export function formatMoney(m: Money): string {
  const { sign, dollars, fraction } = parts(m);
  const grouped = dollars.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${sign}$${grouped}.${fraction}`;
}

/** "1234.56", "-12.30", "0.00": the API/JSON form. `parseDecimalAmount` reads it back exactly. */
export function toDecimalString(m: Money): string {
  const { sign, dollars, fraction } = parts(m);
  return `${sign}${dollars}.${fraction}`;
}

function parts(m: Money): { sign: string; dollars: string; fraction: string } {
  const abs = Math.abs(cents(m));
  const rest = abs % 100;
  return {
    sign: m < 0 ? '-' : '',
    dollars: String((abs - rest) / 100), // exact: a multiple of 100 divided by 100
    fraction: String(rest).padStart(2, '0'),
  };
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

export function add(...ms: readonly Money[]): Money {
  return sum(ms);
}

export function sum(list: readonly Money[]): Money {
  let total = 0;
  for (const m of list) total = cents(total + m);
  return cents(total);
}

export function subtract(a: Money, b: Money): Money {
  return cents(a - b);
}

export function negate(a: Money): Money {
  return cents(-a);
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isZero(m: Money): boolean {
  return m === 0;
}

export function isNegative(m: Money): boolean {
  return m < 0;
}

export function max(a: Money, b: Money): Money {
  return a >= b ? a : b;
}

export function min(a: Money, b: Money): Money {
  return a <= b ? a : b;
}

/** The amount, or zero when it is negative. */
export function clampAtZero(m: Money): Money {
  return m < 0 ? ZERO : m;
}

/**
 * m × numerator / denominator, rounded to a whole cent as `rounding` says. Computed exactly in
 * BigInt, so the intermediate product cannot overflow; numerator and denominator must be safe
 * integers and the denominator non-zero (RangeError otherwise), as must the result.
 */
export function multiplyRatio(m: Money, numerator: number, denominator: number, rounding: Rounding): Money {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError(`Ratio must be safe integers over a non-zero denominator: ${numerator}/${denominator}`);
  }
  return cents(Number(divide(BigInt(m) * BigInt(numerator), BigInt(denominator), rounding)));
}

/** p / d rounded to an integer by `rounding`; d must be non-zero. */
function divide(p: bigint, d: bigint, rounding: Rounding): bigint {
  if (d < 0n) return divide(-p, -d, rounding);
  const q = p / d; // truncated toward zero
  const r = p % d; // same sign as p
  if (r === 0n) return q;
  const away = q + (p < 0n ? -1n : 1n);
  const twiceRest = 2n * (r < 0n ? -r : r);
  switch (rounding) {
    case 'toward-zero':
      return q;
    case 'floor':
      return p < 0n ? away : q;
    case 'ceil':
      return p > 0n ? away : q;
    case 'half-up':
      return twiceRest >= d ? away : q;
    case 'half-even':
      if (twiceRest === d) return q % 2n === 0n ? q : away;
      return twiceRest > d ? away : q;
  }
}

/**
 * Splits `whole` into parts proportional to `ratios` (non-negative safe integers, at least one
 * positive; RangeError otherwise), like Dinero.js `allocate`. Each part is floor(|whole| × ratio /
 * total); the cents left over go one each to the parts with a positive ratio, first parts first.
 * A negative whole is allocated by its absolute value and every part negated, so the first parts
 * are then the ones further from zero. The parts always sum to the whole; a zero ratio gets zero.
 */
export function allocate(whole: Money, ratios: readonly number[]): Money[] {
  if (ratios.some((r) => !Number.isSafeInteger(r) || r < 0) || !ratios.some((r) => r > 0)) {
    throw new RangeError(`Ratios must be non-negative integers, at least one positive: [${ratios}]`);
  }
  const abs = BigInt(Math.abs(cents(whole)));
  const total = ratios.reduce((t, r) => t + BigInt(r), 0n);
  const shares = ratios.map((r) => (abs * BigInt(r)) / total);
  let remainder = abs - shares.reduce((t, s) => t + s, 0n);
  for (let i = 0; remainder > 0n; i++) {
    if ((ratios[i] ?? 0) > 0) {
      shares[i] = (shares[i] ?? 0n) + 1n;
      remainder -= 1n;
    }
  }
  return shares.map((s) => cents(whole < 0 ? -Number(s) : Number(s)));
}

/**
 * The conserving 50/50 split of policy E04 (two attending), step 4.
 * Rule: first = ceil(whole / 2), rounded toward plus infinity; second = whole - first.
 * So first + second === whole, |first - second| <= 1 cent, and an odd cent makes the first part
 * the larger when the whole is positive ($0.03 -> $0.02 + $0.01) and the one closer to zero when
 * it is negative (-$0.03 -> -$0.01 + -$0.02). Which learner is "first" is the caller's rule.
 */
export function splitInHalf(whole: Money): readonly [first: Money, second: Money] {
  const first = cents(Math.ceil(cents(whole) / 2));
  return [first, subtract(whole, first)];
}
