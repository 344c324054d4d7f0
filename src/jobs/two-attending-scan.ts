/**
 * E04 full scan: finds two-attending situations that are new, changed or ended. Detection also
 * runs whenever a relationship, a learner case or its training dates change; the scan catches
 * anything else (e.g. data loaded in bulk).
 *
 * One set-based query picks the candidates: people with a live learner case whose spouse or partner
 * (a spouse relationship, at any date) has a live learner case whose training months meet theirs,
 * and the partners of every live situation (it may have ended or changed), one person per pair.
 * That is a superset of the situations: each candidate is then decided by the domain
 * (`detectAround`, E04 Trigger), exactly as a change would. Everyone else cannot be in a situation,
 * so the scan never looks at them one by one. Candidates are worked in chunks that any number of
 * workers or servers share (jobs/chunked.ts): nothing is done twice.
 */
import { sql } from 'drizzle-orm';
import { LEARNER_PROGRAM } from '../app/benefits/program.ts';
import { detectAround } from '../app/two-attending.ts';
import { rowsOf } from '../store/db.ts';
import { chunkedJob, type ChunkedJob } from './chunked.ts';
import type { Job } from './job.ts';

/** One key per candidate person (each its own group: a pair is already one person). */
export async function twoAttendingCandidates(ctx: Parameters<ChunkedJob['households']>[0]): Promise<string[][]> {
  const rows = rowsOf<{ person_id: string }>(
    await ctx.db.execute(sql`
      select least(x.person_id, y.person_id)::text as person_id
      from relationships r
      join product_delivery_cases x on x.person_id = r.person_id
      join product_delivery_cases y on y.person_id = r.related_person_id
      where r.kind = 'spouse'
        and x.program = ${LEARNER_PROGRAM} and x.status in ('open', 'active') and x.training_start is not null and x.training_end is not null
        and y.program = ${LEARNER_PROGRAM} and y.status in ('open', 'active') and y.training_start is not null and y.training_end is not null
        and date_trunc('month', x.training_start) <= y.training_end and date_trunc('month', y.training_start) <= x.training_end
      union
      select least(f.person_id, g.person_id)::text
      from two_attending_situations s
      join product_delivery_cases f on f.id = s.first_pdc_id
      join product_delivery_cases g on g.id = s.second_pdc_id
      where s.status in ('detected', 'coordinated')
      order by 1`),
  );
  return rows.map((r) => [r.person_id]);
}

export const twoAttendingScanChunks: ChunkedJob = {
  name: 'two-attending-scan',
  households: twoAttendingCandidates,
  async process(ctx, tx, personIds) {
    const totals = { examined: 0, detected: 0, updated: 0, ended: 0 };
    for (const personId of personIds) {
      const outcome = await detectAround(ctx, tx, null, personId);
      totals.examined += 1;
      totals.detected += outcome.detected;
      totals.updated += outcome.updated;
      totals.ended += outcome.ended;
    }
    return totals;
  },
};

export const twoAttendingScan: Job = chunkedJob(twoAttendingScanChunks, {
  description: 'E04: find partners whose learner training overlaps; record the situation and tell both coordinators',
  schedule: '45 2 * * *',
  summarize: ({ processed, failed, outcomes: o }) => ({
    examined: o.examined ?? 0,
    outcomes: { chunks: processed, failedChunks: failed, detected: o.detected ?? 0, updated: o.updated ?? 0, ended: o.ended ?? 0 },
  }),
});
