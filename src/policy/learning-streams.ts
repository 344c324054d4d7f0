/**
 * Learner program figures (R08 48 months, the 16th-day counting rule, the duration caps, the ISTHB
 * s.44 plan limits) as
 * effective-dated data (data/learning-streams.json), validated when loaded: no gaps or overlaps,
 * unique stream codes, every figure with its source.
 */
import { z } from 'zod';
import type { PlainDate } from '../domain/calendar.ts';
import type { LearningStreamPolicy } from '../domain/learning/streams.ts';
import raw from './data/learning-streams.json' with { type: 'json' };
import { coverageProblems, inForce } from './effective.ts';
import { IsoDateString } from './schema.ts';

const months = z.number().int().min(1).max(240);
const source = z.string().min(1);
/** ISTHB s.44: a longer limit is never shorter than the standard one. */
const PlanLimits = z
  .object({ standardMonths: months, exceptionalMonths: months.nullable(), reducedLoadMonths: months.nullable() })
  .refine((l) => [l.exceptionalMonths, l.reducedLoadMonths].every((m) => m === null || m >= l.standardMonths), {
    message: 'an exceptional or reduced-load limit is at least the standard limit',
  });
const Period = z
  .object({
    from: IsoDateString,
    to: IsoDateString.nullable(),
    subsequentTrainingMonths: months,
    subsequentTrainingSource: source,
    monthCountsWhenSessionStartsBeforeDay: z.number().int().min(1).max(31),
    monthCountingSource: source,
    streams: z.array(z.object({ code: z.string().regex(/^[a-z][a-z-]*$/), label: z.string().min(1), capMonths: months })).min(1),
    streamCapSource: source,
    combinedCapMonths: months,
    lowLiteracyExtraMonths: z.number().int().min(0).max(120),
    combinedCapSource: source,
    planLimits: z.object({
      firstPlan: PlanLimits,
      subsequentPlan: PlanLimits,
      reducedLoadMinPercent: z.number().int().min(1).max(99),
    }),
    planLimitSource: source,
    reference: source,
  })
  .superRefine((p, ctx) => {
    if (new Set(p.streams.map((s) => s.code)).size !== p.streams.length)
      ctx.addIssue({ code: 'custom', message: 'stream codes must be unique', path: ['streams'] });
  });
const File = z.object({ source, placeholder: z.boolean(), periods: z.array(Period).min(1) });

export type LearningStreamTable = (date: PlainDate) => LearningStreamPolicy;

export function loadLearningStreamPolicy(data: unknown = raw, file = 'src/policy/data/learning-streams.json'): LearningStreamTable {
  const parsed = File.safeParse(data);
  if (!parsed.success) throw new Error(`${file} is invalid: ${z.prettifyError(parsed.error)}`);
  const problems = coverageProblems(parsed.data.periods);
  if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
  return (date) => inForce('learning streams', parsed.data.periods, date);
}
