/**
 * What a run yields, as typed arrays: per row its totals and its components; per component the
 * rule that made it, the rate rows (`Batch.rateRows`) or evidence record it came from, a count
 * (people, children, core benefits) and the amount. Explanations are rendered from these
 * (explain.ts) only when asked for.
 */

/** Rule codes (rules/*.ts); each renders its own explanation. */
export enum RuleCode {
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

const FIRST_RESOURCE = RuleCode.Scholarship;

export class Codes {
  /** Per row (by row index): its components rowStart..rowEnd - 1, needs, countable resources, entitlement. */
  rowStart: Int32Array;
  rowEnd: Int32Array;
  needs: Float64Array;
  resources: Float64Array;
  entitlement: Float64Array;

  /** Components 0..n - 1. */
  n = 0;
  rule: Uint8Array;
  rateA: Int32Array;
  rateB: Int32Array;
  count: Int32Array;
  evidence: Int32Array;
  amount: Float64Array;

  // The row being determined (engine.ts), read by later rules of the same row.
  rowNeeds = 0;
  rowResources = 0;
  disqualified = false;
  /** Core Essential and Core Shelter this month (NaN: no Core Shelter). */
  essential = 0;
  shelter = Number.NaN;

  constructor(rows: number, components = rows * 4) {
    this.rowStart = new Int32Array(rows);
    this.rowEnd = new Int32Array(rows);
    this.needs = new Float64Array(rows);
    this.resources = new Float64Array(rows);
    this.entitlement = new Float64Array(rows);
    const c = Math.max(components, 16);
    this.rule = new Uint8Array(c);
    this.rateA = new Int32Array(c);
    this.rateB = new Int32Array(c);
    this.count = new Int32Array(c);
    this.evidence = new Int32Array(c);
    this.amount = new Float64Array(c);
  }

  /** Forgets every component, keeping the arrays (a batch determined again writes into the same memory). */
  clear(): void {
    this.n = 0;
  }

  /** Room for `rows` rows. */
  reserveRows(rows: number): void {
    if (rows <= this.rowStart.length) return;
    const size = Math.max(rows, this.rowStart.length * 2);
    this.rowStart = grown(this.rowStart, new Int32Array(size));
    this.rowEnd = grown(this.rowEnd, new Int32Array(size));
    this.needs = grown(this.needs, new Float64Array(size));
    this.resources = grown(this.resources, new Float64Array(size));
    this.entitlement = grown(this.entitlement, new Float64Array(size));
  }

  private grow(): void {
    const size = this.rule.length * 2;
    this.rule = grown(this.rule, new Uint8Array(size));
    this.rateA = grown(this.rateA, new Int32Array(size));
    this.rateB = grown(this.rateB, new Int32Array(size));
    this.count = grown(this.count, new Int32Array(size));
    this.evidence = grown(this.evidence, new Int32Array(size));
    this.amount = grown(this.amount, new Float64Array(size));
  }

  emit(rule: RuleCode, rateA: number, rateB: number, count: number, evidence: number, amount: number): void {
    const i = this.n;
    if (i === this.rule.length) this.grow();
    this.rule[i] = rule;
    this.rateA[i] = rateA;
    this.rateB[i] = rateB;
    this.count[i] = count;
    this.evidence[i] = evidence;
    this.amount[i] = amount;
    this.n = i + 1;
    if (rule >= FIRST_RESOURCE) this.rowResources += amount;
    else this.rowNeeds += amount;
  }
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
