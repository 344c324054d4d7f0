/**
 * Policy page: docs/policy/r03-service-management.md (our wording of R03.1 and our readings).
 * R03 Key Notes: "There should be only one active Service Plan with one goal (established from the
 * Primary Need identified in the assessment)"; R03 pre-conditions 2-3. A plan is created only when
 * the person is ready, and never beside another open or active plan.
 */
import type { Refusal } from '../refusal.ts';
import type { PlanStatus } from './plan.ts';
import type { Readiness } from './preconditions.ts';

export function checkCreatePlan(readiness: Readiness, existing: readonly { id: string; status: PlanStatus }[]): Refusal[] {
  if (!readiness.ready) {
    return [
      {
        code: 'SERVICE_PLAN_PRECONDITIONS_UNMET',
        rule: 'R03 pre-conditions 2-3',
        detail: `A Service Plan needs: ${readiness.unmet.map((u) => u.detail).join(' ')}`,
        facts: { unmet: readiness.unmet },
      },
    ];
  }
  const current = existing.find((p) => p.status === 'active') ?? existing.find((p) => p.status === 'open');
  if (!current) return [];
  // The other plan is named as it is: active (accepted), or open (still being drafted).
  return [
    current.status === 'active'
      ? {
          code: 'PLAN_ALREADY_ACTIVE',
          rule: 'R03 Key Notes: one active Service Plan',
          detail: 'This person already has an active Service Plan; close it before starting another.',
          facts: { planId: current.id },
        }
      : {
          code: 'PLAN_ALREADY_OPEN',
          rule: 'R03 Key Notes: one active Service Plan',
          detail:
            'This person already has an open Service Plan that is still being drafted; continue it, or close it before starting another.',
          facts: { planId: current.id },
        },
  ];
}

/**
 * Acceptance of the service agreement (the record of mutual agreement, R03.1 Description) makes an
 * open plan active. It needs at least one sub-goal so there is something to agree to.
 */
export function checkAcceptPlan(plan: { status: PlanStatus; subGoals: readonly unknown[] }): Refusal[] {
  if (plan.status !== 'open') {
    return [
      {
        code: 'PLAN_NOT_OPEN',
        rule: 'R03.1 Description: record of mutual agreement',
        detail: 'Only a plan being drafted (open) can be accepted.',
      },
    ];
  }
  if (plan.subGoals.length === 0) {
    return [
      {
        code: 'PLAN_HAS_NO_SUBGOALS',
        rule: 'R03.1 Description: record of mutual agreement',
        detail: 'Add at least one sub-goal before the person accepts the plan.',
      },
    ];
  }
  return [];
}
