/**
 * Policy data: every rate table covers every month of the supported range exactly once (docs/style.md
 * 5: no gaps, no overlaps), every value names its source, placeholders are marked, and malformed
 * data is refused at load naming the file and the entry.
 */
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { loadBenefitPolicy, type RatesData } from './benefit-rates.ts';
import ratesRaw from './data/benefit-rates.json' with { type: 'json' };
import rulesRaw from './data/learner-rules.json' with { type: 'json' };
import { loadServiceManagementPolicy } from './service-management.ts';

const SUPPORTED = { from: Temporal.PlainYearMonth.from('2015-10'), to: Temporal.PlainYearMonth.from('2035-12') };
const months = () => {
  const out: Temporal.PlainYearMonth[] = [];
  for (let m = SUPPORTED.from; Temporal.PlainYearMonth.compare(m, SUPPORTED.to) <= 0; m = m.add({ months: 1 })) out.push(m);
  return out;
};
const covers = (p: { from: string; to: string | null }, m: Temporal.PlainYearMonth) => {
  const first = m.toPlainDate({ day: 1 });
  return (
    Temporal.PlainDate.compare(Temporal.PlainDate.from(p.from), first) <= 0 &&
    (p.to === null || Temporal.PlainDate.compare(first, Temporal.PlainDate.from(p.to)) <= 0)
  );
};
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe('rate tables cover time without gaps or overlaps', () => {
  for (const table of ratesRaw.tables) {
    it(`every month from 2015-10 to 2035-12 has exactly one ${table.code} period in force`, () => {
      const wrong = months().filter((m) => table.periods.filter((p) => covers(p, m)).length !== 1);
      expect(wrong.map(String)).toEqual([]);
    });
  }

  it('every month from 2015-10 to 2035-12 has exactly one set of learner rules in force', () => {
    expect(
      months()
        .filter((m) => rulesRaw.periods.filter((p) => covers(p, m)).length !== 1)
        .map(String),
    ).toEqual([]);
  });

  it('every rate names its source, and only Core Essential for 2 adults ($646, from the E04 seed) is not a placeholder', () => {
    const rows = ratesRaw.tables.flatMap((t) => t.periods.flatMap((p) => p.rates.map((r) => ({ table: t.code, ...r }))));
    expect(rows.every((r) => r.source.length > 0)).toBe(true);
    expect(rows.filter((r) => !r.placeholder).map((r) => `${r.table} ${r.key} ${r.amount}`)).toEqual(['core-essential 2 adults 646.00']);
  });

  it('asking for a rate before the tables begin is an error, never a silent zero', () => {
    const policy = loadBenefitPolicy();
    expect(() => policy.rates('core-essential', '2 adults', Temporal.PlainYearMonth.from('2010-01'))).toThrow(/No core-essential rate/);
  });

  it('asking for a key the table does not have is an error', () => {
    const policy = loadBenefitPolicy();
    expect(() => policy.rates('core-essential', '7 adults', Temporal.PlainYearMonth.from('2025-01'))).toThrow(/"7 adults"/);
  });
});

describe('malformed policy data is refused at load, naming the file and the entry', () => {
  it('an amount with three decimals', () => {
    const bad = clone(ratesRaw);
    bad.tables[0]!.periods[0]!.rates[1]!.amount = '646.001';
    expect(() => loadBenefitPolicy(bad)).toThrow(/benefit-rates\.json is invalid[\s\S]*tables\[0\]\.periods\[0\]\.rates\[1\]\.amount/);
  });

  it('a gap between two periods', () => {
    const bad = clone(ratesRaw) as RatesData;
    const table = bad.tables[0]!;
    table.periods = [
      { ...table.periods[0]!, to: '2019-12-31' },
      { ...table.periods[0]!, from: '2020-02-01', to: null },
    ];
    expect(() => loadBenefitPolicy(bad)).toThrow(/table core-essential: entry 1: starts 2020-02-01, but entry 0 ends 2019-12-31/);
  });

  it('an overlap between two periods', () => {
    const bad = clone(ratesRaw) as RatesData;
    const table = bad.tables[1]!;
    table.periods = [
      { ...table.periods[0]!, to: '2020-06-30' },
      { ...table.periods[0]!, from: '2020-06-01', to: null },
    ];
    expect(() => loadBenefitPolicy(bad)).toThrow(/table core-shelter: entry 1/);
  });

  it('a duplicate key in a period', () => {
    const bad = clone(ratesRaw);
    bad.tables[0]!.periods[0]!.rates.push({ ...bad.tables[0]!.periods[0]!.rates[0]! });
    expect(() => loadBenefitPolicy(bad)).toThrow(/rate keys must be unique/);
  });

  it('an impossible date in the learner rules', () => {
    const bad = clone(rulesRaw);
    bad.periods[0]!.from = '2015-02-30';
    expect(() => loadBenefitPolicy(undefined, bad)).toThrow(/learner-rules\.json is invalid[\s\S]*periods\[0\]\.from/);
  });

  it('a service-management period with a misplaced field', () => {
    expect(() => loadServiceManagementPolicy({ source: 'x', placeholder: false, periods: [{ from: '2022-06-08', to: null }] })).toThrow(
      /service-management\.json is invalid/,
    );
  });
});
