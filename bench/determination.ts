/**
 * Figure "determination": monthly determinations in memory. The value runs the domain's engine
 * (src/domain/benefits/engine, with the policy the app loads) over every learner case of a synthetic
 * population at once, as reassessment computes it for a case that is not coordinated, keeping every
 * component's provenance codes; the baseline is a hand-written loop doing the same arithmetic on
 * flat arrays built from the same population. Both are timed on their prepared columns (the
 * engine's batch, the loop's arrays); both return the number of learner-months and the sums of
 * needs and entitlements, which must agree.
 *
 * Figure "determination-explain": one case's 12 months rendered from the codes (the explanations
 * the API and UI show), warm, against determining those months (codes only) for the same case.
 */
import { Temporal } from 'temporal-polyfill';
import { toVersion } from '../src/app/benefits/snapshot.ts';
import type { HouseholdSnapshot } from '../src/domain/benefits/determine.ts';
import { Batch } from '../src/domain/benefits/engine/batch.ts';
import { Codes } from '../src/domain/benefits/engine/codes.ts';
import { Run } from '../src/domain/benefits/engine/engine.ts';
import { monthResultOf } from '../src/domain/benefits/engine/explain.ts';
import { monthAt } from '../src/domain/benefits/engine/months.ts';
import { rulesIn } from '../src/domain/benefits/engine/policy-cache.ts';
import { resolveEvidence } from '../src/domain/benefits/evidence-versions.ts';
import type { LearnerRules } from '../src/domain/benefits/policy.ts';
import { scholarshipExemptions } from '../src/domain/benefits/rules/scholarship-exemption.ts';
import { yearMonthKeyAt } from '../src/domain/calendar.ts';
import { householdsByMonth } from '../src/domain/people/households-by-month.ts';
import type { Relationship } from '../src/domain/people/relationships.ts';
import { type BenefitPolicy, loadBenefitPolicy } from '../src/policy/benefit-rates.ts';
import { type GenCase, type GenEvidence, type GenHousehold, type GenLearner, populationModel } from '../src/store/generate.ts';

export interface LearnerCase {
  readonly household: GenHousehold;
  readonly learnerCase: GenCase;
  readonly learner: GenLearner;
  /** Months of training, both ends' months included. */
  readonly months: number;
}

const ym = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;

/** The learner cases of the population, household by household, until they hold `learnerMonths` months. */
export function learnerCases(seed: number, learnerMonths: number): LearnerCase[] {
  const out: LearnerCase[] = [];
  let months = 0;
  for (const household of populationModel({ people: Number.MAX_SAFE_INTEGER, seed })) {
    for (const c of household.cases) {
      if (!c.learner) continue;
      const m = ym(c.learner.trainingEnd) - ym(c.learner.trainingStart) + 1;
      out.push({ household, learnerCase: c, learner: c.learner, months: m });
      months += m;
    }
    if (months >= learnerMonths) break;
  }
  return out;
}

export interface DeterminationTotals {
  readonly learners: number;
  readonly learnerMonths: number;
  readonly needsCents: number;
  readonly entitlementCents: number;
}

// ---------------------------------------------------------------------------------------------
// The value: the domain

const date = (iso: string) => Temporal.PlainDate.from(iso);

/** The snapshot reassessment builds for this case (src/app/benefits/snapshot.ts), from memory. */
export function snapshotOf(c: LearnerCase): Omit<HouseholdSnapshot, 'rates' | 'rules'> {
  const relationships: Relationship[] = c.household.relationships.map((r) => ({
    id: r.id,
    kind: r.kind,
    subtype: r.subtype,
    personId: r.personId,
    relatedPersonId: r.relatedPersonId,
    period: { start: date(r.startDate), end: null },
  }));
  const evidence = c.learner.evidence.flatMap((e) =>
    resolveEvidence([
      toVersion(
        {
          id: e.versionId,
          evidenceId: e.id,
          number: 1,
          kind: 'original',
          correctsVersionId: null,
          subtype: e.subtype,
          personId: e.personId,
          amountCents: e.amountCents,
          periodStart: e.periodStart,
          periodEnd: e.periodEnd,
          note: '',
          status: 'active',
          approval: 'not-required',
          approvalBy: null,
          approvalReason: null,
          createdBy: '',
          createdAt: new Date(0),
          appliedAt: null,
          appliedBy: null,
          version: 1,
        },
        e.type,
      ),
    ]),
  );
  return {
    learners: [
      {
        personId: c.learnerCase.personId,
        training: { start: date(c.learner.trainingStart), end: date(c.learner.trainingEnd) },
        load: c.learner.load,
      },
    ],
    // As pdcSnapshot: householdInMonth, worked out once per set of relationships touching a month.
    householdOf: householdsByMonth(relationships),
    partneredIn: () => false,
    evidence,
  };
}

/**
 * The learner cases as one engine batch: each case's household (its evidence), its learner, and
 * one row per training month with the household's composition then, case after case (each case's
 * months together, as the engine reads them best: engine/engine.ts). Each snapshot is dropped once
 * its columns are written; the months are the engine's shared month values (engine/months.ts), not
 * a new Temporal value per case and month (two million short-lived objects at 1,000,000
 * learner-months, which raised the peak memory); the learner rules of a month are the engine's
 * (policy-cache.ts `rulesIn`, asked once per month index: asking the effective-dated rules for
 * every row was over half of building the batch).
 */
export function engineBatch(cases: readonly LearnerCase[], policy: BenefitPolicy = loadBenefitPolicy()): Batch {
  const b = new Batch(policy.rates, policy.rules);
  b.reserveRows(cases.reduce((t, c) => t + c.months, 0));
  const learner = [0];
  cases.forEach((c, k) => {
    const s = snapshotOf(c);
    const a = s.learners[0]!;
    const h = b.household(s.evidence);
    const l = b.learner(a);
    const start = b.lStartMonth.a[l]!;
    const end = b.lEndMonth.a[l]!;
    if (end - start + 1 !== c.months) throw new Error(`case ${k}: the engine and the population disagree on its months`);
    learner[0] = l;
    const offsets = new Map<LearnerRules, number>();
    for (let m = start; m <= end; m++) {
      const month = monthAt(m);
      // The learner rules of the month as the engine keeps them (asked once per month index, not once per row).
      const rules = rulesIn(policy.rules, m);
      let offset = offsets.get(rules);
      if (offset === undefined) offsets.set(rules, (offset = b.exemptions(h, scholarshipExemptions(s.evidence, rules))));
      const members = s.householdOf(a.personId, month);
      b.row(h, m, members.adults.length, members.children.length, learner, offset);
    }
  });
  return b;
}

/** Every row of the batch determined at once, codes kept (in `codes` when given, as a batch job reuses its buffers); the totals. */
export function runEngine(b: Batch, rows = b.rows, codes?: Codes): DeterminationTotals {
  const run = new Run(b, codes);
  run.determine(0, rows);
  const { needs, entitlement } = run.codes;
  let needsSum = 0;
  let entitlementSum = 0;
  for (let r = 0; r < rows; r++) {
    needsSum += needs[r]!;
    entitlementSum += entitlement[r]!;
  }
  return { learners: b.households, learnerMonths: rows, needsCents: needsSum, entitlementCents: entitlementSum };
}

/** Codes for every row of the batch, to determine it into again and again. */
export const codesFor = (b: Batch) => new Codes(b.rows);

/** One case of 12 months or more: the ms to determine its months (codes only) and to explain 12 of them, warm (medians). */
export function explainOneCase(cases: readonly LearnerCase[], policy: BenefitPolicy = loadBenefitPolicy()) {
  const c = cases.find((x) => x.months >= 12 && x.learner.evidence.length >= 4) ?? cases.find((x) => x.months >= 12);
  if (!c) throw new Error('no learner case of 12 months in the population');
  const b = engineBatch([c], policy);
  const median = (f: () => void) => {
    const times: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t0 = performance.now();
      f();
      times.push(performance.now() - t0);
    }
    return times.sort((x, y) => x - y)[times.length >> 1]!;
  };
  const run = new Run(b);
  run.determine();
  let components = 0;
  const explainMs = median(() => {
    components = 0;
    for (let r = 0; r < 12; r++) components += monthResultOf(run, r, yearMonthKeyAt(b.rowMonth.a[r]!)).components.length;
  });
  const determineMs = median(() => new Run(b).determine());
  return { explainMs, determineMs, months: 12, components, evidence: c.learner.evidence.length };
}

// ---------------------------------------------------------------------------------------------
// The baseline: a hand-written loop over flat arrays

enum Kind {
  Shelter = 0,
  NeedAmount = 1,
  Earnings = 2,
  IncomeInFull = 3,
  Scholarship = 4,
  Assets = 5,
  Disability = 6,
  Babysitting = 7,
  SpecialDietNeed = 8,
}
const SHELTER_SUBTYPES = ['renting', 'homeowner', 'boarding'];

function kindOf(e: GenEvidence): Kind {
  switch (e.type) {
    case 'shelter':
      return Kind.Shelter;
    case 'child-care':
    case 'extraordinary-training-travel':
    case 'additional-shelter':
    case 'ncbs-replacement':
    case 'special-diet-benefit':
    case 'additional-health-benefits':
      return Kind.NeedAmount;
    case 'income':
      return e.subtype === 'scholarship' ? Kind.Scholarship : e.subtype === 'employment-earnings' ? Kind.Earnings : Kind.IncomeInFull;
    case 'assets':
      return Kind.Assets;
    case 'disability':
      return Kind.Disability;
    case 'child-care-need':
      return Kind.Babysitting;
    case 'special-diet-need':
      return Kind.SpecialDietNeed;
    default:
      throw new Error(`the hand-written loop does not know evidence type ${e.type}`);
  }
}

/** The population as flat typed arrays: one row per learner, and their evidence in CSR form. */
export interface FlatCases {
  readonly n: number;
  readonly startYm: Int32Array;
  readonly startDay: Int32Array;
  readonly endYm: Int32Array;
  readonly fullTime: Uint8Array;
  readonly adults: Int32Array;
  readonly children: Int32Array;
  /** Evidence of learner i: evFirst[i] .. evFirst[i + 1] - 1. */
  readonly evFirst: Int32Array;
  readonly evKind: Uint8Array;
  readonly evSub: Uint8Array;
  readonly evAmount: Float64Array;
  readonly evHasAmount: Uint8Array;
  readonly evFromYm: Int32Array;
  readonly evToYm: Int32Array;
  readonly evAboutLearner: Uint8Array;
  /** Exempt part of a scholarship (per person and academic year), worked out when the arrays are built. */
  readonly evExempt: Float64Array;
}

export function flatten(cases: readonly LearnerCase[], policy: BenefitPolicy = loadBenefitPolicy()): FlatCases {
  const n = cases.length;
  const total = cases.reduce((t, c) => t + c.learner.evidence.length, 0);
  const f = {
    n,
    startYm: new Int32Array(n),
    startDay: new Int32Array(n),
    endYm: new Int32Array(n),
    fullTime: new Uint8Array(n),
    adults: new Int32Array(n),
    children: new Int32Array(n),
    evFirst: new Int32Array(n + 1),
    evKind: new Uint8Array(total),
    evSub: new Uint8Array(total),
    evAmount: new Float64Array(total),
    evHasAmount: new Uint8Array(total),
    evFromYm: new Int32Array(total),
    evToYm: new Int32Array(total),
    evAboutLearner: new Uint8Array(total),
    evExempt: new Float64Array(total),
  };
  const rules = policy.rules(Temporal.PlainYearMonth.from('2025-01'));
  let k = 0;
  cases.forEach((c, i) => {
    f.startYm[i] = ym(c.learner.trainingStart);
    f.startDay[i] = Number(c.learner.trainingStart.slice(8, 10));
    f.endYm[i] = ym(c.learner.trainingEnd);
    f.fullTime[i] = c.learner.load === 'full-time' ? 1 : 0;
    // Relationships in this population start before 2025 and do not end: the household is the same every month.
    f.adults[i] = c.household.adults.length;
    f.children[i] = c.household.children.length;
    f.evFirst[i] = k;
    const usedExemption = new Map<string, number>();
    const ordered = [...c.learner.evidence].sort((a, b) =>
      a.periodStart < b.periodStart ? -1 : a.periodStart > b.periodStart ? 1 : a.id < b.id ? -1 : 1,
    );
    const exemptions = new Map<string, number>();
    for (const e of ordered) {
      if (e.type !== 'income' || e.subtype !== 'scholarship' || e.amountCents === null) continue;
      const y = Number(e.periodStart.slice(0, 4));
      const m = Number(e.periodStart.slice(5, 7));
      const key = `${e.personId ?? ''}|${m >= rules.academicYearStartsMonth ? y : y - 1}`;
      const left = Math.max(rules.scholarshipExemptionPerAcademicYear - (usedExemption.get(key) ?? 0), 0);
      const exempt = Math.min(e.amountCents, left);
      usedExemption.set(key, (usedExemption.get(key) ?? 0) + exempt);
      exemptions.set(e.id, exempt);
    }
    for (const e of c.learner.evidence) {
      f.evKind[k] = kindOf(e);
      f.evSub[k] = e.type === 'shelter' ? SHELTER_SUBTYPES.indexOf(e.subtype ?? '') : 0;
      f.evAmount[k] = e.amountCents ?? 0;
      f.evHasAmount[k] = e.amountCents === null ? 0 : 1;
      f.evFromYm[k] = ym(e.periodStart);
      f.evToYm[k] = e.periodEnd === null ? 2_147_483_647 : ym(e.periodEnd);
      f.evAboutLearner[k] = e.personId === c.learnerCase.personId ? 1 : 0;
      f.evExempt[k] = exemptions.get(e.id) ?? 0;
      k += 1;
    }
  });
  f.evFirst[n] = k;
  return f;
}

/** The rates and rules as plain numbers (one period covers 2025-2027 in the policy data). */
export function flatPolicy(policy: BenefitPolicy = loadBenefitPolicy()) {
  const month = Temporal.PlainYearMonth.from('2025-01');
  const rate = (table: string, key: string) => policy.rates(table, key, month).amount as number;
  const rules = policy.rules(month);
  return {
    coreEssential: [0, rate('core-essential', '1 adult'), rate('core-essential', '2 adults')],
    coreEssentialChild: rate('core-essential', 'each child'),
    shelter: SHELTER_SUBTYPES.map((s) => [0, rate('core-shelter', `${s}: 1 adult`), rate('core-shelter', `${s}: 2 adults`)]),
    shelterChild: SHELTER_SUBTYPES.map((s) => rate('core-shelter', `${s}: each child`)),
    handicap: rate('handicap-benefit', 'each eligible person'),
    specialDiet: rate('special-diet', 'each person'),
    babysitting: rate('child-care-babysitting', 'each child'),
    prorateAfterDay: rules.prorateCoreEssentialAfterDay,
    fullTimeEarningsExempt: rules.fullTimeEarningsExempt,
    assetMultiple: rules.liquidAssetMultipleOfCoreBenefits,
    assetAllowance: rules.liquidAssetAllowance as number,
  };
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (ymIndex: number) => {
  const y = Math.floor(ymIndex / 12);
  const m = ymIndex % 12;
  return m === 1 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS[m]!;
};

export function runLoop(f: FlatCases, p: ReturnType<typeof flatPolicy>): DeterminationTotals {
  let learnerMonths = 0;
  let needsSum = 0;
  let entitlementSum = 0;
  for (let i = 0; i < f.n; i++) {
    const adults = f.adults[i]!;
    const children = f.children[i]!;
    const first = f.evFirst[i]!;
    const last = f.evFirst[i + 1]!;
    const startYm = f.startYm[i]!;
    const endYm = f.endYm[i]!;
    for (let month = startYm; month <= endYm; month++) {
      // Core Essential, pro-rated in a first month that starts after the 10th (and is not also the last).
      let coreEssential = p.coreEssential[adults]! + children * p.coreEssentialChild;
      if (month === startYm && month !== endYm && f.startDay[i]! > p.prorateAfterDay) {
        const days = daysIn(month);
        const num = coreEssential * (days - f.startDay[i]! + 1);
        const q = Math.floor(num / days);
        coreEssential = 2 * (num - q * days) >= days ? q + 1 : q;
      }
      let coreShelter = 0;
      let disabled = 0;
      let babysat = 0;
      let dieting = 0;
      let needs = 0;
      let resources = 0;
      let assetsHeld = 0;
      let assetsCount = 0;
      for (let e = first; e < last; e++) {
        if (f.evFromYm[e]! > month || f.evToYm[e]! < month) continue;
        switch (f.evKind[e]) {
          case Kind.Shelter: {
            const sub = f.evSub[e]!;
            const rate = p.shelter[sub]![adults]! + children * p.shelterChild[sub]!;
            coreShelter = f.evHasAmount[e] && f.evAmount[e]! < rate ? f.evAmount[e]! : rate;
            break;
          }
          case Kind.NeedAmount:
            needs += f.evAmount[e]!;
            break;
          case Kind.Earnings:
            if (!(p.fullTimeEarningsExempt && f.evAboutLearner[e] && f.fullTime[i])) resources += f.evAmount[e]!;
            break;
          case Kind.IncomeInFull:
            resources += f.evAmount[e]!;
            break;
          case Kind.Scholarship: {
            // The countable part spread over the period's months, the first months taking the odd cents.
            const countable = f.evAmount[e]! - f.evExempt[e]!;
            const spread = f.evToYm[e]! - f.evFromYm[e]! + 1;
            const base = Math.floor(countable / spread);
            resources += base + (month - f.evFromYm[e]! < countable - base * spread ? 1 : 0);
            break;
          }
          case Kind.Assets:
            // An eligibility test in every month the assets are held (docs/policy/learner-benefits.md).
            assetsHeld += f.evAmount[e]!;
            assetsCount += 1;
            break;
          case Kind.Disability:
            disabled = 1;
            break;
          case Kind.Babysitting:
            babysat = 1;
            break;
          case Kind.SpecialDietNeed:
            dieting = 1;
            break;
        }
      }
      needs += coreEssential + coreShelter + disabled * p.handicap + dieting * p.specialDiet + babysat * p.babysitting;
      const limit = (coreEssential + coreShelter) * p.assetMultiple + p.assetAllowance;
      const eligible = assetsCount === 0 || assetsHeld < limit;
      const entitlement = eligible && needs > resources ? needs - resources : 0;
      learnerMonths += 1;
      needsSum += needs;
      entitlementSum += entitlement;
    }
  }
  return { learners: f.n, learnerMonths, needsCents: needsSum, entitlementCents: entitlementSum };
}
