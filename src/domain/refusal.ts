/**
 * Domain refusals: a closed catalogue of reasons a rule says no. Each names the rule it applies
 * (a policy section such as "R03 pre-condition 2", or a Waypoint data rule) and, where there is
 * one, the input field at fault. http/problems.ts maps each code to an HTTP status in one place;
 * the CLI prints the same codes.
 */
export type RefusalCode =
  | 'REQUIRED'
  | 'INVALID_FORMAT'
  | 'IMPOSSIBLE_DATE'
  | 'DATE_IN_FUTURE'
  | 'END_BEFORE_START'
  | 'RELATIONSHIP_WITH_SELF'
  | 'PARTNER_PERIOD_OVERLAPS'
  | 'RELATIONSHIP_ALREADY_RECORDED'
  | 'RELATIONSHIP_ALREADY_ENDED'
  | 'CONFLICTING_RELATIONSHIP'
  | 'POSSIBLE_DUPLICATE'
  | 'CASE_ALREADY_OPEN'
  | 'CASE_NOT_OPEN'
  | 'CASE_NOT_CLOSED'
  | 'UNKNOWN_NEED'
  | 'DUPLICATE_NEED'
  | 'PRIMARY_NEED_REQUIRED'
  | 'PRIMARY_NEED_NOT_AMONG_NEEDS'
  | 'ASSESSMENT_ALREADY_COMPLETED'
  | 'UNKNOWN_ROLE'
  | 'NOT_FOUND'
  | 'SERVICE_PLAN_PRECONDITIONS_UNMET'
  | 'PLAN_ALREADY_ACTIVE'
  | 'PLAN_NOT_OPEN'
  | 'PLAN_HAS_NO_SUBGOALS'
  | 'PLAN_NOT_EDITABLE'
  | 'UNKNOWN_SUBGOAL_TYPE'
  | 'SUBGOAL_ALREADY_IN_PLAN'
  | 'UNKNOWN_ITEM_TYPE'
  | 'ITEM_TYPE_NOT_IN_SUBGOAL'
  | 'NOT_ITEM_OWNER'
  | 'ITEM_ALREADY_COMPLETED'
  | 'OUTCOME_REQUIRED'
  | 'NOT_RESPONSIBLE_FOR_CLOSURE'
  | 'OPEN_ITEMS_REMAIN'
  | 'CLOSURE_HELD_FOR_FUNDED_TRAINING'
  | 'PASSIVE_CLOSURE_NOT_DUE'
  | 'OTHER_SERVICE_ACTIVE'
  | 'LIS_WARNING_NOT_ACKNOWLEDGED'
  | 'TASK_NOT_OPEN'
  | 'NOT_TASK_ASSIGNEE'
  | 'UNKNOWN_EVIDENCE_TYPE'
  | 'UNKNOWN_SUBTYPE'
  | 'NOT_IN_HOUSEHOLD'
  | 'NEGATIVE_AMOUNT'
  | 'AMOUNT_PRECISION'
  | 'PERIOD_OUTSIDE_PDC'
  | 'VERSION_NOT_IN_EDIT'
  | 'NOTHING_TO_APPLY'
  | 'APPROVAL_NOT_PENDING'
  | 'PDC_NOT_OPEN'
  | 'TWO_ATTENDING_NOT_DETECTED'
  // Access by caseload, sensitivity, break-glass and the person search (docs/access-control.md)
  | 'NOT_ON_CASELOAD'
  | 'ABOVE_SENSITIVITY_CLEARANCE'
  | 'BREAK_GLASS_REASON_TOO_SHORT'
  | 'SEARCH_TOO_WIDE'
  // Service management (issue 10): funding needs an accepted plan; dates before a birth; decision tasks.
  | 'PLAN_NOT_ACCEPTED'
  | 'DATE_BEFORE_BIRTH'
  | 'TASK_NEEDS_DECISION'
  // Learner households (issue 10): evidence that could belong to either of two households.
  | 'AMBIGUOUS_EVIDENCE'
  // One closed error catalogue (issue 12): a second plan beside one still being drafted.
  | 'PLAN_ALREADY_OPEN'
  // Learner program rules (issue 16): R08 subsequent training, duration caps, training exceptions.
  | 'SUBSEQUENT_TRAINING_TOO_SOON'
  | 'DURATION_CAP_EXCEEDED'
  | 'PLAN_LIMIT_EXCEEDED'
  | 'EXCEPTION_NOT_PENDING';

export interface Refusal {
  readonly code: RefusalCode;
  /** The policy section or Waypoint rule that refuses, e.g. "R03 pre-condition 2". */
  readonly rule: string;
  /** Dotted path of the input field at fault, when one is. */
  readonly field?: string;
  /** A sentence a caseworker can act on. */
  readonly detail: string;
  /** Extra facts for the caller (e.g. the candidates of a possible duplicate). */
  readonly facts?: Readonly<Record<string, unknown>>;
}

/** A rule's answer: the accepted value, or every refusal that applies. */
export type Decision<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusals: readonly Refusal[] };

export const accept = <T>(value: T): Decision<T> => ({ ok: true, value });
export const refuse = <T = never>(...refusals: Refusal[]): Decision<T> => ({ ok: false, refusals });

/** Accepts `value` when no refusal was collected. */
export const decide = <T>(refusals: readonly Refusal[], value: () => T): Decision<T> =>
  refusals.length === 0 ? accept(value()) : { ok: false, refusals };
