/**
 * The overpayment recovery rate (docs/policy/payments.md): the share of each later month's payment
 * deducted towards a case's debts, in basis points (1/100 of a percent), as effective-dated data
 * (data/recovery.json), validated when loaded. The figure is a placeholder until the program
 * confirms it: the manual pages read (M7082, M7083) give no rate.
 */
import { z } from 'zod';
import type { PlainDate } from '../domain/calendar.ts';
import raw from './data/recovery.json' with { type: 'json' };
import { coverageProblems, inForce } from './effective.ts';
import { IsoDateString } from './schema.ts';

const File = z.object({
  source: z.string().min(1),
  placeholder: z.boolean(),
  periods: z
    .array(
      z.object({
        from: IsoDateString,
        to: IsoDateString.nullable(),
        deductionRateBasisPoints: z.number().int().min(0).max(10_000),
        reference: z.string().min(1),
      }),
    )
    .min(1),
});

export type RecoveryPeriod = z.infer<typeof File>['periods'][number];

export function loadRecoveryPolicy(data: unknown = raw, file = 'src/policy/data/recovery.json'): (date: PlainDate) => RecoveryPeriod {
  const parsed = File.safeParse(data);
  if (!parsed.success) throw new Error(`${file} is invalid: ${z.prettifyError(parsed.error)}`);
  const problems = coverageProblems(parsed.data.periods);
  if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
  return (date) => inForce('recovery', parsed.data.periods, date);
}
