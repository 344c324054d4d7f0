/** The signed-in user, from `GET /api/session` (null when signed out). */
import { useQuery } from '@tanstack/react-query';
import { getSession, type Session } from './api.ts';
import { roleLabel, today } from './format.ts';
import { PERMISSIONS, type Permission, type Role, type User } from './types.ts';

export const SESSION_KEY = ['session'] as const;

/** The session query (its data a `Session`, or null when signed out), seen through `select`. */
function useSessionQuery<T>(select: (session: Session | null) => T) {
  return useQuery({ queryKey: SESSION_KEY, queryFn: getSession, staleTime: 60_000, retry: false, select });
}

export function useSession() {
  return useSessionQuery((session) => session?.user ?? null);
}

/**
 * The ministry's today as the server counts it (its clock and time zone), which every date a form
 * checks or offers is measured against: the browser's own date may be a day off near midnight, or
 * wrong. The browser's date only until the session is read.
 */
export function useToday(): string {
  return useSessionQuery((session) => session?.today).data ?? today();
}

export function hasAnyRole(user: User | null | undefined, ...roles: Role[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}

/** Caseworkers (officials, coordinators, supervisors) start at their own work; everyone else at Find a person. */
export function isCaseworker(user: User | null | undefined): boolean {
  return hasAnyRole(user, 'authorized-official', 'learner-benefits-coordinator', 'supervisor');
}

/** The auditor reads everything and changes nothing: hide forms for a user with no other role. */
export function isReadOnly(user: User | null | undefined): boolean {
  return !!user && user.roles.length > 0 && user.roles.every((role) => role === 'auditor');
}

/**
 * Whether to offer an action: the server's own permission table (src/app/permission-table.ts), so
 * navigation and controls follow the same rules. It only decides what to show: the server checks
 * every request again, and its refusal is shown when it disagrees.
 */
export function mayOffer(user: User | null | undefined, action: Permission): boolean {
  return hasAnyRole(user, ...PERMISSIONS[action]);
}

/**
 * Where a user starts: caseworkers at their work (/); others who may read people at person search;
 * an administrator (who may not) at the accounts page; a Finance Officer at the payment runs;
 * anyone else at the household calculator.
 */
export function homePath(user: User): string {
  if (isCaseworker(user)) return '/';
  if (mayOffer(user, 'person.read')) return '/people';
  if (mayOffer(user, 'user.create')) return '/admin/accounts';
  if (mayOffer(user, 'payment.export-whole-run')) return '/payment-runs';
  return '/calculator';
}

/**
 * Who may take an action, in words, for saying why it is not offered: "an Authorized Official or a
 * Supervisor" (the server's permission table, as `mayOffer`).
 */
export function whoMay(action: Permission): string {
  const names = PERMISSIONS[action].map((role) => `${/^[AEIOU]/.test(roleLabel(role)) ? 'an' : 'a'} ${roleLabel(role)}`);
  return names.length <= 1 ? (names[0] ?? 'nobody') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
