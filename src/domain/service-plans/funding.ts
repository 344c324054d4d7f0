/**
 * Funding a training plan item with a learner income support case (opening the learner's product
 * delivery case). R03 pre-condition 3: "An Authorized Official ensures that an active Service Plan
 * exists reflecting the activities an individual will complete": a plan still being drafted (open,
 * not yet accepted by the person) funds nothing; a closed or exited plan funds nothing either.
 * See docs/policy/r03-service-management.md, "Funding needs an accepted plan".
 */
import type { Refusal } from '../refusal.ts';
import type { PlanStatus } from './plan.ts';

export const FUNDING_RULE = 'R03 pre-condition 3: an active Service Plan exists';

export function checkFundTraining(plan: { readonly status: PlanStatus }, subGoalType: string): Refusal[] {
  if (subGoalType !== 'training') {
    return [
      {
        code: 'INVALID_FORMAT',
        rule: 'R03.1 Exception',
        field: 'planItemId',
        detail: 'Learner income support funds a training plan item.',
      },
    ];
  }
  if (plan.status === 'open') {
    return [
      {
        code: 'PLAN_NOT_ACCEPTED',
        rule: FUNDING_RULE,
        field: 'planItemId',
        detail:
          'The person has not accepted this Service Plan yet. Record their acceptance of the service agreement first; only an active plan can fund training.',
      },
    ];
  }
  if (plan.status !== 'active') {
    return [
      {
        code: 'PLAN_NOT_EDITABLE',
        rule: FUNDING_RULE,
        detail: `This Service Plan is ${plan.status}; only an active plan can fund training.`,
      },
    ];
  }
  return [];
}
