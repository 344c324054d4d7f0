/**
 * The engine's input as columns: households (their evidence, grouped as the rules read it),
 * learners, and household-months (rows). Months are integer indices (calendar.ts `monthIndex`),
 * dates are ordinals (`dateOrdinal`), money is integer cents in Float64Array (exact up to 2^53).
 * A batch belongs to one run; the rules only read it.
 */
import { dateOrdinal, monthIndexOfOrdinal, type PlainYearMonth } from '../../calendar.ts';
import type { Money } from '../../money.ts';
import { basisOf, type Evidence, type EvidenceTypeDef, evidenceType } from '../evidence.ts';
import type { Attendance } from '../household-month.ts';
import type { LearnerRules, RateBook, RateRow } from '../policy.ts';
import { MAX_MEMBERS } from './codes.ts';
import { bytes, floats, ints } from './growable.ts';
import { NEVER } from './months.ts';
import { answersOf, type BookAnswers, composition, MAX_ADULTS } from './policy-cache.ts';

/** Evidence groups of a household, in the order the rules read them. */
export enum Group {
  /** Shelter records, the latest to start first, then by id (the home at the end of a month of a move decides). */
  Shelters = 0,
  Disability = 1,
  SpecialDietNeed = 2,
  Babysitting = 3,
  /** Approved need evidence, in the order given. */
  Needs = 4,
  /** Approved resources other than assets, in the order given. */
  Resources = 5,
  /** Approved assets, by id. */
  Assets = 6,
}
export const GROUPS = 7;
/** A month index no record reaches (months.ts; imported from here by the rules). */
export { NEVER };
export class Batch {
  // Evidence (every household's, one after another).
  readonly evidence: Evidence[] = [];
  readonly evType: (EvidenceTypeDef | undefined)[] = [];
  readonly evFirst = ints();
  readonly evLast = ints();
  readonly evAmount = floats();
  readonly evHasAmount = bytes();
  /** Interned person id; -1 for none. */
  readonly evPerson = ints();
  readonly evSplits = bytes();
  readonly evPeriodTotal = bytes();
  readonly evEarnings = bytes();
  /** Core Shelter composition of a shelter record with a subtype; -1 otherwise. */
  readonly evShelter = ints();

  // Households: their evidence hhEvStart..hhEvEnd, and per group groupStart[h * (GROUPS + 1) + g] into groupIdx.
  readonly hhEvStart = ints();
  readonly hhEvEnd = ints();
  readonly groupStart = ints();
  readonly groupIdx = ints();

  // Learners attending.
  readonly attendance: Attendance[] = [];
  readonly lPerson = ints();
  readonly lFullTime = bytes();
  readonly lStartOrdinal = ints();
  readonly lEndOrdinal = ints();
  readonly lStartMonth = ints();
  readonly lEndMonth = ints();
  readonly lStartDay = ints();

  // Rows: one household in one month, with one or two learners attending (rowL1 -1 when one).
  readonly rowHousehold = ints();
  readonly rowMonth = ints();
  readonly rowAdults = ints();
  readonly rowChildren = ints();
  readonly rowL0 = ints();
  readonly rowL1 = ints();
  /** Where the row's scholarship exemptions start in `exempt` (one per evidence record of its household). */
  readonly rowExempt = ints();
  readonly exempt = floats();
  /**
   * Where each run of rows starts: a run is one household's consecutive months with the same
   * learners attending and the same composition (adults and children; rows added one after
   * another), which the rules determine together.
   */
  readonly runStart = ints();

  /** The rate book's answers (engine/policy-cache.ts): `rateRows[id]` is the row a component cites. */
  readonly answers: BookAnswers;
  private readonly personIds = new Map<string, number>();

  constructor(
    readonly rates: RateBook,
    readonly rules: (month: PlainYearMonth) => LearnerRules,
  ) {
    this.answers = answersOf(rates);
  }

  get rateRows(): readonly RateRow[] {
    return this.answers.rows;
  }

  person(id: string | null): number {
    if (id === null) return -1;
    let n = this.personIds.get(id);
    if (n === undefined) this.personIds.set(id, (n = this.personIds.size));
    return n;
  }

  get households(): number {
    return this.hhEvStart.n;
  }

  get rows(): number {
    return this.rowMonth.n;
  }

  /** A household's evidence, grouped as the rules read it; returns its index. */
  household(evidence: readonly Evidence[]): number {
    const h = this.hhEvStart.n;
    const start = this.evidence.length;
    this.hhEvStart.push(start);
    for (const e of evidence) this.addEvidence(e);
    const end = this.evidence.length;
    this.hhEvEnd.push(end);
    // Each group's records in turn (one scratch list, not one array per group and household).
    const group = this.scratch;
    for (let g = 0; g < GROUPS; g++) {
      this.groupStart.push(this.groupIdx.n);
      group.length = 0;
      for (let i = start; i < end; i++) if (this.inGroup(i, g)) group.push(i);
      if (g >= Group.Disability && g <= Group.Babysitting && group.length > MAX_MEMBERS) this.refuseUncountablePeople(group);
      if (g === Group.Shelters) group.sort(this.latestStartFirst);
      else if (g === Group.Assets) group.sort(this.byId);
      for (const i of group) this.groupIdx.push(i);
    }
    this.groupStart.push(this.groupIdx.n);
    return h;
  }

  /**
   * Refuses the facts of one per-member benefit when they name more people than a row's codes can
   * count (`MAX_MEMBERS`; a fact naming nobody is one person). Many facts about few people are counted.
   */
  private refuseUncountablePeople(group: readonly number[]): void {
    const people = new Set<number>();
    for (const i of group) people.add(this.evPerson.a[i]!);
    if (people.size > MAX_MEMBERS)
      throw new RangeError(`A household whose facts of one per-member benefit name ${people.size} people is more than its codes count.`);
  }

  private readonly scratch: number[] = [];
  private readonly latestStartFirst = (a: number, b: number) =>
    dateOrdinal(this.evidence[b]!.period.start) - dateOrdinal(this.evidence[a]!.period.start) || this.byId(a, b);
  private readonly byId = (a: number, b: number) => this.evidence[a]!.id.localeCompare(this.evidence[b]!.id);

  /** Whether evidence record `i` is in group `g`. */
  private inGroup(i: number, g: number): boolean {
    const e = this.evidence[i]!;
    const role = this.evType[i]?.role;
    switch (g) {
      case Group.Shelters:
        return e.type === 'shelter';
      case Group.Disability:
        return e.type === 'disability';
      case Group.SpecialDietNeed:
        return e.type === 'special-diet-need';
      case Group.Babysitting:
        return e.type === 'child-care-need' && e.subtype === 'babysitting';
      case Group.Needs:
        return e.approved && role === 'need';
      case Group.Resources:
        return e.approved && role === 'resource' && e.type !== 'assets';
      default:
        return e.approved && e.type === 'assets';
    }
  }

  private addEvidence(e: Evidence): void {
    const type = evidenceType(e.type);
    const startOrdinal = dateOrdinal(e.period.start);
    const endOrdinal = e.period.end === null ? Infinity : dateOrdinal(e.period.end);
    this.evidence.push(e);
    this.evType.push(type);
    this.evFirst.push(endOrdinal >= startOrdinal ? monthIndexOfOrdinal(startOrdinal) : NEVER);
    this.evLast.push(e.period.end === null ? NEVER : monthIndexOfOrdinal(endOrdinal));
    this.evAmount.push(e.amount ?? 0);
    this.evHasAmount.push(e.amount === null ? 0 : 1);
    this.evPerson.push(this.person(e.personId));
    this.evSplits.push(type?.splitsWhenTwoAttend(e.subtype) ? 1 : 0);
    this.evPeriodTotal.push(type !== undefined && basisOf(type, e.subtype) === 'period-total' ? 1 : 0);
    this.evEarnings.push(e.subtype === 'employment-earnings' ? 1 : 0);
    this.evShelter.push(e.type === 'shelter' && e.subtype ? composition('core-shelter', `${e.subtype}: `) : -1);
  }

  /** A household's scholarship exemptions (by evidence id; none: zero), as one offset for its rows. */
  exemptions(h: number, byId: ReadonlyMap<string, Money>): number {
    const offset = this.exempt.n;
    for (let i = this.hhEvStart.a[h]!, end = this.hhEvEnd.a[h]!; i < end; i++) this.exempt.push(byId.get(this.evidence[i]!.id) ?? 0);
    return offset;
  }

  learner(a: Attendance): number {
    const startOrdinal = dateOrdinal(a.training.start);
    const endOrdinal = dateOrdinal(a.training.end);
    this.attendance.push(a);
    this.lPerson.push(this.person(a.personId));
    this.lFullTime.push(a.load === 'full-time' ? 1 : 0);
    this.lStartOrdinal.push(startOrdinal);
    this.lEndOrdinal.push(endOrdinal);
    this.lStartMonth.push(monthIndexOfOrdinal(startOrdinal));
    this.lEndMonth.push(monthIndexOfOrdinal(endOrdinal));
    return this.lStartDay.push(startOrdinal % 100);
  }

  /** Room for `rows` rows in all (a batch that knows its size writes its rows without copying its columns as they grow). */
  reserveRows(rows: number): void {
    for (const column of [this.rowHousehold, this.rowMonth, this.rowAdults, this.rowChildren, this.rowL0, this.rowL1, this.rowExempt])
      column.reserve(rows);
  }

  /** One household in one month: its adults and children then, the learners attending, its exemptions. */
  row(household: number, month: number, adults: number, children: number, learners: readonly number[], exempt: number): number {
    if (learners.length === 0 || learners.length > 2) throw new RangeError('A household-month has one or two learners attending.');
    if (adults > MAX_ADULTS) throw new RangeError(`A household of ${adults} adults is more than the rate tables go to.`);
    const l0 = learners[0]!;
    const l1 = learners[1] ?? -1;
    const last = this.rowMonth.n - 1;
    if (
      last < 0 ||
      this.rowHousehold.a[last] !== household ||
      this.rowMonth.a[last] !== month - 1 ||
      this.rowL0.a[last] !== l0 ||
      this.rowL1.a[last] !== l1 ||
      this.rowAdults.a[last] !== adults ||
      this.rowChildren.a[last] !== children
    )
      this.runStart.push(last + 1);
    this.rowHousehold.push(household);
    this.rowAdults.push(adults);
    this.rowChildren.push(children);
    this.rowL0.push(l0);
    this.rowL1.push(l1);
    this.rowExempt.push(exempt);
    return this.rowMonth.push(month);
  }
}

/** The batch's columns as they are now, read directly by the rules (taken again after rows or households are added). */
export class Columns {
  readonly evFirst: Int32Array;
  readonly evLast: Int32Array;
  readonly evAmount: Float64Array;
  readonly evHasAmount: Uint8Array;
  readonly evPerson: Int32Array;
  readonly evSplits: Uint8Array;
  readonly evPeriodTotal: Uint8Array;
  readonly evEarnings: Uint8Array;
  readonly evShelter: Int32Array;
  readonly hhEvStart: Int32Array;
  readonly hhEvEnd: Int32Array;
  readonly groupStart: Int32Array;
  readonly groupIdx: Int32Array;
  readonly lPerson: Int32Array;
  readonly lFullTime: Uint8Array;
  readonly lStartOrdinal: Int32Array;
  readonly lEndOrdinal: Int32Array;
  readonly lStartMonth: Int32Array;
  readonly lEndMonth: Int32Array;
  readonly lStartDay: Int32Array;
  readonly rowHousehold: Int32Array;
  readonly rowMonth: Int32Array;
  readonly rowAdults: Int32Array;
  readonly rowChildren: Int32Array;
  readonly rowL0: Int32Array;
  readonly rowL1: Int32Array;
  readonly rowExempt: Int32Array;
  readonly exempt: Float64Array;

  constructor(readonly batch: Batch) {
    this.evFirst = batch.evFirst.a;
    this.evLast = batch.evLast.a;
    this.evAmount = batch.evAmount.a;
    this.evHasAmount = batch.evHasAmount.a;
    this.evPerson = batch.evPerson.a;
    this.evSplits = batch.evSplits.a;
    this.evPeriodTotal = batch.evPeriodTotal.a;
    this.evEarnings = batch.evEarnings.a;
    this.evShelter = batch.evShelter.a;
    this.hhEvStart = batch.hhEvStart.a;
    this.hhEvEnd = batch.hhEvEnd.a;
    this.groupStart = batch.groupStart.a;
    this.groupIdx = batch.groupIdx.a;
    this.lPerson = batch.lPerson.a;
    this.lFullTime = batch.lFullTime.a;
    this.lStartOrdinal = batch.lStartOrdinal.a;
    this.lEndOrdinal = batch.lEndOrdinal.a;
    this.lStartMonth = batch.lStartMonth.a;
    this.lEndMonth = batch.lEndMonth.a;
    this.lStartDay = batch.lStartDay.a;
    this.rowHousehold = batch.rowHousehold.a;
    this.rowMonth = batch.rowMonth.a;
    this.rowAdults = batch.rowAdults.a;
    this.rowChildren = batch.rowChildren.a;
    this.rowL0 = batch.rowL0.a;
    this.rowL1 = batch.rowL1.a;
    this.rowExempt = batch.rowExempt.a;
    this.exempt = batch.exempt.a;
  }
}

/** The run (`Batch.runStart`) that row `row` is in. */
export function runOf(b: Batch, row: number): number {
  const starts = b.runStart.a;
  let lo = 0;
  let hi = b.runStart.n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= row) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Whether evidence record `e` has a day in month `m`. */
export const inForce = (c: Columns, e: number, m: number) => c.evFirst[e]! <= m && m <= c.evLast[e]!;
