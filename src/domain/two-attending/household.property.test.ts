/**
 * E04 Two Attending, the issue's acceptance: "over at least 100,000 generated households: for every
 * benefit and month, A + B = household amount to the cent; nothing is split outside the overlap;
 * coordinating twice changes nothing (determining the same snapshot twice gives identical results)".
 *
 * Households: two partners A and B (partners all along, from a date, or until a date), 0 to 2
 * children, each partner in full- or part-time training for a random period (overlapping or not),
 * random evidence of every type with odd cents, through `determineHousehold` with the real policy
 * data. Households are kept small so that 100,000 runs stay affordable: training falls between
 * 16 July and 31 August 2025 (at most two benefit months: July, prorated when training starts then
 * unless it also ends then, and August, the first month of the next academic year) and there are
 * at most 3 evidence records plus an optional shelter record. Even so, each run determines the
 * household twice, and a determination costs about 0.2-0.4 ms (the Temporal polyfill), so the
 * 100,000 runs take one and a half to two and a half minutes on two cores.
 * E04_PROPERTY_RUNS=5000 gives a quick local run.
 */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { loadBenefitPolicy } from '#policy/benefit-rates.ts';
import { addDays, type Period, type PlainDate, type PlainYearMonth } from '../calendar.ts';
import { cents, type Money } from '../money.ts';
import { determineHousehold, type HouseholdDetermination, type HouseholdSnapshot, type ReconciledMonth } from '../benefits/determine.ts';
import type { Evidence } from '../benefits/evidence.ts';
import type { Attendance } from '../benefits/household-month.ts';
import type { LearnerRules, RateBook, RateRow } from '../benefits/policy.ts';

/** The acceptance asks for at least 100,000; E04_PROPERTY_RUNS may raise it (or lower it for a quick local run). */
const NUM_RUNS = Number(process.env.E04_PROPERTY_RUNS ?? 100_000);

// The real policy data. Each rate and rule is looked up in it once per table, key and month, then
// reused: the same figures, without parsing the same amount a million times.
const policy = loadBenefitPolicy();
const rateCache = new Map<string, RateRow>();
const rates: RateBook = (table, key, month) => {
  const cacheKey = `${table}|${key}|${month.toString()}`;
  let row = rateCache.get(cacheKey);
  if (row === undefined) rateCache.set(cacheKey, (row = policy.rates(table, key, month)));
  return row;
};
const rulesCache = new Map<string, LearnerRules>();
const rules = (month: PlainYearMonth) => {
  let r = rulesCache.get(month.toString());
  if (r === undefined) rulesCache.set(month.toString(), (r = policy.rules(month)));
  return r;
};

// ---------------------------------------------------------------------------------------------
// Generated households

const WINDOW_START = Temporal.PlainDate.from('2025-07-16');
const WINDOW_DAYS = 47; // 2025-07-16 .. 2025-08-31
const on = (offset: number) => addDays(WINDOW_START, offset);
const money = (min: number, max: number) => fc.integer({ min, max }).map((n) => cents(n));

const trainingArb = fc
  .record({ start: fc.integer({ min: 0, max: WINDOW_DAYS - 1 }), length: fc.integer({ min: 0, max: WINDOW_DAYS - 1 }), load: fc.constantFrom<Attendance['load']>('full-time', 'part-time') })
  .map(({ start, length, load }) => ({ start: on(start), end: on(Math.min(start + length, WINDOW_DAYS - 1)), load }));

const periodArb = (bounded: boolean): fc.Arbitrary<Period> =>
  fc
    .tuple(fc.integer({ min: -40, max: WINDOW_DAYS }), bounded ? fc.integer({ min: 0, max: 150 }) : fc.option(fc.integer({ min: 0, max: 150 }), { nil: null }))
    .map(([start, length]) => ({ start: on(start), end: length === null ? null : on(start + length) }));

type Spec = Omit<Evidence, 'id' | 'label'>;

/** Evidence of every type, about A, B or a child C1/C2 (kept only when the household has that child). */
function evidenceArb(): fc.Arbitrary<Spec> {
  const adults = ['A', 'B'];
  const anyone = [...adults, 'C1', 'C2'];
  const spec = (type: string, subtype: fc.Arbitrary<string | null>, person: fc.Arbitrary<string | null>, amount: fc.Arbitrary<Money | null>, bounded = false, approved: fc.Arbitrary<boolean> = fc.constant(true)) =>
    fc.record({ type: fc.constant(type), subtype, personId: person, amount, period: periodArb(bounded), approved });
  const none = fc.constant(null);
  const need = money(0, 1_500_00);
  return fc.oneof(
    spec('additional-shelter', none, none, need),
    spec('child-care', none, none, need),
    spec('extraordinary-training-travel', fc.constantFrom('private-vehicle', 'public-transit', 'air', 'other'), fc.constantFrom(null, 'A', 'B'), need),
    spec('ncbs-replacement', none, none, need),
    spec('special-diet-benefit', fc.constantFrom('infant-formula', 'other'), fc.constantFrom(null, ...anyone), need),
    spec('additional-health-benefits', none, none, need),
    spec('director-approval', fc.constantFrom(null, 'director-approval', 'cost-adjustment'), none, money(-1_500_00, 1_500_00), false, fc.boolean()),
    spec('income', fc.constant('scholarship'), fc.constantFrom(...adults), money(0, 9_000_00), true),
    spec('income', fc.constantFrom('employment-earnings', 'other'), fc.constantFrom(...adults), money(0, 2_000_00)),
    spec('assets', none, none, money(0, 30_000_00)),
    spec('disability', none, fc.constantFrom(...anyone), none),
    spec('special-diet-need', none, fc.constantFrom(...anyone), none),
    spec('child-care-need', fc.constant('babysitting'), fc.constantFrom('C1', 'C2'), none),
  );
}

const shelterArb: fc.Arbitrary<Spec> = fc.record({
  type: fc.constant('shelter'),
  subtype: fc.constantFrom('renting', 'homeowner', 'boarding'),
  personId: fc.constant(null),
  amount: fc.option(money(0, 1_200_00), { nil: null }),
  period: periodArb(false),
  approved: fc.constant(true),
});

/** The partners' relationship: all along, from a date, or until a date. */
const partnershipArb: fc.Arbitrary<Period> = fc.oneof(
  fc.constant({ start: Temporal.PlainDate.from('2010-01-01'), end: null }),
  fc.integer({ min: 0, max: WINDOW_DAYS }).map((n) => ({ start: on(n), end: null })),
  fc.integer({ min: 0, max: WINDOW_DAYS }).map((n) => ({ start: Temporal.PlainDate.from('2010-01-01'), end: on(n) })),
);

interface Household {
  a: Attendance;
  b: Attendance;
  partnership: Period;
  children: readonly string[];
  evidence: readonly Evidence[];
}

const householdArb: fc.Arbitrary<Household> = fc
  .record({
    a: trainingArb,
    b: trainingArb,
    partnership: partnershipArb,
    children: fc.integer({ min: 0, max: 2 }),
    evidence: fc.array(evidenceArb(), { maxLength: 3 }),
    shelter: fc.option(shelterArb, { nil: null }),
  })
  .map(({ a, b, partnership, children, evidence, shelter }) => {
    const kids = ['C1', 'C2'].slice(0, children);
    const specs = (shelter ? [shelter, ...evidence] : evidence).filter((e) => e.personId === null || !e.personId.startsWith('C') || kids.includes(e.personId));
    return {
      a: { personId: 'A', training: { start: a.start, end: a.end }, load: a.load },
      b: { personId: 'B', training: { start: b.start, end: b.end }, load: b.load },
      partnership,
      children: kids,
      evidence: specs.map((s, i) => ({ ...s, id: `ev-${i}`, label: `evidence ${i} (${s.type})` })),
    };
  });

function snapshotOf(h: Household): HouseholdSnapshot {
  // Partners on some day of the month (the same test as calendar.overlaps, on ISO text: cheaper).
  const partnered = (month: PlainYearMonth) => partneredInKey(h, month.toString());
  return {
    learners: [h.a, h.b],
    // The children are A's dependants: in B's household only while B is A's partner.
    householdOf: (personId, month) =>
      partnered(month) ? { adults: ['A', 'B'], children: h.children } : { adults: [personId], children: personId === 'A' ? h.children : [] },
    partneredIn: partnered,
    evidence: h.evidence,
    rates,
    rules,
  };
}

// ---------------------------------------------------------------------------------------------
// What the acceptance expects, worked out independently of the code under test

/** "2025-07", "2025-08"...: the months from start to end, by integer arithmetic on the ISO text. */
function keysOf(start: PlainDate, end: PlainDate): string[] {
  const keys: string[] = [];
  const last = end.year * 12 + end.month - 1;
  for (let n = start.year * 12 + start.month - 1; n <= last; n++) keys.push(`${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`);
  return keys;
}

/** Whether the partners are partners on some day of the month "YYYY-MM" (ISO text compares as dates). */
function partneredInKey(h: Household, key: string): boolean {
  const start = h.partnership.start.toString();
  const end = h.partnership.end?.toString() ?? '9999-12-31';
  return start <= `${key}-31` && end >= `${key}-01`;
}

/** E04: the months of the days both attend, while they are partners. */
/** Months in which both partners attend (benefits are monthly: the days need not meet), while partners. */
function expectedTwoAttending(h: Household): string[] {
  const bMonths = new Set(keysOf(h.b.training.start, h.b.training.end));
  return keysOf(h.a.training.start, h.a.training.end).filter((m) => bMonths.has(m) && partneredInKey(h, m));
}

type Summary = { needs: Money; resources: Money; entitlement: Money };

/** What happens when a case or the household would go below zero, reported at the end. */
const stats = {
  households: 0,
  withTwoAttending: 0,
  reconciledMonths: 0,
  splitMonths: 0,
  clampedMonths: 0,
  clampedAndUnbalanced: 0,
  clampedButBalanced: 0,
  clampedHouseholdBelowZero: 0,
  clampedOnlyACaseBelowZero: 0,
  bothAttendNotSplitMonths: 0,
  bothAttendNotSplitWhilePartnered: 0,
  example: null as null | { month: string; household: Summary; cases: (Summary & { person: string; components: string[] })[] },
};

function violations(h: Household, d: HouseholdDetermination): string[] {
  const problems: string[] = [];
  const twoAttending = expectedTwoAttending(h);
  const overlapKeys = new Set(twoAttending);
  const trainingOf = { A: keysOf(h.a.training.start, h.a.training.end), B: keysOf(h.b.training.start, h.b.training.end) };

  if (JSON.stringify(d.twoAttending?.months ?? []) !== JSON.stringify(twoAttending)) problems.push(`two-attending months ${JSON.stringify(d.twoAttending?.months)} != ${JSON.stringify(twoAttending)}`);
  for (const l of d.learners) {
    const expected = trainingOf[l.personId as 'A' | 'B'];
    if (JSON.stringify(l.months.map((m) => m.month)) !== JSON.stringify(expected)) problems.push(`${l.personId} has months ${l.months.map((m) => m.month)} for training ${expected}`);
  }
  const caseMonth = (person: string, month: string) => d.learners.find((l) => l.personId === person)!.months.find((m) => m.month === month);

  const reconciled = new Map(d.household.map((r) => [r.month, r]));
  for (const month of new Set([...trainingOf.A, ...trainingOf.B])) {
    const attending = (['A', 'B'] as const).filter((p) => trainingOf[p].includes(month));
    const r = reconciled.get(month);
    if (overlapKeys.has(month) || attending.length === 1) {
      if (r === undefined) problems.push(`${month}: no reconciliation`);
    } else {
      // Both attend this month but their training days do not overlap (or they are not partners):
      // each case is its own household's, unsplit, and there is no reconciliation to check.
      stats.bothAttendNotSplitMonths += 1;
      if (partneredInKey(h, month)) stats.bothAttendNotSplitWhilePartnered += 1;
      if (r !== undefined) problems.push(`${month}: reconciled although both attend unsplit`);
    }
  }

  for (const r of d.household) {
    stats.reconciledMonths += 1;
    const split = overlapKeys.has(r.month);
    const expectedLearners = split ? ['A', 'B'] : (['A', 'B'] as const).filter((p) => trainingOf[p].includes(r.month));
    if (split) stats.splitMonths += 1;
    // A + B = the household amount, to the cent, for every benefit.
    for (const [code, { byLearner, total }] of Object.entries(r.byCode)) {
      const learners = Object.keys(byLearner).sort();
      if (JSON.stringify(learners) !== JSON.stringify(expectedLearners)) problems.push(`${r.month} ${code}: learners ${learners} (expected ${expectedLearners})`);
      const sum = Object.values(byLearner).reduce((s, v) => s + v, 0);
      if (sum !== total) problems.push(`${r.month} ${code}: ${JSON.stringify(byLearner)} adds up to ${sum}, household ${total}`);
      const householdTotal = r.household.components.filter((c) => c.code === code).reduce((s, c) => s + c.amount, 0);
      if (householdTotal !== total) problems.push(`${r.month} ${code}: total ${total} is not the household's ${householdTotal}`);
    }
    // Nothing is split outside the overlap: the one learner's case is the household's month.
    if (!split) {
      const own = caseMonth(expectedLearners[0]!, r.month);
      if (JSON.stringify(own) !== JSON.stringify(r.household)) problems.push(`${r.month}: outside the overlap, ${expectedLearners[0]}'s case is not the household's month`);
      if (own?.components.some((c) => c.code === 'director-approval-cost-adjustment')) problems.push(`${r.month}: an E04 adjustment outside the overlap`);
    }
    // The entitlements add up whenever nothing clamps at zero; otherwise report what happens.
    checkBalance(r, split ? [['A', caseMonth('A', r.month)!], ['B', caseMonth('B', r.month)!]] : [[expectedLearners[0]!, caseMonth(expectedLearners[0]!, r.month)!]], problems);
  }
  return problems;
}

type CaseMonth = { needs: Money; countableResources: Money; entitlement: Money; components: readonly { code: string; amount: Money; adjusts?: string }[] };

function checkBalance(r: ReconciledMonth, cases: readonly (readonly [string, CaseMonth])[], problems: string[]) {
  const net = (m: { needs: Money; countableResources: Money }) => m.needs - m.countableResources;
  const householdBelowZero = net(r.household) < 0;
  const caseBelowZero = cases.some(([, m]) => net(m) < 0);
  if (!householdBelowZero && !caseBelowZero) {
    if (!r.balanced) problems.push(`${r.month}: unbalanced with nothing below zero`);
    return;
  }
  stats.clampedMonths += 1;
  if (householdBelowZero) stats.clampedHouseholdBelowZero += 1;
  else stats.clampedOnlyACaseBelowZero += 1;
  if (r.balanced) stats.clampedButBalanced += 1;
  else {
    // E04 carries a case's negative balance to the partner's case: A + B = the household, always.
    problems.push(`${r.month}: unbalanced (a case below zero was not carried to the partner)`);
    stats.clampedAndUnbalanced += 1;
    stats.example ??= {
      month: r.month,
      household: { needs: r.household.needs, resources: r.household.countableResources, entitlement: r.household.entitlement },
      cases: cases.map(([person, m]) => ({
        person,
        needs: m.needs,
        resources: m.countableResources,
        entitlement: m.entitlement,
        components: m.components.map((c) => `${c.code}${c.adjusts ? ` (${c.adjusts})` : ''} ${c.amount}`),
      })),
    };
  }
}

describe('E04 two attending over 100,000 generated households', () => {
  it(
    'for every benefit and month A + B = the household amount to the cent, nothing is split outside the overlap, and determining the same snapshot twice gives identical results',
    () => {
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      fc.assert(
        fc.property(householdArb, (h) => {
          stats.households += 1;
          const snapshot = snapshotOf(h);
          const first = determineHousehold(snapshot);
          const again = determineHousehold(snapshot);
          if (first.twoAttending) stats.withTwoAttending += 1;
          expect(JSON.stringify(again)).toBe(JSON.stringify(first));
          expect(violations(h, first)).toEqual([]);
        }),
        { numRuns: NUM_RUNS },
      );
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      // Reported, not asserted (see the brief): what happens when a case or the household would go
      // below zero. The entitlement is clamped at zero on each case and on the household separately,
      // so A + B can then differ from the household entitlement.
      console.log(`E04 property: ${NUM_RUNS} households in ${seconds.toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`, JSON.stringify(stats, null, 1));
      expect(stats.households).toBeGreaterThanOrEqual(NUM_RUNS);
      expect(stats.withTwoAttending).toBeGreaterThan(NUM_RUNS / 10);
    },
    600_000,
  );
});
