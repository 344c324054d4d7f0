/**
 * A household's monthly determinations across its learners' training (DOMAIN.md "Benefits" and
 * "Two attending"): for every month a learner attends, their case's components and entitlement; in
 * two-attending months the household's month split by E04; and per month a reconciliation showing
 * learner A + learner B against the household, per benefit and in total.
 */
import { compareYearMonths, formatYearMonth, monthOf, monthsOf, overlaps, monthPeriod, type PlainYearMonth } from '../calendar.ts';
import { add, ZERO, type Money } from '../money.ts';
import type { MonthResult } from './components.ts';
import { evidenceType, basisOf, type Evidence } from './evidence.ts';
import { householdMonth, scholarshipExemptions, type Attendance } from './household-month.ts';
import type { LearnerRules, RateBook } from './policy.ts';
import { monthKeys, twoAttendingMonths } from '../two-attending/detection.ts';
import { orderLearners, partialExemptionAmount, splitMonth } from '../two-attending/split.ts';
import { splitInHalf } from '../money.ts';

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

const monthsOfTraining = (a: Attendance) => monthsOf({ start: a.training.start, end: a.training.end });
/** Whether the learner attends in the month (compared as months: no period is rebuilt). */
const attends = (a: Attendance, month: PlainYearMonth) =>
  compareYearMonths(monthOf(a.training.start), month) <= 0 && compareYearMonths(month, monthOf(a.training.end)) <= 0;

export function determineHousehold(snapshot: HouseholdSnapshot): HouseholdDetermination {
  const learners = snapshot.learners;
  const [a, b] = learners;
  if (!a || learners.length > 2) throw new RangeError('A household determination covers one or two learners.');
  const pair = b ? orderLearners(a, b) : null;
  const overlap = pair ? twoAttendingMonths(pair[0], pair[1], snapshot.partneredIn) : [];
  const overlapKeys = monthKeys(overlap);
  const allMonths = [...new Map(learners.flatMap(monthsOfTraining).map((m) => [formatYearMonth(m), m])).values()].sort(compareYearMonths);
  const firstTrainingMonth = allMonths[0]!;

  const perLearner = new Map<string, MonthResult[]>(learners.map((l) => [l.personId, []]));
  const reconciled: ReconciledMonth[] = [];

  // Scholarship exemptions depend on the evidence and the rules only: worked out once per rule set.
  const exemptionsByRules = new Map<LearnerRules, Map<string, Money>>();
  for (const month of allMonths) {
    const key = formatYearMonth(month);
    const rules = snapshot.rules(month);
    let exemptions = exemptionsByRules.get(rules);
    if (!exemptions) exemptionsByRules.set(rules, (exemptions = scholarshipExemptions(snapshot.evidence, rules)));
    const compute = (attending: readonly Attendance[], householdOf: string) => {
      const members = snapshot.householdOf(householdOf, month);
      return householdMonth({
        month,
        adults: members.adults,
        children: members.children,
        attending,
        firstTrainingMonth,
        evidence: snapshot.evidence,
        rates: snapshot.rates,
        rules,
        scholarshipExemptions: exemptions,
      });
    };
    const attendingNow = learners.filter((l) => attends(l, month));
    if (pair && overlapKeys.has(key)) {
      const household = compute(attendingNow, pair[0].personId);
      const split = splitMonth(household, pair[0].personId, pair[1].personId);
      perLearner.get(pair[0].personId)!.push(split.first);
      perLearner.get(pair[1].personId)!.push(split.second);
      reconciled.push(reconcile(household, [
        [pair[0].personId, split.first],
        [pair[1].personId, split.second],
      ]));
    } else {
      // One learner attends (or two who are not partners this month): each case is its own household's.
      for (const learner of attendingNow) {
        const own = compute([learner], learner.personId);
        perLearner.get(learner.personId)!.push(own);
        if (attendingNow.length === 1) reconciled.push(reconcile(own, [[learner.personId, own]]));
      }
    }
  }

  return {
    learners: learners.map((l) => ({ personId: l.personId, months: perLearner.get(l.personId)!, evidence: appliedEvidence(snapshot, l, pair, overlap) })),
    twoAttending: pair && overlap.length > 0 ? { first: pair[0].personId, second: pair[1].personId, months: overlap.map(formatYearMonth) } : null,
    household: reconciled,
  };
}

function reconcile(household: MonthResult, cases: readonly (readonly [string, MonthResult])[]): ReconciledMonth {
  const byCode: Record<string, { byLearner: Record<string, Money>; total: Money }> = {};
  for (const c of household.components) {
    byCode[c.code] ??= { byLearner: Object.fromEntries(cases.map(([id]) => [id, ZERO])), total: ZERO };
    byCode[c.code]!.total = add(byCode[c.code]!.total, c.amount);
  }
  for (const [id, result] of cases) {
    for (const c of result.components) {
      // An adjustment belongs to the benefit it adjusts: the case's net share of that benefit.
      const code = c.adjusts ?? c.code;
      byCode[code] ??= { byLearner: Object.fromEntries(cases.map(([other]) => [other, ZERO])), total: ZERO };
      byCode[code]!.byLearner[id] = add(byCode[code]!.byLearner[id] ?? ZERO, c.amount);
    }
  }
  const learnersTotal = cases.reduce((acc, [, r]) => add(acc, r.entitlement), ZERO);
  return { month: household.month, household, byCode, balanced: learnersTotal === household.entitlement };
}

/** Each learner's evidence as applied to their case (SCENARIOS.md `evidence`), so the E04 figures are visible. */
function appliedEvidence(snapshot: HouseholdSnapshot, learner: Attendance, pair: readonly [Attendance, Attendance] | null, overlap: readonly PlainYearMonth[]): AppliedEvidence[] {
  const training = { start: learner.training.start, end: learner.training.end };
  const share = pair ? (pair[0].personId === learner.personId ? 'first' : 'second') : null;
  const other = pair ? (share === 'first' ? pair[1].personId : pair[0].personId) : null;
  const overlapPeriod = overlap.length ? { start: monthPeriod(overlap[0]!).start, end: monthPeriod(overlap.at(-1)!).end } : null;
  const exemptions = scholarshipExemptions(snapshot.evidence, snapshot.rules(monthsOf(training)[0]!));
  const out: AppliedEvidence[] = [];
  for (const e of snapshot.evidence) {
    const type = evidenceType(e.type);
    if (!type || !overlaps(e.period, training)) continue;
    const split = share !== null && overlapPeriod !== null && overlaps(e.period, overlapPeriod) && type.splitsWhenTwoAttend(e.subtype);
    if (!split) {
      if (share !== null && !type.splitsWhenTwoAttend(e.subtype) && type.role !== 'fact') {
        const mine = e.personId === learner.personId || (e.personId !== other && share === 'first');
        if (!mine) continue;
      }
      out.push({ evidenceId: e.id, type: e.type, subtype: e.subtype, amount: e.amount, rule: pair && type.role !== 'fact' ? `E04.01: not split (${type.rule})` : `${type.label} as entered` });
      continue;
    }
    if (basisOf(type, e.subtype) === 'period-total' && e.amount !== null) {
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

