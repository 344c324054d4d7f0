/**
 * Loading a Service Plan into the shape the R03 rules read (ServicePlanState), and into the view
 * the API and UI show: sub-goals with their items, owners, derived status, outcome and funding,
 * plus what closure needs (who is responsible, the 18-month hold, open items, last contact).
 */
import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { PlainDate } from '../../domain/calendar.ts';
import { closureHeldUntil, closureResponsible, closureSummary } from '../../domain/service-plans/closure.ts';
import { itemStatus, type OutcomeKind, type PlanItem, type ServicePlanState } from '../../domain/service-plans/plan.ts';
import { itemLabel } from '../../policy/plan-items.ts';
import type { Queryable } from '../../store/db.ts';
import { interactions, persons, planItems, productDeliveryCases, servicePlans, subGoals, users } from '../../store/schema.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';

const date = (iso: string) => Temporal.PlainDate.from(iso);
const dateOrNull = (iso: string | null) => (iso ? date(iso) : null);

type PlanRow = typeof servicePlans.$inferSelect;
type ItemRow = typeof planItems.$inferSelect;

export interface LoadedPlan {
  readonly row: PlanRow;
  readonly subGoals: (typeof subGoals.$inferSelect)[];
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
  const base = q.select().from(servicePlans).where(eq(servicePlans.id, planId));
  const [row] = options.lock ? await base.for('update') : await base;
  if (!row) throw AppError.notFound('service plan', planId);
  const goals = await q.select().from(subGoals).where(eq(subGoals.planId, planId)).orderBy(asc(subGoals.createdAt));
  const items = await q.select().from(planItems).where(eq(planItems.planId, planId)).orderBy(asc(planItems.expectedStart), asc(planItems.createdAt));
  const funded = items.length
    ? await q
        .select({
          itemId: productDeliveryCases.planItemId,
          id: productDeliveryCases.id,
          status: productDeliveryCases.status,
          trainingStart: productDeliveryCases.trainingStart,
          trainingEnd: productDeliveryCases.trainingEnd,
        })
        .from(productDeliveryCases)
        .where(inArray(productDeliveryCases.planItemId, items.map((i) => i.id)))
    : [];
  const pdcByItem = new Map(funded.map((f) => [f.itemId, f]));
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
      items: items.map((i) => ({ ...toItem(i), pdcId: pdcByItem.get(i.id)?.id ?? null, fundedTraining: fundedTraining(pdcByItem.get(i.id)) })),
    },
  };
}

/** The latest recorded contact with the person. */
export async function lastContactOf(q: Queryable, personId: string): Promise<PlainDate | null> {
  const [row] = await q.select({ last: max(interactions.occurredOn) }).from(interactions).where(eq(interactions.personId, personId));
  return row?.last ? date(row.last) : null;
}

/** Whether the person uses another service: an open or active product delivery case. */
export async function hasActiveService(q: Queryable, personId: string): Promise<boolean> {
  const rows = await q
    .select({ id: productDeliveryCases.id })
    .from(productDeliveryCases)
    .where(and(eq(productDeliveryCases.personId, personId), inArray(productDeliveryCases.status, ['open', 'active'])))
    .limit(1);
  return rows.length > 0;
}

async function userNames(q: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await q.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function planView(ctx: AppContext, q: Queryable, planId: string) {
  const plan = await loadPlan(q, planId);
  const { row, state } = plan;
  const [person] = await q.select().from(persons).where(eq(persons.id, row.personId));
  const pdcs = plan.items.length
    ? await q.select().from(productDeliveryCases).where(inArray(productDeliveryCases.planItemId, plan.items.map((i) => i.id)))
    : [];
  const names = await userNames(q, [row.createdBy, ...plan.items.map((i) => i.ownerId), ...(row.closedBy ? [row.closedBy] : []), ...(row.acceptanceRecordedBy ? [row.acceptanceRecordedBy] : [])]);
  const policy = ctx.serviceManagement(ctx.clock.today());
  const heldUntil = closureHeldUntil(state, policy);
  const responsible = closureResponsible(state);
  const subGoalLabel = (type: string) => ctx.planItems.subGoalTypes.find((s) => s.code === type)?.label ?? type;
  const itemView = (item: ItemRow) => {
    const pdc = pdcs.find((p) => p.planItemId === item.id);
    return {
      id: item.id,
      subGoalId: item.subGoalId,
      type: item.type,
      name: itemLabel(ctx.planItems, item.type, item.customName),
      customName: item.customName,
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
    person: { id: row.personId, reference: person!.reference, givenName: person!.givenName, familyName: person!.familyName, birthDate: person!.birthDate },
    status: row.status,
    primaryNeed: row.primaryNeed,
    goal: row.goal,
    createdBy: { id: row.createdBy, displayName: names.get(row.createdBy) ?? '' },
    createdOn: row.createdOn,
    acceptance: row.acceptedOn
      ? { acceptedOn: row.acceptedOn, method: row.acceptanceMethod, recordedBy: { id: row.acceptanceRecordedBy, displayName: names.get(row.acceptanceRecordedBy ?? '') ?? '' } }
      : null,
    closure: row.closedOn
      ? { closedOn: row.closedOn, reason: row.closureReason, note: row.closureNote, closedBy: { id: row.closedBy, displayName: names.get(row.closedBy ?? '') ?? '' } }
      : null,
    exitedOn: row.exitedOn,
    subGoals: plan.subGoals.map((g) => ({ id: g.id, type: g.type, label: subGoalLabel(g.type), items: plan.items.filter((i) => i.subGoalId === g.id).map(itemView) })),
    closureInfo: {
      responsible: { id: responsible, displayName: names.get(responsible) ?? (await userNames(q, [responsible])).get(responsible) ?? '' },
      heldUntil: heldUntil?.toString() ?? null,
      openItems: state.items.filter((i) => itemStatus(i) !== 'completed').length,
      lastContact: (await lastContactOf(q, row.personId))?.toString() ?? null,
      summary: {
        attained: summary.attained.map((id) => itemView(plan.items.find((i) => i.id === id)!)),
        notAttained: summary.notAttained.map((n) => itemView(plan.items.find((i) => i.id === n.id)!)),
        cancelled: summary.cancelled.map((id) => itemView(plan.items.find((i) => i.id === id)!)),
      },
    },
    version: row.version,
  };
}

export type PlanView = Awaited<ReturnType<typeof planView>>;

/** The person's plans, newest first. */
export async function plansOfPerson(q: Queryable, personId: string) {
  return q
    .select({ id: servicePlans.id, reference: servicePlans.reference, status: servicePlans.status, goal: servicePlans.goal, createdOn: servicePlans.createdOn, closedOn: servicePlans.closedOn })
    .from(servicePlans)
    .where(eq(servicePlans.personId, personId))
    .orderBy(desc(servicePlans.createdAt));
}
