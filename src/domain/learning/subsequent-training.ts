/**
 * R08 Subsequent Training Service Plans [M7611; ISTHB s.44(5)] (docs/policy/learner-program-rules.md):
 * no new training plan within 48 months of the last approved training, unless the Authorized
 * Official documents an exception and it is approved.
 *
 * **Our readings**: "approved training" is training funded by a learner case (a product delivery case
 * opened for a training plan item); the 48 months run from the end of the last such training; a
 * training item added to the same Service Plan as that training belongs to the same training plan
 * (the duration caps limit it, not R08); the new training may start on the day the 48 months end.
 */
import { addMonths, compareDates, type PlainDate } from '../calendar.ts';
import type { Refusal } from '../refusal.ts';
import { type LearningStreamPolicy, SUBSEQUENT_RULE } from './streams.ts';

export interface ApprovedTraining {
  readonly planId: string;
  readonly start: PlainDate;
  readonly end: PlainDate;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** A date as a caseworker reads it in a sentence: "29 March 2028" (the facts carry the ISO date). */
const inWords = (d: PlainDate) => `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;

/** The last approved training outside `planId` (the latest end), if any. */
export function lastApprovedTraining(trainings: readonly ApprovedTraining[], planId: string | null): ApprovedTraining | null {
  let last: ApprovedTraining | null = null;
  for (const t of trainings) if (t.planId !== planId && (!last || compareDates(t.end, last.end) > 0)) last = t;
  return last;
}

/** The first day a subsequent training may start after `last`. */
export const subsequentTrainingPossibleFrom = (
  last: Pick<ApprovedTraining, 'end'>,
  policy: Pick<LearningStreamPolicy, 'subsequentTrainingMonths'>,
) => addMonths(last.end, policy.subsequentTrainingMonths);

/** A new training item starting on `start` in plan `planId`: refused with the date it becomes possible, unless an exception was approved. */
export function checkSubsequentTraining(
  trainings: readonly ApprovedTraining[],
  proposed: { readonly planId: string; readonly start: PlainDate },
  policy: Pick<LearningStreamPolicy, 'subsequentTrainingMonths'>,
  options: { exceptionApproved?: boolean } = {},
): Refusal[] {
  const last = lastApprovedTraining(trainings, proposed.planId);
  if (!last || options.exceptionApproved) return [];
  const possibleFrom = subsequentTrainingPossibleFrom(last, policy);
  if (compareDates(proposed.start, possibleFrom) >= 0) return [];
  return [
    {
      code: 'SUBSEQUENT_TRAINING_TOO_SOON',
      rule: SUBSEQUENT_RULE,
      field: 'expectedStart',
      detail: `The last approved training ended on ${inWords(last.end)}. A new training plan can start on ${inWords(possibleFrom)}, ${policy.subsequentTrainingMonths} months later, unless an exception is recorded and approved.`,
      facts: { possibleFrom: possibleFrom.toString(), lastTrainingEnd: last.end.toString(), months: policy.subsequentTrainingMonths },
    },
  ];
}
