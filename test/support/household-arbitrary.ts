/**
 * Households of every shape for the property tests (src/domain/two-attending/household.property.test.ts)
 * and the engine's recorded outcomes (src/domain/benefits/engine/recorded.test.ts): two learners A
 * and B, 0 to 2 children, partners all along, separating, meeting or never partners, full- or
 * part-time, evidence of every type naming anyone or nobody, on either case or none. The shapes are
 * described in the household property test.
 */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { loadBenefitPolicy } from '#policy/benefit-rates.ts';
import type { HouseholdSnapshot } from '../../src/domain/benefits/determine.ts';
import type { Evidence } from '../../src/domain/benefits/evidence.ts';
import type { Attendance } from '../../src/domain/benefits/household-month.ts';
import type { LearnerRules, RateBook, RateRow } from '../../src/domain/benefits/policy.ts';
import { addDays, type Period, type PlainDate, type PlainYearMonth } from '../../src/domain/calendar.ts';
import { cents, type Money } from '../../src/domain/money.ts';

// The real policy data. Each rate and rule is looked up in it once per table, key and month, then
// reused: the same figures, without parsing the same amount a million times.
const policy = loadBenefitPolicy();
const rateCache = new Map<string, RateRow>();
export const rates: RateBook = (table, key, month) => {
  const cacheKey = `${table}|${key}|${month.toString()}`;
  let row = rateCache.get(cacheKey);
  if (row === undefined) rateCache.set(cacheKey, (row = policy.rates(table, key, month)));
  return row;
};
const rulesCache = new Map<string, LearnerRules>();
export const rules = (month: PlainYearMonth) => {
  let r = rulesCache.get(month.toString());
  if (r === undefined) rulesCache.set(month.toString(), (r = policy.rules(month)));
  return r;
};

// ---------------------------------------------------------------------------------------------
// Generated households

const WINDOW_START = Temporal.PlainDate.from('2025-07-16');
const WINDOW_DAYS = 47; // 2025-07-16 .. 2025-08-31
// Every date the generator makes, built once (the Temporal polyfill is slow to build and print dates).
const DATE_OFFSET = 50;
const DATES = Array.from({ length: DATE_OFFSET + WINDOW_DAYS + 200 }, (_, i) => addDays(WINDOW_START, i - DATE_OFFSET));
const ISO = new Map<PlainDate, string>(DATES.map((d) => [d, d.toString()]));
const on = (offset: number) => DATES[offset + DATE_OFFSET] ?? addDays(WINDOW_START, offset);
export const iso = (d: PlainDate) => ISO.get(d) ?? d.toString();
const money = (min: number, max: number) => fc.integer({ min, max }).map((n) => cents(n));

const trainingArb = fc
  .record({
    start: fc.integer({ min: 0, max: WINDOW_DAYS - 1 }),
    length: fc.integer({ min: 0, max: WINDOW_DAYS - 1 }),
    load: fc.constantFrom<Attendance['load']>('full-time', 'part-time'),
  })
  .map(({ start, length, load }) => ({ start: on(start), end: on(Math.min(start + length, WINDOW_DAYS - 1)), load }));

const periodArb = (bounded: boolean): fc.Arbitrary<Period> =>
  fc
    .tuple(
      fc.integer({ min: -40, max: WINDOW_DAYS }),
      bounded ? fc.integer({ min: 0, max: 150 }) : fc.option(fc.integer({ min: 0, max: 150 }), { nil: null }),
    )
    .map(([start, length]) => ({ start: on(start), end: length === null ? null : on(start + length) }));

type Spec = Omit<Evidence, 'id' | 'label'>;

const weighted = <T>(...options: [T, number][]) =>
  fc.oneof(...options.map(([value, weight]) => ({ arbitrary: fc.constant(value), weight })));
/** The case evidence naming nobody was entered on: A's, B's, or none (the household calculator). */
const caseOfArb = weighted<string | null>(['A', 4], ['B', 4], [null, 1]);

/** Evidence of every type, about A, B, a child C1/C2 (kept only when the household has that child) or nobody. */
function evidenceArb(): fc.Arbitrary<Spec> {
  const adults = ['A', 'B'];
  const anyone = [...adults, 'C1', 'C2'];
  const spec = (
    type: string,
    subtype: fc.Arbitrary<string | null>,
    person: fc.Arbitrary<string | null>,
    amount: fc.Arbitrary<Money | null>,
    bounded = false,
    approved: fc.Arbitrary<boolean> = fc.constant(true),
  ) => fc.record({ type: fc.constant(type), subtype, personId: person, amount, period: periodArb(bounded), approved, caseOf: caseOfArb });
  const none = fc.constant(null);
  const need = money(0, 1_500_00);
  const anyoneOrNobody = fc.constantFrom(null, ...anyone);
  return fc.oneof(
    spec('additional-shelter', none, anyoneOrNobody, need),
    spec('child-care', none, fc.constantFrom(null, 'C1', 'C2', 'A', 'B'), need),
    spec(
      'extraordinary-training-travel',
      fc.constantFrom('private-vehicle', 'public-transit', 'air', 'other'),
      fc.constantFrom(null, 'A', 'B'),
      need,
    ),
    spec('ncbs-replacement', none, anyoneOrNobody, need),
    spec('special-diet-benefit', fc.constantFrom('infant-formula', 'other'), anyoneOrNobody, need),
    spec('additional-health-benefits', none, anyoneOrNobody, need),
    spec(
      'director-approval',
      fc.constantFrom(null, 'director-approval', 'cost-adjustment'),
      fc.constantFrom(null, 'A', 'B'),
      money(-1_500_00, 1_500_00),
      false,
      fc.boolean(),
    ),
    spec('income', fc.constant('scholarship'), fc.constantFrom(...adults), money(0, 9_000_00), true),
    spec('income', fc.constantFrom('employment-earnings', 'other'), fc.constantFrom(...adults), money(0, 2_000_00)),
    spec('disability', none, fc.constantFrom(...anyone), none),
    spec('special-diet-need', none, fc.constantFrom(...anyone), none),
    spec('child-care-need', fc.constant('babysitting'), fc.constantFrom('C1', 'C2'), none),
  );
}

const shelterArb: fc.Arbitrary<Spec> = fc.record({
  type: fc.constant('shelter'),
  subtype: fc.constantFrom('renting', 'homeowner', 'boarding'),
  personId: fc.constantFrom(null, 'A', 'B'),
  amount: fc.option(money(0, 1_200_00), { nil: null }),
  period: periodArb(false),
  approved: fc.constant(true),
  caseOf: caseOfArb,
});

/** Liquid assets around the limit: 3 × core benefits ($646 to about $2,500 a month here) + $10,000. */
const assetsArb: fc.Arbitrary<Spec> = fc.record({
  type: fc.constant('assets'),
  subtype: fc.constant(null),
  personId: fc.constantFrom(null, 'A', 'B'),
  amount: fc.oneof(money(11_000_00, 18_000_00), fc.constantFrom(cents(11_937_99), cents(11_938_00))),
  period: periodArb(false),
  approved: fc.constant(true),
  caseOf: caseOfArb,
});

export type Shape = 'partners' | 'separate' | 'meet' | 'relatives';
const LONG_AGO = Temporal.PlainDate.from('2010-01-01');

/** The relationship of A and B: partners all along, until a day, from a day, or never (relatives). */
const relationshipArb: fc.Arbitrary<{ shape: Shape; partnership: Period | null }> = fc.oneof(
  { arbitrary: fc.constant({ shape: 'partners' as const, partnership: { start: LONG_AGO, end: null } }), weight: 3 },
  {
    arbitrary: fc
      .integer({ min: 0, max: WINDOW_DAYS })
      .map((n) => ({ shape: 'separate' as const, partnership: { start: LONG_AGO, end: on(n) } })),
    weight: 2,
  },
  {
    arbitrary: fc.integer({ min: 0, max: WINDOW_DAYS }).map((n) => ({ shape: 'meet' as const, partnership: { start: on(n), end: null } })),
    weight: 2,
  },
  { arbitrary: fc.constant({ shape: 'relatives' as const, partnership: null }), weight: 2 },
);

export interface Household {
  a: Attendance;
  b: Attendance;
  shape: Shape;
  partnership: Period | null;
  children: readonly string[];
  evidence: readonly Evidence[];
}

const loadArb = weighted<Attendance['load']>(['full-time', 7], ['part-time', 3]);
export const householdArb: fc.Arbitrary<Household> = fc
  .record({
    a: trainingArb,
    b: trainingArb,
    aLoad: loadArb,
    bLoad: loadArb,
    relationship: relationshipArb,
    children: fc.integer({ min: 0, max: 2 }),
    evidence: fc.array(evidenceArb(), { maxLength: 3 }),
    shelter: fc.option(shelterArb, { nil: null, freq: 2 }),
    assets: fc.option(assetsArb, { nil: null, freq: 2 }),
  })
  .map(({ a, b, aLoad, bLoad, relationship, children, evidence, shelter, assets }) => {
    const kids = ['C1', 'C2'].slice(0, children);
    const specs = [...(shelter ? [shelter] : []), ...(assets ? [assets] : []), ...evidence].filter(
      (e) => e.personId === null || !e.personId.startsWith('C') || kids.includes(e.personId),
    );
    return {
      a: { personId: 'A', training: { start: a.start, end: a.end }, load: aLoad },
      b: { personId: 'B', training: { start: b.start, end: b.end }, load: bLoad },
      shape: relationship.shape,
      partnership: relationship.partnership,
      children: kids,
      evidence: specs.map((s, i) => ({ ...s, id: `ev-${i}`, label: `evidence ${i} (${s.type})` })),
    };
  });

export function snapshotOf(h: Household): HouseholdSnapshot {
  // Partners on some day of the month (the same test as calendar.overlaps, on ISO text: cheaper),
  // worked out once per month value (the engine asks with the same value for the same month).
  const known = new Map<PlainYearMonth, boolean>();
  const partnered = (month: PlainYearMonth) => {
    let answer = known.get(month);
    if (answer === undefined) known.set(month, (answer = partneredInKey(h, month.toString())));
    return answer;
  };
  return {
    learners: [h.a, h.b],
    // The children are A's dependants: in B's household only while B is A's partner.
    householdOf: (personId, month) =>
      partnered(month)
        ? { adults: ['A', 'B'], children: h.children }
        : { adults: [personId], children: personId === 'A' ? h.children : [] },
    partneredIn: partnered,
    evidence: h.evidence,
    rates,
    rules,
  };
}

/** Whether A and B are partners on some day of the month "YYYY-MM" (ISO text compares as dates). */
export function partneredInKey(h: Household, key: string): boolean {
  if (h.partnership === null) return false;
  const start = iso(h.partnership.start);
  const end = h.partnership.end ? iso(h.partnership.end) : '9999-12-31';
  return start <= `${key}-31` && end >= `${key}-01`;
}
