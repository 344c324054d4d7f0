/**
 * Each learner's evidence as applied to their case (docs/scenarios.md `learners[].evidence`): the
 * figure a coordinator would enter on the case, worked out from the months the case counts, so that
 * the figure, the months and the explanation tell one story.
 *
 * - Only what counts is applied; Director Approval not yet approved by a Learner Benefit Specialist
 *   is listed as waiting.
 * - A scholarship is applied as its exemption plus what this case's months count (E04's "(actual -
 *   exemption) / 2 + exemption" when it lies wholly in the two-attending months: $5,000 with a
 *   $3,500 exemption is $4,250 on each case).
 * - Monthly evidence is applied at its amount on this case in the two-attending months (E04.01's
 *   half) or else in its months; the explanation names the months and why a month is not split.
 */
import { formatMoney, type Money, subtract, ZERO } from '../money.ts';
import type { MonthResult } from './components.ts';
import type { AppliedEvidence } from './determine.ts';
import { type Evidence, type EvidenceTypeDef, notSplitReason } from './evidence.ts';

/** A piece of evidence as the determination read it (engine/batch.ts columns). */
export interface EvidenceRecord {
  readonly evidence: Evidence;
  readonly type: EvidenceTypeDef | undefined;
  /** The months it has a day in, first..last (none: first above last). */
  readonly first: number;
  readonly last: number;
  /** E04.01: whether two-attending months split it. */
  readonly splits: boolean;
  /** A lump sum spread over its months (a scholarship). */
  readonly periodTotal: boolean;
}

const inForceIn = (r: EvidenceRecord, index: number) => r.first <= index && index <= r.last;

/** How a case read the evidence in one month it attends. */
export interface MonthRead {
  readonly index: number;
  readonly key: string;
  /** An E04 two-attending month. */
  readonly split: boolean;
  /** Why the month is not split (two learners only). */
  readonly note: string | null;
  /** Which records (by position in the household's evidence) count on the case: '1' or '0' each; null: all. */
  readonly mask: string | null;
}

export interface AppliedInput {
  /** Every record of the household, in the order given. */
  readonly evidence: { readonly all: readonly EvidenceRecord[] };
  readonly self: string;
  /** The other learner of the determination, if any. */
  readonly other: string | null;
  /** Whether the two learners have any two-attending month. */
  readonly twoAttending: boolean;
  readonly months: readonly MonthResult[];
  readonly reads: readonly MonthRead[];
  readonly exemptions: ReadonlyMap<string, Money>;
}

/** "2025-03 to 2025-06, 2025-08": runs of consecutive months. */
function monthRanges(reads: readonly MonthRead[]): string {
  const runs: string[] = [];
  for (let i = 0; i < reads.length; i++) {
    let j = i;
    while (j + 1 < reads.length && reads[j + 1]!.index === reads[j]!.index + 1) j++;
    runs.push(i === j ? reads[i]!.key : `${reads[i]!.key} to ${reads[j]!.key}`);
    i = j;
  }
  return runs.join(', ');
}

const WAITING = "Director Approval awaiting a Learner Benefit Specialist's approval: not counted until approved";

/** One learner: every piece in force in a month of the training, as entered (or waiting). */
function alone(input: AppliedInput): AppliedEvidence[] {
  const out: AppliedEvidence[] = [];
  const first = input.reads[0]?.index ?? Infinity;
  const last = input.reads.at(-1)?.index ?? -Infinity;
  for (const r of input.evidence.all) {
    const { evidence: e, type } = r;
    if (!type || r.first > last || r.last < first) continue;
    const waiting = e.type === 'director-approval' && !e.approved;
    out.push({
      evidenceId: e.id,
      type: e.type,
      subtype: e.subtype,
      amount: e.amount,
      rule: waiting ? WAITING : `${type.label} as entered`,
      status: waiting ? 'waiting' : 'applied',
    });
  }
  return out;
}

const distinctNotes = (reads: readonly MonthRead[]) =>
  [...new Set(reads.map((r) => r.note).filter((n): n is string => n !== null))].join('; ');

export function appliedEvidence(input: AppliedInput): AppliedEvidence[] {
  const { other } = input;
  if (other === null) return alone(input);
  const monthByKey = new Map(input.months.map((m) => [m.month, m]));
  const out: AppliedEvidence[] = [];
  input.evidence.all.forEach((r, i) => {
    const { evidence: e, type } = r;
    if (!type) return;
    // The months it counts on this case: E04.01 leaves some evidence whole, on one case only.
    const mentioned = (rd: MonthRead) => monthByKey.get(rd.key)?.components.some((c) => c.evidenceId === e.id) ?? false;
    const reads = input.reads.filter(
      (rd) =>
        inForceIn(r, rd.index) &&
        (rd.mask === null || rd.mask[i] === '1') &&
        !(rd.split && !r.splits && type.role !== 'fact' && e.approved && !mentioned(rd)),
    );
    if (reads.length === 0) return;
    const row = { evidenceId: e.id, type: e.type, subtype: e.subtype };
    const splitReads = reads.filter((rd) => rd.split);
    const wholeReads = reads.filter((rd) => !rd.split);

    if (e.type === 'director-approval' && !e.approved) {
      out.push({
        ...row,
        amount: e.amount,
        rule: `${WAITING}${splitReads.length ? ' (once approved, it counts half on each case in the two-attending months)' : ''}`,
        status: 'waiting',
      });
      return;
    }
    if (type.role === 'fact') {
      out.push({ ...row, amount: e.amount, rule: `${type.label} as entered`, status: 'applied' });
      return;
    }
    // What this case's months count of it, month by month.
    const counted = reads.map((rd) => {
      let amount = 0;
      for (const c of monthByKey.get(rd.key)?.components ?? []) if (c.evidenceId === e.id) amount += c.amount;
      return amount as Money;
    });
    const whyWhole = wholeReads.length
      ? `not split in ${monthRanges(wholeReads)}: ${input.twoAttending ? '' : 'no two-attending month: '}${distinctNotes(wholeReads)}`
      : '';
    if (r.periodTotal && e.amount !== null) {
      const exemption = input.exemptions.get(e.id) ?? ZERO;
      const countable = subtract(e.amount, exemption);
      const onCase = counted.reduce((s, a) => s + a, 0) as Money;
      const amount = (onCase + exemption) as Money;
      const story = `${formatMoney(e.amount)} less ${formatMoney(exemption)} exempt = ${formatMoney(countable)} countable; this case's months count ${formatMoney(onCase)}, so it is entered as ${formatMoney(onCase)} + ${formatMoney(exemption)} = ${formatMoney(amount)}`;
      const within =
        countable === 0
          ? '; a scholarship within its exemption is wholly exempt: nothing counts (our reading of the scholarship exemption, in the learner benefits policy)'
          : '';
      const rule = splitReads.length
        ? `E04 partial exemption, (actual - exemption) / 2 + exemption, half in the two-attending months ${monthRanges(splitReads)}${wholeReads.length ? `, whole in ${monthRanges(wholeReads)}` : ''}: ${story}${within}`
        : `Not split (${whyWhole}): ${story}${within}`;
      out.push({ ...row, amount, rule, status: 'applied' });
      return;
    }
    const firstSplit = reads.findIndex((rd) => rd.split);
    const amount = e.amount === null ? null : counted[Math.max(firstSplit, 0)]!;
    const parts: string[] = [];
    if (splitReads.length) {
      parts.push(
        r.splits
          ? `E04.01 Manually Entered Evidence: exactly half of ${formatMoney(e.amount ?? ZERO)} in the two-attending months ${monthRanges(splitReads)} (${type.rule})`
          : `Not split: ${notSplitReason(type, e.subtype)} (${monthRanges(splitReads)})`,
      );
    }
    if (wholeReads.length) parts.push(splitReads.length ? whyWhole : `Not split: ${whyWhole.replace(/^not split in /, '')}`);
    out.push({ ...row, amount, rule: parts.join('; '), status: 'applied' });
  });
  return out;
}
