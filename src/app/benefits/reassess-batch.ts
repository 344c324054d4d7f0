/**
 * Reassessment of many cases at once (jobs/reassessment.ts): each case's plan exactly as `reassess`
 * makes it (the same snapshot, the same domain determination, the same hold and labelling), with
 * the reads made for the whole chunk in a few statements (store/repos/reassessment-batch.ts) and the
 * writes in multi-row statements (`storePlans`).
 */
import { holdOn } from '../../domain/two-attending/hold.ts';
import type { Queryable } from '../../store/db.ts';
import {
  casesByIds,
  latestDeterminationsOf,
  liveLearnerCasesAndSpouses,
  liveSituationsOfCases,
  lockCases,
} from '../../store/repos/reassessment-batch.ts';
import type { Actor, AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { loadHouseholdRelationshipsMany } from '../person-view.ts';
import { monthsOf, planFrom, type ReassessOutcome, storePlans } from './determinations.ts';
import { type EvidenceRow, loadEvidenceRows, type PdcRow, snapshotFrom } from './snapshot.ts';

/** `reassess` of each case (in the order given), as one batch; an outcome per case. */
export async function reassessMany(
  ctx: AppContext,
  q: Queryable,
  actor: Actor | null,
  pdcIds: readonly string[],
  reason: string,
): Promise<ReassessOutcome[]> {
  if (pdcIds.length === 0) return [];
  const locked = new Map((await lockCases(q, pdcIds)).map((p) => [p.id, p]));
  const situations = await liveSituationsOfCases(q, pdcIds);
  const coordinatedWith = new Map<string, string>();
  const heldBy = new Map<string, (typeof situations)[number]>();
  for (const s of situations) {
    if (s.status === 'coordinated') {
      if (!coordinatedWith.has(s.firstPdcId)) coordinatedWith.set(s.firstPdcId, s.secondPdcId);
      if (!coordinatedWith.has(s.secondPdcId)) coordinatedWith.set(s.secondPdcId, s.firstPdcId);
    } else if (!heldBy.has(s.secondPdcId)) heldBy.set(s.secondPdcId, s);
  }
  const others = [...new Set([...coordinatedWith.values(), ...[...heldBy.values()].map((s) => s.firstPdcId)])].filter(
    (id) => !locked.has(id),
  );
  const cases = new Map([...locked, ...(await casesByIds(q, others)).map((p) => [p.id, p] as const)]);
  const caseOf = (id: string): PdcRow => {
    const pdc = cases.get(id);
    if (!pdc) throw AppError.notFound('product delivery case', id);
    return pdc;
  };
  const households = await loadHouseholdRelationshipsMany(q, [...new Set([...locked.values()].map((p) => p.personId))]);
  const evidenceByCase = byCase(await loadEvidenceRows(q, [...new Set([...pdcIds, ...coordinatedWith.values()])]));
  const latest = await latestDeterminationsOf(q, pdcIds);
  const today = ctx.clock.today();
  const policy = ctx.benefitPolicy;
  const plans = pdcIds.map((id) => {
    const pdc = caseOf(id);
    const partnerId = coordinatedWith.get(id);
    const partner = partnerId ? caseOf(partnerId) : null;
    const evidence = rowsOf(evidenceByCase, id, partnerId);
    const next = monthsOf(pdc, snapshotFrom(pdc, partner, households.get(pdc.personId)!, evidence, false), policy);
    const held = heldBy.get(id);
    const hold = held ? holdOn(held, id, caseOf(held.firstPdcId).reference) : null;
    return { pdc, plan: planFrom(today, next, latest.get(id) ?? null, hold) };
  });
  return storePlans(q, actor, reason, plans);
}

/** Evidence rows by case, each with its place in the rows read (record and version order). */
function byCase(rows: readonly EvidenceRow[]): Map<string, { row: EvidenceRow; at: number }[]> {
  const cases = new Map<string, { row: EvidenceRow; at: number }[]>();
  rows.forEach((row, at) => {
    const list = cases.get(row.pdcId);
    if (list) list.push({ row, at });
    else cases.set(row.pdcId, [{ row, at }]);
  });
  return cases;
}

/** The case's evidence rows and its coordinated partner's, in the order read (record and version order, as `evidenceFrom` needs). */
function rowsOf(
  cases: ReadonlyMap<string, readonly { row: EvidenceRow; at: number }[]>,
  id: string,
  partnerId: string | undefined,
): EvidenceRow[] {
  const mine = cases.get(id) ?? [];
  const theirs = (partnerId && partnerId !== id && cases.get(partnerId)) || [];
  const merged: EvidenceRow[] = [];
  let [i, j] = [0, 0];
  while (i < mine.length || j < theirs.length)
    merged.push(j >= theirs.length || (i < mine.length && mine[i]!.at < theirs[j]!.at) ? mine[i++]!.row : theirs[j++]!.row);
  return merged;
}

/** The live learner cases and their people's spouse relationships: what the reassessment groups into households. */
export function learnerCasesAndSpouses(ctx: AppContext) {
  return liveLearnerCasesAndSpouses(ctx.db);
}
