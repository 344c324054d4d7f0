/** Unit tests for decisions.ts: a task that stands for a decision ends only through that decision. */
import { describe, expect, it } from 'vitest';
import { checkCompleteTask, decisionOf } from './decisions.ts';

describe('tasks that stand for a decision', () => {
  it('finding 11: a Director Approval task cannot be completed without its decision', () => {
    expect(checkCompleteTask({ kind: 'director-approval' })).toEqual([
      expect.objectContaining({ code: 'TASK_NEEDS_DECISION', facts: { decision: 'director-approval', choices: ['approved', 'rejected'] } }),
    ]);
  });

  it('a Director Approval task offers approve or reject, and a rejection needs its reason', () => {
    expect(decisionOf('director-approval')).toMatchObject({ choices: ['approved', 'rejected'], reasonRequiredFor: ['rejected'] });
  });

  it.each(['plan-closure', 'plan-closure-review', 'lis-personal-info-changed', 'two-attending-detected'])(
    'a %s task is completed by hand',
    (kind) => {
      expect(checkCompleteTask({ kind })).toEqual([]);
      expect(decisionOf(kind)).toBeNull();
    },
  );
});
