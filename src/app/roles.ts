/** The roles of DOMAIN.md "People and roles". */
export const ROLES = [
  'authorized-official',
  'learner-benefits-coordinator',
  'learner-benefit-specialist',
  'supervisor',
  'auditor',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  'authorized-official': 'Authorized Official',
  'learner-benefits-coordinator': 'Learner Benefits Coordinator',
  'learner-benefit-specialist': 'Learner Benefit Specialist',
  supervisor: 'Supervisor',
  auditor: 'Auditor',
  administrator: 'Administrator',
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
