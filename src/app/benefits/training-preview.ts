/**
 * Changing the training dates of a learner case re-determines it and, in a two-attending household,
 * the partner's case too. Before it is done, the coordinator sees what it would do: every case it
 * would re-determine, month by month, with what each change is (docs/policy/issued-months.md), and
 * the learner rules the change would meet: R08, the duration caps, the plan limit
 * (docs/policy/learner-program-rules.md). Nothing is written.
 */
import { Temporal } from 'temporal-polyfill';
import { type Hold, holdOn } from '../../domain/two-attending/hold.ts';
import { personIdsOfPdcs } from '../../store/repos/product-delivery-cases.ts';
import type { Actor, AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { learnerRulesPreview } from '../learning.ts';
import { authorize } from '../permissions.ts';
import { readPeople, refuseUnreadable } from '../person-access.ts';
import { pairKey, situationsAround } from '../two-attending.ts';
import { planDetermination, planView } from './determinations.ts';
import { loadPdc, type PdcRow } from './snapshot.ts';

export interface TrainingDates {
  readonly trainingStart?: string | undefined;
  readonly trainingEnd: string;
}

/** The dates a change would give the case, or the refusal naming the field. */
export function checkTrainingChange(before: PdcRow, input: TrainingDates): { trainingStart: string; trainingEnd: string } {
  if (before.status === 'closed') throw new AppError('PDC_NOT_OPEN', `${before.reference} is closed.`);
  const start = input.trainingStart ?? before.trainingStart!;
  if (Temporal.PlainDate.compare(Temporal.PlainDate.from(input.trainingEnd), Temporal.PlainDate.from(start)) < 0) {
    throw new AppError('END_BEFORE_START', 'Training cannot end before it starts.', { field: 'trainingEnd' });
  }
  return { trainingStart: start, trainingEnd: input.trainingEnd };
}

/**
 * The preview of a training-date change: this case with the new dates, and each partner's case
 * whose two-attending situation the change starts, changes or ends, determined as they would be
 * after it (split when the situation is coordinated, held when it awaits confirmation).
 */
export async function previewTrainingChange(ctx: AppContext, actor: Actor, pdcId: string, input: TrainingDates) {
  authorize(actor, 'benefits.read');
  const before = await loadPdc(ctx.db, pdcId);
  // Refused before the dates are checked (their refusals name the case's dates); logged once they hold.
  await refuseUnreadable(ctx, actor, [before.personId]);
  const after: PdcRow = { ...before, ...checkTrainingChange(before, input) };
  const { pdcs, found, existing } = await situationsAround(ctx.db, after.personId, after);
  const rowOf = (id: string) => pdcs.find((p) => p.id === id) ?? null;
  // How each case would be determined: with a coordinated partner, or under a hold, or alone.
  const settings = new Map<string, { partner: PdcRow | null; hold: Hold | null }>([[after.id, { partner: null, hold: null }]]);
  const partnerIds: string[] = [];
  for (const live of existing) {
    if (live.firstPdcId !== after.id && live.secondPdcId !== after.id) continue;
    const other = live.firstPdcId === after.id ? live.secondPdcId : live.firstPdcId;
    partnerIds.push(other);
    settings.set(other, { partner: null, hold: null });
  }
  for (const s of found) {
    if (s.first.pdcId !== after.id && s.second.pdcId !== after.id) continue;
    const status = existing.find((e) => e.pairKey === pairKey(s.first.pdcId, s.second.pdcId))?.status ?? 'detected';
    const first = rowOf(s.first.pdcId)!;
    const second = rowOf(s.second.pdcId)!;
    const other = first.id === after.id ? second : first;
    if (!partnerIds.includes(other.id)) partnerIds.push(other.id);
    const situation = { id: '', status, firstPdcId: first.id, secondPdcId: second.id, months: s.months };
    for (const [pdc, partner] of [
      [first, second],
      [second, first],
    ] as const) {
      settings.set(
        pdc.id,
        status === 'coordinated' ? { partner, hold: null } : { partner: null, hold: holdOn(situation, pdc.id, partner.reference) },
      );
    }
  }
  // Each partner's case it shows is a read of that partner too (docs/access-control.md), logged below.
  const partnerPeople = partnerIds.map((id) => rowOf(id)?.personId).filter((p): p is string => p !== undefined);
  const unloaded = partnerIds.filter((id) => !rowOf(id));
  if (unloaded.length) partnerPeople.push(...(await personIdsOfPdcs(ctx.db, unloaded)));
  const cases = [];
  for (const id of [after.id, ...partnerIds]) {
    const pdc = id === after.id ? after : (rowOf(id) ?? (await loadPdc(ctx.db, id)));
    cases.push(planView(pdc, await planDetermination(ctx, ctx.db, pdc, settings.get(id)!)));
  }
  const learnerRules = await learnerRulesPreview(ctx, actor, before, after as { trainingStart: string; trainingEnd: string });
  // Last, so that a request refused on the way writes nothing: the read of the learner and of each partner shown.
  await readPeople(ctx, actor, [before.personId, ...partnerPeople], 'preview');
  return {
    pdc: {
      id: after.id,
      reference: after.reference,
      trainingStart: after.trainingStart,
      trainingEnd: after.trainingEnd,
      version: after.version,
    },
    cases,
    learnerRules,
  };
}
