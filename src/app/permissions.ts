/**
 * Who may do what: one table (data), checked inside every use case so the API, the CLI and the
 * jobs obey the same rules. Ownership rules (plan items, evidence, tasks) sit in the use cases that
 * own those records; who may read which person (caseload, office, team, sensitivity, break-glass)
 * is decided per person by app/person-access.ts (docs/access-control.md).
 */

import type { Actor } from './context.ts';
import { AppError } from './errors.ts';
import { PERMISSIONS, type Permission } from './permission-table.ts';
import type { Role } from './roles.ts';

export { PERMISSIONS, type Permission } from './permission-table.ts';

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
