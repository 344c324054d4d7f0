/**
 * Duration caps (ETS4360; IESA6404; ETS4337; ETS6312; docs/policy/learner-program-rules.md
 * "Duration caps"): 20 months per learning stream (Basic Skills 30), 30 months in all streams
 * together, 10 more for a learner with low literacy. Funding a session that would take a count past
 * its cap is refused, naming the cap, unless an exception for it was approved (the regional office's
 * reassessment, R08).
 *
 * **Our reading**: a session is refused only when it adds months beyond a cap; months already
 * counted before (an earlier plan past a cap with an exception) do not refuse a session that adds none.
 */
import type { Refusal } from '../refusal.ts';
import { countStreams } from './stream-months.ts';
import { COMBINED_RULE, type LearningStreamPolicy, STREAM_RULE, type TrainingSession } from './streams.ts';

export interface CapBreach {
  readonly cap: 'stream' | 'combined';
  /** The stream whose cap is passed (null for the combined cap). */
  readonly stream: string | null;
  readonly label: string;
  readonly capMonths: number;
  /** Months counted with the new session. */
  readonly months: number;
}

/** Every cap the new session would pass (empty when it fits). */
export function capBreaches(
  funded: readonly TrainingSession[],
  proposed: TrainingSession,
  policy: LearningStreamPolicy,
  options: { lowLiteracy?: boolean } = {},
): CapBreach[] {
  return breachesBetween(funded, [...funded, proposed], policy, options);
}

/**
 * Every cap a change of a funded session's dates would pass (a case's training extended, a funded
 * item's dates moved). **Our reading**: the same rule as new funding; only months the change adds
 * past a cap refuse it, so shortening or moving within the months already counted never does.
 */
export function capBreachesOnChange(
  others: readonly TrainingSession[],
  before: TrainingSession,
  after: TrainingSession,
  policy: LearningStreamPolicy,
  options: { lowLiteracy?: boolean } = {},
): CapBreach[] {
  return breachesBetween([...others, before], [...others, after], policy, options);
}

function breachesBetween(
  beforeSessions: readonly TrainingSession[],
  afterSessions: readonly TrainingSession[],
  policy: LearningStreamPolicy,
  options: { lowLiteracy?: boolean },
): CapBreach[] {
  const before = countStreams(beforeSessions, policy, options);
  const after = countStreams(afterSessions, policy, options);
  const breaches: CapBreach[] = [];
  after.streams.forEach((s, i) => {
    if (s.months > s.capMonths && s.months > before.streams[i]!.months)
      breaches.push({ cap: 'stream', stream: s.code, label: s.label, capMonths: s.capMonths, months: s.months });
  });
  if (after.combined.months > after.combined.capMonths && after.combined.months > before.combined.months)
    breaches.push({
      cap: 'combined',
      stream: null,
      label: 'All learning streams together',
      capMonths: after.combined.capMonths,
      months: after.combined.months,
    });
  return breaches;
}

/** The refusals for `breaches`, each naming its cap, on `field`. */
export function capRefusals(breaches: readonly CapBreach[], field = 'planItemId'): Refusal[] {
  return breaches.map((b) => ({
    code: 'DURATION_CAP_EXCEEDED',
    rule: b.cap === 'stream' ? STREAM_RULE : COMBINED_RULE,
    field,
    detail:
      b.cap === 'stream'
        ? `This training would bring ${b.label} to ${b.months} months; the cap for that stream is ${b.capMonths} months. The regional office has been asked to reassess: it can record an exception for approval.`
        : `This training would bring all learning streams together to ${b.months} months; the combined cap is ${b.capMonths} months. The regional office has been asked to reassess: it can record an exception for approval.`,
    facts: { cap: b.cap, stream: b.stream, capMonths: b.capMonths, months: b.months },
  }));
}

/** Funding `proposed` on top of `funded`: refused for each cap it passes, unless an exception was approved. */
export function checkDurationCaps(
  funded: readonly TrainingSession[],
  proposed: TrainingSession,
  policy: LearningStreamPolicy,
  options: { lowLiteracy?: boolean; exceptionApproved?: boolean } = {},
): Refusal[] {
  if (options.exceptionApproved) return [];
  return capRefusals(capBreaches(funded, proposed, policy, options));
}

/** Changing a funded session from `before` to `after`: refused for each cap the change passes, unless an exception was approved. */
export function checkDurationCapsOnChange(
  others: readonly TrainingSession[],
  before: TrainingSession,
  after: TrainingSession,
  policy: LearningStreamPolicy,
  options: { lowLiteracy?: boolean; exceptionApproved?: boolean; field?: string } = {},
): Refusal[] {
  if (options.exceptionApproved) return [];
  return capRefusals(capBreachesOnChange(others, before, after, policy, options), options.field ?? 'trainingEnd');
}
