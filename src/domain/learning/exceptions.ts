/**
 * Training exceptions (R08 [M7611]; docs/policy/learner-program-rules.md): the Authorized Official
 * reassesses the learner and documents the grounds: attachment to the labour force since the last
 * training, learning since, a skills deficit, and that the new training is progressive. An approved
 * exception lets the new plan (R08), the funding past a duration cap, or a first plan longer than
 * 30 months (up to the exceptional 40, ISTHB s.44) go ahead.
 *
 * **Our readings**: the exception names at least one of the four grounds and explains them; someone
 * other than the official who recorded it approves or rejects it (a supervisor: docs/separation-of-duties.md);
 * an approved exception is used once, by the next training item (R08) or the next funding (a cap).
 */
import type { Refusal } from '../refusal.ts';

export const EXCEPTION_GROUNDS = ['labour-force-attachment', 'learning-since', 'skills-deficit', 'progressive-training'] as const;
export type ExceptionGround = (typeof EXCEPTION_GROUNDS)[number];
export const GROUND_LABELS: Record<ExceptionGround, string> = {
  'labour-force-attachment': 'Attachment to the labour force since the last training',
  'learning-since': 'Learning since the last training',
  'skills-deficit': 'A skills deficit',
  'progressive-training': 'The training is progressive',
};

export const EXCEPTION_KINDS = ['subsequent-training', 'duration-cap', 'plan-limit'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];
export type ExceptionStatus = 'pending' | 'approved' | 'rejected' | 'used';

export const EXCEPTION_RULE = 'R08 Subsequent Training Service Plans [M7611]: an exception documented by the Authorized Official';
export const MIN_EXPLANATION = 20;

export function checkRecordException(input: { grounds: readonly string[]; explanation: string }): Refusal[] {
  const refusals: Refusal[] = [];
  if (input.grounds.length === 0)
    refusals.push({
      code: 'REQUIRED',
      rule: EXCEPTION_RULE,
      field: 'grounds',
      detail: 'Choose at least one ground for the exception.',
    });
  if (input.explanation.trim().length < MIN_EXPLANATION)
    refusals.push({
      code: 'REQUIRED',
      rule: EXCEPTION_RULE,
      field: 'explanation',
      detail: `Explain the grounds in at least ${MIN_EXPLANATION} characters: what the reassessment found.`,
    });
  return refusals;
}

export function checkDecideException(exception: { status: ExceptionStatus }): Refusal[] {
  return exception.status === 'pending'
    ? []
    : [
        {
          code: 'EXCEPTION_NOT_PENDING',
          rule: EXCEPTION_RULE,
          detail: `This exception is ${exception.status}; only a pending exception can be approved or rejected.`,
        },
      ];
}
