/**
 * Who may do what: one table (data), checked inside every use case so the API, the CLI and the
 * jobs obey the same rules. Ownership rules (plan items, evidence, tasks) sit in the use cases that
 * own those records; who may read which person (caseload, office, team, sensitivity, break-glass)
 * is decided per person by app/person-access.ts (docs/access-control.md).
 */

import type { Actor } from './context.ts';
import { AppError } from './errors.ts';
import type { Role } from './roles.ts';

const CASEWORK: readonly Role[] = ['authorized-official', 'learner-benefits-coordinator', 'supervisor'];
const READERS: readonly Role[] = [...CASEWORK, 'learner-benefit-specialist', 'auditor'];

export const PERMISSIONS = {
  'person.read': READERS,
  'person.register': CASEWORK,
  'person.update': CASEWORK,
  'relationship.write': CASEWORK,
  'case.read': READERS,
  'case.open': ['authorized-official', 'supervisor'],
  'case.close': ['authorized-official', 'supervisor'],
  'case.reopen': ['authorized-official', 'supervisor'],
  'assessment.write': ['authorized-official', 'supervisor'],
  'audit.read': ['auditor', 'supervisor'],
  'user.read': ['administrator', 'supervisor'],
  'user.create': ['administrator'],
  'catalogue.read': [...READERS, 'administrator'],
  'plan.read': READERS,
  'plan.write': ['authorized-official', 'supervisor'],
  'plan.close': ['authorized-official', 'supervisor'],
  'item.reassign': ['supervisor'],
  'interaction.write': CASEWORK,
  'pdc.create': ['authorized-official', 'learner-benefits-coordinator', 'supervisor'],
  'task.read': [...READERS],
  'task.assign': ['supervisor'],
  /** Who can be assigned a task and complete it: caseworkers and specialists, never an auditor (read-only) or an administrator. */
  'task.work': [...CASEWORK, 'learner-benefit-specialist'],
  'caseload.transfer': ['supervisor'],
  'team.read': ['supervisor'],
  'job.run': ['supervisor', 'administrator'],
  'benefits.read': READERS,
  'evidence.write': ['learner-benefits-coordinator', 'supervisor'],
  'evidence.approve': ['learner-benefit-specialist'],
  'simulation.run': [...READERS, 'administrator'],
  // Access by caseload (docs/access-control.md): a read outside the caseload with a reason; the access log.
  'person.break-glass': [...CASEWORK, 'learner-benefit-specialist'],
  'access-log.read': ['auditor'],
  'user.placement': ['administrator'],
  'person.sensitivity': ['supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return actor.roles.some((role) => allowed.includes(role));
}

/** Throws FORBIDDEN unless one of the actor's roles holds the permission. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AppError('FORBIDDEN', `Your role does not allow this (${permission}).`, { rule: `Waypoint permissions: ${permission}` });
  }
}
