import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type RefObject, useEffect, useRef } from 'react';
import { getEvidenceTypes, getNeeds, getPlanItemCatalogue, listUsers } from './api.ts';
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

/**
 * A learner case: its determination view, evidence and preview share the ['pdc', id] prefix, so
 * anything that reassesses it refreshes all of them at once.
 */
export const pdcKeys = {
  all: (id: Id) => ['pdc', id] as const,
  view: (id: Id) => ['pdc', id, 'view'] as const,
  evidence: (id: Id) => ['pdc', id, 'evidence'] as const,
  preview: (id: Id) => ['pdc', id, 'preview'] as const,
  /** Outside the ['person', id] prefix: a change to the person's details does not touch their cases. */
  ofPerson: (personId: Id) => ['pdcs-of-person', personId] as const,
};

/** Two-attending situations: the list (by person) and each situation's reconciliation. */
export const twoAttendingKeys = {
  all: ['two-attending'] as const,
  ofPerson: (personId: Id) => ['two-attending', 'person', personId] as const,
  reconciliation: (id: Id) => ['two-attending', id, 'reconciliation'] as const,
};

/**
 * After a reassessment (apply, approval, training dates, two attending confirmed): every learner
 * case and situation on screen is refetched, since a coordinated partner's case changes too.
 */
export function useRefreshBenefits(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['pdc'] }),
      queryClient.invalidateQueries({ queryKey: ['pdcs-of-person'] }),
      queryClient.invalidateQueries({ queryKey: twoAttendingKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['tasks'] }),
    ]);
  };
}

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

/** Evidence types, their subtypes and what each needs (amount, person...). */
export function useEvidenceTypes() {
  return useQuery({ queryKey: ['catalogues', 'evidence-types'], queryFn: getEvidenceTypes, staleTime: Number.POSITIVE_INFINITY });
}

/** Accounts (supervisors and administrators only: ask only when the user may read them). */
export function useUsers(enabled: boolean) {
  return useQuery({ queryKey: ['users'], queryFn: listUsers, enabled, staleTime: 5 * 60_000 });
}

/**
 * For a form revealed by a button (which then disappears): move focus to its first field when it
 * appears, so keyboard and screen-reader users land in it rather than at the top of the page.
 */
export function useFocusFirstField<T extends HTMLElement>(enabled = true): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea')?.focus();
  }, [enabled]);
  return ref;
}

/**
 * For a button that opens a form or dialog in its place: when the form closes without having moved
 * focus anywhere (cancelled, so focus fell to the page's body), give focus back to the button.
 */
export function useFocusBackWhenClosed(open: boolean): RefObject<HTMLButtonElement | null> {
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open && document.activeElement === document.body) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return button;
}
