/**
 * Field schemas for input at every edge (HTTP routes, the household calculator, the CLI): calendar
 * dates and dollar amounts as text, checked with the domain's own parsers so that every edge gives
 * the same error codes (INVALID_FORMAT, IMPOSSIBLE_DATE, AMOUNT_PRECISION).
 */
import { z } from 'zod';
import { parseDate } from '../domain/calendar.ts';
import { parseDecimalAmount } from '../domain/money.ts';
import { USERNAME_PATTERN, USERNAME_RULE } from './account-rules.ts';

/** An ISO calendar date that exists (2025-02-30 is refused with IMPOSSIBLE_DATE). */
export const IsoDate = z
  .string()
  .max(10)
  .superRefine((value, ctx) => {
    const parsed = parseDate(value);
    if (!parsed.ok) {
      ctx.addIssue({
        code: 'custom',
        message:
          parsed.reason === 'FORMAT'
            ? 'Use a date in the form YYYY-MM-DD.'
            : `${value} is not a real calendar date in the supported range (1900-2199).`,
        params: { code: parsed.reason === 'FORMAT' ? 'INVALID_FORMAT' : 'IMPOSSIBLE_DATE' },
      });
    }
  })
  .meta({ format: 'date', example: '2025-01-15' });

const MAX_AMOUNT_CENTS = 100_000_000_000;

/** Dollars as a decimal string ("646.00", "-323.00"), at most two decimals, at most a billion. */
export const DecimalAmount = z
  .string()
  .max(20)
  .superRefine((value, ctx) => {
    const parsed = parseDecimalAmount(value);
    if (!parsed.ok) {
      ctx.addIssue({
        code: 'custom',
        message:
          parsed.reason === 'PRECISION' ? 'Amounts have at most two decimals.' : 'Use a decimal amount in dollars, such as "646.00".',
        params: { code: parsed.reason === 'PRECISION' ? 'AMOUNT_PRECISION' : 'INVALID_FORMAT' },
      });
    } else if (Math.abs(parsed.value) > MAX_AMOUNT_CENTS) {
      // Far beyond any benefit amount, and small enough that sums of them stay exact in cents.
      ctx.addIssue({ code: 'custom', message: 'Amounts are at most $1,000,000,000.00.', params: { code: 'AMOUNT_RANGE' } });
    }
  })
  .meta({ example: '646.00', description: 'Dollars as a decimal string with at most two decimals' });

/** A DecimalAmount turned into integer cents. */
export const AmountCents = DecimalAmount.transform((value) => (parseDecimalAmount(value) as { ok: true; value: number }).value);

/** Bidirectional embedding, override and isolate controls, and the directional marks: they make text read differently from how it is stored. */
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * A person's or an account's name: 1-100 characters after trimming, at least one letter (a name of
 * only invisible characters such as a zero-width space is refused), no bidirectional controls.
 */
export const PersonName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .superRefine((value, ctx) => {
    if (BIDI_CONTROLS.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: 'A name cannot contain bidirectional control characters (they make it display differently from what is stored).',
        params: { code: 'INVALID_FORMAT' },
      });
    } else if (value.length > 0 && !/\p{L}/u.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'A name has at least one letter.', params: { code: 'INVALID_FORMAT' } });
    }
  });

/** A username (app/account-rules.ts): the same rule at every edge, API, CLI and web. */
export const Username = z.string().trim().regex(USERNAME_PATTERN, USERNAME_RULE);
