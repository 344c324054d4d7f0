/**
 * Closing a Service Plan (R03 rules 6-7, R03.2): a modal dialog that first shows the facts closure
 * depends on (who is responsible, open items, the 18-month hold for funded training, the last
 * contact), then asks for the reason, date and a note. The server decides; a refusal is shown with
 * every reason and, where it has one, the date from which closure is allowed.
 */
import { type Ref, useEffect, useRef } from 'react';
import { z } from 'zod';
import { closePlan, isProblem, type ProblemError } from '../../api.ts';
import { ApiForm, FormActions } from '../../forms/ApiForm.tsx';
import { optional, required } from '../../forms/schema.ts';
import { useApiForm } from '../../forms/useApiForm.ts';
import { usePlanCatalogue } from '../../hooks.ts';
import type { ServicePlan } from '../../types.ts';
import { DateText } from '../DateText.tsx';
import { RadioGroup, TextAreaField, TextField } from '../Field.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { ClosureFacts } from './ClosureFacts.tsx';
import { usePlanChange } from './planHooks.ts';

const CLOSURE_CODES = new Set([
  'NOT_RESPONSIBLE_FOR_CLOSURE',
  'OPEN_ITEMS_REMAIN',
  'CLOSURE_HELD_FOR_FUNDED_TRAINING',
  'PASSIVE_CLOSURE_NOT_DUE',
  'OTHER_SERVICE_ACTIVE',
  'PLAN_NOT_EDITABLE',
  'DATE_IN_FUTURE',
]);

interface Props {
  plan: ServicePlan;
  userId: string;
  today: string;
  onClose: () => void;
  onClosed: (updated: ServicePlan) => void;
}

const schema = z.object({
  reason: required('Choose why the plan is closing'),
  closedOn: required('Enter the closing date'),
  note: optional(),
});

export function ClosureDialog({ plan, userId, today, onClose, onClosed }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const catalogue = usePlanCatalogue();
  const change = usePlanChange(plan);
  const api = useApiForm({
    id: 'close',
    schema,
    defaultValues: { reason: '', closedOn: today, note: '' },
    aliases: { closingOn: 'closedOn' },
    submit: ({ reason, closedOn, note }) => closePlan(plan.id, { version: plan.version, closedOn, reason, ...(note ? { note } : {}) }),
    onSuccess: (updated) => {
      change.saved(updated);
      onClosed(updated);
    },
    onReload: change.reload,
  });

  useEffect(() => {
    const element = dialog.current;
    // Removed from the page, an open dialog leaves the top layer by itself: no cleanup needed.
    if (element && !element.open) element.showModal();
  }, []);

  const refusal = isProblem(api.error) && CLOSURE_CODES.has(api.error.problem.code ?? '') ? api.error : null;
  return (
    // The dialog's own Escape handling ("cancel") closes it; onClose then unmounts it.
    <dialog ref={dialog} className="dialog" aria-labelledby="close-heading" onClose={onClose}>
      <ApiForm
        api={api}
        className=""
        level={2}
        title={`Close Service Plan ${plan.reference}`}
        before={<ClosureFacts plan={plan} userId={userId} detailed />}
        warning={refusal ? <ClosureRefusal ref={api.summary.ref} error={refusal} plan={plan} /> : null}
      >
        <ProblemAlert error={catalogue.error} />
        {catalogue.data ? (
          <RadioGroup<string>
            {...api.choice('reason')}
            legend="Reason for closing"
            options={catalogue.data.closureReasons.map((r) => ({ value: r.code, label: r.label }))}
          />
        ) : (
          <p role="status">Loading reasons…</p>
        )}
        <TextField {...api.field('closedOn')} label="Closing date" type="date" className="field--short" />
        <TextAreaField {...api.field('note')} label="Note" optional hint="For example, the employer, or what the person said." />
        <FormActions pending={api.pending} submit="Close plan" pendingText="Closing…" onCancel={() => dialog.current?.close()} />
      </ApiForm>
    </dialog>
  );
}

/**
 * Why the server would not close the plan: each reason, and from when closure is allowed. It takes
 * the form's summary `ref`, so focus moves to it after the refusal, inside the dialog (the button
 * pressed was disabled while sending, and focus had left the dialog).
 */
function ClosureRefusal({ error, plan, ref }: { error: ProblemError; plan: ServicePlan; ref: Ref<HTMLDivElement> }) {
  const { problem } = error;
  const reasons = problem.errors?.length
    ? problem.errors
    : [{ field: problem.field ?? '', code: problem.code ?? '', detail: problem.detail ?? '' }];
  const allowedFrom = (code: string): string | null => {
    // The first reason's facts travel in the body; the hold date is on the plan as well.
    if (problem.code === code && typeof problem.allowedFrom === 'string') return problem.allowedFrom;
    return code === 'CLOSURE_HELD_FOR_FUNDED_TRAINING' ? plan.closureInfo.heldUntil : null;
  };
  const openIds = Array.isArray(problem.openItemIds) ? (problem.openItemIds as string[]) : null;
  const items = plan.subGoals.flatMap((g) => g.items);
  const openItems = openIds ? items.filter((i) => openIds.includes(i.id)) : items.filter((i) => i.status !== 'completed');
  return (
    <div ref={ref} tabIndex={-1} className="alert alert--error" role="alert">
      <p className="alert__title">The plan was not closed</p>
      <ul className="alert__list">
        {reasons.map((reason) => {
          const from = allowedFrom(reason.code);
          return (
            <li key={reason.code + reason.detail}>
              {reason.detail}
              {from ? (
                <>
                  {' '}
                  <strong>
                    Closure is allowed from <DateText value={from} />.
                  </strong>
                </>
              ) : null}
              {reason.code === 'OPEN_ITEMS_REMAIN' && openItems.length ? (
                <span className="refusal-detail">
                  Without an outcome: {openItems.map((i) => `${i.name} (${i.owner.displayName})`).join(', ')}.
                </span>
              ) : null}
              {reason.code === 'NOT_RESPONSIBLE_FOR_CLOSURE' ? (
                <span className="refusal-detail">Responsible for closing: {plan.closureInfo.responsible.displayName}.</span>
              ) : null}
            </li>
          );
        })}
      </ul>
      {problem.rule ? <p className="alert__rule">Rule: {problem.rule}</p> : null}
    </div>
  );
}
