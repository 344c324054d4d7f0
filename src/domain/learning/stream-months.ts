/**
 * Counting training months (ETS4360; docs/policy/learner-program-rules.md "Duration caps"): a session
 * that starts before the 16th counts the month it starts in; one that starts on the 16th or later
 * starts counting the next month. Every later month up to and including the month it ends counts.
 *
 * **Our reading**: months are counted once per stream however many sessions fall in them, and once
 * in the combined count however many streams do; a session without a recorded stream counts only in
 * the combined count.
 */
import { compareYearMonths, monthOf, type PlainYearMonth } from '../calendar.ts';
import type { LearningStreamPolicy, TrainingSession } from './streams.ts';

/** The months a session counts for, in order (empty when it starts on or after the cut-off day of the month it ends in). */
export function countedMonths(session: Pick<TrainingSession, 'start' | 'end'>, startsBeforeDay: number): PlainYearMonth[] {
  const first = session.start.day < startsBeforeDay ? monthOf(session.start) : monthOf(session.start).add({ months: 1 });
  const last = monthOf(session.end);
  const out: PlainYearMonth[] = [];
  for (let m = first; compareYearMonths(m, last) <= 0; m = m.add({ months: 1 })) out.push(m);
  return out;
}

export interface StreamCount {
  readonly code: string;
  readonly label: string;
  readonly months: number;
  readonly capMonths: number;
}

/** The learning stream counter: months per stream and combined, with their caps. */
export interface StreamCounter {
  readonly streams: readonly StreamCount[];
  /** Months of sessions with no recorded stream (combined count only). */
  readonly unassignedMonths: number;
  readonly combined: { readonly months: number; readonly capMonths: number };
}

/** Months per stream and combined over the sessions; the combined cap with the low-literacy months when they apply. */
export function countStreams(
  sessions: readonly TrainingSession[],
  policy: LearningStreamPolicy,
  options: { lowLiteracy?: boolean } = {},
): StreamCounter {
  const byStream = new Map<string | null, Set<string>>();
  const all = new Set<string>();
  for (const s of sessions) {
    const set = byStream.get(s.stream) ?? new Set<string>();
    byStream.set(s.stream, set);
    for (const m of countedMonths(s, policy.monthCountsWhenSessionStartsBeforeDay)) {
      set.add(m.toString());
      all.add(m.toString());
    }
  }
  return {
    streams: policy.streams.map((cap) => ({ ...cap, months: byStream.get(cap.code)?.size ?? 0 })),
    unassignedMonths: byStream.get(null)?.size ?? 0,
    combined: {
      months: all.size,
      capMonths: policy.combinedCapMonths + (options.lowLiteracy ? policy.lowLiteracyExtraMonths : 0),
    },
  };
}
