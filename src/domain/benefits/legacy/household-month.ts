/**
 * The household's determination for one month (docs/policy/learner-benefits.md): rate-based benefits issued
 * automatically, amount-based benefits from evidence, and countable resources; entitlement = needs
 * minus countable resources, never below zero. With one learner this is their case; with two
 * attending, E04 splits it between their cases (two-attending/split.ts).
 *
 * The rules read the household's evidence compiled once (compiled-evidence.ts) and months as integer
 * indices (calendar.ts `monthIndex`); a component whose amount and explanation do not change from
 * month to month is the same object in each month.
 */
import { dateOrdinal, daysInMonth, formatYearMonth, monthIndex, monthIndexOfOrdinal, monthsOf, yearMonthAt, type Period, type PlainYearMonth } from '../../calendar.ts';
import { add, allocate, cents, clampAtZero, formatMoney, isNegative, max, min, multiplyRatio, subtract, sum, ZERO, type Money } from '../../money.ts';
import type { Component, MonthResult } from '../components.ts';
import { compileEvidence, inForceIn, type CompiledEvidence, type EvidenceRecord, type Spread } from './compiled-evidence.ts';
import { notSplitReason, type Evidence } from '../evidence.ts';
import type { LearnerRules, RateBook } from '../policy.ts';
import { keysOf, rateCacheOf, type Composition, type RateCache } from './rate-cache.ts';

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
  readonly evidence: readonly Evidence[];
  readonly rates: RateBook;
  readonly rules: LearnerRules;
  /** Exemption applied to each scholarship, by evidence id (see scholarshipExemptions). */
  readonly scholarshipExemptions: ReadonlyMap<string, Money>;
}

/** A learner's attendance with the months of their training as integer indices. */
export interface AttendingLearner {
  readonly attendance: Attendance;
  readonly startMonth: number;
  readonly endMonth: number;
  readonly startDay: number;
  /** calendar.ts dateOrdinal of the training's start and end. */
  readonly startOrdinal: number;
  readonly endOrdinal: number;
}

export function attendingLearner(a: Attendance): AttendingLearner {
  const startOrdinal = dateOrdinal(a.training.start);
  const endOrdinal = dateOrdinal(a.training.end);
  return { attendance: a, startMonth: monthIndexOfOrdinal(startOrdinal), endMonth: monthIndexOfOrdinal(endOrdinal), startDay: startOrdinal % 100, startOrdinal, endOrdinal };
}

/** One month of a household as the rules read it: `HouseholdMonthInput` with integer months and compiled evidence. */
export interface HouseholdMonthOf {
  readonly index: number;
  readonly adults: number;
  readonly children: number;
  readonly attending: readonly AttendingLearner[];
  readonly rates: RateCache;
  readonly rules: LearnerRules;
  readonly scholarshipExemptions: ReadonlyMap<string, Money>;
}

/** A month's components and their totals (see `summarise`); months with the same components share one. */
export interface ComponentList {
  readonly components: readonly Component[];
  readonly needs: Money;
  readonly countableResources: Money;
  readonly entitlement: Money;
}

const CORE_ESSENTIAL_KEYS = keysOf('');

/**
 * docs/policy/learner-benefits.md (wider manual): "Core Essential is pro-rated when training starts after the 10th of a
 * month; the month in which training ends is paid in full." The fraction is the days attended of the
 * days in the month, rounded half-up to the cent. Otherwise: by household composition (rate table).
 */
function coreEssential(m: HouseholdMonthOf): Component {
  const composition = m.rates.composition('core-essential', CORE_ESSENTIAL_KEYS, m.adults, m.children, m.index);
  // The earliest start among the learners attending (reduce: none attending is a TypeError).
  const earliest = m.attending.length === 1 ? m.attending[0]! : m.attending.reduce((a, b) => (b.startOrdinal < a.startOrdinal ? b : a));
  let endsThisMonth = false;
  for (const a of m.attending) if (a.endMonth === m.index) endsThisMonth = true;
  const startsThisMonth = earliest.startMonth === m.index;
  if (startsThisMonth && !endsThisMonth && earliest.startDay > m.rules.prorateCoreEssentialAfterDay) {
    const { amount, source } = composition;
    const days = daysInMonth(yearMonthAt(m.index));
    const attended = days - earliest.startDay + 1;
    return {
      code: 'core-essential',
      kind: 'need',
      amount: multiplyRatio(amount, attended, days, 'half-up'),
      rule: `Core Essential pro-rated: training starts ${earliest.attendance.training.start.toString()}, after the ${m.rules.prorateCoreEssentialAfterDay}th: ${attended}/${days} of ${formatMoney(amount)}, rounded half-up`,
      source,
      splits: true,
    };
  }
  return (composition.essential ??= { code: 'core-essential', kind: 'need', amount: composition.amount, rule: 'Core Essential by household composition (rate table)', source: composition.source, splits: true });
}

/** Core Shelter by housing situation and household composition, limited to the actual shelter cost. */
function coreShelter(h: CompiledEvidence, m: HouseholdMonthOf): Component | null {
  // In the month of a move, the home at the end of the month (the latest to start) decides: the
  // first shelter record in force, in compiled order.
  let shelter: EvidenceRecord | undefined;
  for (const s of h.shelters) {
    if (inForceIn(s, m.index)) {
      shelter = s;
      break;
    }
  }
  if (!shelter?.shelterKeys) return null;
  const rate = m.rates.composition('core-shelter', shelter.shelterKeys, m.adults, m.children, m.index);
  const built = (shelter.cache.shelter ??= new Map<Composition, Component>());
  let component = built.get(rate);
  if (!component) {
    const e = shelter.evidence;
    const capped = e.amount !== null && e.amount < rate.amount;
    component = {
      code: 'core-shelter',
      kind: 'need',
      amount: capped ? e.amount! : rate.amount,
      rule: capped ? 'Core Shelter: the rate, limited to the actual shelter cost' : 'Core Shelter by housing situation and household composition (rate table)',
      source: `${rate.source}; ${e.label}${capped ? `: actual cost ${formatMoney(e.amount!)}` : ''}`,
      evidenceId: e.id,
      splits: true,
    };
    built.set(rate, component);
  }
  return component;
}

/** The number of different people the facts in force name (null counts as one). */
function peopleInForce(facts: readonly EvidenceRecord[], index: number): number {
  let people = 0;
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i]!;
    if (!inForceIn(f, index)) continue;
    let counted = false;
    for (let j = 0; j < i && !counted; j++) counted = inForceIn(facts[j]!, index) && facts[j]!.evidence.personId === f.evidence.personId;
    if (!counted) people += 1;
  }
  return people;
}

/** Benefits paid per eligible household member: Handicap Benefit, Special Diet, Child Care - Babysitting. */
function perMember(m: HouseholdMonthOf, code: string, facts: readonly EvidenceRecord[], key: string): Component | null {
  const members = peopleInForce(facts, m.index);
  if (members === 0) return null;
  const rate = m.rates.rate(code, key, m.index);
  return (rate.perMember[members] ??= {
    code,
    kind: 'need',
    amount: cents(rate.row.amount * members),
    rule: `${rate.row.tableLabel}: ${members} eligible ${members === 1 ? 'person' : 'people'} (rate table)`,
    source: `${members} × ${rate.text}`,
    splits: true,
  });
}

/**
 * Scholarships, awards and prizes are exempt up to the yearly amount per person per academic year:
 * each scholarship, taken in order of start date, uses what is left of its person's exemption for
 * the academic year its period starts in.
 */
export function scholarshipExemptions(evidence: readonly Evidence[], rules: LearnerRules): Map<string, Money> {
  return scholarshipExemptionsOf(compileEvidence(evidence), rules);
}

/** scholarshipExemptions, for compiled evidence (its scholarships are already in order of start date, then id). */
export function scholarshipExemptionsOf(evidence: CompiledEvidence, rules: LearnerRules): Map<string, Money> {
  const used = new Map<string, Money>();
  const result = new Map<string, Money>();
  for (const { evidence: s } of evidence.scholarships) {
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

/** Amount-based need evidence: its amount, every month it is in force. */
function evidenceNeed(r: EvidenceRecord): Component {
  const e = r.evidence;
  return (r.cache.need ??= {
    code: e.type,
    kind: 'need',
    amount: e.amount ?? ZERO,
    rule: `${r.type!.label} (amount-based evidence)`,
    source: e.label,
    evidenceId: e.id,
    personId: e.personId,
    splits: r.splits,
    ...(!r.splits && { whyNotSplit: notSplitReason(r.type!, e.subtype) }),
  });
}

/** A scholarship's countable part (less its exemption) spread over its months, the first months taking the odd cents. */
function spreadOf(r: EvidenceRecord, exemptions: ReadonlyMap<string, Money>): Spread {
  if (r.cache.lastSpread?.exemptions === exemptions) return r.cache.lastSpread.spread;
  const e = r.evidence;
  const exemption = exemptions.get(e.id) ?? ZERO;
  const spreads = (r.cache.spreads ??= new Map());
  let spread = spreads.get(exemption);
  if (!spread) {
    const countable = subtract(e.amount ?? ZERO, exemption);
    // Every month with a day of the period (monthsOf: an open-ended period is a RangeError).
    const months = e.period.end === null ? monthsOf(e.period).length : r.last - r.first + 1;
    spread = {
      shares: allocate(countable, new Array<number>(months).fill(1)),
      rule:
        countable === ZERO
          ? `Scholarship: ${formatMoney(e.amount ?? ZERO)} within its exemption (${formatMoney(exemption)} of what is left this academic year): wholly exempt, nothing counts (our reading: docs/policy/learner-benefits.md)`
          : `Scholarship: ${formatMoney(e.amount ?? ZERO)} less ${formatMoney(exemption)} exempt = ${formatMoney(countable)} countable, spread over ${months} months (first months take the odd cents)`,
      byAmount: new Map(),
      byMonth: [],
    };
    spreads.set(exemption, spread);
  }
  r.cache.lastSpread = { exemptions, spread };
  return spread;
}

const resourceBase = (r: EvidenceRecord) => ({ kind: 'resource' as const, source: r.evidence.label, evidenceId: r.evidence.id, personId: r.evidence.personId, splits: r.splits, ...(!r.splits && { whyNotSplit: notSplitReason(r.type!, r.evidence.subtype) }) });

/**
 * Income: a scholarship's countable part (less its exemption) spread over its months, the first
 * months taking the odd cents; a full-time learner's employment earnings exempt (learner rules);
 * anything else counts in full.
 */
function resource(r: EvidenceRecord, m: HouseholdMonthOf): Component {
  const e = r.evidence;
  if (r.periodTotal) {
    const spread = spreadOf(r, m.scholarshipExemptions);
    const offset = m.index - r.first;
    let component = spread.byMonth[offset];
    if (!component) {
      const share = spread.shares[offset] ?? ZERO;
      component = spread.byAmount.get(share);
      if (!component) spread.byAmount.set(share, (component = { ...resourceBase(r), code: 'income', amount: share, rule: spread.rule }));
      spread.byMonth[offset] = component;
    }
    return component;
  }
  if (e.subtype === 'employment-earnings' && m.rules.fullTimeEarningsExempt) {
    let earner: AttendingLearner | undefined;
    for (const a of m.attending) {
      if (a.attendance.personId === e.personId) {
        earner = a;
        break;
      }
    }
    if (earner?.attendance.load === 'full-time') {
      return (r.cache.exempt ??= { ...resourceBase(r), code: 'income', amount: ZERO, rule: "A full-time learner's employment earnings are fully exempt" });
    }
  }
  return (r.cache.inFull ??= { ...resourceBase(r), code: 'income', amount: e.amount ?? ZERO, rule: `${r.type!.label}${e.subtype ? ` (${e.subtype})` : ''}: counts in full` });
}

/**
 * Liquid assets (docs/policy/learner-benefits.md "Liquid assets", our reading of "liquid assets must
 * be below 3 × monthly core benefits + $10,000"): an eligibility test, month by month. The
 * household's assets in force in the month (every approved record, held together) are compared with
 * 3 × that month's core benefits (Core Essential + Core Shelter) + the allowance: below it, nothing
 * counts; at or above it, the household is not eligible that month (entitlement $0). Nothing is
 * deducted: assets are not income.
 */
function assetsComponent(h: CompiledEvidence, m: HouseholdMonthOf, essential: Component, shelter: Component | null): Component | null {
  let counting: Evidence[] | null = null;
  for (const r of h.assets) if (inForceIn(r, m.index)) (counting ??= []).push(r.evidence);
  if (counting === null) return null;
  const held = sum(counting.map((e) => e.amount ?? ZERO));
  const core = sum(shelter ? [essential.amount, shelter.amount] : [essential.amount]);
  const limit = add(cents(core * m.rules.liquidAssetMultipleOfCoreBenefits), m.rules.liquidAssetAllowance);
  // The same assets against the same limit: the same component as last time.
  const key = `${counting.map((e) => e.id).join(',')}|${core}|${limit}|${m.rules.liquidAssetMultipleOfCoreBenefits}|${m.rules.liquidAssetAllowance}`;
  const known = h.assetTests.get(key);
  if (known) return known;
  const eligible = held < limit;
  const test = `liquid assets must be below ${m.rules.liquidAssetMultipleOfCoreBenefits} × monthly core benefits (${formatMoney(core)}) + ${formatMoney(m.rules.liquidAssetAllowance)} = ${formatMoney(limit)}`;
  const component: Component = {
    code: 'assets',
    kind: 'resource',
    amount: ZERO,
    rule: eligible
      ? `Liquid assets held ${formatMoney(held)}: eligible, nothing counts (${test})`
      : `Liquid assets held ${formatMoney(held)}: not eligible this month, entitlement $0.00 (${test})`,
    source: counting.map((e) => e.label).join('; '),
    ...(counting.length === 1 && { evidenceId: counting[0]!.id, personId: counting[0]!.personId }),
    splits: true,
    ...(!eligible && { disqualifies: true }),
  };
  h.assetTests.set(key, component);
  return component;
}

/**
 * The household's components for one month: the automatic benefits, then need evidence, then
 * resources, each in evidence order. `previous` is returned when the components are the same.
 */
export function monthComponents(h: CompiledEvidence, m: HouseholdMonthOf, previous: ComponentList | null): ComponentList {
  const essential = coreEssential(m);
  const shelter = coreShelter(h, m);
  const handicap = perMember(m, 'handicap-benefit', h.disability, 'each eligible person');
  const diet = perMember(m, 'special-diet', h.specialDietNeed, 'each person');
  const babysitting = perMember(m, 'child-care-babysitting', h.babysitting, 'each child');
  const components: Component[] = [essential];
  if (shelter) components.push(shelter);
  if (handicap) components.push(handicap);
  if (diet) components.push(diet);
  if (babysitting) components.push(babysitting);
  for (const r of h.needs) if (inForceIn(r, m.index)) components.push(evidenceNeed(r));
  for (const r of h.resources) if (inForceIn(r, m.index)) components.push(resource(r, m));
  const assets = h.assets.length === 0 ? null : assetsComponent(h, m, essential, shelter);
  if (assets) components.push(assets);
  if (previous && sameComponents(previous.components, components)) return previous;
  return componentList(components);
}

const sameComponents = (a: readonly Component[], b: readonly Component[]) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** The household's components and entitlement for one month. */
export function householdMonth(input: HouseholdMonthInput): MonthResult {
  const month: HouseholdMonthOf = {
    index: monthIndex(input.month),
    adults: input.adults.length,
    children: input.children.length,
    attending: input.attending.map(attendingLearner),
    rates: rateCacheOf(input.rates),
    rules: input.rules,
    scholarshipExemptions: input.scholarshipExemptions,
  };
  return monthResult(formatYearMonth(input.month), monthComponents(compileEvidence(input.evidence), month, null));
}

/** Totals for a list of components: entitlement = needs - countable resources, never below zero; zero in a month an eligibility test fails. */
export function componentList(components: readonly Component[]): ComponentList {
  let needs = 0;
  let resources = 0;
  for (const c of components) {
    if (c.kind === 'need') needs = cents(needs + c.amount);
    else if (c.kind === 'resource') resources = cents(resources + c.amount);
  }
  let disqualified = false;
  for (const c of components) if (c.disqualifies) disqualified = true;
  const net = subtract(cents(needs), cents(resources));
  return { components, needs: cents(needs), countableResources: cents(resources), entitlement: disqualified || isNegative(net) ? ZERO : net };
}

export const monthResult = (month: string, list: ComponentList): MonthResult => ({
  month,
  components: list.components,
  needs: list.needs,
  countableResources: list.countableResources,
  entitlement: list.entitlement,
});

/** Totals for a list of components: entitlement = needs - countable resources, never below zero. */
export function summarise(month: string, components: readonly Component[]): MonthResult {
  return monthResult(month, componentList(components));
}
