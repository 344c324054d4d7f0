/**
 * Product delivery cases, minimal for now: a learner income support PDC funding a training plan
 * item (R03.1 Exception: "a training sub-goal containing an associated plan item, and a linked
 * product delivery case"). The learner-benefits work fills in evidence and determinations.
 */

import { Temporal } from 'temporal-polyfill';
import { checkFundTraining } from '../domain/service-plans/funding.ts';
import type { PlanStatus } from '../domain/service-plans/plan.ts';
import { insertPdc, pdcOfPlanItem, pdcsOfPerson, updatePdcVersioned } from '../store/repos/product-delivery-cases.ts';
import { planItemForFunding } from '../store/repos/service-plans.ts';
import { userById } from '../store/repos/users.ts';
import { nextReference } from '../store/versioned.ts';
import { recordAudit } from './audit.ts';
import { differencesSince, latestDetermination, reassess } from './benefits/determinations.ts';
import { LEARNER_PROGRAM } from './benefits/program.ts';
import { loadPdc } from './benefits/snapshot.ts';
import { checkTrainingChange } from './benefits/training-preview.ts';
import type { Actor, AppContext } from './context.ts';
import { AppError, assertNoRefusals } from './errors.ts';
import { durationCapGate, learnerRulesOnTrainingChange, needsReassessment, sendReassessmentTask } from './learning.ts';
import { authorize } from './permissions.ts';
import { readPerson, writePerson } from './person-access.ts';
import { detectAround, livePartner, situationsAround } from './two-attending.ts';
import { expectUpdated } from './versioning.ts';

export { LEARNER_PROGRAM };

/**
 * Opens the learner case funding a training item. The duration caps apply (docs/policy/learner-program-rules.md):
 * funding past a cap is refused naming the cap, and the regional queue gets a reassessment task.
 */
export async function createLearnerPdc(
  ctx: AppContext,
  actor: Actor,
  planItemId: string,
  input: { coordinatorId?: string | undefined; trainingLoad: 'full-time' | 'part-time'; lowLiteracy?: boolean | undefined },
) {
  authorize(actor, 'pdc.create');
  try {
    return await openLearnerPdc(ctx, actor, planItemId, input);
  } catch (error) {
    if (needsReassessment(error)) await sendReassessmentTask(ctx, actor, { planItemId }, error);
    throw error;
  }
}

function openLearnerPdc(
  ctx: AppContext,
  actor: Actor,
  planItemId: string,
  input: { coordinatorId?: string | undefined; trainingLoad: 'full-time' | 'part-time'; lowLiteracy?: boolean | undefined },
) {
  return ctx.db.transaction(async (tx) => {
    const found = await planItemForFunding(tx, planItemId);
    if (!found) throw AppError.notFound('plan item', planItemId);
    await writePerson(ctx, actor, found.plan.personId, tx);
    // R03 pre-condition 3: a training item of an active (accepted) plan.
    assertNoRefusals(checkFundTraining({ status: found.plan.status as PlanStatus }, found.subGoalType));
    const existing = await pdcOfPlanItem(tx, planItemId);
    if (existing)
      throw new AppError(
        'ITEM_ALREADY_FUNDED',
        `This plan item is already funded by its learner income support case, ${existing.reference}.`,
        {
          field: 'planItemId',
          facts: { pdcId: existing.id },
        },
      );
    if (input.coordinatorId) {
      const lbc = await userById(tx, input.coordinatorId);
      if (!lbc?.active || !lbc.roles.includes('learner-benefits-coordinator')) {
        throw new AppError('NOT_FOUND', 'The coordinator must be an active Learner Benefits Coordinator.', { field: 'coordinatorId' });
      }
    }
    const lowLiteracy = input.lowLiteracy ?? false;
    const useException = await durationCapGate(
      ctx,
      tx,
      actor,
      found.plan.personId,
      {
        stream: found.item.learningStream,
        start: Temporal.PlainDate.from(found.item.expectedStart),
        end: Temporal.PlainDate.from(found.item.expectedEnd),
      },
      lowLiteracy,
    );
    const row = await insertPdc(tx, {
      reference: await nextReference(tx, 'pdc'),
      caseId: found.plan.caseId,
      personId: found.plan.personId,
      program: LEARNER_PROGRAM,
      status: 'open',
      planItemId,
      coordinatorId: input.coordinatorId ?? null,
      trainingStart: found.item.expectedStart,
      trainingEnd: found.item.expectedEnd,
      trainingLoad: input.trainingLoad,
      lowLiteracy,
    });
    await recordAudit(tx, actor, { action: 'pdc.create', recordType: 'pdc', recordId: row.id, after: row });
    await useException(row.id);
    await detectAround(ctx, tx, actor, row.personId);
    return row;
  });
}

/**
 * The training dates of a learner case change (a learner leaves early, a program is extended): the
 * case is reassessed, two attending is detected again (the overlap may grow, shrink or end) and a
 * coordinated partner's case is reassessed too, so both cases' differences show. `previewTrainingChange`
 * (benefits/training-preview.ts) shows the same beforehand, writing nothing.
 */
export async function changeTraining(
  ctx: AppContext,
  actor: Actor,
  pdcId: string,
  input: { version: number; trainingStart?: string | undefined; trainingEnd: string },
) {
  authorize(actor, 'evidence.write');
  try {
    return await changeTrainingDates(ctx, actor, pdcId, input);
  } catch (error) {
    if (needsReassessment(error)) {
      const planItemId = (await loadPdc(ctx.db, pdcId)).planItemId;
      if (planItemId) await sendReassessmentTask(ctx, actor, { planItemId }, error);
    }
    throw error;
  }
}

function changeTrainingDates(
  ctx: AppContext,
  actor: Actor,
  pdcId: string,
  input: { version: number; trainingStart?: string | undefined; trainingEnd: string },
) {
  return ctx.db.transaction(async (tx) => {
    // Lock this case and a coordinated partner's, in id order, before any audit write: the same order
    // every household-wide change takes, so two of them cannot deadlock.
    const partnerNow = await livePartner(tx, await loadPdc(tx, pdcId));
    for (const id of [pdcId, ...(partnerNow ? [partnerNow.id] : [])].sort()) await loadPdc(tx, id, { lock: true });
    const before = await loadPdc(tx, pdcId);
    await writePerson(ctx, actor, before.personId, tx);
    const dates = checkTrainingChange(before, input);
    if (before.version !== input.version) throw AppError.staleVersion('product delivery case', input.version, before.version);
    const uses = await learnerRulesOnTrainingChange(ctx, tx, actor, before, dates);
    const after = expectUpdated(await updatePdcVersioned(tx, pdcId, input.version, dates), 'product delivery case', pdcId, input.version);
    for (const use of uses) await use();
    await recordAudit(tx, actor, {
      action: 'pdc.training-change',
      recordType: 'pdc',
      recordId: pdcId,
      before: { trainingStart: before.trainingStart, trainingEnd: before.trainingEnd },
      after: { trainingStart: after.trainingStart, trainingEnd: after.trainingEnd },
    });
    // The partner before and after (a situation may start, change or end; detected ones hold months),
    // and where each case's versions stood.
    const partnerBefore = await livePartner(tx, after);
    const versionBefore = async (id: string) => (await latestDetermination(tx, id))?.version ?? 0;
    const ownFrom = await versionBefore(pdcId);
    const { found } = await situationsAround(tx, after.personId);
    const partnerIds = new Set([
      partnerBefore?.id,
      ...found.filter((f) => f.first.pdcId === pdcId || f.second.pdcId === pdcId).flatMap((f) => [f.first.pdcId, f.second.pdcId]),
    ]);
    partnerIds.delete(pdcId);
    const partnerFrom = new Map<string, number>();
    for (const id of partnerIds) if (id) partnerFrom.set(id, await versionBefore(id));
    await detectAround(ctx, tx, actor, after.personId);
    await reassess(ctx, tx, actor, pdcId, 'Training dates changed');
    const partner = (await livePartner(tx, after)) ?? partnerBefore;
    if (partner) await reassess(ctx, tx, actor, partner.id, "Partner's training dates changed (two attending)");
    // Re-coordination may already have stored versions: report every difference this change caused.
    const outcome = async (id: string, from: number) => {
      const version = (await latestDetermination(tx, id))?.version ?? 0;
      return { changed: version > from, version, differences: await differencesSince(tx, id, from) };
    };
    return {
      pdc: {
        id: after.id,
        reference: after.reference,
        trainingStart: after.trainingStart,
        trainingEnd: after.trainingEnd,
        version: after.version,
      },
      reassessed: await outcome(pdcId, ownFrom),
      partner: partner ? { pdcId: partner.id, ...(await outcome(partner.id, partnerFrom.get(partner.id) ?? 0)) } : null,
    };
  });
}

/** The person's product delivery cases, newest first (an access-logged read). */
export async function listPdcsOfPerson(ctx: AppContext, actor: Actor, personId: string) {
  authorize(actor, 'benefits.read');
  await readPerson(ctx, actor, personId, 'pdcs');
  const rows = await pdcsOfPerson(ctx.db, personId);
  return rows.map((p) => ({
    id: p.id,
    reference: p.reference,
    program: p.program,
    status: p.status,
    trainingStart: p.trainingStart,
    trainingEnd: p.trainingEnd,
    trainingLoad: p.trainingLoad,
    planItemId: p.planItemId,
  }));
}
