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
