/** Two-attending situations (E04): a live one is detected or coordinated; one live situation per pair. */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { preparedOn, type Queryable } from '../db.ts';
import { twoAttendingSituations } from '../schema.ts';
import { uuidIn } from './uuid-list.ts';

export type SituationRow = typeof twoAttendingSituations.$inferSelect;
type NewSituation = typeof twoAttendingSituations.$inferInsert;

const LIVE = ['detected', 'coordinated'];
const involving = (pdcIds: readonly string[]) =>
  or(uuidIn(twoAttendingSituations.firstPdcId, pdcIds), uuidIn(twoAttendingSituations.secondPdcId, pdcIds));

export async function situationById(q: Queryable, id: string, options: { lock?: boolean } = {}): Promise<SituationRow | undefined> {
  const base = q.select().from(twoAttendingSituations).where(eq(twoAttendingSituations.id, id));
  const [row] = options.lock ? await base.for('update') : await base;
  return row;
}

/** The situations with these ids (in no particular order). */
export async function situationsByIds(q: Queryable, ids: readonly string[]): Promise<SituationRow[]> {
  return ids.length ? q.select().from(twoAttendingSituations).where(uuidIn(twoAttendingSituations.id, ids)) : [];
}

/** Live situations involving any of these cases. */
export async function liveSituationsOf(q: Queryable, pdcIds: readonly string[]): Promise<SituationRow[]> {
  if (pdcIds.length === 0) return [];
  return q
    .select()
    .from(twoAttendingSituations)
    .where(and(inArray(twoAttendingSituations.status, LIVE), involving(pdcIds)));
}

/** Situations in a status involving this case (`secondOnly`: where it is the second learner's). */
export async function situationsOfPdc(
  q: Queryable,
  pdcId: string,
  status: SituationRow['status'],
  options: { secondOnly?: boolean } = {},
): Promise<SituationRow[]> {
  const which = options.secondOnly ? eq(twoAttendingSituations.secondPdcId, pdcId) : involving([pdcId]);
  return q
    .select()
    .from(twoAttendingSituations)
    .where(and(eq(twoAttendingSituations.status, status), which));
}

/** Detected situations (of these cases, or all), oldest first. */
export async function detectedSituations(q: Queryable, pdcIds?: readonly string[]): Promise<SituationRow[]> {
  // One case (a case page): the same statement every time, prepared.
  if (pdcIds?.length === 1)
    return preparedOn(q, 'waypoint_detected_situations_of_pdc', (q, name) =>
      q
        .select()
        .from(twoAttendingSituations)
        .where(
          and(
            eq(twoAttendingSituations.status, 'detected'),
            or(
              eq(twoAttendingSituations.firstPdcId, sql.placeholder('pdcId')),
              eq(twoAttendingSituations.secondPdcId, sql.placeholder('pdcId')),
            ),
          ),
        )
        .orderBy(twoAttendingSituations.detectedAt)
        .prepare(name),
    ).execute({ pdcId: pdcIds[0] });
  return q
    .select()
    .from(twoAttendingSituations)
    .where(and(eq(twoAttendingSituations.status, 'detected'), pdcIds ? involving(pdcIds) : undefined))
    .orderBy(twoAttendingSituations.detectedAt);
}

/** Every situation, or those in one status. */
export async function situationsInStatus(q: Queryable, status?: string): Promise<SituationRow[]> {
  return q
    .select()
    .from(twoAttendingSituations)
    .where(status ? eq(twoAttendingSituations.status, status) : undefined);
}

/** Records a detected situation; null when the pair already has a live one (another run won). */
export async function insertDetectedSituation(q: Queryable, values: Omit<NewSituation, 'status'>): Promise<SituationRow | null> {
  const [row] = await q
    .insert(twoAttendingSituations)
    .values({ ...values, status: 'detected' })
    .onConflictDoNothing({
      target: twoAttendingSituations.pairKey,
      where: sql`${twoAttendingSituations.status} in ('detected','coordinated')`,
    })
    .returning();
  return row ?? null;
}

export async function changeSituationMonths(
  q: Queryable,
  id: string,
  values: Pick<NewSituation, 'months' | 'firstPdcId' | 'secondPdcId'>,
): Promise<void> {
  await q
    .update(twoAttendingSituations)
    .set({ ...values, version: sql`${twoAttendingSituations.version} + 1` })
    .where(eq(twoAttendingSituations.id, id));
}

/** Ends a live situation; null when it was no longer live. */
export async function endSituation(q: Queryable, id: string, at: Date): Promise<SituationRow | null> {
  const [row] = await q
    .update(twoAttendingSituations)
    .set({ status: 'ended', endedAt: at, version: sql`${twoAttendingSituations.version} + 1` })
    .where(and(eq(twoAttendingSituations.id, id), inArray(twoAttendingSituations.status, LIVE)))
    .returning();
  return row ?? null;
}

/** Confirms a detected situation at the version read; null when someone else changed it first. */
export async function confirmDetectedSituation(
  q: Queryable,
  id: string,
  version: number,
  by: string,
  at: Date,
): Promise<SituationRow | null> {
  const [row] = await q
    .update(twoAttendingSituations)
    .set({ status: 'coordinated', confirmedAt: at, confirmedBy: by, version: sql`${twoAttendingSituations.version} + 1` })
    .where(
      and(eq(twoAttendingSituations.id, id), eq(twoAttendingSituations.status, 'detected'), eq(twoAttendingSituations.version, version)),
    )
    .returning();
  return row ?? null;
}
