/**
 * Sub-goals and plan items (R03 rules 2-6): sub-goal types once per plan; items owned by the
 * official who added them, changed and completed only by their owner (a supervisor reassigns);
 * completion needs an outcome; completing the last open item gives its owner the closure task.
 */
import { Temporal } from 'temporal-polyfill';
import { addDays, formatDate } from '../../domain/calendar.ts';
import { checkCourseLoad, checkItemStream } from '../../domain/learning/streams.ts';
import { closureTaskOwnerAfterCompleting } from '../../domain/service-plans/closure.ts';
import type { OutcomeKind } from '../../domain/service-plans/plan.ts';
import {
  checkAddItem,
  checkAddSubGoal,
  checkCompleteItem,
  checkReassignItem,
  checkUpdateItem,
} from '../../domain/service-plans/plan-items.ts';
import type { Queryable } from '../../store/db.ts';
import { pdcOfPlanItem } from '../../store/repos/product-delivery-cases.ts';
import { completeItemVersioned, insertPlanItem, insertSubGoal, itemById, updateItemVersioned } from '../../store/repos/service-plans.ts';
import { userById } from '../../store/repos/users.ts';
import { recordAudit } from '../audit.ts';
import { type Actor, type AppContext, timestamp } from '../context.ts';
import { AppError, assertNoRefusals } from '../errors.ts';
import { durationCapChangeGate, needsReassessment, planLimitGate, sendReassessmentTask, subsequentTrainingGate } from '../learning.ts';
import { authorize } from '../permissions.ts';
import { writePerson } from '../person-access.ts';
import { cancelTasksFor, createTask } from '../tasks.ts';
import { expectUpdated } from '../versioning.ts';
import { loadPlan, planView, toItem } from './load.ts';
import { itemActor } from './plans.ts';

const optionalDate = (iso: string | null | undefined) =>
  iso === undefined ? undefined : iso === null ? null : Temporal.PlainDate.from(iso);

export async function addSubGoal(ctx: AppContext, actor: Actor, planId: string, input: { type: string }) {
  authorize(actor, 'plan.write');
  await ctx.db.transaction(async (tx) => {
    const plan = await loadPlan(tx, planId, { lock: true });
    await writePerson(ctx, actor, plan.row.personId, tx);
    assertNoRefusals(
      checkAddSubGoal(
        plan.state,
        input.type,
        ctx.planItems.subGoalTypes.map((s) => s.code),
      ),
    );
    const row = await insertSubGoal(tx, { planId, type: input.type, createdBy: actor.userId });
    await recordAudit(tx, actor, { action: 'plan.subgoal.add', recordType: 'service_plan', recordId: planId, after: row });
  });
  return planView(ctx, ctx.db, planId);
}

export interface NewItemInput {
  readonly subGoalId: string;
  readonly type: string;
  readonly customName?: string | undefined;
  readonly description?: string | undefined;
  readonly expectedStart: string;
  readonly expectedEnd: string;
  /** The learning stream of a training item (duration caps). */
  readonly learningStream?: string | undefined;
  /** A training item's course load in percent of a full load; absent for a full load (ISTHB s.44 plan limits). */
  readonly courseLoadPercent?: number | undefined;
}

/**
 * A refusal the regional office reassesses (a plan past its s.44 limit, training past a cap) sends its
 * queue a task (R08 trigger), in its own transaction after the change rolled back.
 */
async function withReassessment<T>(
  ctx: AppContext,
  actor: Actor,
  target: Parameters<typeof sendReassessmentTask>[2],
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (needsReassessment(error)) await sendReassessmentTask(ctx, actor, target, error);
    throw error;
  }
}

/** R03 rule 3: the official who adds an item owns it. */
export async function addItem(ctx: AppContext, actor: Actor, planId: string, input: NewItemInput) {
  authorize(actor, 'plan.write');
  const owner = await loadPlan(ctx.db, planId);
  return withReassessment(ctx, actor, { planId, personId: owner.row.personId }, () => addItemNow(ctx, actor, planId, input));
}

async function addItemNow(ctx: AppContext, actor: Actor, planId: string, input: NewItemInput) {
  if (input.type === 'other' && !input.customName?.trim()) {
    throw new AppError('REQUIRED', 'Name the item when nothing in the catalogue fits.', {
      field: 'customName',
      rule: 'Waypoint plan item catalogue',
    });
  }
  await ctx.db.transaction(async (tx) => {
    const plan = await loadPlan(tx, planId, { lock: true });
    await writePerson(ctx, actor, plan.row.personId, tx);
    assertNoRefusals(
      checkAddItem(
        plan.state,
        {
          subGoalId: input.subGoalId,
          type: input.type,
          expectedStart: Temporal.PlainDate.from(input.expectedStart),
          expectedEnd: Temporal.PlainDate.from(input.expectedEnd),
        },
        ctx.planItems.itemTypes,
      ),
    );
    const subGoalType = plan.state.subGoals.find((g) => g.id === input.subGoalId)?.type;
    assertNoRefusals(checkItemStream(input.learningStream, subGoalType, ctx.learningStreams(ctx.clock.today())));
    // R08: a training item on a new plan within 48 months of the last approved training needs an approved exception.
    assertNoRefusals(checkCourseLoad(input.courseLoadPercent, subGoalType));
    const useException =
      subGoalType === 'training'
        ? await subsequentTrainingGate(ctx, tx, actor, plan.row.personId, planId, Temporal.PlainDate.from(input.expectedStart))
        : null;
    // ISTHB s.44: the plan's training months stay within its limit.
    const usePlanException =
      subGoalType === 'training'
        ? await planLimitGate(ctx, tx, actor, {
            personId: plan.row.personId,
            planId,
            itemId: null,
            after: {
              start: Temporal.PlainDate.from(input.expectedStart),
              end: Temporal.PlainDate.from(input.expectedEnd),
              courseLoadPercent: input.courseLoadPercent ?? null,
            },
            field: 'expectedEnd',
          })
        : null;
    const row = await insertPlanItem(tx, {
      planId,
      subGoalId: input.subGoalId,
      type: input.type,
      customName: input.type === 'other' ? input.customName!.trim() : null,
      description: input.description ?? '',
      ownerId: actor.userId,
      addedBy: actor.userId,
      expectedStart: input.expectedStart,
      expectedEnd: input.expectedEnd,
      learningStream: input.learningStream ?? null,
      courseLoadPercent: input.courseLoadPercent ?? null,
    });
    await recordAudit(tx, actor, { action: 'plan.item.add', recordType: 'plan_item', recordId: row.id, after: row });
    await useException?.(row.id);
    await usePlanException?.(row.id);
    // R03 rule 6: the plan has an open item again, so nobody is yet "the last to complete".
    await cancelTasksFor(tx, actor, 'service_plan', planId, ['plan-closure'], timestamp(ctx.clock));
  });
  return planView(ctx, ctx.db, planId);
}

async function loadItemForChange(q: Queryable, itemId: string, version: number) {
  const row = await itemById(q, itemId);
  if (!row) throw AppError.notFound('plan item', itemId);
  const plan = await loadPlan(q, row.planId, { lock: true });
  const current = await itemById(q, itemId);
  if (current!.version !== version) throw AppError.staleVersion('plan item', version, current!.version);
  const item = plan.state.items.find((i) => i.id === itemId)!;
  return { row: current!, plan, item };
}

export interface ItemChange {
  readonly version: number;
  readonly expectedStart?: string | undefined;
  readonly expectedEnd?: string | undefined;
  readonly actualStart?: string | null | undefined;
  readonly description?: string | undefined;
  /** A training item's course load (null: a full load). */
  readonly courseLoadPercent?: number | null | undefined;
}

/**
 * R03 rule 4: the owner changes expected dates, records the actual start, edits the description. A
 * training item's new dates pass the learner rules again (docs/policy/learner-program-rules.md): R08
 * when its start moves earlier, the duration caps when it is funded, the s.44 limit of its plan.
 */
export async function updateItem(ctx: AppContext, actor: Actor, itemId: string, input: ItemChange) {
  authorize(actor, 'plan.write');
  return withReassessment(ctx, actor, { planItemId: itemId }, () => updateItemNow(ctx, actor, itemId, input));
}

/** The learner rules a training item's change must pass; returns what marks approved exceptions used. */
async function learnerRulesOnItemChange(
  ctx: AppContext,
  tx: Queryable,
  actor: Actor,
  personId: string,
  row: NonNullable<Awaited<ReturnType<typeof itemById>>>,
  input: ItemChange,
) {
  const start = Temporal.PlainDate.from(input.expectedStart ?? row.expectedStart);
  const end = Temporal.PlainDate.from(input.expectedEnd ?? row.expectedEnd);
  const courseLoadPercent = input.courseLoadPercent === undefined ? row.courseLoadPercent : input.courseLoadPercent;
  const uses: (() => Promise<void>)[] = [];
  if (Temporal.PlainDate.compare(start, Temporal.PlainDate.from(row.expectedStart)) < 0) {
    const use = await subsequentTrainingGate(ctx, tx, actor, personId, row.planId, start);
    uses.push(() => use(row.id));
  }
  const pdc = await pdcOfPlanItem(tx, row.id);
  if (pdc?.trainingStart && pdc.trainingEnd && (input.expectedStart !== undefined || input.expectedEnd !== undefined)) {
    // Our reading: a funded item's new dates are checked as if its case's training period followed them.
    const stream = row.learningStream;
    const before = { stream, start: Temporal.PlainDate.from(pdc.trainingStart), end: Temporal.PlainDate.from(pdc.trainingEnd) };
    uses.push(
      await durationCapChangeGate(ctx, tx, actor, {
        personId,
        pdcId: pdc.id,
        before,
        after: { stream, start, end },
        lowLiteracy: pdc.lowLiteracy,
        field: 'expectedEnd',
      }),
    );
  }
  // A funded item's plan months follow its case's dates, which this change does not move.
  const usePlanException = await planLimitGate(ctx, tx, actor, {
    personId,
    planId: row.planId,
    itemId: row.id,
    after: pdc?.trainingStart && pdc.trainingEnd ? { courseLoadPercent } : { start, end, courseLoadPercent },
    field: input.courseLoadPercent !== undefined && input.expectedEnd === undefined ? 'courseLoadPercent' : 'expectedEnd',
  });
  uses.push(() => usePlanException(row.id));
  return uses;
}

async function updateItemNow(ctx: AppContext, actor: Actor, itemId: string, input: ItemChange) {
  const planId = await ctx.db.transaction(async (tx) => {
    const { row, plan, item } = await loadItemForChange(tx, itemId, input.version);
    await writePerson(ctx, actor, plan.row.personId, tx);
    assertNoRefusals(
      checkUpdateItem(
        plan.state,
        item,
        {
          expectedStart: optionalDate(input.expectedStart) ?? undefined,
          expectedEnd: optionalDate(input.expectedEnd) ?? undefined,
          actualStart: optionalDate(input.actualStart),
          today: ctx.clock.today(),
        },
        itemActor(actor),
      ),
    );
    const subGoalType = plan.state.subGoals.find((g) => g.id === item.subGoalId)?.type;
    assertNoRefusals(checkCourseLoad(input.courseLoadPercent, subGoalType));
    const uses = subGoalType === 'training' ? await learnerRulesOnItemChange(ctx, tx, actor, plan.row.personId, row, input) : [];
    const after = expectUpdated(
      await updateItemVersioned(tx, itemId, input.version, {
        ...(input.courseLoadPercent !== undefined && { courseLoadPercent: input.courseLoadPercent }),
        ...(input.expectedStart !== undefined && { expectedStart: input.expectedStart }),
        ...(input.expectedEnd !== undefined && { expectedEnd: input.expectedEnd }),
        ...(input.actualStart !== undefined && { actualStart: input.actualStart }),
        ...(input.description !== undefined && { description: input.description }),
      }),
      'plan item',
      itemId,
      input.version,
    );
    await recordAudit(tx, actor, { action: 'plan.item.update', recordType: 'plan_item', recordId: itemId, before: row, after });
    for (const use of uses) await use();
    return row.planId;
  });
  return planView(ctx, ctx.db, planId);
}

/** R03 rules 5-6: complete with an outcome; the last open item's owner gets the closure task. */
export async function completeItem(
  ctx: AppContext,
  actor: Actor,
  itemId: string,
  input: {
    version: number;
    outcome: OutcomeKind | null;
    goodCauseReason?: string | undefined;
    actualStart?: string | undefined;
    actualEnd: string | null;
  },
) {
  authorize(actor, 'plan.write');
  const planId = await ctx.db.transaction(async (tx) => {
    const { row, plan, item } = await loadItemForChange(tx, itemId, input.version);
    await writePerson(ctx, actor, plan.row.personId, tx);
    const outcome = input.outcome ? { kind: input.outcome, goodCauseReason: input.goodCauseReason?.trim() || null } : null;
    assertNoRefusals(
      checkCompleteItem(
        plan.state,
        item,
        {
          outcome,
          actualEnd: optionalDate(input.actualEnd) ?? null,
          actualStart: optionalDate(input.actualStart) ?? null,
          today: ctx.clock.today(),
        },
        itemActor(actor),
      ),
    );
    const after = expectUpdated(
      await completeItemVersioned(tx, itemId, input.version, {
        outcome: input.outcome,
        goodCauseReason: outcome?.goodCauseReason ?? null,
        actualEnd: input.actualEnd,
        ...(input.actualStart !== undefined && { actualStart: input.actualStart }),
        completedBy: actor.userId,
      }),
      'plan item',
      itemId,
      input.version,
    );
    await recordAudit(tx, actor, { action: 'plan.item.complete', recordType: 'plan_item', recordId: itemId, before: row, after });
    const itemsAfter = plan.state.items.map((i) => (i.id === itemId ? toItem(after) : i));
    const owner = closureTaskOwnerAfterCompleting({ items: itemsAfter }, toItem(after));
    if (owner) {
      const today = ctx.clock.today();
      await createTask(tx, actor, {
        kind: 'plan-closure',
        title: `Close Service Plan ${plan.row.reference}`,
        detail:
          'Every plan item now has an outcome. As the official with the last plan item to complete, you are responsible for closing this Service Plan (R03.1).',
        assigneeId: owner,
        personId: plan.row.personId,
        recordType: 'service_plan',
        recordId: plan.row.id,
        dueOn: formatDate(addDays(today, ctx.serviceManagement(today).closureTaskDueDays)),
        dedupeKey: `plan-closure:${plan.row.id}`,
      });
    }
    return row.planId;
  });
  return planView(ctx, ctx.db, planId);
}

/** A supervisor reassigns an open item to another active official. */
export async function reassignItem(ctx: AppContext, actor: Actor, itemId: string, input: { version: number; ownerId: string }) {
  authorize(actor, 'item.reassign');
  const planId = await ctx.db.transaction(async (tx) => {
    const { row, plan, item } = await loadItemForChange(tx, itemId, input.version);
    await writePerson(ctx, actor, plan.row.personId, tx);
    assertNoRefusals(checkReassignItem(plan.state, item, itemActor(actor)));
    const owner = await userById(tx, input.ownerId);
    if (!owner?.active || !owner.roles.some((r) => r === 'authorized-official' || r === 'supervisor')) {
      throw new AppError('NOT_FOUND', 'Plan items go to an active Authorized Official or supervisor.', { field: 'ownerId' });
    }
    const after = expectUpdated(
      await updateItemVersioned(tx, itemId, input.version, { ownerId: input.ownerId }),
      'plan item',
      itemId,
      input.version,
    );
    await recordAudit(tx, actor, {
      action: 'plan.item.reassign',
      recordType: 'plan_item',
      recordId: itemId,
      before: { ownerId: row.ownerId },
      after: { ownerId: after.ownerId },
    });
    return row.planId;
  });
  return planView(ctx, ctx.db, planId);
}
