/**
 * Reassessment of every open and active learner case: run after the policy data changes (a new rate
 * table) so that the affected months get a new determination version and their over- or
 * underpayments (issue 4, "applying ... a new version of the policy data recomputes the affected
 * months"). Each case is reassessed in its own transaction; a case whose months did not change gets
 * no new version, so running it twice (or two at once) does nothing more.
 */
import { and, asc, gt, inArray } from 'drizzle-orm';
import { reassess } from '../app/benefits/determinations.ts';
import { productDeliveryCases } from '../store/schema.ts';
import type { Job } from './job.ts';

export const reassessment: Job = {
  name: 'reassessment',
  description: 'Recompute every open or active learner case (after policy data changes); new versions only where months changed',
  schedule: '30 2 * * *',
  async run(ctx, onProgress) {
    const ids: string[] = [];
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page = await ctx.db
        .select({ id: productDeliveryCases.id })
        .from(productDeliveryCases)
        .where(and(inArray(productDeliveryCases.status, ['open', 'active']), gt(productDeliveryCases.id, after)))
        .orderBy(asc(productDeliveryCases.id))
        .limit(500);
      ids.push(...page.map((p) => p.id));
      if (page.length < 500) break;
      after = page.at(-1)!.id;
    }
    let changed = 0;
    let differences = 0;
    let done = 0;
    for (const id of ids) {
      const outcome = await ctx.db.transaction((tx) => reassess(ctx, tx, null, id, 'Scheduled reassessment (policy data)'));
      if (outcome.changed) changed += 1;
      differences += outcome.differences.length;
      done += 1;
      onProgress?.(done, ids.length);
    }
    return { job: this.name, examined: ids.length, outcomes: { newVersions: changed, monthsWithDifferences: differences } };
  },
};
