import type { ReactNode } from 'react';
import { ITEM_STATUS_LABELS, labelOf, OUTCOME_LABELS, PLAN_STATUS_LABELS } from '../format.ts';
import type { ItemStatus, OutcomeKind, PlanStatus } from '../types.ts';

type Tone = 'success' | 'warning' | 'neutral' | 'info' | 'error';

export function Badge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}

export function RegistrationBadge({ complete }: { complete: boolean }) {
  return complete ? <Badge tone="success">Registration complete</Badge> : <Badge tone="warning">Registration incomplete</Badge>;
}

const PLAN_TONES: Record<PlanStatus, Tone> = { open: 'info', active: 'success', closed: 'neutral', exited: 'warning' };

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  return <Badge tone={PLAN_TONES[status] ?? 'neutral'}>{labelOf(PLAN_STATUS_LABELS, status)}</Badge>;
}

const ITEM_TONES: Record<ItemStatus, Tone> = { 'not-started': 'neutral', 'in-progress': 'info', completed: 'success' };

export function ItemStatusBadge({ status }: { status: ItemStatus }) {
  return <Badge tone={ITEM_TONES[status] ?? 'neutral'}>{labelOf(ITEM_STATUS_LABELS, status)}</Badge>;
}

const OUTCOME_TONES: Record<OutcomeKind, Tone> = { attained: 'success', 'not-attained': 'warning', cancelled: 'neutral' };

export function OutcomeBadge({ outcome }: { outcome: OutcomeKind }) {
  return <Badge tone={OUTCOME_TONES[outcome] ?? 'neutral'}>{labelOf(OUTCOME_LABELS, outcome)}</Badge>;
}

/** Whether a month's shares add up to the household's amount. */
export function BalancedMark({ balanced }: { balanced: boolean }) {
  return balanced ? (
    <Badge tone="success">
      <span aria-hidden="true">✓ </span>Balanced
    </Badge>
  ) : (
    <Badge tone="error">
      <span aria-hidden="true">✗ </span>Not balanced
    </Badge>
  );
}
