/**
 * Learning streams and the policy figures the learner program rules need (R08 Subsequent Training
 * Service Plans [M7611; ISTHB s.44(5)] and the duration caps [ETS4360; IESA6404; ETS4337; ETS6312]).
 * Our wording and readings: docs/policy/learner-program-rules.md. The figures are data
 * (src/policy/data/learning-streams.json); these are their shapes.
 */
import type { PlainDate } from '../calendar.ts';
import type { Refusal } from '../refusal.ts';

export interface StreamCap {
  readonly code: string;
  readonly label: string;
  readonly capMonths: number;
}

export interface LearningStreamPolicy {
  /** R08: months after the last approved training before a new training plan (48). */
  readonly subsequentTrainingMonths: number;
  /** A session starting before this day of the month counts that month (16). */
  readonly monthCountsWhenSessionStartsBeforeDay: number;
  readonly streams: readonly StreamCap[];
  /** All streams together (30). */
  readonly combinedCapMonths: number;
  /** Added to the combined cap for a learner with low literacy (10). */
  readonly lowLiteracyExtraMonths: number;
  readonly reference: string;
}

/** A funded training session: its learning stream (null when none was recorded) and dates (end inclusive). */
export interface TrainingSession {
  readonly stream: string | null;
  readonly start: PlainDate;
  readonly end: PlainDate;
}

export const STREAM_RULE = 'Duration caps [ETS4360; IESA6404]: months per learning stream';
export const COMBINED_RULE = 'Duration caps [ETS4337; ETS6312]: months in all streams together';
export const SUBSEQUENT_RULE = 'R08 Subsequent Training Service Plans [M7611; ISTHB s.44(5)]';

/** The stream of a new plan item: only a training item has one, and it is a stream of the policy. */
export function checkItemStream(
  stream: string | null | undefined,
  subGoalType: string | undefined,
  policy: Pick<LearningStreamPolicy, 'streams'>,
): Refusal[] {
  if (stream == null) return [];
  if (subGoalType !== 'training')
    return [{ code: 'INVALID_FORMAT', rule: STREAM_RULE, field: 'learningStream', detail: 'Only a training item has a learning stream.' }];
  return policy.streams.some((s) => s.code === stream)
    ? []
    : [{ code: 'INVALID_FORMAT', rule: STREAM_RULE, field: 'learningStream', detail: `"${stream}" is not a learning stream.` }];
}
