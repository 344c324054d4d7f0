/**
 * The audit trail's actions, each with what it records in words, written once for the server (the
 * type of `recordAudit`'s `action`, app/audit.ts) and the web (the Audit page and a person's audit
 * trail, web/src/components/audit). The code is what is stored, searched and exported (CSV); the
 * words are only for reading. An action missing here does not compile where an event is written;
 * an action stored before it was named here (older data) reads as its code. Pure: no I/O.
 */

export const AUDIT_ACTIONS = {
  'person.register': 'Person registered',
  'person.correct': 'Person’s details corrected',
  'person.detail.address': 'Address changed',
  'person.detail.phone': 'Phone changed',
  'person.detail.email': 'Email changed',
  'person.detail.education': 'Education changed',
  'person.detail.employment': 'Employment changed',
  'person.sensitivity': 'Person’s sensitivity changed',
  'person.break-glass': 'Restricted person opened for a stated reason',
  'interaction.record': 'Contact recorded',
  'relationship.add': 'Relationship added',
  'relationship.end': 'Relationship ended',
  'case.open': 'Integrated case opened',
  'case.close': 'Integrated case closed',
  'case.reopen': 'Integrated case reopened',
  'assessment.start': 'Assessment started',
  'assessment.update': 'Assessment updated',
  'assessment.complete': 'Assessment completed',
  'plan.create': 'Service plan created',
  'plan.accept': 'Service plan accepted',
  'plan.close': 'Service plan closed',
  'plan.exit': 'Service plan exited',
  'plan.subgoal.add': 'Sub-goal added',
  'plan.item.add': 'Plan item added',
  'plan.item.update': 'Plan item updated',
  'plan.item.complete': 'Plan item completed',
  'plan.item.reassign': 'Plan item reassigned',
  'task.create': 'Task created',
  'task.assign': 'Task assigned',
  'task.complete': 'Task completed',
  'task.cancel': 'Task cancelled',
  'pdc.create': 'Learner income support case opened',
  'pdc.training-change': 'Training dates changed',
  'pdc.application-received': 'Application received date recorded',
  'pdc.reassess': 'Benefits determined',
  'pdc.settle': 'Arrears or debts raised',
  'pdc.issue': 'Payments issued',
  'evidence.add': 'Evidence added',
  'evidence.correct': 'Evidence corrected',
  'evidence.change': 'Change of circumstance recorded',
  'evidence.discard': 'Evidence discarded',
  'evidence.apply': 'Evidence applied',
  'evidence.approved': 'Director Approval given',
  'evidence.rejected': 'Director Approval refused',
  'debt.agreement': 'Repayment agreement received',
  'debt.adjust': 'Debt adjusted',
  'debt.adjustment-reversed': 'Debt adjustment reversed',
  'payment-run.export': 'Payment run exported',
  'training-exception.record': 'Training exception requested',
  'training-exception.approve': 'Training exception approved',
  'training-exception.reject': 'Training exception refused',
  'training-exception.use': 'Training exception used',
  'two-attending.detect': 'Two attending detected',
  'two-attending.confirm': 'Two attending confirmed',
  'two-attending.months-changed': 'Two-attending months changed',
  'two-attending.end': 'Two attending ended',
  'caseload.transfer': 'Caseload transferred',
  'user.create': 'Account created',
  'user.update': 'Account changed',
  'user.placement': 'Account’s office, team or clearance changed',
  'user.password-change': 'Password changed',
  'user.password-reset': 'Password reset',
  'user.sessions-revoke': 'Account signed out everywhere',
  'session.sign-in': 'Signed in',
  'session.sign-in-failed': 'Sign-in refused',
  'office.create': 'Office created',
} as const satisfies Record<string, string>;

/** An action an audit event may record (`recordAudit` accepts no other). */
export type AuditAction = keyof typeof AUDIT_ACTIONS;

type GroupOf<A extends string> = A extends `${infer G}.${string}` ? G : never;
/** The first word of an action's code: what kind of record or work it is about. */
export type AuditActionGroup = GroupOf<AuditAction>;

/** Each group of actions by name, in the order the Audit page's action filter offers them. */
export const AUDIT_ACTION_GROUPS = {
  person: 'People',
  interaction: 'Contacts',
  relationship: 'Relationships',
  case: 'Integrated cases',
  assessment: 'Assessments',
  plan: 'Service plans',
  task: 'Tasks',
  pdc: 'Learner income support cases',
  evidence: 'Evidence',
  debt: 'Debts',
  'payment-run': 'Payment runs',
  'training-exception': 'Training exceptions',
  'two-attending': 'Two attending',
  caseload: 'Caseloads',
  user: 'Accounts',
  session: 'Sign-ins',
  office: 'Offices',
} as const satisfies Record<AuditActionGroup, string>;

/** An action's label in words; an action not named here (older data) reads as its code. */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(AUDIT_ACTIONS, action) ? AUDIT_ACTIONS[action as AuditAction] : action;
}

export interface AuditActionGroupView {
  readonly code: AuditActionGroup;
  readonly label: string;
  /** The text that finds every action of the group, and only those (text other than a code matches part of the code). */
  readonly search: string;
  readonly actions: readonly { readonly code: AuditAction; readonly label: string }[];
}

/** The actions by group, each in the catalogue's order. */
export function auditActionGroups(): AuditActionGroupView[] {
  const actions = Object.entries(AUDIT_ACTIONS) as [AuditAction, string][];
  return (Object.entries(AUDIT_ACTION_GROUPS) as [AuditActionGroup, string][]).map(([code, label]) => ({
    code,
    label,
    search: `${code}.`,
    actions: actions.filter(([action]) => action.startsWith(`${code}.`)).map(([action, words]) => ({ code: action, label: words })),
  }));
}
