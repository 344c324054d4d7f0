/**
 * E04 Two Attending, done by Waypoint instead of by hand:
 * - detection whenever a relationship, a learner case or its training dates change (and in a full
 *   scan): a situation with its months, and a task to both Learner Benefits Coordinators naming the
 *   second learner's coordinator as responsible, as E04 does;
 * - coordination once a coordinator confirms: both cases are reassessed with the E04 split (household
 *   evidence entered once applies to both);
 * - re-coordination when dates change: the months are updated and both cases reassessed, showing
 *   both over/underpayments; a situation whose overlap is gone ends;
 * - reconciliation: per month and benefit, learner A + learner B against the household.
 */

import { netByBenefit } from '../domain/benefits/components.ts';
import { totalsByMonth } from '../domain/benefits/determine.ts';
import { LATE_APPLICATION_CODE } from '../domain/benefits/rules/late-application.ts';
import { addDays, formatDate } from '../domain/calendar.ts';
import { monthInWords } from '../domain/dates-in-words.ts';
import { cents, parseDecimalAmount, toDecimalString } from '../domain/money.ts';
import { householdsByMonthIndex } from '../domain/people/households-by-month.ts';
import type { Relationship } from '../domain/people/relationships.ts';
import { findSituations, type LearnerCase } from '../domain/two-attending/detection.ts';
import type { Queryable } from '../store/db.ts';
import { personReferences } from '../store/repos/people.ts';
import { liveLearnerCasesOf, pdcsOfPerson, pdcsWithPeople, personIdsOfPdcs } from '../store/repos/product-delivery-cases.ts';
import {
  changeSituationMonths,
  confirmDetectedSituation,
  endSituation,
  insertDetectedSituation,
  liveSituationsOf,
  type SituationRow,
  situationById,
  situationsInStatus,
} from '../store/repos/two-attending.ts';
import { userNames } from '../store/repos/users.ts';
import { recordAudit } from './audit.ts';
import { householdAsPaid, latestDetermination, planDetermination, planView, reassess } from './benefits/determinations.ts';
import { attendanceOf, loadPdc, type PdcRow, pdcSnapshot } from './benefits/snapshot.ts';
import { type Actor, type AppContext, timestamp } from './context.ts';
import { AppError } from './errors.ts';
import { authorize } from './permissions.ts';
import { accessDecisions, readPeople, refuseUnreadable, writePeople } from './person-access.ts';
import { loadPartnerships } from './person-view.ts';
import { completeTasksFor, createTasks, type NewTask } from './tasks.ts';

export type { SituationRow };
/** The pair, order-independent: one live situation per pair. */
export const pairKey = (a: string, b: string) => [a, b].sort().join('|');

/** The people's live learner cases (one definition of live: store/repos/product-delivery-cases.ts). */
export const liveLearnerCases = liveLearnerCasesOf;

const asCase = (pdc: PdcRow): LearnerCase | null =>
  pdc.trainingStart && pdc.trainingEnd ? { pdcId: pdc.id, attendance: attendanceOf(pdc) } : null;

/**
 * The two-attending situations around a person as the rules find them now (E04 Trigger), and the
 * live ones recorded; `replacing` stands in for a case as it would be after a change (a preview).
 */
export async function situationsAround(q: Queryable, personId: string, replacing?: PdcRow) {
  // Who is partnered is all the rule asks of the household: its spouse relationships only.
  const relationships = await loadPartnerships(q, personId);
  const pdcs = (await liveLearnerCases(q, [personId, ...partnersIn(personId, relationships)])).map((p) =>
    replacing && p.id === replacing.id ? replacing : p,
  );
  const found = situationsAmong(relationships, pdcs);
  const existing = await liveSituationsOf(
    q,
    pdcs.filter((p) => p.personId === personId).map((p) => p.id),
  );
  return { pdcs, found, existing };
}

/** Everyone a person has a spouse relationship with, at any date. */
export const partnersIn = (personId: string, relationships: readonly Relationship[]) =>
  [...new Set(relationships.filter((r) => r.kind === 'spouse').flatMap((r) => [r.personId, r.relatedPersonId]))].filter(
    (p) => p !== personId,
  );

/** The situations the rule finds among these live learner cases, partners as the relationships say month by month (E04 Trigger). */
export function situationsAmong(relationships: readonly Relationship[], pdcs: readonly PdcRow[]) {
  // householdInMonth, worked out once per person and set of relationships touching the month. Who
  // is partnered depends only on the spouse relationships (its adults), so the others are left out.
  const householdOf = householdsByMonthIndex(relationships.filter((r) => r.kind === 'spouse'));
  const partneredIn = (a: string, b: string, month: number) => householdOf(a, month).adults.includes(b);
  return findSituations(
    pdcs.map(asCase).filter((c): c is LearnerCase => c !== null),
    partneredIn,
  );
}

/** The partner's case in a live (detected or coordinated) situation with this case, if any. */
export async function livePartner(q: Queryable, pdc: PdcRow): Promise<PdcRow | null> {
  const [row] = await liveSituationsOf(q, [pdc.id]);
  if (!row) return null;
  return loadPdc(q, row.firstPdcId === pdc.id ? row.secondPdcId : row.firstPdcId);
}

/**
 * Detects (or updates, or ends) the two-attending situations around a person. Safe to run twice,
 * even at once: one live situation per pair (a unique index), tasks with dedupe keys, and
 * reassessment only stores a version when months changed.
 */
export async function detectAround(ctx: AppContext, q: Queryable, actor: Actor | null, personId: string) {
  const { pdcs, found, existing } = await situationsAround(q, personId);
  const outcome = { detected: 0, updated: 0, ended: 0 };

  for (const s of found) {
    const key = pairKey(s.first.pdcId, s.second.pdcId);
    const live = existing.find((e) => e.pairKey === key);
    if (!live) {
      const first = pdcs.find((p) => p.id === s.first.pdcId)!;
      const second = pdcs.find((p) => p.id === s.second.pdcId)!;
      const row = await insertDetectedSituation(q, {
        firstPdcId: first.id,
        secondPdcId: second.id,
        pairKey: key,
        months: [...s.months],
        responsibleCoordinatorId: second.coordinatorId,
      });
      if (!row) continue;
      outcome.detected += 1;
      await recordAudit(q, actor, { action: 'two-attending.detect', recordType: 'two_attending', recordId: row.id, after: row });
      await notifyCoordinators(ctx, q, actor, row, first, second);
      await rehold(ctx, q, actor, row, HOLD_REASON);
    } else if (live.months.join() !== s.months.join() || live.firstPdcId !== s.first.pdcId) {
      await changeSituationMonths(q, live.id, { months: [...s.months], firstPdcId: s.first.pdcId, secondPdcId: s.second.pdcId });
      outcome.updated += 1;
      await recordAudit(q, actor, {
        action: 'two-attending.months-changed',
        recordType: 'two_attending',
        recordId: live.id,
        before: { months: live.months },
        after: { months: s.months },
      });
      if (live.status === 'coordinated') await recoordinate(ctx, q, actor, live, 'Two attending re-coordinated: the overlap changed');
      else
        await rehold(
          ctx,
          q,
          actor,
          { ...live, firstPdcId: s.first.pdcId, secondPdcId: s.second.pdcId },
          'Held months changed: the two-attending overlap changed (E04)',
        );
    }
  }
  for (const live of existing) {
    if (found.some((s) => pairKey(s.first.pdcId, s.second.pdcId) === live.pairKey)) continue;
    const ended = await endSituation(q, live.id, timestamp(ctx.clock));
    if (!ended) continue;
    outcome.ended += 1;
    await recordAudit(q, actor, {
      action: 'two-attending.end',
      recordType: 'two_attending',
      recordId: live.id,
      before: { status: live.status },
      after: { status: 'ended' },
    });
    await completeTasksFor(q, actor, 'two_attending', live.id, ['two-attending-detected'], timestamp(ctx.clock));
    if (live.status === 'coordinated') await recoordinate(ctx, q, actor, live, 'Two attending ended: the split no longer applies');
    else await rehold(ctx, q, actor, live, 'Hold released: two attending ended before it was confirmed');
  }
  return outcome;
}

export const HOLD_REASON = 'Overlap months held: two attending detected, awaiting confirmation (E04)';

/**
 * A detected situation holds the second learner's overlap months (domain/two-attending/hold.ts):
 * when it starts, changes or ends, each of its cases already determined is reassessed so that its
 * stored months say which are held. A case not yet determined is held from its first determination.
 */
export async function rehold(
  ctx: AppContext,
  q: Queryable,
  actor: Actor | null,
  s: Pick<SituationRow, 'firstPdcId' | 'secondPdcId'>,
  reason: string,
) {
  for (const pdcId of [s.firstPdcId, s.secondPdcId].sort()) {
    if (await latestDetermination(q, pdcId)) await reassess(ctx, q, actor, pdcId, reason);
  }
}

async function recoordinate(ctx: AppContext, q: Queryable, actor: Actor | null, s: SituationRow, reason: string) {
  await reassess(ctx, q, actor, s.firstPdcId, reason);
  await reassess(ctx, q, actor, s.secondPdcId, reason);
}

async function notifyCoordinators(ctx: AppContext, q: Queryable, actor: Actor | null, s: SituationRow, first: PdcRow, second: PdcRow) {
  const names = await namesFor(q, [{ first, second }]);
  await createTasks(q, actor, detectionTasks(detectionTaskDue(ctx.clock.today()), s, first, second, names));
}

export interface DetectionNames {
  readonly references: ReadonlyMap<string, string>;
  readonly coordinators: ReadonlyMap<string, string>;
}

/** The people's references and the coordinators' names that the detection tasks show, for many situations at once. */
export async function namesFor(q: Queryable, pairs: readonly { first: PdcRow; second: PdcRow }[]): Promise<DetectionNames> {
  const personIds = [...new Set(pairs.flatMap((p) => [p.first.personId, p.second.personId]))];
  const coordinatorIds = [...new Set(pairs.map((p) => p.second.coordinatorId).filter((c): c is string => c !== null))];
  const refs = personIds.length ? await personReferences(q, personIds) : [];
  return { references: new Map(refs.map((r) => [r.id, r.reference])), coordinators: await userNames(q, coordinatorIds) };
}

/** When a detection task is due: five days after it is made (ISO date). */
export const detectionTaskDue = (today: ReturnType<AppContext['clock']['today']>) => formatDate(addDays(today, 5));

/** A task to both coordinators, naming the second learner's as responsible (E04); `dueOn` is `detectionTaskDue` of today. */
export function detectionTasks(
  dueOn: string,
  s: Pick<SituationRow, 'id' | 'months'>,
  first: PdcRow,
  second: PdcRow,
  names: DetectionNames,
): NewTask[] {
  const ref = (id: string) => names.references.get(id) ?? id;
  // As a person reads them, the way the web writes a situation's months ("Jan 2027 – Jun 2027").
  const [from, to] = [monthInWords(s.months[0] ?? ''), monthInWords(s.months.at(-1) ?? '')];
  const months = from === to ? from : `${from} – ${to}`;
  const responsible = (second.coordinatorId && names.coordinators.get(second.coordinatorId)) ?? "the second learner's coordinator";
  return (
    [
      [second, 'responsible'],
      [first, 'informed'],
    ] as const
  ).map(([pdc, role]) => ({
    kind: 'two-attending-detected',
    title: `Two attending: ${ref(first.personId)} and ${ref(second.personId)} (${months})`,
    detail:
      role === 'responsible'
        ? `Both partners receive learner benefits for overlapping training (${months}). As coordinator of the second learner (${second.reference}) you are responsible for confirming; Waypoint then splits the household's benefits in half on both cases (E04).`
        : `Both partners receive learner benefits for overlapping training (${months}). ${responsible} (${second.reference}) is responsible for confirming; Waypoint then splits the benefits on your case ${first.reference} too (E04).`,
    ...(pdc.coordinatorId ? { assigneeId: pdc.coordinatorId } : { assigneeRole: 'learner-benefits-coordinator' as const }),
    personId: pdc.personId,
    recordType: 'two_attending',
    recordId: s.id,
    dueOn,
    dedupeKey: `two-attending:${s.id}:${pdc.id}`,
  }));
}

/** A coordinator confirms: the situation is coordinated once (of two confirming at once, one wins) and both cases are reassessed. */
export async function confirmSituation(ctx: AppContext, actor: Actor, id: string, input: { version: number }) {
  authorize(actor, 'evidence.write');
  return ctx.db.transaction(async (tx) => {
    const before = await situationById(tx, id, { lock: true });
    if (!before) throw AppError.notFound('two-attending situation', id);
    await writePeople(ctx, actor, await learnersOf(tx, before), tx);
    if (before.status !== 'detected')
      throw new AppError('TWO_ATTENDING_NOT_DETECTED', `This situation is already ${before.status}.`, { rule: 'E04.01' });
    if (before.version !== input.version) throw AppError.staleVersion('two-attending situation', input.version, before.version);
    const after = await confirmDetectedSituation(tx, id, input.version, actor.userId, timestamp(ctx.clock));
    if (!after)
      throw new AppError('TWO_ATTENDING_NOT_DETECTED', 'Someone else confirmed this situation at the same moment.', { rule: 'E04.01' });
    await recordAudit(tx, actor, {
      action: 'two-attending.confirm',
      recordType: 'two_attending',
      recordId: id,
      before: { status: before.status },
      after: { status: after.status },
    });
    await completeTasksFor(tx, actor, 'two_attending', id, ['two-attending-detected'], timestamp(ctx.clock));
    const first = await reassess(ctx, tx, actor, after.firstPdcId, 'Two attending coordinated (E04)');
    const second = await reassess(ctx, tx, actor, after.secondPdcId, 'Two attending coordinated (E04)');
    return { situation: await situationView(tx, after), reassessed: { first, second } };
  });
}

/**
 * What confirming would do, before it is done: both cases determined with the E04 split (and the
 * hold released), month by month, with what each would change. Nothing is written.
 */
export async function previewConfirmation(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'benefits.read');
  const s = await situationById(ctx.db, id);
  if (!s) throw AppError.notFound('two-attending situation', id);
  // It shows both learners' determinations: a read of both (docs/access-control.md), as the reconciliation
  // is; refused first, logged last, so that a refused request writes nothing.
  const learners = await learnersOf(ctx.db, s);
  await refuseUnreadable(ctx, actor, learners);
  if (s.status !== 'detected')
    throw new AppError('TWO_ATTENDING_NOT_DETECTED', `This situation is already ${s.status}.`, { rule: 'E04.01' });
  const first = await loadPdc(ctx.db, s.firstPdcId);
  const second = await loadPdc(ctx.db, s.secondPdcId);
  const plan = async (pdc: PdcRow, partner: PdcRow) => planView(pdc, await planDetermination(ctx, ctx.db, pdc, { partner, hold: null }));
  const preview = { situation: await situationView(ctx.db, s), cases: [await plan(first, second), await plan(second, first)] };
  await readPeople(ctx, actor, learners, 'two-attending');
  return preview;
}

async function situationView(q: Queryable, s: SituationRow) {
  const pdcs = await pdcsWithPeople(q, [s.firstPdcId, s.secondPdcId]);
  const learner = (id: string) => {
    const p = pdcs.find((x) => x.pdc.id === id)!;
    return {
      pdcId: id,
      pdcReference: p.pdc.reference,
      person: { id: p.pdc.personId, reference: p.reference, givenName: p.givenName, familyName: p.familyName },
      trainingStart: p.pdc.trainingStart,
      trainingEnd: p.pdc.trainingEnd,
      coordinator: p.pdc.coordinatorId ? { id: p.pdc.coordinatorId, displayName: p.coordinator } : null,
    };
  };
  return {
    id: s.id,
    status: s.status,
    months: s.months,
    first: learner(s.firstPdcId),
    second: learner(s.secondPdcId),
    responsibleCoordinatorId: s.responsibleCoordinatorId,
    detectedAt: s.detectedAt.toISOString(),
    confirmedAt: s.confirmedAt?.toISOString() ?? null,
    version: s.version,
  };
}

export async function listSituations(
  ctx: AppContext,
  actor: Actor,
  filter: { status?: string | undefined; personId?: string | undefined },
) {
  authorize(actor, 'benefits.read');
  let rows = await situationsInStatus(ctx.db, filter.status);
  if (filter.personId) {
    const mine = await liveOrAnyPdcs(ctx.db, filter.personId);
    rows = rows.filter((r) => mine.includes(r.firstPdcId) || mine.includes(r.secondPdcId));
  }
  // Only the situations whose two learners the user may read; each one shown is an access-logged read of both.
  const visible = [];
  for (const r of rows) {
    const people = await learnersOf(ctx.db, r);
    const access = await accessDecisions(ctx, actor, people);
    if (people.every((id) => access.get(id)?.allowed)) visible.push({ row: r, people });
  }
  for (const v of visible) await readPeople(ctx, actor, v.people, 'two-attending');
  return Promise.all(visible.map((v) => situationView(ctx.db, v.row)));
}

/** The two learners of a situation. */
async function learnersOf(q: Queryable, s: { firstPdcId: string; secondPdcId: string }): Promise<string[]> {
  return personIdsOfPdcs(q, [s.firstPdcId, s.secondPdcId]);
}

async function liveOrAnyPdcs(q: Queryable, personId: string) {
  return (await pdcsOfPerson(q, personId)).map((r) => r.id);
}

/** Why a learner's case has no amounts in a reconciliation. */
const NOT_DETERMINED_REASON = 'No determination yet: the case is determined when its coordinator applies its evidence.';

/**
 * Reconciliation: per month and benefit, what each learner's stored determination has, and the
 * household amount computed afresh by the same path as a case's determination (`householdAsPaid`:
 * a month before a learner's application month is not paid on that case, E15); a month balances
 * when A + B = the household entitlement, once. A month a learner's case does not pay says why; a
 * case not determined yet has null amounts (and its months do not balance), with the reason.
 */
export async function reconcileSituation(ctx: AppContext, q: Queryable, id: string) {
  const s = await situationById(q, id);
  if (!s) throw AppError.notFound('two-attending situation', id);
  const first = await loadPdc(q, s.firstPdcId);
  const second = await loadPdc(q, s.secondPdcId);
  const policy = ctx.benefitPolicy;
  const snapshot = await pdcSnapshot(ctx, q, first, { partner: second });
  const household = householdAsPaid(snapshot, policy, [first, second]);
  const lateOf = new Map(household.learners.map((l) => [l.personId, l.months] as const));
  const notPaidReason = (pdc: PdcRow, month: string) =>
    lateOf
      .get(pdc.personId)
      ?.find((m) => m.month === month)
      ?.components.find((c) => c.code === LATE_APPLICATION_CODE)?.rule ?? null;
  const stored = {
    first: await latestDetermination(q, first.id),
    second: await latestDetermination(q, second.id),
  };
  const storedMonth = (which: 'first' | 'second', month: string) => stored[which]?.months.find((m) => m.month === month) ?? null;
  // A stored month's components, their amounts as stored (decimal strings), netted by benefit as the household's are.
  const byCodeOf = (components: unknown) =>
    netByBenefit(
      ((components ?? []) as { code: string; adjusts?: string; amount: string }[]).map((c) => {
        const parsed = parseDecimalAmount(c.amount);
        if (!parsed.ok) throw new Error(`stored component amount is not a decimal: ${c.amount}`);
        return { code: c.code, adjusts: c.adjusts, amount: parsed.value };
      }),
    );
  // A case with no determination yet has no amounts to reconcile: null, never $0.00, with the reason.
  const notDetermined = {
    first: stored.first ? null : NOT_DETERMINED_REASON,
    second: stored.second ? null : NOT_DETERMINED_REASON,
  };
  const amountOf = (which: 'first' | 'second', c: number) => (stored[which] ? toDecimalString(cents(c)) : null);
  const coordinated = s.status === 'coordinated';
  // One row per month: in a month the two are not partners, their two households added together.
  const months = totalsByMonth(household.household).map((h) => {
    const a = storedMonth('first', h.month);
    const b = storedMonth('second', h.month);
    const aCodes = byCodeOf(a?.components);
    const bCodes = byCodeOf(b?.components);
    const codes = Object.keys(h.totals);
    const inOverlap = s.months.includes(h.month);
    const aEnt = a?.entitlementCents ?? 0;
    const bEnt = b?.entitlementCents ?? 0;
    const householdEnt = h.entitlement as number;
    return {
      month: h.month,
      twoAttending: inOverlap,
      benefits: codes.map((code) => ({
        code,
        first: amountOf('first', aCodes[code] ?? 0),
        second: amountOf('second', bCodes[code] ?? 0),
        household: toDecimalString(h.totals[code]!),
      })),
      entitlement: {
        first: amountOf('first', aEnt),
        second: amountOf('second', bEnt),
        household: toDecimalString(cents(householdEnt)),
      },
      balanced: stored.first !== null && stored.second !== null && aEnt + bEnt === householdEnt,
      notPaid: { first: notPaidReason(first, h.month), second: notPaidReason(second, h.month) },
    };
  });
  return { situation: await situationView(q, s), coordinated, notDetermined, months, balanced: months.every((m) => m.balanced) };
}

export async function getReconciliation(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'benefits.read');
  const s = await situationById(ctx.db, id);
  if (!s) throw AppError.notFound('two-attending situation', id);
  await readPeople(ctx, actor, await learnersOf(ctx.db, s), 'two-attending');
  return reconcileSituation(ctx, ctx.db, id);
}

/**
 * `waypoint report two-attending`: every coordinated household whose months do not reconcile, and
 * apart from them (as the reconciliation page says "Not determined yet"), every one with a case not
 * determined yet: its months cannot be reconciled until then, which is not the same as not adding up.
 */
export async function unreconciledHouseholds(ctx: AppContext) {
  const rows = await situationsInStatus(ctx.db, 'coordinated');
  const unreconciled = [];
  const notDetermined = [];
  for (const r of rows) {
    const rec = await reconcileSituation(ctx, ctx.db, r.id);
    const pair = { situationId: r.id, first: rec.situation.first.pdcReference, second: rec.situation.second.pdcReference };
    if (rec.notDetermined.first !== null || rec.notDetermined.second !== null) {
      notDetermined.push({ ...pair, status: 'not determined' as const, notDetermined: rec.notDetermined });
      continue;
    }
    const bad = rec.months.filter((m) => !m.balanced);
    if (bad.length)
      unreconciled.push({ ...pair, status: 'not reconciled' as const, months: bad.map((m) => ({ month: m.month, ...m.entitlement })) });
  }
  return { examined: rows.length, unreconciled, notDetermined };
}
