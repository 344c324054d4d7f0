/**
 * Unit tests for creation.ts: a Service Plan starts only when the person is ready (R03
 * pre-conditions 2-3) and never beside another open or active plan (R03 rule 1: "There should be
 * only one active Service Plan with one goal"); the person's acceptance of the service agreement
 * (the record of mutual agreement, R03.1 Description) makes an open plan active.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Refusal } from '../refusal.ts';
import { checkAcceptPlan, checkCreatePlan } from './creation.ts';
import type { PlanStatus } from './plan.ts';
import type { Readiness } from './preconditions.ts';

const codes = (refusals: readonly Refusal[]) => refusals.map((r) => r.code);

const ready: Readiness = { ready: true, caseId: 'ic-1', primaryNeed: 'training', goal: 'Complete training for employment' };
const plan = (id: string, status: PlanStatus) => ({ id, status });

describe('starting a Service Plan (R03 pre-conditions 2-3, rule 1)', () => {
  it('a ready person with no Service Plan can start one', () => {
    expect(checkCreatePlan(ready, [])).toEqual([]);
  });

  it('a person who is not ready cannot start a Service Plan, and the refusal names every unmet condition (R03 pre-conditions 2-3)', () => {
    const notReady: Readiness = {
      ready: false,
      unmet: [
        { condition: 'REGISTRATION_INCOMPLETE', rule: 'R03 pre-condition 2', detail: 'Registration is incomplete: address.' },
        {
          condition: 'NO_COMPLETED_ASSESSMENT',
          rule: 'R03 pre-condition 2',
          detail: 'No completed assessment with a Primary Need on the open Integrated Case.',
        },
      ],
    };
    const refusals = checkCreatePlan(notReady, []);
    expect(codes(refusals)).toEqual(['SERVICE_PLAN_PRECONDITIONS_UNMET']);
    expect(refusals[0]?.detail).toContain('Registration is incomplete: address.');
    expect(refusals[0]?.detail).toContain('No completed assessment with a Primary Need');
    expect(refusals[0]?.facts).toEqual({ unmet: notReady.unmet });
  });

  it('an active plan blocks a new one as PLAN_ALREADY_ACTIVE (R03 rule 1)', () => {
    expect(checkCreatePlan(ready, [plan('sp-old', 'closed'), plan('sp-1', 'active')])).toEqual([
      {
        code: 'PLAN_ALREADY_ACTIVE',
        rule: 'R03 Key Notes: one active Service Plan',
        detail: 'This person already has an active Service Plan; close it before starting another.',
        facts: { planId: 'sp-1' },
      },
    ]);
  });

  it('an open plan still being drafted blocks a new one as PLAN_ALREADY_OPEN, saying it is open (R03 rule 1)', () => {
    const [refusal] = checkCreatePlan(ready, [plan('sp-old', 'closed'), plan('sp-1', 'open')]);
    expect(refusal).toMatchObject({ code: 'PLAN_ALREADY_OPEN', rule: 'R03 Key Notes: one active Service Plan', facts: { planId: 'sp-1' } });
    expect(refusal?.detail).toContain('open Service Plan that is still being drafted');
  });

  it('a closed or exited earlier plan does not stop a subsequent Service Plan (R03 rule 1)', () => {
    expect(checkCreatePlan(ready, [plan('sp-1', 'closed'), plan('sp-2', 'exited')])).toEqual([]);
  });

  it('for a ready person, a new plan is refused exactly when some earlier plan is still open or active (R03 rule 1)', () => {
    const statuses = fc.constantFrom<PlanStatus>('open', 'active', 'closed', 'exited');
    fc.assert(
      fc.property(fc.array(statuses, { maxLength: 6 }), (earlier) => {
        const existing = earlier.map((status, i) => plan(`sp-${i}`, status));
        const blocked = earlier.some((s) => s === 'open' || s === 'active');
        const expected = earlier.includes('active') ? ['PLAN_ALREADY_ACTIVE'] : earlier.includes('open') ? ['PLAN_ALREADY_OPEN'] : [];
        expect(codes(checkCreatePlan(ready, existing))).toEqual(blocked ? expected : []);
      }),
    );
  });
});

describe('accepting the service agreement (R03.1 Description: record of mutual agreement)', () => {
  it('an open plan with a sub-goal can be accepted by the person', () => {
    expect(checkAcceptPlan({ status: 'open', subGoals: [{ id: 'sg-1', type: 'training' }] })).toEqual([]);
  });

  it('a plan with no sub-goal cannot be accepted: there is nothing to agree to', () => {
    expect(codes(checkAcceptPlan({ status: 'open', subGoals: [] }))).toEqual(['PLAN_HAS_NO_SUBGOALS']);
  });

  it.each<PlanStatus>(['active', 'closed', 'exited'])('a plan that is %s cannot be accepted again', (status) => {
    expect(codes(checkAcceptPlan({ status, subGoals: [{ id: 'sg-1', type: 'training' }] }))).toEqual(['PLAN_NOT_OPEN']);
  });
});
