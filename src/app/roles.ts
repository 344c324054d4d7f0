/** The roles of docs/records-and-statuses.md "People and roles". */
export const ROLES = [
  'authorized-official',
  'learner-benefits-coordinator',
  'learner-benefit-specialist',
  'supervisor',
  'auditor',
  'administrator',
  'finance-officer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  'authorized-official': 'Authorized Official',
  'learner-benefits-coordinator': 'Learner Benefits Coordinator',
  'learner-benefit-specialist': 'Learner Benefit Specialist',
  supervisor: 'Supervisor',
  auditor: 'Auditor',
  administrator: 'Administrator',
  'finance-officer': 'Finance Officer',
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * Roles that stand alone (docs/separation-of-duties.md): an administrator manages accounts, so
 * holding any case-data role as well would let them grant themselves access; an auditor checks
 * everyone's work, so they do none of it; a finance officer exports whole payment runs (every
 * payment of a day, whoever it is to), so they neither enter, approve nor read what a run pays.
 */
export const SOLE_ROLES: readonly Role[] = ['administrator', 'auditor', 'finance-officer'];

/**
 * Pairs of roles one account never holds together: the roles that enter or change Director Approval
 * evidence (coordinator, supervisor) and the role that approves it (specialist).
 */
export const EXCLUSIVE_PAIRS: readonly (readonly [Role, Role])[] = [
  ['learner-benefits-coordinator', 'learner-benefit-specialist'],
  ['supervisor', 'learner-benefit-specialist'],
];

/** Why an account may not hold this set of roles, or null when it may. */
export function roleSetProblem(roles: readonly Role[]): string | null {
  const set = new Set(roles);
  for (const sole of SOLE_ROLES) {
    if (set.has(sole) && set.size > 1) return `The ${ROLE_LABELS[sole]} role is held alone, never with another role.`;
  }
  for (const [a, b] of EXCLUSIVE_PAIRS) {
    if (set.has(a) && set.has(b))
      return `One account cannot hold both ${ROLE_LABELS[a]} and ${ROLE_LABELS[b]}: the first enters Director Approval evidence, the second approves it.`;
  }
  return null;
}
