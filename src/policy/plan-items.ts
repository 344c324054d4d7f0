/**
 * The catalogue of sub-goal types and plan item types (data/plan-items.json), validated when loaded:
 * unique codes, and every item type under a known sub-goal type.
 */
import { z } from 'zod';
import raw from './data/plan-items.json' with { type: 'json' };

const Code = z.string().regex(/^[a-z][a-z-]*$/);
const File = z
  .object({
    source: z.string().min(1),
    placeholder: z.boolean(),
    subGoalTypes: z.array(z.object({ code: Code, label: z.string().min(1) })).min(1),
    itemTypes: z.array(z.object({ code: Code, label: z.string().min(1), subGoalType: Code, fundable: z.boolean() })).min(1),
  })
  .superRefine((file, ctx) => {
    const subGoals = new Set(file.subGoalTypes.map((s) => s.code));
    if (subGoals.size !== file.subGoalTypes.length)
      ctx.addIssue({ code: 'custom', message: 'sub-goal type codes must be unique', path: ['subGoalTypes'] });
    const seen = new Set<string>();
    file.itemTypes.forEach((item, i) => {
      if (item.code === 'other')
        ctx.addIssue({ code: 'custom', message: '"other" is reserved for free-text items', path: ['itemTypes', i, 'code'] });
      if (seen.has(item.code))
        ctx.addIssue({ code: 'custom', message: `duplicate item type ${item.code}`, path: ['itemTypes', i, 'code'] });
      seen.add(item.code);
      if (!subGoals.has(item.subGoalType))
        ctx.addIssue({ code: 'custom', message: `unknown sub-goal type ${item.subGoalType}`, path: ['itemTypes', i, 'subGoalType'] });
    });
  });

export type PlanItemCatalogue = z.infer<typeof File>;

export function loadPlanItemCatalogue(data: unknown = raw): PlanItemCatalogue {
  const parsed = File.safeParse(data);
  if (!parsed.success) throw new Error(`src/policy/data/plan-items.json is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function itemLabel(catalogue: PlanItemCatalogue, type: string, customName: string | null): string {
  if (type === 'other') return customName ?? 'Other';
  return catalogue.itemTypes.find((t) => t.code === type)?.label ?? type;
}
