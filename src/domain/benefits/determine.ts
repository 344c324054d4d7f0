/**
 * A household's monthly determinations across its learners' training (DOMAIN.md "Benefits" and
 * "Two attending"): for every month a learner attends, their case's components and entitlement; in
 * two-attending months the household's month split by E04; and per month a reconciliation showing
 * learner A + learner B against the household, per benefit and in total.
 */
import { dateOrdinal, monthsOf, yearMonthAt, yearMonthKeyAt, type PlainYearMonth } from '../calendar.ts';
import { add, splitInHalf, ZERO, type Money } from '../money.ts';
import type { Component, MonthResult } from './components.ts';
import { compileEvidence, type CompiledEvidence } from './compiled-evidence.ts';
import type { Evidence } from './evidence.ts';
import { attendingLearner, monthComponents, monthResult, scholarshipExemptionsOf, type Attendance, type AttendingLearner, type ComponentList, type HouseholdMonthOf } from './household-month.ts';
import type { LearnerRules, RateBook } from './policy.ts';
import { rateCacheOf, rulesByIndex, type RateCache } from './rate-cache.ts';
import { twoAttendingMonthIndices } from '../two-attending/detection.ts';
import { orderLearners, partialExemptionAmount, splitMonth } from '../two-attending/split.ts';

export interface HouseholdSnapshot {
  /** One learner, or two partners who may both attend. */
  readonly learners: readonly Attendance[];
  /** The household of a learner in a month: adults (the learner and a partner then) and dependants. */
  readonly householdOf: (personId: string, month: PlainYearMonth) => { readonly adults: readonly string[]; readonly children: readonly string[] };
  /** Whether the two learners are partners in a month. */
  readonly partneredIn: (month: PlainYearMonth) => boolean;
  readonly evidence: readonly Evidence[];
  readonly rates: RateBook;
  readonly rules: (month: PlainYearMonth) => LearnerRules;
}

export interface AppliedEvidence {
  readonly evidenceId: string;
  readonly type: string;
  readonly subtype: string | null;
  readonly amount: Money | null;
  readonly rule: string;
}

export interface LearnerDetermination {
  readonly personId: string;
  readonly months: readonly MonthResult[];
  readonly evidence: readonly AppliedEvidence[];
}

export interface ReconciledMonth {
  readonly month: string;
  readonly household: MonthResult;
  /** Per component code: what each learner's case has, and the household total. */
  readonly byCode: Readonly<Record<string, { readonly byLearner: Readonly<Record<string, Money>>; readonly total: Money }>>;
  /** The learners' entitlements add up to the household entitlement, once. */
  readonly balanced: boolean;
}

export interface HouseholdDetermination {
  readonly learners: readonly LearnerDetermination[];
  readonly twoAttending: { readonly first: string; readonly second: string; readonly months: readonly string[] } | null;
  readonly household: readonly ReconciledMonth[];
}

type ByCode = ReconciledMonth['byCode'];

/** A run of months computed for one household (a learner's own, or the two learners' together). */
interface Stream {
  /** The household's components last month: kept when this month's are the same. */
  list: ComponentList | null;
  /** The reconciliation of `list` as a single learner's case, once worked out. */
  single: { readonly list: ComponentList; readonly byCode: ByCode; readonly balanced: boolean } | null;
}

/** A two-attending month split, kept while the household's components stay the same. */
interface SplitMonths {
  readonly list: ComponentList;
  readonly first: MonthResult;
  readonly second: MonthResult;
  readonly byCode: ByCode;
  readonly balanced: boolean;
}

/** What every month of one determination reads. */
interface Determination {
  readonly snapshot: HouseholdSnapshot;
  readonly evidence: CompiledEvidence;
  readonly rates: RateCache;
  readonly firstMonth: number;
}

/** The household of `personId` in the month, for the learners attending then. */
function computeMonth(d: Determination, index: number, rules: LearnerRules, exemptions: ReadonlyMap<string, Money>, attending: readonly AttendingLearner[], personId: string, stream: Stream): ComponentList {
  const members = d.snapshot.householdOf(personId, yearMonthAt(index));
  const month: HouseholdMonthOf = {
    index,
    adults: members.adults.length,
    children: members.children.length,
    attending,
    firstTrainingIndex: d.firstMonth,
    rates: d.rates,
    rules,
    scholarshipExemptions: exemptions,
  };
  return (stream.list = monthComponents(d.evidence, month, stream.list));
}

export function determineHousehold(snapshot: HouseholdSnapshot): HouseholdDetermination {
  const learners = snapshot.learners;
  const [a, b] = learners;
  if (!a || learners.length > 2) throw new RangeError('A household determination covers one or two learners.');
  const pair = b ? orderLearners(a, b) : null;
  const overlap = pair ? twoAttendingMonthIndices(pair[0], pair[1], snapshot.partneredIn) : [];
  const overlapSet = new Set(overlap);
  const attending = learners.map(attendingLearner);
  // Every month in which a learner attends, in order: firstMonth..lastMonth, less any gap between two trainings.
  let firstMonth = Infinity;
  let lastMonth = -Infinity;
  for (const l of attending) {
    if (l.startMonth > l.endMonth) continue;
    firstMonth = Math.min(firstMonth, l.startMonth);
    lastMonth = Math.max(lastMonth, l.endMonth);
  }

  const evidence = compileEvidence(snapshot.evidence);
  const d: Determination = { snapshot, evidence, rates: rateCacheOf(snapshot.rates), firstMonth };
  const rulesAt = rulesByIndex(snapshot.rules);
  // Each learner's months (one list per person id, as the result reports them).
  const monthsByPerson = new Map<string, MonthResult[]>(learners.map((l) => [l.personId, []]));
  const cases = attending.map((learner) => ({ learner, alone: [learner], months: monthsByPerson.get(learner.attendance.personId)!, stream: { list: null, single: null } as Stream }));
  const caseOf = (learner: Attendance) => cases.find((c) => c.learner.attendance === learner)!;
  const [first, second] = pair ? [caseOf(pair[0]), caseOf(pair[1])] : [];
  const together: Stream = { list: null, single: null };
  let split = null as SplitMonths | null;
  const reconciled: ReconciledMonth[] = [];

  // Scholarship exemptions depend on the evidence and the rules only: worked out once per rule set.
  const exemptionsByRules = new Map<LearnerRules, Map<string, Money>>();
  const exemptionsFor = (rules: LearnerRules) => {
    let exemptions = exemptionsByRules.get(rules);
    if (!exemptions) exemptionsByRules.set(rules, (exemptions = scholarshipExemptionsOf(evidence, rules)));
    return exemptions;
  };
  for (let index = firstMonth; index <= lastMonth; index++) {
    const aAttends = attending[0]!.startMonth <= index && index <= attending[0]!.endMonth;
    const bAttends = attending.length > 1 && attending[1]!.startMonth <= index && index <= attending[1]!.endMonth;
    if (!aAttends && !bAttends) continue;
    const key = yearMonthKeyAt(index);
    const rules = rulesAt(index);
    const exemptions = exemptionsFor(rules);
    if (first && second && overlapSet.has(index)) {
      // E04: the household's month, split between the two cases.
      const list = computeMonth(d, index, rules, exemptions, attending, first.learner.attendance.personId, together);
      if (split?.list !== list) {
        const household = monthResult(key, list);
        const halves = splitMonth(household, first.learner.attendance.personId, second.learner.attendance.personId);
        const byLearner = [
          [first.learner.attendance.personId, halves.first],
          [second.learner.attendance.personId, halves.second],
        ] as const;
        split = { list, first: halves.first, second: halves.second, byCode: byCodeOf(household, byLearner), balanced: balanced(household, byLearner) };
        first.months.push(halves.first);
        second.months.push(halves.second);
        reconciled.push({ month: key, household, byCode: split.byCode, balanced: split.balanced });
      } else {
        // The same household components as last month: the same split, this month.
        first.months.push({ ...split.first, month: key });
        second.months.push({ ...split.second, month: key });
        reconciled.push({ month: key, household: monthResult(key, list), byCode: split.byCode, balanced: split.balanced });
      }
      continue;
    }
    // One learner attends (or two who are not partners this month): each case is its own household's.
    for (let i = 0; i < cases.length; i++) {
      if (!(i === 0 ? aAttends : bAttends)) continue;
      const c = cases[i]!;
      const id = c.learner.attendance.personId;
      const list = computeMonth(d, index, rules, exemptions, c.alone, id, c.stream);
      const result = monthResult(key, list);
      c.months.push(result);
      if (aAttends !== bAttends) {
        if (c.stream.single?.list !== list) {
          const byLearner = [[id, result]] as const;
          c.stream.single = { list, byCode: byCodeOf(result, byLearner), balanced: balanced(result, byLearner) };
        }
        reconciled.push({ month: key, household: result, byCode: c.stream.single.byCode, balanced: c.stream.single.balanced });
      }
    }
  }

  return {
    learners: cases.map((c) => ({ personId: c.learner.attendance.personId, months: c.months, evidence: appliedEvidence(snapshot, evidence, c.learner, pair, overlap, rulesAt, exemptionsFor) })),
    twoAttending: pair && overlap.length > 0 ? { first: pair[0].personId, second: pair[1].personId, months: overlap.map(yearMonthKeyAt) } : null,
    household: reconciled,
  };
}

/** Per component code: what each learner's case has, and the household total. */
function byCodeOf(household: MonthResult, cases: readonly (readonly [string, MonthResult])[]): ByCode {
  const byCode: Record<string, { byLearner: Record<string, Money>; total: Money }> = {};
  for (const c of household.components) {
    const entry = (byCode[c.code] ??= { byLearner: zeroes(cases), total: ZERO });
    entry.total = add(entry.total, c.amount);
  }
  for (const [id, result] of cases) {
    for (const c of result.components) {
      // An adjustment belongs to the benefit it adjusts: the case's net share of that benefit.
      const entry = (byCode[c.adjusts ?? c.code] ??= { byLearner: zeroes(cases), total: ZERO });
      entry.byLearner[id] = add(entry.byLearner[id] ?? ZERO, c.amount);
    }
  }
  return byCode;
}

function zeroes(cases: readonly (readonly [string, MonthResult])[]): Record<string, Money> {
  const byLearner: Record<string, Money> = {};
  for (const [id] of cases) byLearner[id] = ZERO;
  return byLearner;
}

/** The learners' entitlements add up to the household entitlement, once. */
const balanced = (household: MonthResult, cases: readonly (readonly [string, MonthResult])[]) =>
  cases.reduce((acc, [, r]) => add(acc, r.entitlement), ZERO) === household.entitlement;

/** Each learner's evidence as applied to their case (SCENARIOS.md `evidence`), so the E04 figures are visible. */
function appliedEvidence(
  snapshot: HouseholdSnapshot,
  evidence: CompiledEvidence,
  learner: AttendingLearner,
  pair: readonly [Attendance, Attendance] | null,
  overlap: readonly number[],
  rulesAt: (index: number) => LearnerRules,
  exemptionsFor: (rules: LearnerRules) => ReadonlyMap<string, Money>,
): AppliedEvidence[] {
  const self = learner.attendance;
  const trainingStart = learner.startOrdinal;
  const trainingEnd = dateOrdinal(self.training.end);
  const share = pair ? (pair[0].personId === self.personId ? 'first' : 'second') : null;
  const other = pair ? (share === 'first' ? pair[1].personId : pair[0].personId) : null;
  // The two-attending months, first to last (whole months).
  const overlapFirst = overlap.length ? overlap[0]! : null;
  const overlapLast = overlap.length ? overlap.at(-1)! : null;
  // The rules of the training's first month (a training with no months asks for those of none, as it always has).
  const rules = learner.startMonth <= learner.endMonth ? rulesAt(learner.startMonth) : snapshot.rules(monthsOf(self.training)[0]!);
  const exemptions = exemptionsFor(rules);
  const out: AppliedEvidence[] = [];
  for (const r of evidence.all) {
    const { evidence: e, type } = r;
    // Evidence of a known type whose period shares a day with the training.
    if (!type || Math.max(r.startOrdinal, trainingStart) > Math.min(r.endOrdinal, trainingEnd)) continue;
    const inOverlap = overlapFirst !== null && r.first <= overlapLast! && r.last >= overlapFirst;
    const split = share !== null && inOverlap && r.splits;
    if (!split) {
      if (share !== null && !r.splits && type.role !== 'fact') {
        const mine = e.personId === self.personId || (e.personId !== other && share === 'first');
        if (!mine) continue;
      }
      out.push({ evidenceId: e.id, type: e.type, subtype: e.subtype, amount: e.amount, rule: pair && type.role !== 'fact' ? `E04.01: not split (${type.rule})` : `${type.label} as entered` });
      continue;
    }
    if (r.periodTotal && e.amount !== null) {
      const exemption = exemptions.get(e.id) ?? ZERO;
      out.push({
        evidenceId: e.id,
        type: e.type,
        subtype: e.subtype,
        amount: partialExemptionAmount(e.amount, exemption, share!),
        rule: 'E04 partial exemption: (actual - exemption) / 2 + exemption',
      });
    } else {
      out.push({
        evidenceId: e.id,
        type: e.type,
        subtype: e.subtype,
        amount: e.amount === null ? null : splitInHalf(e.amount)[share === 'first' ? 0 : 1],
        rule: `E04.01 Manually Entered Evidence: exactly half in the two-attending months (${type.rule})`,
      });
    }
  }
  return out;
}

