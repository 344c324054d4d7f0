import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { getPerson } from '../../api.ts';
import { todayFor } from '../../format.ts';
import { type ApiFormOptions, type FormSchema, useApiForm } from '../../forms/useApiForm.ts';
import { personKeys, planKey } from '../../hooks.ts';
import { useToday } from '../../session.ts';
import type { ServicePlan } from '../../types.ts';

/**
 * A change to a plan: the server answers with the whole plan view, which replaces the cached one
 * (`saved`). The person's plan list and the worklist are refreshed too (completing the last item
 * creates a closure task; closing the plan completes it). `reload` fetches the plan again (after a
 * version conflict, or a change made elsewhere).
 */
export function usePlanChange(plan: ServicePlan) {
  const queryClient = useQueryClient();
  return {
    saved: (updated: ServicePlan) => {
      queryClient.setQueryData(planKey(plan.id), updated);
      queryClient.invalidateQueries({ queryKey: personKeys.plans(plan.person.id) });
      queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
    reload: () => queryClient.invalidateQueries({ queryKey: planKey(plan.id) }),
  };
}

/** The server's today (the date the person is read as of), so default dates agree with its clock. */
export function useServerToday(personId: string | undefined): string {
  const person = useQuery({ queryKey: personKeys.person(personId ?? ''), queryFn: () => getPerson(personId ?? ''), enabled: !!personId });
  const today = useToday();
  return person.data ? todayFor(person.data) : today;
}

/** A form whose request answers with the changed plan: it is saved as `usePlanChange` does, then `onSaved` runs. */
export function usePlanForm<S extends FormSchema>(
  plan: ServicePlan,
  options: Omit<ApiFormOptions<S, ServicePlan, undefined>, 'onSuccess' | 'onReload'> & {
    onSaved: (updated: ServicePlan, values: z.output<S>) => void;
  },
) {
  const change = usePlanChange(plan);
  const { onSaved, ...rest } = options;
  return useApiForm<S, ServicePlan>({
    ...rest,
    onSuccess: (updated, values) => {
      change.saved(updated);
      onSaved(updated, values);
    },
    onReload: change.reload,
  });
}
