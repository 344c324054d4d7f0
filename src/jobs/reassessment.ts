/**
 * Reassessment of every open and active learner case: run after the policy data changes (a new rate
 * table) so that the affected months get a new determination version and their differences:
 * over- or underpayments for months already issued, changes in scheduled amounts otherwise
 * (issue 4, "applying ... a new version of the policy data recomputes the affected months"). Partitioned by household (jobs/chunked.ts): partners' cases share a chunk; workers share
 * the run with nothing done twice; a crash leaves each case's determination old or new, and the run
 * finishes on the next start. A case whose months did not change gets no new version.
 */
import { learnerCasesAndSpouses, reassessMany } from '../app/benefits/reassess-batch.ts';
import { type ChunkedJob, chunkedJob } from './chunked.ts';
import type { Job } from './job.ts';

/** Learner cases grouped by household (a case with its partner's cases, spouse relationships) (jobs/chunked.ts packs them into chunks). */
export async function learnerHouseholds(ctx: Parameters<ChunkedJob['households']>[0]): Promise<string[][]> {
  const { cases, spouses } = await learnerCasesAndSpouses(ctx);
  const partners = new Map<string, string>();
  for (const r of spouses) {
    // biome-ignore lint/complexity/useMathMinMax: the ids are strings; Math.min would compare them as numbers.
    const key = r.a < r.b ? r.a : r.b;
    partners.set(r.a, partners.get(r.a) ?? key);
    partners.set(r.b, partners.get(r.b) ?? key);
  }
  const households = new Map<string, string[]>();
  for (const c of cases) {
    const key = partners.get(c.personId) ?? c.personId;
    households.set(key, [...(households.get(key) ?? []), c.id]);
  }
  return [...households.values()];
}

export const reassessmentChunks: ChunkedJob = {
  name: 'reassessment',
  households: learnerHouseholds,
  async process(ctx, tx, pdcIds) {
    let newVersions = 0;
    // A month already issued that changed is an over- or underpayment; any other changed month only
    // changes its scheduled amount (docs/policy/issued-months.md).
    let monthsOverOrUnderpaid = 0;
    let monthsRescheduled = 0;
    for (const outcome of await reassessMany(ctx, tx, null, pdcIds, 'Scheduled reassessment (policy data)')) {
      if (outcome.changed) newVersions += 1;
      for (const d of outcome.differences) {
        if (d.kind === 'scheduled-change') monthsRescheduled += 1;
        else monthsOverOrUnderpaid += 1;
      }
    }
    return { cases: pdcIds.length, newVersions, monthsOverOrUnderpaid, monthsRescheduled };
  },
};

export const reassessment: Job = chunkedJob(reassessmentChunks, {
  description:
    'Recompute every open or active learner case (after policy data changes), by household chunks; new versions only where months changed',
  schedule: '30 2 * * *',
  summarize: ({ processed, failed, outcomes: o }) => ({
    examined: o.cases ?? 0,
    outcomes: {
      chunks: processed,
      failedChunks: failed,
      newVersions: o.newVersions ?? 0,
      monthsOverOrUnderpaid: o.monthsOverOrUnderpaid ?? 0,
      monthsRescheduled: o.monthsRescheduled ?? 0,
    },
  }),
});
