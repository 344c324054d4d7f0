/**
 * The catalogue of needs an assessment can identify; the Primary Need sets the Service Plan's goal
 * (R03.1 Key Notes: "one goal (established from the Primary Need identified in the assessment)").
 * Loaded from data/needs.json and validated when loaded.
 */
import { z } from 'zod';
import type { NeedCatalogue } from '../domain/assessments/assessment.ts';
import raw from './data/needs.json' with { type: 'json' };

const NeedsFile = z.object({
  source: z.string().min(1),
  placeholder: z.boolean(),
  needs: z
    .array(z.object({ code: z.string().regex(/^[a-z][a-z-]*$/), label: z.string().min(1), goal: z.string().min(1) }))
    .min(1)
    .refine((needs) => new Set(needs.map((n) => n.code)).size === needs.length, 'need codes must be unique'),
});

export function loadNeedCatalogue(data: unknown = raw): NeedCatalogue & { source: string; placeholder: boolean } {
  const parsed = NeedsFile.safeParse(data);
  if (!parsed.success) throw new Error(`src/policy/data/needs.json is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
