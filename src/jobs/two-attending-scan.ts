/**
 * E04 full scan: finds two-attending situations that are new, changed or ended. Detection also
 * runs whenever a relationship, a learner case or its training dates change; the scan catches
 * anything else (e.g. data loaded in bulk).
 *
 * One set-based statement (store/repos/two-attending-candidates.ts) predicts the situations of every
 * pair of partners with live learner cases and compares them with the live situations: only the
 * people around whom something is new, changed or ended (or where the prediction is unsure) are
 * keys. Each is then decided by the domain, exactly as a change would (`detectAroundMany`, the
 * audited path of `detectAround` with its reads made per chunk). A scan with nothing new has no keys
 * and does no per-situation work. Keys are worked in chunks that any number of workers or servers
 * share (jobs/chunked.ts): nothing is done twice.
 */
import { detectAroundMany, twoAttendingScanWork } from '../app/two-attending-scan.ts';
import { type ChunkedJob, chunkedJob } from './chunked.ts';
import type { Job } from './job.ts';

/** One key per person to decide (a pair is already one person) (jobs/chunked.ts packs them into chunks). */
export async function twoAttendingCandidates(ctx: Parameters<ChunkedJob['households']>[0]): Promise<string[][]> {
  const work = await twoAttendingScanWork(ctx);
  return [...new Set(work.map((w) => w.personId))].map((id) => [id]);
}

export const twoAttendingScanChunks: ChunkedJob = {
  name: 'two-attending-scan',
  households: twoAttendingCandidates,
  async process(ctx, tx, personIds) {
    const outcome = await detectAroundMany(ctx, tx, personIds);
    return { examined: personIds.length, ...outcome };
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
