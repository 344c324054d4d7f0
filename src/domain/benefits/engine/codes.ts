/**
 * What a run yields, as typed arrays: per row its totals and its components; per component the
 * rule that made it, the rate rows (`Batch.rateRows`) or evidence record it came from, a count
 * (people, children, month offset) and the amount. Explanations are rendered from these
 * (explain.ts) only when asked for.
 */
import { bytes, floats, ints } from './growable.ts';

/** Rule codes (rules/*.ts); each renders its own explanation. */
export const enum RuleCode {
  CoreEssential = 0,
  CoreEssentialProrated = 1,
  CoreShelter = 2,
  PerMember = 3,
  EvidenceNeed = 4,
  Scholarship = 5,
  EarningsExempt = 6,
  IncomeInFull = 7,
  LiquidAssets = 8,
}

export const isResource = (rule: number) => rule >= RuleCode.Scholarship;

export class Codes {
  /** Per row (by row index): its components rowStart..rowEnd - 1, needs, countable resources, entitlement. */
  readonly rowStart = ints();
  readonly rowEnd = ints();
  readonly needs = floats();
  readonly resources = floats();
  readonly entitlement = floats();

  readonly rule = bytes();
  readonly rateA = ints();
  readonly rateB = ints();
  readonly count = ints();
  readonly evidence = ints();
  readonly amount = floats();

  // The row being determined (engine.ts), read by later rules of the same row.
  rowNeeds = 0;
  rowResources = 0;
  disqualified = false;
  /** Core Essential and Core Shelter this month (NaN: no Core Shelter). */
  essential = 0;
  shelter = Number.NaN;

  constructor(rows = 16, components = rows * 6) {
    for (const c of [this.rowStart, this.rowEnd, this.needs, this.resources, this.entitlement]) c.reserve(rows);
    for (const c of [this.rule, this.rateA, this.rateB, this.count, this.evidence, this.amount]) c.reserve(components);
  }

  emit(rule: RuleCode, rateA: number, rateB: number, count: number, evidence: number, amount: number): void {
    const i = this.rule.n;
    if (i === this.rule.a.length) for (const c of [this.rule, this.rateA, this.rateB, this.count, this.evidence, this.amount]) c.reserve(i + 1);
    this.rule.a[i] = rule;
    this.rateA.a[i] = rateA;
    this.rateB.a[i] = rateB;
    this.count.a[i] = count;
    this.evidence.a[i] = evidence;
    this.amount.a[i] = amount;
    this.rule.n = this.rateA.n = this.rateB.n = this.count.n = this.evidence.n = this.amount.n = i + 1;
    if (isResource(rule)) this.rowResources += amount;
    else this.rowNeeds += amount;
  }
}
