/**
 * R03 periods (18-month closure hold and exit, 90-day passive closure) and task due periods, as
 * effective-dated data (data/service-management.json), validated when loaded.
 */
import { z } from 'zod';
import type { PlainDate } from '../domain/calendar.ts';
import type { ServiceManagementPolicy } from '../domain/service-plans/plan.ts';
import raw from './data/service-management.json' with { type: 'json' };
import { coverageProblems, inForce } from './effective.ts';
import { IsoDateString } from './schema.ts';

const months = z.number().int().min(1).max(120);
const days = z.number().int().min(1).max(3650);
const File = z.object({
  source: z.string().min(1),
  placeholder: z.boolean(),
  periods: z
    .array(
      z.object({
        from: IsoDateString,
        to: IsoDateString.nullable(),
        closureHoldMonthsAfterFundedTraining: months,
        exitAfterMonthsNotEngaged: months,
        passiveClosureDaysWithoutContact: days,
        closureTaskDueDays: days,
        reviewTaskDueDays: days,
        lisChangeTaskDueDays: days,
        reference: z.string().min(1),
      }),
    )
    .min(1),
});

export type ServiceManagementPeriod = z.infer<typeof File>['periods'][number];
export type ServiceManagementTable = (date: PlainDate) => ServiceManagementPeriod & ServiceManagementPolicy;

export function loadServiceManagementPolicy(data: unknown = raw, file = 'src/policy/data/service-management.json'): ServiceManagementTable {
  const parsed = File.safeParse(data);
  if (!parsed.success) throw new Error(`${file} is invalid: ${z.prettifyError(parsed.error)}`);
  const problems = coverageProblems(parsed.data.periods);
  if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
  return (date) => inForce('service management', parsed.data.periods, date);
}
