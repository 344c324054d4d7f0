/**
 * Tasks that stand for a decision. Such a task ends only through its decision, never by a plain
 * "complete": completing it by hand would leave the record it is about waiting forever with no task
 * to bring anyone back to it. Our reading (docs/policy/r03-service-management.md, "Tasks that stand
 * for a decision"): Director Approval evidence is approved or rejected by a Learner Benefit
 * Specialist before it counts, and a rejection gives its reason.
 */
import type { Refusal } from '../refusal.ts';

export interface TaskDecision {
  /** What ends the task, as the worklist offers it. */
  readonly kind: 'director-approval';
  /** The decision, in a caseworker's words. */
  readonly label: string;
  /** The only choices, each ending the task. */
  readonly choices: readonly ('approved' | 'rejected')[];
  /** Choices that need a reason. */
  readonly reasonRequiredFor: readonly ('approved' | 'rejected')[];
}

const DECISIONS: Readonly<Record<string, TaskDecision>> = {
  'director-approval': {
    kind: 'director-approval',
    label: 'Approve or reject the Director Approval evidence (a rejection needs its reason)',
    choices: ['approved', 'rejected'],
    reasonRequiredFor: ['rejected'],
  },
};

export const DECISION_RULE = 'Waypoint tasks: a task that stands for a decision ends only through that decision';

/** The decision a task of this kind stands for, or null when completing it is the work itself. */
export function decisionOf(kind: string): TaskDecision | null {
  return DECISIONS[kind] ?? null;
}

/** A task that stands for a decision cannot be completed by hand. */
export function checkCompleteTask(task: { readonly kind: string }): Refusal[] {
  const decision = decisionOf(task.kind);
  return decision
    ? [
        {
          code: 'TASK_NEEDS_DECISION',
          rule: DECISION_RULE,
          detail: `This task ends only with its decision: ${decision.label[0]!.toLowerCase()}${decision.label.slice(1)}. Open it and decide.`,
          facts: { decision: decision.kind, choices: decision.choices },
        },
      ]
    : [];
}
