/**
 * Loading a Service Plan into the shape the R03 rules read (ServicePlanState), and into the view
 * the API and UI show: sub-goals with their items, owners, derived status, outcome and funding,
 * plus what closure needs (who is responsible, the 18-month hold, open items, last contact).
 */
import { Temporal } from 'temporal-polyfill';
import type { PlainDate } from '../../domain/calendar.ts';
import type { Refusal } from '../../domain/refusal.ts';
import { checkClosePlan, closureHeldUntil, closureResponsible, closureSummary } from '../../domain/service-plans/closure.ts';
import { checkFundTraining } from '../../domain/service-plans/funding.ts';
import { itemStatus, type OutcomeKind, type PlanItem, type ServicePlanState } from '../../domain/service-plans/plan.ts';
import { itemLabel } from '../../policy/plan-items.ts';
import type { Queryable } from '../../store/db.ts';
import { lastContactOn } from '../../store/repos/interactions.ts';
import { personById } from '../../store/repos/people.ts';
import { hasLiveCase, pdcsOfPlanItems } from '../../store/repos/product-delivery-cases.ts';
import {
  type ItemRow,
  itemsOfPlan,
  type PlanRow,
  planById,
  plansOfPerson,
  type SubGoalRow,
  subGoalsOfPlan,
} from '../../store/repos/service-plans.ts';
import { userNames } from '../../store/repos/users.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';

const date = (iso: string) => Temporal.PlainDate.from(iso);
const dateOrNull = (iso: string | null) => (iso ? date(iso) : null);

export interface LoadedPlan {
  readonly row: PlanRow;
  readonly subGoals: SubGoalRow[];
  readonly items: ItemRow[];
  readonly state: ServicePlanState;
}

export function toItem(row: ItemRow): PlanItem {
  return {
    id: row.id,
    subGoalId: row.subGoalId,
    type: row.type,
    ownerId: row.ownerId,
    expectedStart: date(row.expectedStart),
    expectedEnd: date(row.expectedEnd),
    actualStart: dateOrNull(row.actualStart),
    actualEnd: dateOrNull(row.actualEnd),
    outcome: row.outcome ? { kind: row.outcome as OutcomeKind, goodCauseReason: row.goodCauseReason } : null,
    pdcId: null,
    completedSeq: row.completedSeq,
  };
}

/** Loads the plan, optionally locking its row (FOR UPDATE) so changes to it are serialised. */
export async function loadPlan(q: Queryable, planId: string, options: { lock?: boolean } = {}): Promise<LoadedPlan> {
  const row = await planById(q, planId, options);
  if (!row) throw AppError.notFound('service plan', planId);
  const goals = await subGoalsOfPlan(q, planId);
  const items = await itemsOfPlan(q, planId);
  const funded = await pdcsOfPlanItems(
    q,
    items.map((i) => i.id),
  );
  const pdcByItem = new Map(funded.map((f) => [f.planItemId, f]));
  // The training the case funds while it is open or active (rule 8: funded training in progress is engagement).
  const fundedTraining = (f: (typeof funded)[number] | undefined) =>
    f && f.status !== 'closed' && f.trainingStart && f.trainingEnd ? { start: date(f.trainingStart), end: date(f.trainingEnd) } : null;
  return {
    row,
    subGoals: goals,
    items,
    state: {
      id: row.id,
      status: row.status as ServicePlanState['status'],
      createdBy: row.createdBy,
      subGoals: goals.map((g) => ({ id: g.id, type: g.type })),
      items: items.map((i) => ({
        ...toItem(i),
        pdcId: pdcByItem.get(i.id)?.id ?? null,
        fundedTraining: fundedTraining(pdcByItem.get(i.id)),
      })),
    },
  };
}

/** The latest recorded contact with the person. */
export async function lastContactOf(q: Queryable, personId: string): Promise<PlainDate | null> {
  const last = await lastContactOn(q, personId);
  return last ? date(last) : null;
}

/** Whether the person uses another service: an open or active product delivery case. */
export async function hasActiveService(q: Queryable, personId: string): Promise<boolean> {
  return hasLiveCase(q, personId);
}

export async function planView(ctx: AppContext, q: Queryable, planId: string) {
  const plan = await loadPlan(q, planId);
  const { row, state } = plan;
  const person = await personById(q, row.personId);
  const pdcs = await pdcsOfPlanItems(
    q,
    plan.items.map((i) => i.id),
  );
  const names = await userNames(q, [
    row.createdBy,
    ...plan.items.map((i) => i.ownerId),
    ...(row.closedBy ? [row.closedBy] : []),
    ...(row.acceptanceRecordedBy ? [row.acceptanceRecordedBy] : []),
  ]);
  const policy = ctx.serviceManagement(ctx.clock.today());
  const heldUntil = closureHeldUntil(state, policy);
  const responsible = closureResponsible(state);
  // What stops closing today whoever asks and for whatever reason (the plan's state, open items,
  // the funded-training hold), and what stops funding training: the refusals the server would give,
  // sent with the plan so the page says why before the click. (Who may close, and the passive
  // reason's own conditions, depend on the user and the reason chosen: the page and the dialog say those.)
  const today = ctx.clock.today();
  const closeRefusals = checkClosePlan(
    state,
    {
      closingOn: today,
      reason: 'programs-finished-employed',
      actor: { userId: responsible, isSupervisor: true },
      lastContact: null,
      planStarted: today,
      otherActiveService: false,
    },
    policy,
  );
  const reasons = (refusals: readonly Refusal[]) => refusals.map(({ code, rule, detail }) => ({ code, rule, detail }));
  const subGoalLabel = (type: string) => ctx.planItems.subGoalTypes.find((s) => s.code === type)?.label ?? type;
  const itemView = (item: ItemRow) => {
    const pdc = pdcs.find((p) => p.planItemId === item.id);
    return {
      id: item.id,
      subGoalId: item.subGoalId,
      type: item.type,
      name: itemLabel(ctx.planItems, item.type, item.customName),
      customName: item.customName,
      learningStream: item.learningStream,
      courseLoadPercent: item.courseLoadPercent,
      description: item.description,
      owner: { id: item.ownerId, displayName: names.get(item.ownerId) ?? '' },
      expectedStart: item.expectedStart,
      expectedEnd: item.expectedEnd,
      actualStart: item.actualStart,
      actualEnd: item.actualEnd,
      status: itemStatus(toItem(item)),
      outcome: item.outcome,
      goodCauseReason: item.goodCauseReason,
      pdc: pdc ? { id: pdc.id, reference: pdc.reference, program: pdc.program, status: pdc.status } : null,
      version: item.version,
    };
  };
  const summary = closureSummary(state);
  return {
    id: row.id,
    reference: row.reference,
    caseId: row.caseId,
    person: {
      id: row.personId,
      reference: person!.reference,
      givenName: person!.givenName,
      familyName: person!.familyName,
      birthDate: person!.birthDate,
    },
    status: row.status,
    primaryNeed: row.primaryNeed,
    goal: row.goal,
    createdBy: { id: row.createdBy, displayName: names.get(row.createdBy) ?? '' },
    createdOn: row.createdOn,
    acceptance: row.acceptedOn
      ? {
          acceptedOn: row.acceptedOn,
          method: row.acceptanceMethod,
          recordedBy: { id: row.acceptanceRecordedBy, displayName: names.get(row.acceptanceRecordedBy ?? '') ?? '' },
        }
      : null,
    closure: row.closedOn
      ? {
          closedOn: row.closedOn,
          reason: row.closureReason,
          note: row.closureNote,
          closedBy: { id: row.closedBy, displayName: names.get(row.closedBy ?? '') ?? '' },
        }
      : null,
    exitedOn: row.exitedOn,
    subGoals: plan.subGoals.map((g) => ({
      id: g.id,
      type: g.type,
      label: subGoalLabel(g.type),
      items: plan.items.filter((i) => i.subGoalId === g.id).map(itemView),
    })),
    closureInfo: {
      responsible: { id: responsible, displayName: names.get(responsible) ?? (await userNames(q, [responsible])).get(responsible) ?? '' },
      heldUntil: heldUntil?.toString() ?? null,
      openItems: state.items.filter((i) => itemStatus(i) !== 'completed').length,
      lastContact: (await lastContactOf(q, row.personId))?.toString() ?? null,
      notAllowed: reasons(closeRefusals),
      summary: {
        attained: summary.attained.map((id) => itemView(plan.items.find((i) => i.id === id)!)),
        notAttained: summary.notAttained.map((n) => itemView(plan.items.find((i) => i.id === n.id)!)),
        cancelled: summary.cancelled.map((id) => itemView(plan.items.find((i) => i.id === id)!)),
      },
    },
    fundingNotAllowed: reasons(checkFundTraining(state, 'training')),
    version: row.version,
  };
}

export type PlanView = Awaited<ReturnType<typeof planView>>;

export { plansOfPerson };
