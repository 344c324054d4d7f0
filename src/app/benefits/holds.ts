/**
 * The hold while a detected two-attending situation awaits confirmation (domain/two-attending/hold.ts,
 * docs/policy/issued-months.md): the second learner's overlap months are determined but not issued,
 * so the household is never paid twice. Here: which hold a case is under now, and the live holds as
 * both cases and the worklist show them.
 */
import { type Hold, holdOn } from '../../domain/two-attending/hold.ts';
import type { Queryable } from '../../store/db.ts';
import { heldMonthsOfLatest } from '../../store/repos/determinations.ts';
import { pdcsWithPeople } from '../../store/repos/product-delivery-cases.ts';
import { detectedSituations, situationsOfPdc } from '../../store/repos/two-attending.ts';
import type { Actor, AppContext } from '../context.ts';
import { authorize } from '../permissions.ts';
import { accessDecisions, readPeople } from '../person-access.ts';
import { loadPdc, type PdcRow } from './snapshot.ts';

/** The hold a live detected situation puts on this case now, if it is the second learner's. */
export async function holdOnCase(q: Queryable, pdc: PdcRow): Promise<Hold | null> {
  const [s] = await situationsOfPdc(q, pdc.id, 'detected', { secondOnly: true });
  if (!s) return null;
  return holdOn(s, pdc.id, (await loadPdc(q, s.firstPdcId)).reference);
}

/**
 * The live holds on these cases or their partners' (both cases of a household show the hold), or
 * every live hold. The months are those the second case's current determination holds, or, before
 * it has one, the situation's months (nothing of them was issued).
 */
export async function holdsOf(q: Queryable, pdcIds?: readonly string[]) {
  return (await liveHolds(q, pdcIds)).map(({ hold }) => hold);
}

/** `holdsOf`, each hold with its two learners (the second learner's and the partner's person ids). */
async function liveHolds(q: Queryable, pdcIds?: readonly string[]) {
  if (pdcIds && pdcIds.length === 0) return [];
  const live = await detectedSituations(q, pdcIds);
  const out = [];
  for (const s of live) {
    const cases = await pdcsWithPeople(q, [s.firstPdcId, s.secondPdcId]);
    const first = cases.find((c) => c.pdc.id === s.firstPdcId)!;
    const second = cases.find((c) => c.pdc.id === s.secondPdcId)!;
    const hold = holdOn(s, second.pdc.id, first.pdc.reference);
    if (!hold) continue;
    const months = (await heldMonthsOfLatest(q, second.pdc.id)) ?? hold.months;
    if (months.length === 0) continue;
    out.push({
      learners: [second.pdc.personId, first.pdc.personId],
      hold: {
        situationId: s.id,
        pdcId: second.pdc.id,
        pdcReference: second.pdc.reference,
        personId: second.pdc.personId,
        personReference: second.reference,
        partnerPdcId: first.pdc.id,
        partnerPdcReference: first.pdc.reference,
        months: [...months],
        reason: hold.reason,
        coordinatorIds: [first.pdc.coordinatorId, second.pdc.coordinatorId].filter((c): c is string => c !== null),
      },
    });
  }
  return out;
}

/**
 * For the worklist: every live hold whose two learners the user may read (a coordinator's page shows
 * those on their cases), as the list of situations is (docs/access-control.md); each hold shown is an
 * access-logged read of both learners.
 */
export async function listHolds(ctx: AppContext, actor: Actor) {
  authorize(actor, 'benefits.read');
  const live = await liveHolds(ctx.db);
  const access = await accessDecisions(
    ctx,
    actor,
    live.flatMap((h) => h.learners),
  );
  const shown = live.filter((h) => h.learners.every((id) => access.get(id)?.allowed === true));
  await readPeople(
    ctx,
    actor,
    shown.flatMap((h) => h.learners),
    'two-attending',
  );
  return shown.map(({ hold }) => hold);
}
