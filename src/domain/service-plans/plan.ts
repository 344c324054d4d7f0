/**
 * Service Plan records as the R03 rules see them (R03.1, docs/policy/r03-service-management.md; docs/records-and-statuses.md "Records", "Statuses").
 * A plan belongs to one Integrated Case; it has one goal (from the Primary Need), sub-goals of
 * distinct types, and plan items owned by the official who added them.
 */
import type { PlainDate } from '../calendar.ts';

export type PlanStatus = 'open' | 'active' | 'closed' | 'exited';
export type ItemStatus = 'not-started' | 'in-progress' | 'completed';
export type OutcomeKind = 'attained' | 'not-attained' | 'cancelled';

export interface Outcome {
  readonly kind: OutcomeKind;
  /** For not-attained: the good cause, when there was one. */
  readonly goodCauseReason?: string | null | undefined;
}

export interface PlanItem {
  readonly id: string;
  readonly subGoalId: string;
  /** A catalogue code, or 'other' for a free-text item. */
  readonly type: string;
  readonly ownerId: string;
  readonly expectedStart: PlainDate;
  readonly expectedEnd: PlainDate;
  readonly actualStart: PlainDate | null;
  readonly actualEnd: PlainDate | null;
  readonly outcome: Outcome | null;
  /** The product delivery case that funds this item, if any. */
  readonly pdcId: string | null;
  /**
   * The training period that case funds (its training dates, which can change after funding), while
   * the case is open or active; absent or null otherwise, when the item's own dates stand for it.
   */
  readonly fundedTraining?: { readonly start: PlainDate; readonly end: PlainDate } | null | undefined;
  /** When the item was completed, in order: the last one completed decides who closes the plan. */
  readonly completedSeq: number | null;
}

export interface SubGoal {
  readonly id: string;
  readonly type: string;
}

export interface ServicePlanState {
  readonly id: string;
  readonly status: PlanStatus;
  readonly createdBy: string;
  readonly subGoals: readonly SubGoal[];
  readonly items: readonly PlanItem[];
}

/** docs/records-and-statuses.md "Statuses": not started -> in progress (actual start) -> completed (actual end and outcome). */
export function itemStatus(item: Pick<PlanItem, 'actualStart' | 'outcome'>): ItemStatus {
  if (item.outcome) return 'completed';
  return item.actualStart ? 'in-progress' : 'not-started';
}

export const isEditable = (plan: Pick<ServicePlanState, 'status'>) => plan.status === 'open' || plan.status === 'active';
export const openItems = (plan: Pick<ServicePlanState, 'items'>) => plan.items.filter((i) => itemStatus(i) !== 'completed');

/** Policy figures R03 needs, from src/policy/data/service-management.json. */
export interface ServiceManagementPolicy {
  readonly closureHoldMonthsAfterFundedTraining: number;
  readonly exitAfterMonthsNotEngaged: number;
  readonly passiveClosureDaysWithoutContact: number;
  readonly reference: string;
}
