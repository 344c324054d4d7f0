/**
 * Unit tests for funding.ts: R03 pre-condition 3, "an active Service Plan exists" before training is
 * funded (a learner income support case opened for a training item).
 */
import { describe, expect, it } from 'vitest';
import { checkFundTraining } from './funding.ts';
import type { PlanStatus } from './plan.ts';

const codes = (status: PlanStatus, subGoalType = 'training') => checkFundTraining({ status }, subGoalType).map((r) => r.code);

describe('funding a training item (R03 pre-condition 3)', () => {
  it('finding 10: training on an open plan the person has not accepted is refused, naming R03 pre-condition 3', () => {
    const [refusal] = checkFundTraining({ status: 'open' }, 'training');
    expect(refusal).toMatchObject({ code: 'PLAN_NOT_ACCEPTED', rule: expect.stringContaining('R03 pre-condition 3'), field: 'planItemId' });
  });

  it('training on an active (accepted) plan can be funded', () => {
    expect(codes('active')).toEqual([]);
  });

  it.each<PlanStatus>(['closed', 'exited'])('a %s plan funds nothing', (status) => {
    expect(codes(status)).toEqual(['PLAN_NOT_EDITABLE']);
  });

  it('only a training item can be funded, whatever the plan status', () => {
    expect(codes('active', 'job-search')).toEqual(['INVALID_FORMAT']);
  });
});
