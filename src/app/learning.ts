/**
 * Learner program rules (issue 16; docs/policy/learner-program-rules.md): the learning stream counter of
 * a person, R08 when a training item is added, the duration caps when training is funded (a refusal
 * sends the regional queue a reassessment task), and training exceptions: recorded by an Authorized
 * Official with their grounds, approved or rejected by a supervisor who did not record them, used once.
 */
import { Temporal } from 'temporal-polyfill';
import { addDays, formatDate, type PlainDate } from '../domain/calendar.ts';
import { checkDurationCaps, checkDurationCapsOnChange } from '../domain/learning/duration-caps.ts';
import {
  checkDecideException,
  checkRecordException,
  EXCEPTION_GROUNDS,
  EXCEPTION_KINDS,
  EXCEPTION_RULE,
  type ExceptionKind,
  type ExceptionStatus,
} from '../domain/learning/exceptions.ts';
import { checkPlanLimit, type PlanKind, type PlanTraining, planLimit, planMonths } from '../domain/learning/plan-limits.ts';
import { countedMonths, countStreams } from '../domain/learning/stream-months.ts';
import type { TrainingSession } from '../domain/learning/streams.ts';
import { checkSubsequentTraining, lastApprovedTraining, subsequentTrainingPossibleFrom } from '../domain/learning/subsequent-training.ts';
import type { Queryable } from '../store/db.ts';
import {
  approvedException,
  type ExceptionRow,
  exceptionById,
  exceptionsOfPerson,
  fundedTrainingsOf,
  insertException,
  planHasUsedException,
  plansOfPerson,
  planTrainingsOf,
  updateExceptionVersioned,
} from '../store/repos/learning.ts';
import { planItemForFunding } from '../store/repos/service-plans.ts';
import { userNames } from '../store/repos/users.ts';
import { recordAudit } from './audit.ts';
import { type Actor, type AppContext, timestamp } from './context.ts';
import { AppError, assertNoRefusals } from './errors.ts';
import { authorize } from './permissions.ts';
import { readPerson, writePerson } from './person-access.ts';
import { completeTasksFor, createTask } from './tasks.ts';
import { expectUpdated } from './versioning.ts';

/** The exception kinds and grounds, for the HTTP schemas. */
export { EXCEPTION_GROUNDS, EXCEPTION_KINDS };

type Funded = Awaited<ReturnType<typeof fundedTrainingsOf>>[number];
const session = (t: Funded): TrainingSession => ({
  stream: t.stream,
  start: Temporal.PlainDate.from(t.start!),
  end: Temporal.PlainDate.from(t.end!),
});

type PlanRow = Awaited<ReturnType<typeof planTrainingsOf>>[number];
/** A plan's training as ISTHB s.44 counts it: a funded item's case dates, otherwise its expected dates. */
const planTraining = (t: PlanRow): PlanTraining & { planItemId: string; pdcId: string | null } => ({
  planItemId: t.planItemId,
  pdcId: t.pdcId,
  start: Temporal.PlainDate.from(t.pdcId && t.trainingStart ? t.trainingStart : t.expectedStart),
  end: Temporal.PlainDate.from(t.pdcId && t.trainingEnd ? t.trainingEnd : t.expectedEnd),
  courseLoadPercent: t.courseLoadPercent,
});

/**
 * A plan is subsequent when the person had funded training in another plan that started before this
 * plan's first training (our reading, docs/policy/learner-program-rules.md "Plan limits").
 */
function planKindOf(funded: readonly Funded[], planId: string, planTrainings: readonly PlanTraining[]): PlanKind {
  if (planTrainings.length === 0) return 'first';
  const first = planTrainings.reduce((a, b) => (Temporal.PlainDate.compare(a.start, b.start) <= 0 ? a : b)).start;
  return funded.some((t) => t.planId !== planId && Temporal.PlainDate.compare(Temporal.PlainDate.from(t.start!), first) < 0)
    ? 'subsequent'
    : 'first';
}

/** The counter, the last training with the date a new plan becomes possible, and the exceptions (no access check). */
export async function learningView(ctx: AppContext, q: Queryable, personId: string) {
  const policy = ctx.learningStreams(ctx.clock.today());
  const trainings = await fundedTrainingsOf(q, personId);
  const lowLiteracy = trainings.some((t) => t.lowLiteracy);
  const counter = countStreams(trainings.map(session), policy, { lowLiteracy });
  const last = lastApprovedTraining(
    trainings.map((t) => ({ ...session(t), planId: t.planId })),
    null,
  );
  const plans = [];
  for (const plan of await plansOfPerson(q, personId)) {
    const planTrainings = (await planTrainingsOf(q, plan.id)).map(planTraining);
    if (planTrainings.length === 0) continue;
    const kind = planKindOf(trainings, plan.id, planTrainings);
    const limit = planLimit(kind, planTrainings, policy, { exceptionApproved: await planHasUsedException(q, plan.id, 'plan-limit') });
    plans.push({
      planId: plan.id,
      reference: plan.reference,
      status: plan.status,
      kind,
      months: planMonths(planTrainings, policy),
      limitMonths: limit.limitMonths,
      basis: limit.basis,
      standardMonths: limit.limits.standardMonths,
      exceptionalMonths: limit.limits.exceptionalMonths,
      reducedLoadMonths: limit.limits.reducedLoadMonths,
    });
  }
  const exceptions = await exceptionsOfPerson(q, personId);
  const names = await userNames(q, [...new Set(exceptions.flatMap((e) => [e.recordedBy, ...(e.decidedBy ? [e.decidedBy] : [])]))]);
  return {
    streams: [...counter.streams],
    unassignedMonths: counter.unassignedMonths,
    combined: counter.combined,
    lowLiteracy,
    subsequentTrainingMonths: policy.subsequentTrainingMonths,
    lastTraining: last
      ? { end: formatDate(last.end), newPlanPossibleFrom: formatDate(subsequentTrainingPossibleFrom(last, policy)) }
      : null,
    plans,
    reducedLoadMinPercent: policy.planLimits.reducedLoadMinPercent,
    trainings: trainings.map((t) => ({
      pdcId: t.pdcId,
      pdcReference: t.pdcReference,
      planItemId: t.planItemId,
      stream: t.stream,
      start: t.start!,
      end: t.end!,
      months: countedMonths(session(t), policy.monthCountsWhenSessionStartsBeforeDay).length,
    })),
    exceptions: exceptions.map((e) => ({
      id: e.id,
      kind: e.kind as ExceptionKind,
      status: e.status as ExceptionStatus,
      grounds: e.grounds,
      explanation: e.explanation,
      planItemId: e.planItemId,
      recordedBy: { id: e.recordedBy, name: names.get(e.recordedBy) ?? '' },
      recordedAt: e.createdAt.toISOString(),
      decidedBy: e.decidedBy ? { id: e.decidedBy, name: names.get(e.decidedBy) ?? '' } : null,
      decidedAt: e.decidedAt?.toISOString() ?? null,
      decisionNote: e.decisionNote,
      usedByRecordId: e.usedByRecordId,
      version: e.version,
    })),
  };
}

/** The person's learning stream counter (an access-logged read). */
export async function learningStreamCounter(ctx: AppContext, actor: Actor, personId: string) {
  authorize(actor, 'benefits.read');
  await readPerson(ctx, actor, personId, 'learning-streams');
  return learningView(ctx, ctx.db, personId);
}

async function useException(q: Queryable, actor: Actor, exception: ExceptionRow, recordId: string) {
  const after = expectUpdated(
    await updateExceptionVersioned(q, exception.id, exception.version, { status: 'used', usedByRecordId: recordId }),
    'training exception',
    exception.id,
    exception.version,
  );
  await recordAudit(q, actor, {
    action: 'training-exception.use',
    recordType: 'training_exception',
    recordId: exception.id,
    before: { status: exception.status },
    after: { status: after.status, usedByRecordId: recordId },
  });
}

/**
 * R08 for a training item about to be added to `planId`: refused with the date a new plan becomes
 * possible, unless the person has an approved exception (or the plan was already let through by one:
 * its further training items belong to the same plan). Returns a function that marks that
 * exception used by the new item (or does nothing).
 */
export async function subsequentTrainingGate(
  ctx: AppContext,
  q: Queryable,
  actor: Actor,
  personId: string,
  planId: string,
  start: PlainDate,
  field = 'expectedStart',
) {
  const trainings = (await fundedTrainingsOf(q, personId)).map((t) => ({ ...session(t), planId: t.planId }));
  const refusals = checkSubsequentTraining(trainings, { planId, start }, ctx.learningStreams(ctx.clock.today()), {
    exceptionApproved: await planHasUsedException(q, planId),
  }).map((r) => ({ ...r, field }));
  if (refusals.length === 0) return async (_itemId: string) => {};
  const exception = await approvedException(q, personId, 'subsequent-training');
  if (!exception) throw AppError.refused(refusals);
  return (itemId: string) => useException(q, actor, exception, itemId);
}

/**
 * Duration caps when a learner case is opened for a training item: refused naming the cap, unless the
 * person has an approved duration-cap exception. Returns a function that marks it used by the case.
 */
export async function durationCapGate(
  ctx: AppContext,
  q: Queryable,
  actor: Actor,
  personId: string,
  proposed: TrainingSession,
  lowLiteracy: boolean,
) {
  const funded = (await fundedTrainingsOf(q, personId)).map(session);
  const refusals = checkDurationCaps(funded, proposed, ctx.learningStreams(ctx.clock.today()), { lowLiteracy });
  if (refusals.length === 0) return async (_pdcId: string) => {};
  const exception = await approvedException(q, personId, 'duration-cap');
  if (!exception) throw AppError.refused(refusals);
  return (pdcId: string) => useException(q, actor, exception, pdcId);
}

/**
 * Duration caps when a funded training's dates change (the learner case's training period, or a funded
 * item's expected dates): refused naming the cap when the change adds months past it, unless the
 * person has an approved duration-cap exception, which the change then uses.
 */
export async function durationCapChangeGate(
  ctx: AppContext,
  q: Queryable,
  actor: Actor,
  input: { personId: string; pdcId: string; before: TrainingSession; after: TrainingSession; lowLiteracy: boolean; field: string },
) {
  const others = (await fundedTrainingsOf(q, input.personId)).filter((t) => t.pdcId !== input.pdcId).map(session);
  const refusals = checkDurationCapsOnChange(others, input.before, input.after, ctx.learningStreams(ctx.clock.today()), {
    lowLiteracy: input.lowLiteracy,
    field: input.field,
  });
  if (refusals.length === 0) return async () => {};
  const exception = await approvedException(q, input.personId, 'duration-cap');
  if (!exception) throw AppError.refused(refusals);
  return () => useException(q, actor, exception, input.pdcId);
}

/**
 * ISTHB s.44 plan limits when a plan's training changes: `itemId`'s training becomes `after` (a new
 * item has no id yet: null). Refused naming the limit, unless the plan already used a plan-limit
 * exception or the person has an approved one and the exceptional limit covers the plan; the
 * function returned marks that exception used by the item.
 */
export async function planLimitGate(
  ctx: AppContext,
  q: Queryable,
  actor: Actor,
  input:
    | { personId: string; planId: string; itemId: null; after: PlanTraining; field: string }
    | { personId: string; planId: string; itemId: string; after: Partial<PlanTraining>; field: string },
) {
  const policy = ctx.learningStreams(ctx.clock.today());
  const before = (await planTrainingsOf(q, input.planId)).map(planTraining);
  const after: PlanTraining[] =
    input.itemId === null ? [...before, input.after] : before.map((t) => (t.planItemId === input.itemId ? { ...t, ...input.after } : t));
  const kind = planKindOf(await fundedTrainingsOf(q, input.personId), input.planId, after);
  const used = await planHasUsedException(q, input.planId, 'plan-limit');
  const refusals = checkPlanLimit(kind, before, after, policy, { exceptionApproved: used, field: input.field });
  if (refusals.length === 0) return async (_itemId: string) => {};
  const exception = await approvedException(q, input.personId, 'plan-limit');
  if (!exception || checkPlanLimit(kind, before, after, policy, { exceptionApproved: true, field: input.field }).length > 0)
    throw AppError.refused(refusals);
  return (itemId: string) => useException(q, actor, exception, itemId);
}

/** Whether a refusal is one the regional office reassesses (R08 trigger): a duration cap, or a plan limit an exception can lift. */
export const needsReassessment = (error: unknown): error is AppError =>
  error instanceof AppError &&
  (error.code === 'DURATION_CAP_EXCEEDED' || (error.code === 'PLAN_LIMIT_EXCEEDED' && error.extras.facts?.exceptionRoute === true));

/**
 * R08 trigger (M7611): training refused for exceeding a maximum duration (funding or extending past a
 * duration cap, a plan longer than its s.44 limit) sends the regional office a task to reassess the learner. **Our reading**: the regional queue is the Authorized Officials' queue.
 * Its own transaction, after the refusal rolled the funding back; one open task per training item.
 */
export async function sendReassessmentTask(
  ctx: AppContext,
  actor: Actor,
  target: { planItemId: string } | { planId: string; personId: string },
  refusal: AppError,
) {
  await ctx.db.transaction(async (tx) => {
    let personId: string;
    if ('planItemId' in target) {
      const found = await planItemForFunding(tx, target.planItemId);
      if (!found) return;
      personId = found.plan.personId;
    } else personId = target.personId;
    const [recordType, recordId] = 'planItemId' in target ? ['plan_item', target.planItemId] : ['service_plan', target.planId];
    const today = ctx.clock.today();
    await createTask(tx, actor, {
      kind: 'training-reassessment',
      title: 'Reassess training: exceeds maximum duration',
      detail: `${refusal.detail} Check the learning stream counter, reassess the learner, and record an exception with its grounds if the training should go ahead (R08).`,
      assigneeRole: 'authorized-official',
      personId,
      recordType,
      recordId,
      dueOn: formatDate(addDays(today, ctx.serviceManagement(today).reviewTaskDueDays)),
      dedupeKey: `training-reassessment:${recordId}`,
    });
  });
}

export interface ExceptionInput {
  readonly kind: ExceptionKind;
  readonly grounds: readonly string[];
  readonly explanation: string;
  readonly planItemId?: string | undefined;
}

/** An Authorized Official records an exception with its grounds; a task asks a supervisor to decide it. */
export async function recordTrainingException(ctx: AppContext, actor: Actor, personId: string, input: ExceptionInput) {
  authorize(actor, 'training-exception.record');
  assertNoRefusals(checkRecordException(input));
  await ctx.db.transaction(async (tx) => {
    await writePerson(ctx, actor, personId, tx);
    if (input.planItemId) {
      const found = await planItemForFunding(tx, input.planItemId);
      if (!found || found.plan.personId !== personId) throw AppError.notFound('plan item', input.planItemId);
    }
    const row = await insertException(tx, {
      personId,
      kind: input.kind,
      planItemId: input.planItemId ?? null,
      grounds: [...new Set(input.grounds)],
      explanation: input.explanation.trim(),
      recordedBy: actor.userId,
    });
    await recordAudit(tx, actor, { action: 'training-exception.record', recordType: 'training_exception', recordId: row.id, after: row });
    if (input.planItemId) await completeTasksFor(tx, actor, 'plan_item', input.planItemId, ['training-reassessment'], timestamp(ctx.clock));
    const today = ctx.clock.today();
    await createTask(tx, actor, {
      kind: 'training-exception-decision',
      title: 'Decide a training exception',
      detail:
        'An Authorized Official recorded a training exception with its grounds. Approve or reject it: someone other than the official who recorded it decides (R08).',
      assigneeRole: 'supervisor',
      personId,
      recordType: 'training_exception',
      recordId: row.id,
      dueOn: formatDate(addDays(today, ctx.serviceManagement(today).reviewTaskDueDays)),
      dedupeKey: `training-exception:${row.id}`,
    });
  });
  return learningView(ctx, ctx.db, personId);
}

/** A supervisor who did not record the exception approves or rejects it (a rejection gives its reason). */
export async function decideTrainingException(
  ctx: AppContext,
  actor: Actor,
  exceptionId: string,
  input: { version: number; decision: 'approved' | 'rejected'; note?: string | undefined },
) {
  authorize(actor, 'training-exception.decide');
  const personId = await ctx.db.transaction(async (tx) => {
    const row = await exceptionById(tx, exceptionId);
    if (!row) throw AppError.notFound('training exception', exceptionId);
    await writePerson(ctx, actor, row.personId, tx);
    if (row.version !== input.version) throw AppError.staleVersion('training exception', input.version, row.version);
    assertNoRefusals(checkDecideException({ status: row.status as ExceptionStatus }));
    if (row.recordedBy === actor.userId)
      throw new AppError('SEPARATION_OF_DUTIES', 'You recorded this exception, so someone else must approve or reject it.', {
        field: 'exceptionId',
        rule: 'Waypoint separation of duties',
      });
    if (input.decision === 'rejected' && !input.note?.trim())
      throw new AppError('REQUIRED', 'Give the reason for rejecting the exception.', { field: 'note', rule: EXCEPTION_RULE });
    const after = expectUpdated(
      await updateExceptionVersioned(tx, exceptionId, input.version, {
        status: input.decision,
        decidedBy: actor.userId,
        decidedAt: timestamp(ctx.clock),
        decisionNote: input.note?.trim() || null,
      }),
      'training exception',
      exceptionId,
      input.version,
    );
    await recordAudit(tx, actor, {
      action: `training-exception.${input.decision === 'approved' ? 'approve' : 'reject'}`,
      recordType: 'training_exception',
      recordId: exceptionId,
      before: { status: row.status },
      after: { status: after.status, decisionNote: after.decisionNote },
    });
    await completeTasksFor(tx, actor, 'training_exception', exceptionId, ['training-exception-decision'], timestamp(ctx.clock));
    return row.personId;
  });
  return learningView(ctx, ctx.db, personId);
}

/**
 * The learner rules a change of a case's training dates must pass (docs/policy/learner-program-rules.md):
 * R08 when the start moves earlier, the duration caps and the ISTHB s.44 plan limit when months are
 * added. Each returns what marks an approved exception used, run after the change is written.
 */
export async function learnerRulesOnTrainingChange(
  ctx: AppContext,
  tx: Queryable,
  actor: Actor,
  before: {
    id: string;
    personId: string;
    planItemId: string | null;
    trainingStart: string | null;
    trainingEnd: string | null;
    lowLiteracy: boolean;
  },
  dates: { trainingStart: string; trainingEnd: string },
) {
  if (!before.planItemId || !before.trainingStart || !before.trainingEnd) return [];
  const found = await planItemForFunding(tx, before.planItemId);
  if (!found) return [];
  const start = Temporal.PlainDate.from(dates.trainingStart);
  const end = Temporal.PlainDate.from(dates.trainingEnd);
  const uses: (() => Promise<void>)[] = [];
  if (Temporal.PlainDate.compare(start, Temporal.PlainDate.from(before.trainingStart)) < 0) {
    const use = await subsequentTrainingGate(ctx, tx, actor, before.personId, found.plan.id, start, 'trainingStart');
    uses.push(() => use(found.item.id));
  }
  const stream = found.item.learningStream;
  uses.push(
    await durationCapChangeGate(ctx, tx, actor, {
      personId: before.personId,
      pdcId: before.id,
      before: { stream, start: Temporal.PlainDate.from(before.trainingStart), end: Temporal.PlainDate.from(before.trainingEnd) },
      after: { stream, start, end },
      lowLiteracy: before.lowLiteracy,
      field: 'trainingEnd',
    }),
  );
  const usePlanException = await planLimitGate(ctx, tx, actor, {
    personId: before.personId,
    planId: found.plan.id,
    itemId: found.item.id,
    after: { start, end, courseLoadPercent: found.item.courseLoadPercent },
    field: 'trainingEnd',
  });
  uses.push(() => usePlanException(found.item.id));
  return uses;
}

/**
 * "Why before click": the learner rules a change of a case's training dates would meet, in words,
 * writing nothing and using no exception (one that is approved lets the change through here too).
 */
export async function learnerRulesPreview(
  ctx: AppContext,
  actor: Actor,
  before: Parameters<typeof learnerRulesOnTrainingChange>[3],
  dates: { trainingStart: string; trainingEnd: string },
) {
  try {
    await learnerRulesOnTrainingChange(ctx, ctx.db, actor, before, dates);
    return [];
  } catch (error) {
    if (error instanceof AppError && LEARNER_CODES.has(error.code))
      // Nothing was sent yet: the refusal says what saving would do.
      return (error.extras.errors ?? []).map((e) => ({
        code: e.code,
        detail: e.detail.replace('The regional office has been asked to reassess:', 'Saving it would ask the regional office to reassess:'),
      }));
    throw error;
  }
}

const LEARNER_CODES = new Set<string>(['SUBSEQUENT_TRAINING_TOO_SOON', 'DURATION_CAP_EXCEEDED', 'PLAN_LIMIT_EXCEEDED']);
