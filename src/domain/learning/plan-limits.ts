/**
 * ISTHB s.44 plan limits (docs/policy/learner-program-rules.md "Plan limits"): a first training plan
 * runs at most 30 months, 40 in exceptional cases and 50 with a reduced course load (at least 40% of
 * a full load); a subsequent plan 30, or 50 with a reduced course load. A plan's months are counted
 * with the duration caps' rule (a session starting before the 16th counts that month).
 *
 * **Our readings**: a plan's trainings are its training items (a funded item's dates are its learner
 * case's training dates; an item completed as cancelled does not count); a month counts once however
 * many trainings fall in it; "reduced course load" is a course-load percentage recorded on each
 * training item, and the plan has one when every training in it is at least 40% and below 100%;
 * "exceptional cases" is an approved plan-limit exception, and a subsequent plan has no exceptional
 * length (the regulation gives it none); a plan is subsequent when the person had approved training
 * in another plan that started before it. Only a change that takes the plan further past its limit
 * (more months, or a lower limit when a course load rises) is refused.
 */

import type { PlainDate } from '../calendar.ts';
import type { Refusal } from '../refusal.ts';
import { countedMonths } from './stream-months.ts';
import { type LearningStreamPolicy, PLAN_LIMIT_RULE, type PlanLimits } from './streams.ts';

/** One training of a plan: its dates (end inclusive) and course load (null: a full load). */
export interface PlanTraining {
  readonly start: PlainDate;
  readonly end: PlainDate;
  readonly courseLoadPercent: number | null;
}

export type PlanKind = 'first' | 'subsequent';

/** The months a plan counts: each month once, with the 16th-day rule. */
export function planMonths(
  trainings: readonly PlanTraining[],
  policy: Pick<LearningStreamPolicy, 'monthCountsWhenSessionStartsBeforeDay'>,
) {
  const months = new Set<string>();
  for (const t of trainings) for (const m of countedMonths(t, policy.monthCountsWhenSessionStartsBeforeDay)) months.add(m.toString());
  return months.size;
}

/** Whether every training of the plan is at a reduced course load (at least the minimum, below a full load). */
export function hasReducedLoad(trainings: readonly PlanTraining[], minPercent: number): boolean {
  return (
    trainings.length > 0 &&
    trainings.every((t) => t.courseLoadPercent !== null && t.courseLoadPercent >= minPercent && t.courseLoadPercent < 100)
  );
}

export interface PlanLimit {
  readonly kind: PlanKind;
  readonly limitMonths: number;
  readonly basis: 'standard' | 'exceptional' | 'reduced-load';
  readonly limits: PlanLimits;
}

/** The limit that applies to a plan: the longest its kind allows with what it has (a reduced load, an approved exception). */
export function planLimit(
  kind: PlanKind,
  trainings: readonly PlanTraining[],
  policy: Pick<LearningStreamPolicy, 'planLimits'>,
  options: { exceptionApproved?: boolean } = {},
): PlanLimit {
  const limits = kind === 'first' ? policy.planLimits.firstPlan : policy.planLimits.subsequentPlan;
  let best: PlanLimit = { kind, limitMonths: limits.standardMonths, basis: 'standard', limits };
  if (options.exceptionApproved && limits.exceptionalMonths !== null && limits.exceptionalMonths > best.limitMonths)
    best = { ...best, limitMonths: limits.exceptionalMonths, basis: 'exceptional' };
  if (
    limits.reducedLoadMonths !== null &&
    limits.reducedLoadMonths > best.limitMonths &&
    hasReducedLoad(trainings, policy.planLimits.reducedLoadMinPercent)
  )
    best = { ...best, limitMonths: limits.reducedLoadMonths, basis: 'reduced-load' };
  return best;
}

const KIND_WORDS: Record<PlanKind, string> = { first: 'A first training plan', subsequent: 'A subsequent training plan' };

/** The limits of a plan kind in words: "30 months, 40 with an approved exception, 50 with a reduced course load of at least 40%". */
export function limitsInWords(limits: PlanLimits, minPercent: number): string {
  return [
    `${limits.standardMonths} months`,
    ...(limits.exceptionalMonths !== null ? [`${limits.exceptionalMonths} in exceptional cases (an approved exception)`] : []),
    ...(limits.reducedLoadMonths !== null ? [`${limits.reducedLoadMonths} with a reduced course load of at least ${minPercent}%`] : []),
  ].join(', ');
}

/**
 * A plan's trainings changing from `before` to `after` (an item added, dates moved, a case's training
 * extended): refused, naming the limit, when the plan would run longer than its limit and the change
 * adds months. With an approved exception the exceptional limit applies; past it nothing goes.
 */
export function checkPlanLimit(
  kind: PlanKind,
  before: readonly PlanTraining[],
  after: readonly PlanTraining[],
  policy: Pick<LearningStreamPolicy, 'planLimits' | 'monthCountsWhenSessionStartsBeforeDay'>,
  options: { exceptionApproved?: boolean; field?: string } = {},
): Refusal[] {
  const months = planMonths(after, policy);
  const limit = planLimit(kind, after, policy, options);
  const excessBefore = planMonths(before, policy) - planLimit(kind, before, policy, options).limitMonths;
  if (months <= limit.limitMonths || months - limit.limitMonths <= excessBefore) return [];
  const min = policy.planLimits.reducedLoadMinPercent;
  const canException = !options.exceptionApproved && limit.limits.exceptionalMonths !== null && months <= limit.limits.exceptionalMonths;
  return [
    {
      code: 'PLAN_LIMIT_EXCEEDED',
      rule: PLAN_LIMIT_RULE,
      field: options.field ?? 'expectedEnd',
      detail: `This training plan would run ${months} months; it is limited to ${limit.limitMonths} months. ${KIND_WORDS[kind]} may run ${limitsInWords(limit.limits, min)}.${canException ? ' The regional office has been asked to reassess: it can record a plan-length exception for approval.' : ''}`,
      facts: {
        planKind: kind,
        months,
        limitMonths: limit.limitMonths,
        basis: limit.basis,
        exceptionalMonths: limit.limits.exceptionalMonths,
        reducedLoadMonths: limit.limits.reducedLoadMonths,
        reducedLoadMinPercent: min,
        exceptionRoute: canException,
      },
    },
  ];
}
