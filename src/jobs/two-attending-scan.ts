/**
 * E04 full scan: every person with an open or active learner case is checked for a two-attending
 * situation (new, changed or ended). Detection also runs whenever a relationship, a learner case or
 * its training dates change; the scan catches anything else (e.g. data loaded in bulk).
 */
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { LEARNER_PROGRAM } from '../app/benefits/program.ts';
import { detectAround } from '../app/two-attending.ts';
import { productDeliveryCases } from '../store/schema.ts';
import type { Job } from './job.ts';

export const twoAttendingScan: Job = {
  name: 'two-attending-scan',
  description: 'E04: find partners whose learner training overlaps; record the situation and tell both coordinators',
  schedule: '45 2 * * *',
  async run(ctx, onProgress) {
    const people: string[] = [];
    let after = '';
    for (;;) {
      const page = await ctx.db
        .selectDistinct({ personId: productDeliveryCases.personId })
        .from(productDeliveryCases)
        .where(and(eq(productDeliveryCases.program, LEARNER_PROGRAM), inArray(productDeliveryCases.status, ['open', 'active']), gt(productDeliveryCases.personId, after || '00000000-0000-0000-0000-000000000000')))
        .orderBy(asc(productDeliveryCases.personId))
        .limit(1000);
      people.push(...page.map((p) => p.personId));
      if (page.length < 1000) break;
      after = page.at(-1)!.personId;
    }
    const totals = { detected: 0, updated: 0, ended: 0 };
    let done = 0;
    for (const personId of people) {
      const outcome = await ctx.db.transaction((tx) => detectAround(ctx, tx, null, personId));
      totals.detected += outcome.detected;
      totals.updated += outcome.updated;
      totals.ended += outcome.ended;
      onProgress?.(++done, people.length);
    }
    return { job: this.name, examined: people.length, outcomes: totals };
  },
};
