/**
 * The two-attending scan's audited path, many people at a time (jobs/two-attending-scan.ts). The
 * scan's statement (store/repos/two-attending-candidates.ts) names only the people around whom
 * something is new, changed or ended; here the domain decides each of them exactly as `detectAround`
 * does (the same spouse relationships, the same cases, `situationsAmong`), with the reads made for all of
 * them at once. A person with no live situation gets their new situations recorded together: one
 * insert for the situations, one for the tasks, each writing in the same statement the audit events
 * `detectAround` writes (its `after` the row as recorded). Anyone
 * with a live situation (a change or an end) goes through `detectAround` itself.
 */
import type { Situation } from '../domain/two-attending/detection.ts';
import type { Queryable } from '../store/db.ts';
import { determinedAmong } from '../store/repos/determinations.ts';
import { insertSituations } from '../store/repos/reassessment-batch.ts';
import { liveSituationsOf } from '../store/repos/two-attending.ts';
import { preferIndexLookups, type ScanWork, scanWork } from '../store/repos/two-attending-candidates.ts';
import { LEARNER_PROGRAM } from './benefits/program.ts';
import type { PdcRow } from './benefits/snapshot.ts';
import type { AppContext } from './context.ts';
import { loadPartnershipsMany } from './person-view.ts';
import { createTasks } from './tasks.ts';
import {
  detectAround,
  detectionTaskDue,
  detectionTasks,
  HOLD_REASON,
  liveLearnerCases,
  namesFor,
  pairKey,
  partnersIn,
  rehold,
  situationsAmong,
} from './two-attending.ts';

/** The people the scan must decide (new, changed, ended or unsure), from one set-based statement. */
export function twoAttendingScanWork(ctx: AppContext): Promise<ScanWork[]> {
  return scanWork(ctx.db, LEARNER_PROGRAM);
}

interface NewSituation {
  readonly situation: Situation;
  readonly first: PdcRow;
  readonly second: PdcRow;
}

/**
 * `detectAround` for each of these people (as Waypoint itself), the reads made for all of them at
 * once. `q` is the chunk's transaction: its id look-ups are planned on the indexes (preferIndexLookups).
 */
export async function detectAroundMany(ctx: AppContext, q: Queryable, personIds: readonly string[]) {
  const outcome = { detected: 0, updated: 0, ended: 0 };
  if (personIds.length === 0) return outcome;
  await preferIndexLookups(q);
  // Who is partnered (spouse relationships) is all the rule asks of each household.
  const households = await loadPartnershipsMany(q, personIds);
  const partners = new Map(personIds.map((id) => [id, partnersIn(id, households.get(id)!)]));
  const pdcs = await liveLearnerCases(q, [...new Set([...personIds, ...[...partners.values()].flat()])]);
  const casesOf = new Map<string, PdcRow[]>();
  for (const p of pdcs) casesOf.set(p.personId, [...(casesOf.get(p.personId) ?? []), p]);
  const personOf = new Map(pdcs.map((p) => [p.id, p.personId]));
  const live = await liveSituationsOf(
    q,
    personIds.flatMap((id) => (casesOf.get(id) ?? []).map((p) => p.id)),
  );
  const withLive = new Set(live.flatMap((s) => [personOf.get(s.firstPdcId), personOf.get(s.secondPdcId)]));

  const fresh = new Map<string, NewSituation>();
  for (const personId of personIds) {
    if (withLive.has(personId)) {
      const one = await detectAround(ctx, q, null, personId);
      outcome.detected += one.detected;
      outcome.updated += one.updated;
      outcome.ended += one.ended;
      continue;
    }
    const cases = [personId, ...partners.get(personId)!].flatMap((id) => casesOf.get(id) ?? []);
    // A situation needs the live learner cases of two people (findSituations pairs no one with themselves).
    if (new Set(cases.map((p) => p.personId)).size < 2) continue;
    const byId = new Map(cases.map((p) => [p.id, p]));
    for (const s of situationsAmong(households.get(personId)!, cases)) {
      const first = byId.get(s.first.pdcId)!;
      const second = byId.get(s.second.pdcId)!;
      fresh.set(pairKey(first.id, second.id), { situation: s, first, second });
    }
  }
  outcome.detected += await recordNew(ctx, q, [...fresh.values()]);
  return outcome;
}

/** New situations, recorded as `detectAround` records one: the situation, its audit event, both tasks, and the hold. */
async function recordNew(ctx: AppContext, q: Queryable, list: readonly NewSituation[]): Promise<number> {
  if (list.length === 0) return 0;
  const inserted = await insertSituations(
    q,
    list.map(({ situation, first, second }) => ({
      first_pdc_id: first.id,
      second_pdc_id: second.id,
      pair_key: pairKey(first.id, second.id),
      months: [...situation.months],
      status: 'detected',
      responsible_coordinator_id: second.coordinatorId,
    })),
    { actorId: null, action: 'two-attending.detect' },
  );
  // The rows as inserted need no reading back: each is its pair's (the months as given; a pair with a live situation by now is left out).
  const byKey = new Map(list.map((n) => [pairKey(n.first.id, n.second.id), n]));
  const rows = inserted.map(({ id, pairKey: key }) => {
    const { situation, first, second } = byKey.get(key)!;
    return { row: { id, months: [...situation.months], firstPdcId: first.id, secondPdcId: second.id }, first, second };
  });
  const names = await namesFor(q, rows);
  const dueOn = detectionTaskDue(ctx.clock.today());
  await createTasks(
    q,
    null,
    rows.flatMap(({ row, first, second }) => detectionTasks(dueOn, row, first, second, names)),
  );
  const pdcIds = rows.flatMap(({ row }) => [row.firstPdcId, row.secondPdcId]);
  const determined = new Set(await determinedAmong(q, pdcIds));
  for (const { row } of rows)
    if (determined.has(row.firstPdcId) || determined.has(row.secondPdcId)) await rehold(ctx, q, null, row, HOLD_REASON);
  return rows.length;
}
