/**
 * A household's monthly determinations across its learners' training (docs/policy/learner-benefits.md,
 * docs/policy/e04-two-attending.md): for every month a learner attends, their case's components and
 * entitlement, and per household and month a reconciliation of the cases against the household, per
 * benefit and in total. Each month of two learners has one of these shapes:
 *
 * - two attending (partners, both attend full-time): the household's month split by E04;
 * - partners who both attend but not two attending (one part-time; or, when the policy asks for it,
 *   trainings that share no day in the month): one household, paid once, on one case (the full-time
 *   learner's, else the first learner's); the other case's month says so and pays nothing;
 * - partners, one attends: that learner's household, without the other learner's own evidence;
 * - not partners: two households, each case its own, each reading only its household's evidence
 *   (whose-evidence.ts); evidence that could belong to either is refused (AmbiguousEvidenceError).
 */
import { type PlainYearMonth, yearMonthKeyAt } from '../calendar.ts';
import { add, type Money, ZERO } from '../money.ts';
import { twoAttendingMonthIndices } from '../two-attending/detection.ts';
import { orderLearners, splitMonth } from '../two-attending/split.ts';
import { appliedEvidence, type EvidenceRecord, type MonthRead } from './applied-evidence.ts';
import { type MonthResult, netByBenefit } from './components.ts';
import { Batch, NEVER } from './engine/batch.ts';
import { Run } from './engine/engine.ts';
import { monthResultOf } from './engine/explain.ts';
import { monthAt } from './engine/months.ts';
import type { Evidence } from './evidence.ts';
import { type Attendance, monthResult } from './household-month.ts';
import type { LearnerRules, RateBook } from './policy.ts';
import { scholarshipExemptions } from './rules/scholarship-exemption.ts';
import { AmbiguousEvidenceError, countsOnCase } from './whose-evidence.ts';

export interface HouseholdSnapshot {
  /** One learner, or two learners (partners in some months, or never: siblings, ex-partners). */
  readonly learners: readonly Attendance[];
  /** The household of a learner in a month: adults (the learner and a partner then) and dependants. */
  readonly householdOf: (
    personId: string,
    month: PlainYearMonth,
  ) => { readonly adults: readonly string[]; readonly children: readonly string[] };
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
  /** applied: it counts on this case; waiting: Director Approval awaiting a specialist's approval. */
  readonly status: 'applied' | 'waiting';
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

/** One learner's case while it is worked out. */
interface CaseState {
  /** The learner's index in the batch. */
  readonly learner: number;
  readonly attendance: Attendance;
  readonly id: string;
  readonly months: MonthResult[];
  /** How the case read the evidence in each month it attends. */
  readonly reads: MonthRead[];
}

/** Whether two trainings share a day in the month (detection.ts `trainingDaysMeetIn`, on ordinals). */
function trainingDaysMeet(b: Batch, x: number, y: number, index: number): boolean {
  const month = ((index % 12) + 12) % 12;
  const base = ((index - month) / 12) * 10_000 + (month + 1) * 100;
  return Math.max(b.lStartOrdinal.a[x]!, b.lStartOrdinal.a[y]!, base + 1) <= Math.min(b.lEndOrdinal.a[x]!, b.lEndOrdinal.a[y]!, base + 31);
}

/** Where the zero line on the partner's case (the household's month is paid on the other case) comes from. */
const NOT_TWO_ATTENDING_SOURCE = 'docs/policy/e04-two-attending.md "Not two attending"';

/** The household's evidence as applied-evidence.ts reads it, from the batch's columns. */
function recordsOf(b: Batch, h: number): EvidenceRecord[] {
  const out: EvidenceRecord[] = [];
  for (let i = b.hhEvStart.a[h]!, end = b.hhEvEnd.a[h]!; i < end; i++) {
    const first = b.evFirst.a[i]!;
    const last = b.evLast.a[i]!;
    out.push({
      evidence: b.evidence[i]!,
      type: b.evType[i],
      first: first === NEVER ? Infinity : first,
      last: last === NEVER ? Infinity : last,
      splits: b.evSplits.a[i] === 1,
      periodTotal: b.evPeriodTotal.a[i] === 1,
    });
  }
  return out;
}

export function determineHousehold(snapshot: HouseholdSnapshot): HouseholdDetermination {
  const learners = snapshot.learners;
  const [a, b] = learners;
  if (!a || learners.length > 2) throw new RangeError('A household determination covers one or two learners.');
  const pair = b ? orderLearners(a, b) : null;
  const batch = new Batch(snapshot.rates, snapshot.rules);
  const run = new Run(batch);
  const rulesAt = (index: number) => run.month(index).rules;
  const daysMeetRequired = (index: number) => rulesAt(index).twoAttendingMonth === 'training-days-meet';
  const overlap = pair ? twoAttendingMonthIndices(pair[0], pair[1], snapshot.partneredIn, daysMeetRequired) : [];
  const overlapSet = new Set(overlap);
  const attending = learners.map((l) => batch.learner(l));
  const starts = (l: number) => batch.lStartMonth.a[l]!;
  const ends = (l: number) => batch.lEndMonth.a[l]!;
  // Every month in which a learner attends, in order: firstMonth..lastMonth, less any gap between two trainings.
  let firstMonth = Infinity;
  let lastMonth = -Infinity;
  for (const l of attending) {
    if (starts(l) > ends(l)) continue;
    firstMonth = Math.min(firstMonth, starts(l));
    lastMonth = Math.max(lastMonth, ends(l));
  }

  const household = batch.household(snapshot.evidence);
  const records = recordsOf(batch, household);
  const cases: CaseState[] = attending.map((l, i) => ({
    learner: l,
    attendance: learners[i]!,
    id: learners[i]!.personId,
    months: [],
    reads: [],
  }));
  const caseOf = (learner: Attendance) => cases.find((c) => c.attendance === learner)!;
  const [first, second] = pair ? [caseOf(pair[0]), caseOf(pair[1])] : [];
  const reconciled: ReconciledMonth[] = [];

  // Scholarship exemptions depend on the evidence and the rules only: worked out once per rule set.
  const exemptionsByRules = new Map<LearnerRules, Map<string, Money>>();
  const exemptionsFor = (rules: LearnerRules) => {
    let exemptions = exemptionsByRules.get(rules);
    if (!exemptions) exemptionsByRules.set(rules, (exemptions = scholarshipExemptions(snapshot.evidence, rules)));
    return exemptions;
  };
  const offsets = new Map<LearnerRules, Map<number, number>>();
  const exemptionOffset = (h: number, rules: LearnerRules) => {
    let byHousehold = offsets.get(rules);
    if (!byHousehold) offsets.set(rules, (byHousehold = new Map()));
    let offset = byHousehold.get(h);
    if (offset === undefined) byHousehold.set(h, (offset = batch.exemptions(h, exemptionsFor(rules))));
    return offset;
  };
  // A case's view of the evidence in a month of two learners: one household of the batch per set of records it counts.
  const views = new Map<string, number>();
  const viewOf = (
    c: CaseState,
    other: string,
    index: number,
    key: string,
    partnered: boolean,
  ): { household: number; mask: string | null } => {
    const month = monthAt(index);
    const members = new Map<string, ReturnType<HouseholdSnapshot['householdOf']>>();
    const inHousehold = (learner: string, person: string) => {
      let h = members.get(learner);
      if (!h) members.set(learner, (h = snapshot.householdOf(learner, month)));
      return h.adults.includes(person) || h.children.includes(person);
    };
    let mask = '';
    let all = true;
    for (const r of records) {
      // A record not in force this month counts nowhere this month, whoever it belongs to.
      if (!(r.first <= index && index <= r.last)) {
        mask += '1';
        continue;
      }
      const counts = countsOnCase(r.evidence, { self: c.id, other, partnered, inHousehold });
      if (counts === 'ambiguous') throw new AmbiguousEvidenceError(r.evidence.id, key, [c.id, other]);
      mask += counts ? '1' : '0';
      if (!counts) all = false;
    }
    if (all) return { household, mask: null };
    let view = views.get(mask);
    if (view === undefined) views.set(mask, (view = batch.household(records.filter((_, i) => mask[i] === '1').map((r) => r.evidence))));
    return { household: view, mask };
  };
  /** The household `h` of `personId` in the month, for the learners attending then. */
  const computeMonth = (h: number, index: number, key: string, learnersThen: readonly number[], personId: string): MonthResult => {
    const members = snapshot.householdOf(personId, monthAt(index));
    const rules = rulesAt(index);
    const row = batch.row(h, index, members.adults.length, members.children.length, learnersThen, exemptionOffset(h, rules));
    run.determine();
    return monthResultOf(run, row, key);
  };
  const reconcileAlone = (c: CaseState, key: string, result: MonthResult) => {
    const byLearner = [[c.id, result]] as const;
    reconciled.push({ month: key, household: result, byCode: byCodeOf(result, byLearner), balanced: balanced(result, byLearner) });
  };

  for (let index = firstMonth; index <= lastMonth; index++) {
    const aAttends = starts(attending[0]!) <= index && index <= ends(attending[0]!);
    const bAttends = attending.length > 1 && starts(attending[1]!) <= index && index <= ends(attending[1]!);
    if (!aAttends && !bAttends) continue;
    const key = yearMonthKeyAt(index);
    if (!first || !second) {
      // One learner: the case is the household's.
      const c = cases[0]!;
      const result = computeMonth(household, index, key, [c.learner], c.id);
      c.months.push(result);
      c.reads.push({ index, key, split: false, note: null, mask: null });
      reconcileAlone(c, key, result);
      continue;
    }
    const partnered = snapshot.partneredIn(monthAt(index));
    if (partnered && aAttends && bAttends) {
      const whole = computeMonth(household, index, key, attending, first.id);
      if (overlapSet.has(index)) {
        // E04: the household's month, split between the two cases.
        for (const c of [first, second]) c.reads.push({ index, key, split: true, note: null, mask: null });
        const daysMeet = trainingDaysMeet(batch, first.learner, second.learner, index);
        const note = daysMeet
          ? ''
          : "; both attend this month though their training days do not meet: a two-attending month by Waypoint's reading (learner rules: twoAttendingMonth, docs/policy/e04-two-attending.md)";
        const halves = splitMonth(whole, first.id, second.id, note);
        const byLearner = [
          [first.id, halves.first],
          [second.id, halves.second],
        ] as const;
        first.months.push(halves.first);
        second.months.push(halves.second);
        reconciled.push({ month: key, household: whole, byCode: byCodeOf(whole, byLearner), balanced: balanced(whole, byLearner) });
        continue;
      }
      // Partners who both attend, not two attending: one household, paid once, on one case.
      const partTime = [first, second].filter((c) => c.attendance.load !== 'full-time').map((c) => c.id);
      const carrier = partTime.length === 1 ? (partTime[0] === first.id ? second : first) : first;
      const other = carrier === first ? second : first;
      const reason =
        partTime.length > 0
          ? `${partTime.join(' and ')} attend${partTime.length === 1 ? 's' : ''} part-time: two attending needs two full-time learners`
          : 'the two trainings share no day this month (learner rules: twoAttendingMonth is training-days-meet)';
      const note: MonthResult = monthResult(key, {
        components: [
          {
            code: 'household-on-partner-case',
            kind: 'need',
            amount: ZERO,
            rule: `Not two attending: ${reason}; the household's month is paid once, on ${carrier.id}'s case`,
            source: NOT_TWO_ATTENDING_SOURCE,
            splits: false,
          },
        ],
        needs: ZERO,
        countableResources: ZERO,
        entitlement: ZERO,
      });
      carrier.months.push(whole);
      other.months.push(note);
      carrier.reads.push({ index, key, split: false, note: `not two attending: ${reason}`, mask: null });
      other.reads.push({
        index,
        key,
        split: false,
        note: `not two attending: ${reason}; the household's month is on ${carrier.id}'s case`,
        mask: '',
      });
      const byLearner = [
        [carrier.id, whole],
        [other.id, note],
      ] as const;
      reconciled.push({ month: key, household: whole, byCode: byCodeOf(whole, byLearner), balanced: balanced(whole, byLearner) });
      continue;
    }
    // Partners with one attending, or not partners: each attending case is its own household's.
    for (let i = 0; i < cases.length; i++) {
      if (!(i === 0 ? aAttends : bAttends)) continue;
      const c = cases[i]!;
      const other = cases[1 - i]!.id;
      const view = viewOf(c, other, index, key, partnered);
      const result = computeMonth(view.household, index, key, [c.learner], c.id);
      c.months.push(result);
      c.reads.push({
        index,
        key,
        split: false,
        note: partnered ? `${other} does not attend then` : `${c.id} and ${other} are not partners then: two households`,
        mask: view.mask,
      });
      reconcileAlone(c, key, result);
    }
  }

  return {
    learners: cases.map((c) => {
      const other = cases.find((o) => o !== c)?.id ?? null;
      // The rules of the training's first month.
      const exemptions = exemptionsFor(rulesAt(starts(c.learner)));
      return {
        personId: c.id,
        months: c.months,
        evidence: appliedEvidence({
          evidence: { all: records },
          self: c.id,
          other,
          twoAttending: overlap.length > 0,
          months: c.months,
          reads: c.reads,
          exemptions,
        }),
      };
    }),
    twoAttending:
      pair && overlap.length > 0 ? { first: pair[0].personId, second: pair[1].personId, months: overlap.map(yearMonthKeyAt) } : null,
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
    for (const [code, amount] of Object.entries(netByBenefit(result.components))) {
      const entry = (byCode[code] ??= { byLearner: zeroes(cases), total: ZERO });
      entry.byLearner[id] = amount;
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

/** Per month, every household paid that month added together (two in a month the learners are two households). */
export interface MonthTotal {
  readonly month: string;
  readonly entitlement: Money;
  readonly totals: Readonly<Record<string, Money>>;
}

export function totalsByMonth(reconciled: readonly ReconciledMonth[]): MonthTotal[] {
  const byMonth = new Map<string, { month: string; entitlement: Money; totals: Record<string, Money> }>();
  for (const r of reconciled) {
    let t = byMonth.get(r.month);
    if (!t) byMonth.set(r.month, (t = { month: r.month, entitlement: ZERO, totals: {} }));
    t.entitlement = add(t.entitlement, r.household.entitlement);
    for (const [code, { total }] of Object.entries(r.byCode)) t.totals[code] = add(t.totals[code] ?? ZERO, total);
  }
  return [...byMonth.values()];
}
