import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getNeeds, getPlanItemCatalogue, listUsers } from './api.ts';
import { type RefObject, useEffect, useRef } from 'react';
import type { Id } from './types.ts';

/** Sets the document title: "<page> – Waypoint". */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} – Waypoint` : 'Waypoint';
  }, [title]);
}

/** Query keys for everything shown on a person page; all share the ['person', id] prefix. */
export const personKeys = {
  person: (id: Id) => ['person', id] as const,
  household: (id: Id, asOf: string) => ['person', id, 'household', asOf] as const,
  readiness: (id: Id) => ['person', id, 'readiness'] as const,
  audit: (id: Id) => ['person', id, 'audit'] as const,
  plans: (id: Id) => ['person', id, 'plans'] as const,
  interactions: (id: Id) => ['person', id, 'interactions'] as const,
};

/** A Service Plan's view (sub-goals, items, closure facts). */
export const planKey = (id: Id) => ['plan', id] as const;

/** The worklist and its count share the ['tasks'] prefix: any change to work refreshes both. */
export const taskKeys = {
  list: ['tasks', 'list'] as const,
  count: ['tasks', 'count'] as const,
};

/** After anything that can create or finish a task (completing an item, closing a plan...). */
export function useRefreshTasks(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['tasks'] });
}

/** Refetch everything about a person after a change (or to resolve a version conflict). */
export function useRefreshPerson(id: Id): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['person', id] });
}

/** The needs catalogue (codes, labels, the goal each sets); it changes with policy, not per request. */
export function useNeeds() {
  return useQuery({ queryKey: ['catalogues', 'needs'], queryFn: getNeeds, staleTime: Number.POSITIVE_INFINITY });
}

/** Sub-goal types, plan item types and closure reasons. */
export function usePlanCatalogue() {
  return useQuery({ queryKey: ['catalogues', 'plan-items'], queryFn: getPlanItemCatalogue, staleTime: Number.POSITIVE_INFINITY });
}

/** Accounts (supervisors and administrators only: ask only when the user may read them). */
export function useUsers(enabled: boolean) {
  return useQuery({ queryKey: ['users'], queryFn: listUsers, enabled, staleTime: 5 * 60_000 });
}

/**
 * For a form revealed by a button (which then disappears): move focus to its first field when it
 * appears, so keyboard and screen-reader users land in it rather than at the top of the page.
 */
export function useFocusFirstField<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea')?.focus();
  }, []);
  return ref;
}
