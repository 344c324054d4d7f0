/**
 * The household's determination for one month (DOMAIN.md "Benefits"): rate-based benefits issued
 * automatically, amount-based benefits from evidence, and countable resources; entitlement = needs
 * minus countable resources, never below zero. With one learner this is their case; with two
 * attending, E04 splits it between their cases (two-attending/split.ts).
 */
import { compareDates, compareYearMonths, daysInMonth, minDate, formatYearMonth, monthOf, monthPeriod, monthsOf, overlaps, type Period, type PlainYearMonth } from '../calendar.ts';
import { add, allocate, cents, clampAtZero, formatMoney, isNegative, max, min, multiplyRatio, subtract, sum, ZERO, type Money } from '../money.ts';
import type { Component, MonthResult } from './components.ts';
import { basisOf, evidenceType, type Evidence } from './evidence.ts';
import type { LearnerRules, RateBook, RateRow } from './policy.ts';

export interface Attendance {
  readonly personId: string;
  /** Training dates, both ends included. */
  readonly training: { readonly start: Period['start']; readonly end: NonNullable<Period['end']> };
  readonly load: 'full-time' | 'part-time';
}

export interface HouseholdMonthInput {
  readonly month: PlainYearMonth;
  readonly adults: readonly string[];
  readonly children: readonly string[];
  /** The learners attending training in this month (one, or two when both attend). */
  readonly attending: readonly Attendance[];
  /** The first month of the household's training (assets count once, then). */
  readonly firstTrainingMonth: PlainYearMonth;
  readonly evidence: readonly Evidence[];
  readonly rates: RateBook;
  readonly rules: LearnerRules;
  /** Exemption applied to each scholarship, by evidence id (see scholarshipExemptions). */
  readonly scholarshipExemptions: ReadonlyMap<string, Money>;
}

const rateText = (row: RateRow, what = row.key) =>
  row.effectiveFrom === 'what-if'
    ? `${row.tableLabel}, ${what}, what-if rate for this calculation: ${formatMoney(row.amount)}`
    : `${row.tableLabel}, ${what}, rate effective ${row.effectiveFrom}: ${formatMoney(row.amount)}${row.placeholder ? ' (placeholder rate)' : ''}`;

/** Month periods, computed once per month (the rules ask for them for every evidence record). */
const monthPeriods = new Map<string, Period>();
const periodOfMonth = (month: PlainYearMonth): Period => {
  const key = formatYearMonth(month);
  let period = monthPeriods.get(key);
  if (!period) monthPeriods.set(key, (period = monthPeriod(month)));
  return period;
};
const inForce = (evidence: Evidence, month: PlainYearMonth) => overlaps(evidence.period, periodOfMonth(month));

/** The Core Essential or Core Shelter for a household: the adults' rate plus each child's. */
function compositionAmount(rates: RateBook, table: string, prefix: string, adults: number, children: number, month: PlainYearMonth) {
  const adultRow = rates(table, `${prefix}${adults === 1 ? '1 adult' : `${adults} adults`}`, month);
  const childRow = children > 0 ? rates(table, `${prefix}each child`, month) : null;
  const amount = add(adultRow.amount, childRow ? cents(childRow.amount * children) : ZERO);
  const source = [rateText(adultRow), ...(childRow ? [`${children} × ${rateText(childRow)}`] : [])].join(' + ');
  return { amount, source };
}

/**
 * DOMAIN.md (wider manual): "Core Essential is pro-rated when training starts after the 10th of a
 * month; the month in which training ends is paid in full." The fraction is the days attended of the
 * days in the month, rounded half-up to the cent.
 */
function coreEssential(input: HouseholdMonthInput): Component {
  const { amount, source } = compositionAmount(input.rates, 'core-essential', '', input.adults.length, input.children.length, input.month);
  const earliest = input.attending.map((a) => a.training.start).reduce((a, b) => minDate(a, b));
  const endsThisMonth = input.attending.some((a) => compareYearMonths(monthOf(a.training.end), input.month) === 0);
  const startsThisMonth = compareYearMonths(monthOf(earliest), input.month) === 0;
  if (startsThisMonth && !endsThisMonth && earliest.day > input.rules.prorateCoreEssentialAfterDay) {
    const days = daysInMonth(input.month);
    const attended = days - earliest.day + 1;
    return {
      code: 'core-essential',
      kind: 'need',
      amount: multiplyRatio(amount, attended, days, 'half-up'),
      rule: `Core Essential pro-rated: training starts ${earliest.toString()}, after the ${input.rules.prorateCoreEssentialAfterDay}th: ${attended}/${days} of ${formatMoney(amount)}, rounded half-up`,
      source,
      splits: true,
    };
  }
  return { code: 'core-essential', kind: 'need', amount, rule: 'Core Essential by household composition (rate table)', source, splits: true };
}

function coreShelter(input: HouseholdMonthInput): Component | null {
  // In the month of a move, the home at the end of the month (the latest to start) decides.
  const shelter = input.evidence
    .filter((e) => e.type === 'shelter' && inForce(e, input.month))
    .sort((a, b) => compareDates(b.period.start, a.period.start) || a.id.localeCompare(b.id))[0];
  if (!shelter?.subtype) return null;
  const rate = compositionAmount(input.rates, 'core-shelter', `${shelter.subtype}: `, input.adults.length, input.children.length, input.month);
  const capped = shelter.amount !== null && shelter.amount < rate.amount;
  return {
    code: 'core-shelter',
    kind: 'need',
    amount: capped ? shelter.amount! : rate.amount,
    rule: capped ? 'Core Shelter: the rate, limited to the actual shelter cost' : 'Core Shelter by housing situation and household composition (rate table)',
    source: `${rate.source}; ${shelter.label}${capped ? `: actual cost ${formatMoney(shelter.amount!)}` : ''}`,
    evidenceId: shelter.id,
    splits: true,
  };
}

/** Benefits paid per eligible household member: Handicap Benefit, Special Diet, Child Care - Babysitting. */
function perMember(input: HouseholdMonthInput, code: string, factType: string, key: string, eligible: (e: Evidence) => boolean): Component | null {
  const members = new Set(input.evidence.filter((e) => e.type === factType && inForce(e, input.month) && eligible(e)).map((e) => e.personId));
  if (members.size === 0) return null;
  const row = input.rates(code, key, input.month);
  return {
    code,
    kind: 'need',
    amount: cents(row.amount * members.size),
    rule: `${row.tableLabel}: ${members.size} eligible ${members.size === 1 ? 'person' : 'people'} (rate table)`,
    source: `${members.size} × ${rateText(row)}`,
    splits: true,
  };
}

/**
 * Scholarships, awards and prizes are exempt up to the yearly amount per person per academic year:
 * each scholarship, taken in order of start date, uses what is left of its person's exemption for
 * the academic year its period starts in.
 */
export function scholarshipExemptions(evidence: readonly Evidence[], rules: LearnerRules): Map<string, Money> {
  const used = new Map<string, Money>();
  const result = new Map<string, Money>();
  const scholarships = evidence
    .filter((e) => e.type === 'income' && e.subtype === 'scholarship' && e.amount !== null)
    .sort((a, b) => compareDates(a.period.start, b.period.start) || a.id.localeCompare(b.id));
  for (const s of scholarships) {
    const start = s.period.start;
    const academicYear = start.month >= rules.academicYearStartsMonth ? start.year : start.year - 1;
    const key = `${s.personId ?? ''}|${academicYear}`;
    const remaining = subtract(rules.scholarshipExemptionPerAcademicYear, used.get(key) ?? ZERO);
    const exemption = min(s.amount!, max(remaining, ZERO));
    used.set(key, add(used.get(key) ?? ZERO, exemption));
    result.set(s.id, exemption);
  }
  return result;
}

function evidenceNeed(e: Evidence): Component {
  const type = evidenceType(e.type)!;
  return {
    code: e.type,
    kind: 'need',
    amount: e.amount ?? ZERO,
    rule: `${type.label} (amount-based evidence)`,
    source: e.label,
    evidenceId: e.id,
    personId: e.personId,
    splits: type.splitsWhenTwoAttend(e.subtype),
  };
}

function resource(e: Evidence, input: HouseholdMonthInput): Component {
  const type = evidenceType(e.type)!;
  const splits = type.splitsWhenTwoAttend(e.subtype);
  const base = { kind: 'resource' as const, source: e.label, evidenceId: e.id, personId: e.personId, splits };
  const basis = basisOf(type, e.subtype);
  if (basis === 'period-total') {
    const exemption = input.scholarshipExemptions.get(e.id) ?? ZERO;
    const countable = subtract(e.amount ?? ZERO, exemption);
    const months = monthsOf(e.period);
    const index = months.findIndex((m) => compareYearMonths(m, input.month) === 0);
    const share = allocate(countable, months.map(() => 1))[index] ?? ZERO;
    return {
      ...base,
      code: 'income',
      amount: share,
      rule: `Scholarship: ${formatMoney(e.amount ?? ZERO)} less ${formatMoney(exemption)} exempt = ${formatMoney(countable)} countable, spread over ${months.length} months (first months take the odd cents)`,
    };
  }
  if (e.subtype === 'employment-earnings' && input.rules.fullTimeEarningsExempt) {
    const earner = input.attending.find((a) => a.personId === e.personId);
    if (earner?.load === 'full-time') {
      return { ...base, code: 'income', amount: ZERO, rule: "A full-time learner's employment earnings are fully exempt" };
    }
  }
  return { ...base, code: 'income', amount: e.amount ?? ZERO, rule: `${type.label}${e.subtype ? ` (${e.subtype})` : ''}: counts in full` };
}

/**
 * Liquid assets: the household's assets held together (every record counting in this month)
 * against one limit, 3 × the month's core benefits + the allowance; the part above counts once, in
 * the month the assets are first recorded within training.
 */
function assetsComponent(assets: readonly Evidence[], input: HouseholdMonthInput, coreBenefits: Money): Component | null {
  const counting = [...assets].sort((a, b) => a.id.localeCompare(b.id)).filter((e) => {
    const countsIn = compareYearMonths(monthOf(e.period.start), input.firstTrainingMonth) < 0 ? input.firstTrainingMonth : monthOf(e.period.start);
    return compareYearMonths(countsIn, input.month) === 0;
  });
  if (counting.length === 0) return null;
  const held = sum(counting.map((e) => e.amount ?? ZERO));
  const limit = add(cents(coreBenefits * input.rules.liquidAssetMultipleOfCoreBenefits), input.rules.liquidAssetAllowance);
  return {
    code: 'assets',
    kind: 'resource',
    amount: clampAtZero(subtract(held, limit)),
    rule: `Liquid assets held ${formatMoney(held)}; above ${input.rules.liquidAssetMultipleOfCoreBenefits} × monthly core benefits (${formatMoney(coreBenefits)}) + ${formatMoney(input.rules.liquidAssetAllowance)} = ${formatMoney(limit)} counts, once`,
    source: counting.map((e) => e.label).join('; '),
    ...(counting.length === 1 && { evidenceId: counting[0]!.id, personId: counting[0]!.personId }),
    splits: true,
  };
}

/** The household's components and entitlement for one month. */
export function householdMonth(input: HouseholdMonthInput): MonthResult {
  const evidence = input.evidence.filter((e) => inForce(e, input.month) && e.approved);
  const automatic = [
    coreEssential(input),
    coreShelter(input),
    perMember(input, 'handicap-benefit', 'disability', 'each eligible person', () => true),
    perMember(input, 'special-diet', 'special-diet-need', 'each person', () => true),
    perMember(input, 'child-care-babysitting', 'child-care-need', 'each child', (e) => e.subtype === 'babysitting'),
  ].filter((c): c is Component => c !== null);
  const coreBenefits = sum(automatic.filter((c) => c.code === 'core-essential' || c.code === 'core-shelter').map((c) => c.amount));
  const needs = evidence.filter((e) => evidenceType(e.type)?.role === 'need').map(evidenceNeed);
  const resources = [
    ...evidence.filter((e) => evidenceType(e.type)?.role === 'resource' && e.type !== 'assets').map((e) => resource(e, input)),
    assetsComponent(evidence.filter((e) => e.type === 'assets'), input, coreBenefits),
  ].filter((c): c is Component => c !== null);
  return summarise(formatYearMonth(input.month), [...automatic, ...needs, ...resources]);
}

/** Totals for a list of components: entitlement = needs - countable resources, never below zero. */
export function summarise(month: string, components: readonly Component[]): MonthResult {
  const needs = sum(components.filter((c) => c.kind === 'need').map((c) => c.amount));
  const countableResources = sum(components.filter((c) => c.kind === 'resource').map((c) => c.amount));
  const net = subtract(needs, countableResources);
  return { month, components, needs, countableResources, entitlement: isNegative(net) ? ZERO : net };
}
