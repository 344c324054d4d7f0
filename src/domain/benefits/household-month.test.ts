/**
 * The household's month (docs/policy/learner-benefits.md): one test per benefit rule, named after it.
 * Amounts are in cents, written with a separator before the cents: `646_00` is $646.00.
 * Rates come from the real policy data (`loadBenefitPolicy()`), except where a test needs
 * specific figures: then a hand-made RateBook says exactly which.
 */
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { loadBenefitPolicy } from '#policy/benefit-rates.ts';
import type { PlainYearMonth } from '../calendar.ts';
import { type Money, parseDecimalAmount } from '../money.ts';
import type { MonthResult } from './components.ts';
import type { Evidence } from './evidence.ts';
import { type Attendance, type HouseholdMonthInput, householdMonth, scholarshipExemptions } from './household-month.ts';
import { MissingRateError, type RateBook } from './policy.ts';

const policy = loadBenefitPolicy();
const ym = (text: string) => Temporal.PlainYearMonth.from(text);
const day = (text: string) => Temporal.PlainDate.from(text);
const $ = (text: string): Money => {
  const parsed = parseDecimalAmount(text);
  if (!parsed.ok) throw new Error(`bad amount in test: ${text}`);
  return parsed.value;
};

/** A rate book with exactly these figures; any other question is a MissingRateError, as in the real one. */
function rateBook(tables: Record<string, Record<string, string>>): RateBook {
  return (table, key, month) => {
    const amount = tables[table]?.[key];
    if (amount === undefined) throw new MissingRateError(table, key, month.toString());
    return { table, tableLabel: table, key, amount: $(amount), effectiveFrom: '2015-10-01', placeholder: false, source: 'test rate' };
  };
}

/** The real figure for a rate key, so tests of placeholder rates survive the real table arriving. */
const realRate = (table: string, key: string, month = ym('2025-10')) => policy.rates(table, key, month).amount;

const learner = (personId: string, start: string, end: string, load: Attendance['load'] = 'full-time'): Attendance => ({
  personId,
  training: { start: day(start), end: day(end) },
  load,
});

let nextId = 0;
function evidence(
  type: string,
  fields: { subtype?: string; person?: string; amount?: string | null; start: string; end?: string | null; approved?: boolean },
): Evidence {
  nextId += 1;
  return {
    id: `ev-${nextId}`,
    type,
    subtype: fields.subtype ?? null,
    personId: fields.person ?? null,
    amount: fields.amount === undefined || fields.amount === null ? null : $(fields.amount),
    period: { start: day(fields.start), end: fields.end ? day(fields.end) : null },
    approved: fields.approved ?? true,
    label: `test evidence ${nextId} (${type})`,
  };
}

interface Household {
  month: string;
  adults?: readonly string[];
  children?: readonly string[];
  attending?: readonly Attendance[];
  evidence?: readonly Evidence[];
  rates?: RateBook;
}

/** A's household in a month: by default two adults (A and partner B), A in full-time training Sep 2025 to Apr 2026. */
function monthOf(h: Household): MonthResult {
  const month = ym(h.month);
  const attending = h.attending ?? [learner('A', '2025-09-02', '2026-04-24')];
  const evidenceList = h.evidence ?? [];
  const rules = policy.rules(month);
  const input: HouseholdMonthInput = {
    month,
    adults: h.adults ?? ['A', 'B'],
    children: h.children ?? [],
    attending,
    evidence: evidenceList,
    rates: h.rates ?? policy.rates,
    rules,
    scholarshipExemptions: scholarshipExemptions(evidenceList, rules),
  };
  return householdMonth(input);
}

/** The total of a component code in the month (0 when absent). */
const amountOf = (result: MonthResult, code: string): number =>
  result.components.filter((c) => c.code === code).reduce((s, c) => s + c.amount, 0);
const has = (result: MonthResult, code: string) => result.components.some((c) => c.code === code);
const months = (from: string, to: string): PlainYearMonth[] => {
  const out: PlainYearMonth[] = [];
  for (let m = ym(from); Temporal.PlainYearMonth.compare(m, ym(to)) <= 0; m = m.add({ months: 1 })) out.push(m);
  return out;
};

describe('Core Essential by household composition', () => {
  it('Core Essential for two adults is $646.00 (E04)', () => {
    const result = monthOf({ month: '2025-10' });
    expect(amountOf(result, 'core-essential')).toBe(646_00);
    expect(result.components.find((c) => c.code === 'core-essential')!.source).toContain('2 adults');
  });

  it('Core Essential for one adult is the one-adult rate', () => {
    expect(amountOf(monthOf({ month: '2025-10', adults: ['A'] }), 'core-essential')).toBe(realRate('core-essential', '1 adult'));
  });

  it('Core Essential for two adults and two children adds the "each child" rate once per child', () => {
    const rates = rateBook({ 'core-essential': { '2 adults': '646.00', 'each child': '100.00' } });
    expect(amountOf(monthOf({ month: '2025-10', children: ['C', 'D'], rates }), 'core-essential')).toBe(646_00 + 2 * 100_00);
  });

  it('Core Essential with children uses the real "each child" rate from the policy data', () => {
    expect(amountOf(monthOf({ month: '2025-10', children: ['C'] }), 'core-essential')).toBe(
      646_00 + realRate('core-essential', 'each child'),
    );
  });

  it('a composition with no rate in force is an error, never a silent zero', () => {
    expect(() => monthOf({ month: '2025-10', rates: rateBook({ 'core-essential': { '1 adult': '427.00' } }) })).toThrow(MissingRateError);
  });
});

describe('Core Essential proration (training starts after the 10th)', () => {
  it('training that starts on 15 September (a 30-day month) gets 16/30 of Core Essential, rounded half-up', () => {
    const result = monthOf({ month: '2025-09', attending: [learner('A', '2025-09-15', '2026-04-24')] });
    // 15..30 September is 30 - 15 + 1 = 16 days; 646_00 × 16 / 30 = 344_53.33…, rounded half-up
    expect(amountOf(result, 'core-essential')).toBe(344_53);
    expect(result.components.find((c) => c.code === 'core-essential')!.rule).toContain('16/30');
  });

  it('a prorated half cent is rounded up', () => {
    const rates = rateBook({ 'core-essential': { '2 adults': '646.01' } });
    const result = monthOf({ month: '2025-09', attending: [learner('A', '2025-09-16', '2026-04-24')], rates });
    // 16..30 September is 15 days; 646_01 × 15 / 30 = 323_00.5, rounded half-up
    expect(amountOf(result, 'core-essential')).toBe(323_01);
  });

  it.each(['2025-09-01', '2025-09-05', '2025-09-10'])('training that starts on or before the 10th (%s) is not prorated', (start) => {
    const result = monthOf({ month: '2025-09', attending: [learner('A', start, '2026-04-24')] });
    expect(amountOf(result, 'core-essential')).toBe(646_00);
  });

  it('training that starts on the 11th is prorated: 20 of 30 days', () => {
    const result = monthOf({ month: '2025-09', attending: [learner('A', '2025-09-11', '2026-04-24')] });
    // 646_00 × 20 / 30 = 430_66.66…, rounded half-up
    expect(amountOf(result, 'core-essential')).toBe(430_67);
  });

  it('the months after the starting month are paid in full', () => {
    const result = monthOf({ month: '2025-10', attending: [learner('A', '2025-09-15', '2026-04-24')] });
    expect(amountOf(result, 'core-essential')).toBe(646_00);
  });
});

describe('the month training ends is paid in full', () => {
  it('the month training ends is paid in full, even when it ends on the 3rd', () => {
    const result = monthOf({ month: '2026-04', attending: [learner('A', '2025-09-15', '2026-04-03')] });
    expect(amountOf(result, 'core-essential')).toBe(646_00);
  });

  it('training that starts after the 10th and ends in the same month is paid in full', () => {
    const result = monthOf({ month: '2025-09', attending: [learner('A', '2025-09-15', '2025-09-26')] });
    expect(amountOf(result, 'core-essential')).toBe(646_00);
  });
});

describe('Core Shelter by housing situation, limited to the actual cost', () => {
  const rates = rateBook({
    'core-essential': { '2 adults': '646.00', 'each child': '100.00' },
    'core-shelter': {
      'renting: 2 adults': '700.00',
      'renting: each child': '50.00',
      'homeowner: 2 adults': '650.00',
      'homeowner: each child': '40.00',
      'boarding: 2 adults': '400.00',
      'boarding: each child': '30.00',
    },
  });
  const shelter = (subtype: string, amount: string | null) => evidence('shelter', { subtype, amount, start: '2025-09-01' });

  it.each([
    ['renting', 700_00],
    ['homeowner', 650_00],
    ['boarding', 400_00],
  ])('a household %s pays the Core Shelter rate for its situation when the cost is higher', (situation, rate) => {
    const result = monthOf({ month: '2025-10', rates, evidence: [shelter(situation, '2000.00')] });
    expect(amountOf(result, 'core-shelter')).toBe(rate);
  });

  it('Core Shelter adds the "each child" rate of the housing situation once per child', () => {
    const result = monthOf({ month: '2025-10', rates, children: ['C', 'D'], evidence: [shelter('renting', '2000.00')] });
    expect(amountOf(result, 'core-shelter')).toBe(700_00 + 2 * 50_00);
  });

  it('Core Shelter is limited to the actual shelter cost when the cost is below the rate', () => {
    const result = monthOf({ month: '2025-10', rates, evidence: [shelter('renting', '612.34')] });
    expect(amountOf(result, 'core-shelter')).toBe(612_34);
    expect(result.components.find((c) => c.code === 'core-shelter')!.rule).toContain('limited to the actual shelter cost');
  });

  it('Core Shelter is the rate when no cost is recorded', () => {
    expect(amountOf(monthOf({ month: '2025-10', rates, evidence: [shelter('homeowner', null)] }), 'core-shelter')).toBe(650_00);
  });

  it('there is no Core Shelter without shelter evidence in force that month', () => {
    const ended = evidence('shelter', { subtype: 'renting', amount: '900.00', start: '2025-06-01', end: '2025-08-31' });
    expect(has(monthOf({ month: '2025-10', rates, evidence: [] }), 'core-shelter')).toBe(false);
    expect(has(monthOf({ month: '2025-10', rates, evidence: [ended] }), 'core-shelter')).toBe(false);
  });

  it('Core Shelter for renting two adults uses the real rate table', () => {
    const result = monthOf({ month: '2025-10', evidence: [shelter('renting', '5000.00')] });
    expect(amountOf(result, 'core-shelter')).toBe(realRate('core-shelter', 'renting: 2 adults'));
  });
});

describe('benefits per eligible household member', () => {
  const rates = rateBook({
    'core-essential': { '2 adults': '646.00', 'each child': '100.00' },
    'handicap-benefit': { 'each eligible person': '108.00' },
    'special-diet': { 'each person': '70.00' },
    'child-care-babysitting': { 'each child': '230.00' },
  });

  it('Handicap Benefit is paid once for each household member with a disability', () => {
    const result = monthOf({
      month: '2025-10',
      rates,
      children: ['C'],
      evidence: [
        evidence('disability', { person: 'A', start: '2025-01-01' }),
        evidence('disability', { person: 'C', start: '2025-01-01' }),
      ],
    });
    expect(amountOf(result, 'handicap-benefit')).toBe(2 * 108_00);
  });

  it('Handicap Benefit counts a member once however many disability records they have', () => {
    const result = monthOf({
      month: '2025-10',
      rates,
      evidence: [
        evidence('disability', { person: 'A', start: '2025-01-01' }),
        evidence('disability', { person: 'A', start: '2025-09-01' }),
      ],
    });
    expect(amountOf(result, 'handicap-benefit')).toBe(1 * 108_00);
  });

  it('Special Diet is paid once for each household member with a diet need', () => {
    const result = monthOf({
      month: '2025-10',
      rates,
      evidence: [
        evidence('special-diet-need', { person: 'A', start: '2025-01-01' }),
        evidence('special-diet-need', { person: 'B', start: '2025-01-01' }),
      ],
    });
    expect(amountOf(result, 'special-diet')).toBe(2 * 70_00);
  });

  it('Child Care - Babysitting is paid once for each child with a babysitting need', () => {
    const result = monthOf({
      month: '2025-10',
      rates,
      children: ['C', 'D', 'E'],
      evidence: [
        evidence('child-care-need', { subtype: 'babysitting', person: 'C', start: '2025-01-01' }),
        evidence('child-care-need', { subtype: 'babysitting', person: 'D', start: '2025-01-01' }),
      ],
    });
    expect(amountOf(result, 'child-care-babysitting')).toBe(2 * 230_00);
  });

  it('a per-member benefit stops when the eligibility evidence ends', () => {
    const result = monthOf({
      month: '2025-10',
      rates,
      evidence: [evidence('disability', { person: 'A', start: '2025-01-01', end: '2025-09-30' })],
    });
    expect(has(result, 'handicap-benefit')).toBe(false);
  });

  it('Handicap Benefit uses the real rate table', () => {
    const result = monthOf({ month: '2025-10', evidence: [evidence('disability', { person: 'A', start: '2025-01-01' })] });
    expect(amountOf(result, 'handicap-benefit')).toBe(realRate('handicap-benefit', 'each eligible person'));
  });
});

describe('amount-based benefits from evidence', () => {
  it.each([
    ['additional-shelter', undefined],
    ['child-care', undefined],
    ['extraordinary-training-travel', 'public-transit'],
    ['ncbs-replacement', undefined],
    ['special-diet-benefit', 'infant-formula'],
    ['additional-health-benefits', undefined],
    ['director-approval', 'director-approval'],
  ])('%s evidence counts its monthly amount in every month it is in force, and not after', (type, subtype) => {
    const item = evidence(type, { subtype, amount: '123.45', start: '2025-10-01', end: '2025-12-31' });
    const amounts = months('2025-09', '2026-01').map((m) => amountOf(monthOf({ month: m.toString(), evidence: [item] }), type));
    expect(amounts).toEqual([0, 123_45, 123_45, 123_45, 0]);
  });

  it('amount-based evidence in force for part of a month counts its full monthly amount that month', () => {
    const item = evidence('additional-shelter', { amount: '200.00', start: '2025-10-20', end: '2025-11-05' });
    expect(amountOf(monthOf({ month: '2025-10', evidence: [item] }), 'additional-shelter')).toBe(200_00);
    expect(amountOf(monthOf({ month: '2025-11', evidence: [item] }), 'additional-shelter')).toBe(200_00);
  });

  it('two records of the same type both count', () => {
    const result = monthOf({
      month: '2025-10',
      evidence: [
        evidence('child-care', { amount: '300.00', start: '2025-09-01' }),
        evidence('child-care', { amount: '150.50', start: '2025-09-01' }),
      ],
    });
    expect(amountOf(result, 'child-care')).toBe(300_00 + 150_50);
    expect(result.needs).toBe(646_00 + 300_00 + 150_50);
  });
});

describe('Director Approval counts only when approved', () => {
  it('an approved Director Approval adjustment counts, negative amounts included', () => {
    const result = monthOf({
      month: '2025-10',
      evidence: [evidence('director-approval', { subtype: 'director-approval', amount: '-100.00', start: '2025-09-01', approved: true })],
    });
    expect(amountOf(result, 'director-approval')).toBe(-100_00);
    expect(result.entitlement).toBe(646_00 - 100_00);
  });

  it('a Director Approval not (yet) approved by a Learner Benefit Specialist does not count', () => {
    const result = monthOf({
      month: '2025-10',
      evidence: [evidence('director-approval', { subtype: 'director-approval', amount: '250.00', start: '2025-09-01', approved: false })],
    });
    expect(has(result, 'director-approval')).toBe(false);
    expect(result.entitlement).toBe(646_00);
  });
});

describe('scholarships: the countable part is spread over the scholarship months', () => {
  it('a scholarship counts its amount minus the exemption, spread evenly over its months, the odd cents in the first months', () => {
    // $4,500.01 - $3,500.00 exemption = $1,000.01 countable over 3 months: 1000_01 = 333_34 + 333_34 + 333_33
    const scholarship = evidence('income', {
      subtype: 'scholarship',
      person: 'A',
      amount: '4500.01',
      start: '2025-09-01',
      end: '2025-11-30',
    });
    const amounts = months('2025-09', '2025-12').map((m) => amountOf(monthOf({ month: m.toString(), evidence: [scholarship] }), 'income'));
    expect(amounts).toEqual([333_34, 333_34, 333_33, 0]);
    expect(amounts.reduce((a, b) => a + b)).toBe(4500_01 - 3500_00);
  });

  it('a scholarship at or below the exemption counts nothing', () => {
    const scholarship = evidence('income', {
      subtype: 'scholarship',
      person: 'A',
      amount: '3500.00',
      start: '2025-09-01',
      end: '2025-12-31',
    });
    expect(amountOf(monthOf({ month: '2025-10', evidence: [scholarship] }), 'income')).toBe(0);
  });

  it("E04's $5,000 scholarship over 6 months counts ($5,000 - $3,500) / 6 a month", () => {
    const scholarship = evidence('income', {
      subtype: 'scholarship',
      person: 'A',
      amount: '5000.00',
      start: '2025-09-01',
      end: '2026-02-28',
    });
    expect(amountOf(monthOf({ month: '2025-12', evidence: [scholarship] }), 'income')).toBe((5000_00 - 3500_00) / 6);
  });
});

describe('the $3,500 scholarship exemption is per person per academic year', () => {
  const rules = policy.rules(ym('2025-09'));

  it('two scholarships of one person in one academic year share the $3,500 exemption, the earlier one first', () => {
    const autumn = evidence('income', { subtype: 'scholarship', person: 'A', amount: '2000.00', start: '2025-09-01', end: '2025-12-31' });
    const winter = evidence('income', { subtype: 'scholarship', person: 'A', amount: '3000.00', start: '2026-01-01', end: '2026-04-30' });
    const exemptions = scholarshipExemptions([winter, autumn], rules);
    expect(exemptions.get(autumn.id)).toBe(2000_00);
    expect(exemptions.get(winter.id)).toBe(3500_00 - 2000_00);
    // The winter scholarship counts $3,000 - $1,500 = $1,500 over 4 months.
    expect(amountOf(monthOf({ month: '2026-02', evidence: [autumn, winter] }), 'income')).toBe((3000_00 - 1500_00) / 4);
  });

  it('a scholarship in the next academic year gets a fresh exemption', () => {
    const thisYear = evidence('income', { subtype: 'scholarship', person: 'A', amount: '5000.00', start: '2025-09-01', end: '2025-12-31' });
    const nextYear = evidence('income', { subtype: 'scholarship', person: 'A', amount: '5000.00', start: '2026-09-01', end: '2026-12-31' });
    const exemptions = scholarshipExemptions([thisYear, nextYear], rules);
    expect(exemptions.get(thisYear.id)).toBe(3500_00);
    expect(exemptions.get(nextYear.id)).toBe(3500_00);
  });

  it('each person has their own exemption', () => {
    const mine = evidence('income', { subtype: 'scholarship', person: 'A', amount: '3000.00', start: '2025-09-01', end: '2025-12-31' });
    const partners = evidence('income', { subtype: 'scholarship', person: 'B', amount: '3000.00', start: '2025-09-01', end: '2025-12-31' });
    const exemptions = scholarshipExemptions([mine, partners], rules);
    expect(exemptions.get(mine.id)).toBe(3000_00);
    expect(exemptions.get(partners.id)).toBe(3000_00);
  });
});

describe('employment earnings', () => {
  const earnings = (person: string) =>
    evidence('income', { subtype: 'employment-earnings', person, amount: '400.00', start: '2025-09-01' });

  it("a full-time learner's employment earnings are fully exempt", () => {
    const result = monthOf({ month: '2025-10', evidence: [earnings('A')] });
    expect(amountOf(result, 'income')).toBe(0);
    expect(result.entitlement).toBe(646_00);
  });

  it("a part-time learner's employment earnings count in full", () => {
    const result = monthOf({
      month: '2025-10',
      attending: [learner('A', '2025-09-02', '2026-04-24', 'part-time')],
      evidence: [earnings('A')],
    });
    expect(amountOf(result, 'income')).toBe(400_00);
    expect(result.entitlement).toBe(646_00 - 400_00);
  });

  it('the employment earnings of a partner who is not in training count in full', () => {
    expect(amountOf(monthOf({ month: '2025-10', evidence: [earnings('B')] }), 'income')).toBe(400_00);
  });
});

describe('other income', () => {
  it('other income counts in full in every month it is in force', () => {
    const other = evidence('income', { subtype: 'other', person: 'B', amount: '210.55', start: '2025-09-01', end: '2025-10-31' });
    expect(amountOf(monthOf({ month: '2025-10', evidence: [other] }), 'income')).toBe(210_55);
    expect(monthOf({ month: '2025-10', evidence: [other] }).entitlement).toBe(646_00 - 210_55);
    expect(amountOf(monthOf({ month: '2025-11', evidence: [other] }), 'income')).toBe(0);
  });
});

describe('liquid assets (an eligibility test, month by month)', () => {
  // Two adults, no shelter: monthly core benefits are Core Essential alone, $646.00.
  const limit = 3 * 646_00 + 10_000_00;
  const eligible = (m: MonthResult) => m.entitlement > 0;

  it('liquid assets at or above 3 × monthly core benefits + $10,000 make the month not eligible: entitlement $0, nothing deducted', () => {
    const assets = evidence('assets', { amount: '11938.00', start: '2025-01-01' });
    const september = monthOf({ month: '2025-09', evidence: [assets] });
    expect(limit).toBe(11_938_00);
    expect(september.entitlement).toBe(0);
    expect(september.countableResources).toBe(0);
    expect(september.components.find((c) => c.code === 'assets')!.rule).toMatch(/not eligible this month/);
  });

  it('liquid assets below the limit count nothing and the month is paid', () => {
    const assets = evidence('assets', { amount: '11937.99', start: '2025-01-01' });
    const september = monthOf({ month: '2025-09', evidence: [assets] });
    expect(amountOf(september, 'assets')).toBe(0);
    expect(september.entitlement).toBe(646_00);
  });

  it('two asset records are held together against the one limit', () => {
    const chequing = evidence('assets', { amount: '6000.00', start: '2025-01-01' });
    const savings = evidence('assets', { amount: '6000.00', start: '2025-01-01' });
    expect(eligible(monthOf({ month: '2025-09', evidence: [chequing] }))).toBe(true);
    expect(eligible(monthOf({ month: '2025-09', evidence: [chequing, savings] }))).toBe(false);
  });

  it('the asset limit includes Core Shelter among the core benefits', () => {
    const rates = rateBook({ 'core-essential': { '2 adults': '646.00' }, 'core-shelter': { 'renting: 2 adults': '700.00' } });
    const shelter = evidence('shelter', { subtype: 'renting', amount: '1000.00', start: '2025-01-01' });
    const below = evidence('assets', { amount: '14037.99', start: '2025-01-01' }); // 3 × ($646 + $700) + $10,000 = $14,038
    const at = evidence('assets', { amount: '14038.00', start: '2025-01-01' });
    expect(eligible(monthOf({ month: '2025-09', rates, evidence: [shelter, below] }))).toBe(true);
    expect(eligible(monthOf({ month: '2025-09', rates, evidence: [shelter, at] }))).toBe(false);
  });

  it('assets are tested in every month they are held, and only then', () => {
    const assets = evidence('assets', { amount: '15000.00', start: '2025-11-12', end: '2025-12-05' });
    const paid = months('2025-09', '2026-01').map((m) => eligible(monthOf({ month: m.toString(), evidence: [assets] })));
    expect(paid).toEqual([true, true, false, false, true]);
  });
});

describe('entitlement never below zero', () => {
  it('entitlement is zero, never negative, when countable resources exceed needs, and the resources still show', () => {
    const income = evidence('income', { subtype: 'other', person: 'B', amount: '5000.00', start: '2025-09-01' });
    const result = monthOf({ month: '2025-10', evidence: [income] });
    expect(result.needs).toBe(646_00);
    expect(result.countableResources).toBe(5000_00);
    expect(result.entitlement).toBe(0);
  });

  it('entitlement is zero when a negative Director Approval outweighs the needs', () => {
    const adjustment = evidence('director-approval', { subtype: 'director-approval', amount: '-1000.00', start: '2025-09-01' });
    const result = monthOf({ month: '2025-10', evidence: [adjustment] });
    expect(result.needs).toBe(646_00 - 1000_00);
    expect(result.entitlement).toBe(0);
  });
});
