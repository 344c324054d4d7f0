/**
 * The hold while a detected two-attending situation awaits confirmation (domain/two-attending/hold.ts,
 * docs/policy/issued-months.md): the second learner's overlap months are determined but not issued,
 * so the household is never paid twice. Here: which hold a case is under now, and the live holds as
 * both cases and the worklist show them.
 */
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { holdOn, type Hold } from '../../domain/two-attending/hold.ts';
import type { Queryable } from '../../store/db.ts';
import { determinationMonths, determinations, persons, productDeliveryCases, twoAttendingSituations } from '../../store/schema.ts';
import type { Actor, AppContext } from '../context.ts';
import { authorize } from '../permissions.ts';
import { loadPdc, type PdcRow } from './snapshot.ts';

/** The hold a live detected situation puts on this case now, if it is the second learner's. */
export async function holdOnCase(q: Queryable, pdc: PdcRow): Promise<Hold | null> {
  const [s] = await q
    .select()
    .from(twoAttendingSituations)
    .where(and(eq(twoAttendingSituations.status, 'detected'), eq(twoAttendingSituations.secondPdcId, pdc.id)));
  if (!s) return null;
  return holdOn(s, pdc.id, (await loadPdc(q, s.firstPdcId)).reference);
}

/** The months a case's current determination holds (none when it has no determination yet). */
async function storedHeldMonths(q: Queryable, pdcId: string): Promise<string[] | null> {
  const [latest] = await q.select({ id: determinations.id }).from(determinations).where(eq(determinations.pdcId, pdcId)).orderBy(desc(determinations.version)).limit(1);
  if (!latest) return null;
  const rows = await q
    .select({ month: determinationMonths.month })
    .from(determinationMonths)
    .where(and(eq(determinationMonths.determinationId, latest.id), eq(determinationMonths.held, true)))
    .orderBy(determinationMonths.month);
  return rows.map((r) => r.month);
}

/**
 * The live holds on these cases or their partners' (both cases of a household show the hold), or
 * every live hold. The months are those the second case's current determination holds, or, before
 * it has one, the situation's months (nothing of them was issued).
 */
export async function holdsOf(q: Queryable, pdcIds?: readonly string[]) {
  if (pdcIds && pdcIds.length === 0) return [];
  const live = await q
    .select()
    .from(twoAttendingSituations)
    .where(
      and(
        eq(twoAttendingSituations.status, 'detected'),
        pdcIds ? or(inArray(twoAttendingSituations.firstPdcId, [...pdcIds]), inArray(twoAttendingSituations.secondPdcId, [...pdcIds])) : undefined,
      ),
    )
    .orderBy(twoAttendingSituations.detectedAt);
  const out = [];
  for (const s of live) {
    const cases = await q
      .select({ pdc: productDeliveryCases, personReference: persons.reference })
      .from(productDeliveryCases)
      .innerJoin(persons, eq(persons.id, productDeliveryCases.personId))
      .where(inArray(productDeliveryCases.id, [s.firstPdcId, s.secondPdcId]));
    const first = cases.find((c) => c.pdc.id === s.firstPdcId)!;
    const second = cases.find((c) => c.pdc.id === s.secondPdcId)!;
    const hold = holdOn(s, second.pdc.id, first.pdc.reference);
    if (!hold) continue;
    const months = (await storedHeldMonths(q, second.pdc.id)) ?? hold.months;
    if (months.length === 0) continue;
    out.push({
      situationId: s.id,
      pdcId: second.pdc.id,
      pdcReference: second.pdc.reference,
      personId: second.pdc.personId,
      personReference: second.personReference,
      partnerPdcId: first.pdc.id,
      partnerPdcReference: first.pdc.reference,
      months: [...months],
      reason: hold.reason,
      coordinatorIds: [first.pdc.coordinatorId, second.pdc.coordinatorId].filter((c): c is string => c !== null),
    });
  }
  return out;
}

/** For the worklist: every live hold (a coordinator's page shows those on their cases). */
export async function listHolds(ctx: AppContext, actor: Actor) {
  authorize(actor, 'benefits.read');
  return holdsOf(ctx.db);
}
