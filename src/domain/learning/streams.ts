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
  /** ISTHB s.44: the longest a training plan may be (docs/policy/learner-program-rules.md). */
  readonly planLimits: PlanLimitPolicy;
  readonly reference: string;
}

/** The limits of one kind of plan, in months (null where the regulation gives none). */
export interface PlanLimits {
  readonly standardMonths: number;
  /** With an approved plan-limit exception ("exceptional cases"). */
  readonly exceptionalMonths: number | null;
  /** When every training of the plan is at a reduced course load. */
  readonly reducedLoadMonths: number | null;
}

/** ISTHB s.44: a first plan 30 / 40 exceptional / 50 reduced load; a subsequent plan 30 or 50. */
export interface PlanLimitPolicy {
  readonly firstPlan: PlanLimits;
  readonly subsequentPlan: PlanLimits;
  /** A reduced course load is at least this share of a full load, in percent (40). */
  readonly reducedLoadMinPercent: number;
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
export const PLAN_LIMIT_RULE = 'ISTHB s.44: the length of a training plan';

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

/** The course load of a training item, in percent of a full load (null: a full load). Only a training item has one. */
export function checkCourseLoad(percent: number | null | undefined, subGoalType: string | undefined): Refusal[] {
  if (percent == null) return [];
  if (subGoalType !== 'training')
    return [
      { code: 'INVALID_FORMAT', rule: PLAN_LIMIT_RULE, field: 'courseLoadPercent', detail: 'Only a training item has a course load.' },
    ];
  return Number.isInteger(percent) && percent >= 1 && percent <= 100
    ? []
    : [
        {
          code: 'INVALID_FORMAT',
          rule: PLAN_LIMIT_RULE,
          field: 'courseLoadPercent',
          detail: 'The course load is a whole percentage of a full load, from 1 to 100.',
        },
      ];
}
