/**
 * Rate tables for the automatic benefits and the learner rules (exemptions, asset limit,
 * proration), loaded from data/*.json and validated when loaded: amounts are decimal strings with
 * at most two decimals, periods cover time with no gap or overlap, and every row names its source
 * and whether it is a placeholder. Asking outside coverage is an error, never a silent zero.
 */
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { type LearnerRules, MissingRateError, type RateBook, type RateRow } from '../domain/benefits/policy.ts';
import { formatYearMonth, type PlainYearMonth } from '../domain/calendar.ts';
import { type Money, parseDecimalAmount } from '../domain/money.ts';
import ratesRaw from './data/benefit-rates.json' with { type: 'json' };
import rulesRaw from './data/learner-rules.json' with { type: 'json' };
import { coverageProblems, inForce } from './effective.ts';
import { IsoDateString } from './schema.ts';

const Amount = z.string().refine((v) => parseDecimalAmount(v).ok && !v.startsWith('-'), 'a non-negative amount like "646.00"');
const money = (v: string): Money => {
  const parsed = parseDecimalAmount(v);
  if (!parsed.ok) throw new Error(`not an amount: ${v}`);
  return parsed.value;
};

const RatesFile = z.object({
  source: z.string().min(1),
  tables: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z][a-z-]*$/),
        label: z.string().min(1),
        unit: z.string().min(1),
        periods: z
          .array(
            z.object({
              from: IsoDateString,
              to: IsoDateString.nullable(),
              rates: z
                .array(z.object({ key: z.string().min(1), amount: Amount, placeholder: z.boolean(), source: z.string().min(1) }))
                .min(1)
                .refine((rates) => new Set(rates.map((r) => r.key)).size === rates.length, 'rate keys must be unique within a period'),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

const RulesFile = z.object({
  source: z.string().min(1),
  periods: z
    .array(
      z.object({
        from: IsoDateString,
        to: IsoDateString.nullable(),
        scholarshipExemptionPerAcademicYear: Amount,
        scholarshipExemptionSource: z.string().min(1),
        academicYearStartsMonth: z.number().int().min(1).max(12),
        academicYearPlaceholder: z.boolean(),
        fullTimeEarningsExempt: z.boolean(),
        liquidAssetMultipleOfCoreBenefits: z.number().int().min(0).max(100),
        liquidAssetAllowance: Amount,
        liquidAssetSource: z.string().min(1),
        prorateCoreEssentialAfterDay: z.number().int().min(1).max(28),
        prorationSource: z.string().min(1),
        twoAttendingMonth: z.enum(['both-attend-in-month', 'training-days-meet']),
        twoAttendingMonthSource: z.string().min(1),
      }),
    )
    .min(1),
});

export type RatesData = z.infer<typeof RatesFile>;

function fail(file: string, error: z.ZodError | string[]): never {
  const detail = Array.isArray(error) ? error.join('; ') : z.prettifyError(error);
  throw new Error(`${file} is invalid: ${detail}`);
}

/** Overrides for a what-if run: table code -> key -> decimal amount (docs/scenarios.md `rates`). */
export type RateOverrides = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface BenefitPolicy {
  readonly rates: RateBook;
  readonly rules: (month: PlainYearMonth) => LearnerRules;
  readonly data: RatesData;
}

export function loadBenefitPolicy(
  ratesData: unknown = ratesRaw,
  rulesData: unknown = rulesRaw,
  overrides: RateOverrides = {},
): BenefitPolicy {
  const ratesFile = 'src/policy/data/benefit-rates.json';
  const rulesFile = 'src/policy/data/learner-rules.json';
  const rates = RatesFile.safeParse(ratesData);
  if (!rates.success) fail(ratesFile, rates.error);
  for (const table of rates.data.tables) {
    const problems = coverageProblems(table.periods);
    if (problems.length)
      fail(
        ratesFile,
        problems.map((p) => `table ${table.code}: ${p}`),
      );
  }
  const rules = RulesFile.safeParse(rulesData);
  if (!rules.success) fail(rulesFile, rules.error);
  const ruleProblems = coverageProblems(rules.data.periods);
  if (ruleProblems.length) fail(rulesFile, ruleProblems);

  const firstDay = (month: PlainYearMonth) => Temporal.PlainDate.from({ year: month.year, month: month.month, day: 1 });
  // Lookups are pure: answered once per (table, key, month) and kept.
  const rateCache = new Map<string, RateRow>();
  const rateBook: RateBook = (code, key, month) => {
    const cacheKey = `${code}|${key}|${month.year}-${month.month}`;
    const cached = rateCache.get(cacheKey);
    if (cached) return cached;
    const row = lookupRate(code, key, month);
    rateCache.set(cacheKey, row);
    return row;
  };
  const lookupRate: RateBook = (code, key, month) => {
    const table = rates.data.tables.find((t) => t.code === code);
    if (!table) throw new MissingRateError(code, key, formatYearMonth(month));
    const override = overrides[code]?.[key];
    let period: (typeof table.periods)[number];
    try {
      period = inForce(code, table.periods, firstDay(month));
    } catch {
      throw new MissingRateError(code, key, formatYearMonth(month));
    }
    if (override !== undefined) {
      return {
        table: code,
        tableLabel: table.label,
        key,
        amount: money(override),
        effectiveFrom: 'what-if',
        effectiveTo: period.to,
        placeholder: false,
        source: 'what-if override for this run',
      } satisfies RateRow;
    }
    const row = period.rates.find((r) => r.key === key);
    if (!row) throw new MissingRateError(code, key, formatYearMonth(month));
    return {
      table: code,
      tableLabel: table.label,
      key,
      amount: money(row.amount),
      effectiveFrom: period.from,
      effectiveTo: period.to,
      placeholder: row.placeholder,
      source: row.source,
    };
  };
  const rulesCache = new Map<object, LearnerRules>();
  return {
    rates: rateBook,
    rules: (month) => {
      const p = inForce('learner rules', rules.data.periods, firstDay(month));
      const cached = rulesCache.get(p);
      if (cached) return cached;
      const value: LearnerRules = {
        scholarshipExemptionPerAcademicYear: money(p.scholarshipExemptionPerAcademicYear),
        academicYearStartsMonth: p.academicYearStartsMonth,
        fullTimeEarningsExempt: p.fullTimeEarningsExempt,
        liquidAssetMultipleOfCoreBenefits: p.liquidAssetMultipleOfCoreBenefits,
        liquidAssetAllowance: money(p.liquidAssetAllowance),
        prorateCoreEssentialAfterDay: p.prorateCoreEssentialAfterDay,
        twoAttendingMonth: p.twoAttendingMonth,
      };
      rulesCache.set(p, value);
      return value;
    },
    data: rates.data,
  };
}
