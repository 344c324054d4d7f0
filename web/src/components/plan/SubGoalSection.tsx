/** One sub-goal of a plan and its items: who owns each, the dates, status, outcome and funding. */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { NOT_ITEM_OWNER_DETAIL } from '../../../../src/domain/service-plans/refusal-texts.ts';
import type { PlanItem, PlanItemCatalogue, ServicePlan, SubGoal, User } from '../../types.ts';
import { ItemStatusBadge, OutcomeBadge } from '../Badge.tsx';
import { DateText } from '../DateText.tsx';
import { Disclosure } from '../Disclosure.tsx';
import { Fact } from '../Fact.tsx';
import { TrainingLimitsNote } from '../learning/TrainingLimitsNote.tsx';
import { WhyNot } from '../WhyNot.tsx';
import { AddItemForm } from './AddForms.tsx';
import { CompleteItemForm, FundItemForm, ReassignItemForm, UpdateItemForm } from './ItemForms.tsx';

type Action = 'update' | 'complete' | 'reassign' | 'fund';

export interface PlanPermissions {
  /** The signed-in user's id: an item's owner updates and completes it. */
  userId: string;
  /** Add sub-goals and items, record acceptance (officials and supervisors). */
  canWrite: boolean;
  /** Reassign items (supervisors); `officials` are the choices. */
  canReassign: boolean;
  officials: User[];
  /** Fund training with a learner income support PDC; `coordinators` when they can be listed. */
  canFund: boolean;
  /** The user's role may fund training, but the plan may not yet (the server's reasons, e.g. not accepted). */
  fundingRefusals: readonly string[];
  coordinators: User[] | null;
}

interface Props {
  plan: ServicePlan;
  subGoal: SubGoal;
  catalogue: PlanItemCatalogue | undefined;
  today: string;
  permissions: PlanPermissions;
  onMessage: (message: string) => void;
}

/** What the signed-in user may do to an item; nothing once the item or the plan is finished. */
function actionsFor(
  plan: ServicePlan,
  subGoal: SubGoal,
  item: PlanItem,
  catalogue: PlanItemCatalogue | undefined,
  p: PlanPermissions,
): Action[] {
  const editable = plan.status === 'open' || plan.status === 'active';
  if (!editable || item.status === 'completed') return [];
  const actions: Action[] = [];
  if (item.owner.id === p.userId) actions.push('update', 'complete');
  if (p.canReassign) actions.push('reassign');
  const fundable = catalogue?.itemTypes.find((t) => t.code === item.type)?.fundable ?? false;
  if (p.canFund && subGoal.type === 'training' && fundable && !item.pdc) actions.push('fund');
  return actions;
}

const ACTION_LABELS: Record<Action, string> = { update: 'Update', complete: 'Complete', reassign: 'Reassign', fund: 'Fund' };

export function SubGoalSection({ plan, subGoal, catalogue, today, permissions, onMessage }: Props) {
  const [open, setOpen] = useState<{ itemId: string; action: Action } | null>(null);
  const headingId = `subgoal-${subGoal.id}`;
  const editable = plan.status === 'open' || plan.status === 'active';
  const done = (message?: string) => {
    setOpen(null);
    if (message) onMessage(message);
  };

  return (
    <section className="subgoal" aria-labelledby={headingId}>
      <h3 id={headingId}>{subGoal.label}</h3>
      {subGoal.items.length === 0 ? (
        <p className="muted">No plan items under this sub-goal yet.</p>
      ) : (
        <ul className="items" aria-label={`Plan items under ${subGoal.label}`}>
          {subGoal.items.map((item) => (
            <ItemCard
              key={item.id}
              plan={plan}
              item={item}
              training={subGoal.type === 'training'}
              actions={actionsFor(plan, subGoal, item, catalogue, permissions)}
              open={open?.itemId === item.id ? open.action : null}
              onOpen={(action) => setOpen(action ? { itemId: item.id, action } : null)}
              today={today}
              permissions={permissions}
              onDone={done}
            />
          ))}
        </ul>
      )}
      {subGoal.type === 'training' && editable ? (
        <TrainingLimitsNote
          personId={plan.person.id}
          planId={plan.id}
          planItemIds={subGoal.items.map((i) => i.id)}
          itemsKey={subGoal.items.map((i) => `${i.id}:${i.version}`).join(',')}
        />
      ) : null}
      {subGoal.type === 'training' && subGoal.items.length > 0 ? (
        <WhyNot lead="Funding with learner income support:" reasons={permissions.fundingRefusals} />
      ) : null}
      {editable && permissions.canWrite && catalogue ? (
        <Disclosure label={`Add a plan item to ${subGoal.label}…`}>
          {(close) => <AddItemForm plan={plan} subGoal={subGoal} catalogue={catalogue} onClose={close} onAdded={onMessage} />}
        </Disclosure>
      ) : null}
    </section>
  );
}

/** A plan item: its name and status, then owner, dates, outcome and funding; its forms below. */
function ItemCard({
  plan,
  item,
  training,
  actions,
  open,
  onOpen,
  today,
  permissions,
  onDone,
}: {
  plan: ServicePlan;
  item: PlanItem;
  /** Under the Training sub-goal: the item has a course load. */
  training: boolean;
  actions: Action[];
  open: Action | null;
  onOpen: (action: Action | null) => void;
  today: string;
  permissions: PlanPermissions;
  onDone: (message?: string) => void;
}) {
  const mine = item.owner.id === permissions.userId;
  // When a form closes without a change, focus goes back to the button that opened it. (After a
  // change the page moves focus to its confirmation message instead.)
  const buttons = useRef(new Map<Action, HTMLButtonElement>());
  const previous = useRef<Action | null>(null);
  useEffect(() => {
    const was = previous.current;
    previous.current = open;
    if (was && !open && document.activeElement === document.body) buttons.current.get(was)?.focus();
  }, [open]);
  const nameId = `item-${item.id}`;
  return (
    <li className={`item-card${item.status === 'completed' ? ' item-card--done' : ''}`} aria-labelledby={nameId}>
      <div className="item-card__head">
        <h4 id={nameId} className="item-card__name">
          {item.name}
          {item.type === 'other' ? <span className="muted small"> (other)</span> : null}
        </h4>
        <ItemStatusBadge status={item.status} />
        {actions.length && !open ? (
          <div className="item-card__actions">
            {actions.map((action) => (
              <button
                key={action}
                ref={(element) => {
                  if (element) buttons.current.set(action, element);
                  else buttons.current.delete(action);
                }}
                type="button"
                className={`button button--small${action === 'complete' ? '' : ' button--secondary'}`}
                aria-label={`${ACTION_LABELS[action]} ${item.name}`}
                onClick={() => onOpen(action)}
              >
                {ACTION_LABELS[action]}…
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {item.description ? <p className="item-card__description">{item.description}</p> : null}
      {permissions.canWrite &&
      !mine &&
      !permissions.canReassign &&
      item.status !== 'completed' &&
      (plan.status === 'open' || plan.status === 'active') ? (
        <WhyNot reasons={[NOT_ITEM_OWNER_DETAIL]} />
      ) : null}
      <dl className="item-card__facts">
        <Fact term="Owner">
          {item.owner.displayName}
          {mine ? <span className="muted"> (you)</span> : null}
        </Fact>
        <Fact term="Expected">
          <DateText value={item.expectedStart} /> to <DateText value={item.expectedEnd} />
        </Fact>
        {item.courseLoadPercent !== null ? <Fact term="Course load">{item.courseLoadPercent}% of a full load</Fact> : null}
        <Fact term="Actual">
          {item.actualStart ? (
            <>
              <DateText value={item.actualStart} /> to{' '}
              {item.actualEnd ? <DateText value={item.actualEnd} /> : <span className="muted">ongoing</span>}
            </>
          ) : item.actualEnd ? (
            <>
              Ended <DateText value={item.actualEnd} />
            </>
          ) : (
            <span className="muted">Not started</span>
          )}
        </Fact>
        <Fact term="Outcome">
          {item.outcome ? (
            <>
              <OutcomeBadge outcome={item.outcome} />
              {item.goodCauseReason ? <span className="good-cause">Good cause: {item.goodCauseReason}</span> : null}
            </>
          ) : (
            <span className="muted">None yet</span>
          )}
        </Fact>
        <Fact term="Funding">
          {item.pdc ? (
            <>
              <Link to={`/pdcs/${item.pdc.id}`} className="mono">
                {item.pdc.reference}
                <span className="visually-hidden">: learner income support case</span>
              </Link>
              <span className="item-description">Learner income support ({item.pdc.status})</span>
            </>
          ) : (
            <span className="muted">None</span>
          )}
        </Fact>
      </dl>
      {open === 'update' ? <UpdateItemForm plan={plan} item={item} training={training} today={today} onDone={onDone} /> : null}
      {open === 'complete' ? <CompleteItemForm plan={plan} item={item} today={today} onDone={onDone} /> : null}
      {open === 'reassign' ? (
        <ReassignItemForm plan={plan} item={item} today={today} officials={permissions.officials} onDone={onDone} />
      ) : null}
      {open === 'fund' ? (
        <FundItemForm plan={plan} item={item} today={today} coordinators={permissions.coordinators} onDone={onDone} />
      ) : null}
    </li>
  );
}
