/**
 * What a run yields, as typed arrays, each rule writing its own (rules/*.ts):
 *
 * - per row: its needs, countable resources and entitlement, whether an eligibility test failed, and
 *   the provenance of each rule that yields at most one component a month (Core Essential: its
 *   amount (the learner whose start pro-rated it is not kept: explaining asks again); Core
 *   Shelter: its amount and shelter record;
 *   each per-member benefit: the people it counts; the asset test: its outcome);
 * - per component of the rules that yield one per evidence record (needs from evidence, income):
 *   its stretch of rows (consecutive months of one run in which it does not change), rule code,
 *   evidence record and amount, in row order.
 *
 * The rate rows a component cites are not stored: each is the month's answer for the row's
 * composition (month.ts `rate`), already asked when the rule ran, and asked the same way when the
 * component is rendered. Explanations are rendered from these codes (explain.ts) only when asked for.
 */

/** Rule codes of the components kept in a list (rules/evidence-need.ts, rules/income.ts); each renders its own explanation. */
export enum RuleCode {
  EvidenceNeed = 0,
  Scholarship = 1,
  EarningsExempt = 2,
  IncomeInFull = 3,
}

/** The asset test's outcome in a row (rules/liquid-assets.ts). */
export enum AssetTest {
  /** No approved assets in force: no test. */
  None = -1,
  NotEligible = 0,
  Eligible = 1,
}

/**
 * Components of one rule, one per evidence record it counts and stretch of rows: entry j is the
 * component of record `evidence[j]` in each of rows `row[j]` to `to[j] - 1` (consecutive months of
 * one run in which the records in force and their amounts do not change), in order of `row`. The
 * entries of one stretch share `row` and `to`, and stretches do not overlap.
 */
export class ComponentList {
  n = 0;
  /** The first entry of the stretch being listed (`add`, then `stretch`). */
  private open = 0;
  row: Int32Array;
  to: Int32Array;
  rule: Uint8Array;
  evidence: Int32Array;
  amount: Float64Array;

  constructor(capacity: number) {
    const c = Math.max(capacity, 16);
    this.row = new Int32Array(c);
    this.to = new Int32Array(c);
    this.rule = new Uint8Array(c);
    this.evidence = new Int32Array(c);
    this.amount = new Float64Array(c);
  }

  /** Room for `more` entries after the last (asked once per stretch, with the size of the evidence group the rule reads). */
  reserve(more: number): void {
    if (this.n + more <= this.row.length) return;
    const size = Math.max(this.n + more, this.row.length * 2);
    this.row = grown(this.row, new Int32Array(size));
    this.to = grown(this.to, new Int32Array(size));
    this.rule = grown(this.rule, new Uint8Array(size));
    this.evidence = grown(this.evidence, new Int32Array(size));
    this.amount = grown(this.amount, new Float64Array(size));
  }

  /** Lists a component of the stretch being listed (after `reserve`). */
  add(rule: RuleCode, evidence: number, amount: number): void {
    const j = this.n++;
    this.rule[j] = rule;
    this.evidence[j] = evidence;
    this.amount[j] = amount;
  }

  /** The components listed since the last stretch are those of rows `from` to `to` - 1. */
  stretch(from: number, to: number): void {
    for (let j = this.open; j < this.n; j++) {
      this.row[j] = from;
      this.to[j] = to;
    }
    this.open = this.n;
  }

  /** The first entry of a stretch starting at row `row` or later (n when none). */
  private startingFrom(row: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.row[mid]! < row) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first entry whose stretch holds row `row`; its entries are those from it on with the same `row` (none: the index of a later stretch, or n). */
  firstOf(row: number): number {
    const after = this.startingFrom(row + 1);
    if (after === 0 || this.to[after - 1]! <= row) return after;
    const start = this.row[after - 1]!;
    let j = after - 1;
    while (j > 0 && this.row[j - 1] === start) j--;
    return j;
  }

  /** Forgets the components of row `row` and later rows: entries from `row` on, and the rest of a stretch that holds it. */
  forgetFrom(row: number): void {
    this.n = this.open = this.startingFrom(row);
    for (let j = this.n - 1; j >= 0 && this.to[j]! > row; j--) this.to[j] = row;
  }
}

/** The most people a per-member benefit counts in a month (batch.ts refuses a household whose facts of one benefit name more). */
export const MAX_MEMBERS = 65_535;

export class Codes {
  // Per row (by row index).
  needs: Float64Array;
  resources: Float64Array;
  entitlement: Float64Array;
  /** 1 when an eligibility test fails in the row (its entitlement is zero). */
  disqualified: Uint8Array;
  /** Core Essential (rules/core-essential.ts): its amount (the learner whose start pro-rated it is not kept: explaining asks again). */
  essential: Float64Array;
  /** Core Shelter (rules/core-shelter.ts): its amount (0 when none), and the shelter record it reads (-1: none, no component). */
  shelter: Float64Array;
  shelterEvidence: Int32Array;
  /**
   * Per-member benefits (rules/per-member.ts), in the order of `PER_MEMBER`: the people counted (0:
   * no component; at most `MAX_MEMBERS`, as a batch refuses a household naming more people in such facts: two
   * bytes a row, not four, as every row's codes are written in each run).
   */
  readonly members: Uint16Array[];
  /** The asset test (rules/liquid-assets.ts): `AssetTest`. */
  assets: Int8Array;
  // Per component.
  readonly evidenceNeeds: ComponentList;
  readonly income: ComponentList;

  constructor(rows: number, perMember = 3) {
    const r = Math.max(rows, 1);
    this.needs = new Float64Array(r);
    this.resources = new Float64Array(r);
    this.entitlement = new Float64Array(r);
    this.disqualified = new Uint8Array(r);
    this.essential = new Float64Array(r);
    this.shelter = new Float64Array(r);
    this.shelterEvidence = new Int32Array(r);
    this.members = Array.from({ length: perMember }, () => new Uint16Array(r));
    this.assets = new Int8Array(r);
    this.evidenceNeeds = new ComponentList(r >> 4);
    this.income = new ComponentList(r >> 3);
  }

  /** Forgets every component, keeping the arrays (a batch determined again writes into the same memory). */
  clear(): void {
    this.evidenceNeeds.forgetFrom(0);
    this.income.forgetFrom(0);
  }

  /** Forgets the components of row `row` and later rows (they are determined again). */
  forgetFrom(row: number): void {
    this.evidenceNeeds.forgetFrom(row);
    this.income.forgetFrom(row);
  }

  /** Room for `rows` rows. */
  reserveRows(rows: number): void {
    if (rows <= this.needs.length) return;
    const size = Math.max(rows, this.needs.length * 2);
    this.needs = grown(this.needs, new Float64Array(size));
    this.resources = grown(this.resources, new Float64Array(size));
    this.entitlement = grown(this.entitlement, new Float64Array(size));
    this.disqualified = grown(this.disqualified, new Uint8Array(size));
    this.essential = grown(this.essential, new Float64Array(size));
    this.shelter = grown(this.shelter, new Float64Array(size));
    this.shelterEvidence = grown(this.shelterEvidence, new Int32Array(size));
    for (let i = 0; i < this.members.length; i++) this.members[i] = grown(this.members[i]!, new Uint16Array(size));
    this.assets = grown(this.assets, new Int8Array(size));
  }
}

function grown<T extends Int32Array | Float64Array | Uint8Array | Uint16Array | Int8Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
