/** The signed-in user, from `GET /api/session` (null when signed out). */
import { useQuery } from '@tanstack/react-query';
import { getSession } from './api.ts';
import type { Role, User } from './types.ts';

export const SESSION_KEY = ['session'] as const;

export function useSession() {
  return useQuery<User | null>({ queryKey: SESSION_KEY, queryFn: getSession, staleTime: 60_000, retry: false });
}

export function hasAnyRole(user: User | null | undefined, ...roles: Role[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}

/** The auditor reads everything and changes nothing: hide forms for a user with no other role. */
export function isReadOnly(user: User | null | undefined): boolean {
  return !!user && user.roles.length > 0 && user.roles.every((role) => role === 'auditor');
}

/**
 * What a role may do, mirroring the server's permission table (src/app/permissions.ts) for the
 * actions this UI offers. It only decides which controls to show: the server checks every request
 * again, and its refusal is shown when it disagrees.
 */
const OFFERS = {
  'plan.write': ['authorized-official', 'supervisor'],
  'plan.close': ['authorized-official', 'supervisor'],
  'item.reassign': ['supervisor'],
  'pdc.create': ['authorized-official', 'learner-benefits-coordinator', 'supervisor'],
  'person.update': ['authorized-official', 'learner-benefits-coordinator', 'supervisor'],
  'interaction.write': ['authorized-official', 'learner-benefits-coordinator', 'supervisor'],
  'task.read': ['authorized-official', 'learner-benefits-coordinator', 'learner-benefit-specialist', 'supervisor', 'auditor'],
  'user.read': ['administrator', 'supervisor'],
  'caseload.transfer': ['supervisor'],
  'team.read': ['supervisor'],
  'job.run': ['supervisor', 'administrator'],
  'evidence.write': ['learner-benefits-coordinator', 'supervisor'],
  'evidence.approve': ['learner-benefit-specialist'],
  'simulation.run': [
    'authorized-official',
    'learner-benefits-coordinator',
    'learner-benefit-specialist',
    'supervisor',
    'auditor',
    'administrator',
  ],
} as const satisfies Record<string, readonly Role[]>;

export type Offer = keyof typeof OFFERS;

export function mayOffer(user: User | null | undefined, action: Offer): boolean {
  return hasAnyRole(user, ...OFFERS[action]);
}
