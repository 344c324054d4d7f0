/**
 * Closing a Service Plan (R03 rules 6-7, R03.2): a modal dialog that first shows the facts closure
 * depends on (who is responsible, open items, the 18-month hold for funded training, the last
 * contact), then asks for the reason, date and a note. The server decides; a refusal is shown with
 * every reason and, where it has one, the date from which closure is allowed.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { closePlan, isProblem, ProblemError } from '../../api.ts';
import { usePlanCatalogue } from '../../hooks.ts';
import type { ServicePlan } from '../../types.ts';
import { DateText } from '../DateText.tsx';
import { RadioGroup, TextAreaField, TextField } from '../Field.tsx';
import { fieldErrors, ProblemAlert } from '../ProblemAlert.tsx';
import { usePlanMutation, useReloadPlan } from './planHooks.ts';

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

export function ClosureDialog({ plan, userId, today, onClose, onClosed }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const catalogue = usePlanCatalogue();
  const reload = useReloadPlan(plan.id);
  const [reason, setReason] = useState('');
  const [closedOn, setClosedOn] = useState(today);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<ProblemError | null>(null);
  const mutation = usePlanMutation(
    plan,
    () => closePlan(plan.id, { version: plan.version, closedOn, reason, ...(note.trim() ? { note: note.trim() } : {}) }),
    (updated) => onClosed(updated),
  );

  useEffect(() => {
    const element = dialog.current;
    // Removed from the page, an open dialog leaves the top layer by itself: no cleanup needed.
    if (element && !element.open) element.showModal();
  }, []);

  const shown = missing ?? mutation.error;
  const errors = fieldErrors(shown);
  const refusal = isProblem(mutation.error) && CLOSURE_CODES.has(mutation.error.problem.code ?? '') ? mutation.error : null;
  const info = plan.closureInfo;
  const responsibleIsMe = info.responsible.id === userId;

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = [
      ...(reason ? [] : [{ field: 'reason', code: 'REQUIRED', detail: 'Choose why the plan is closing' }]),
      ...(closedOn ? [] : [{ field: 'closedOn', code: 'REQUIRED', detail: 'Enter the closing date' }]),
    ];
    const problem = found.length ? new ProblemError({ title: 'There is a problem', status: 400, errors: found }) : null;
    setMissing(problem);
    if (problem) {
      mutation.reset();
      return;
    }
    mutation.mutate(undefined);
  }
  const fieldId = (field: string) =>
    field === 'reason' ? `close-reason-${reason || catalogue.data?.closureReasons[0]?.code}` : ['closedOn', 'closingOn'].includes(field) ? 'close-date' : null;

  return (
    // The dialog's own Escape handling ("cancel") closes it; onClose then unmounts it.
    <dialog ref={dialog} className="dialog" aria-labelledby="close-plan-title" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id="close-plan-title">Close Service Plan {plan.reference}</h2>
        <dl className="summary closure-facts">
          <div>
            <dt>Responsible for closing</dt>
            <dd>
              {info.responsible.displayName}
              {responsibleIsMe ? ' (you)' : ''}
            </dd>
          </div>
          <div>
            <dt>Plan items without an outcome</dt>
            <dd>{info.openItems === 0 ? 'None' : info.openItems}</dd>
          </div>
          <div>
            <dt>Funded training hold</dt>
            <dd>
              {info.heldUntil ? (
                <>
                  Cannot close before <DateText value={info.heldUntil} /> (18 months after the funded training's expected end)
                </>
              ) : (
                'None: no funded training'
              )}
            </dd>
          </div>
          <div>
            <dt>Last contact</dt>
            <dd>
              <DateText value={info.lastContact} empty="None recorded" />
            </dd>
          </div>
        </dl>
        {refusal ? (
          <ClosureRefusal error={refusal} plan={plan} />
        ) : (
          <ProblemAlert
            error={shown}
            fieldId={fieldId}
            onReload={() => {
              mutation.reset();
              reload();
            }}
          />
        )}
        <ProblemAlert error={catalogue.error} />
        {catalogue.data ? (
          <RadioGroup
            id="close-reason"
            name="close-reason"
            legend="Reason for closing"
            value={reason}
            options={catalogue.data.closureReasons.map((r) => ({ value: r.code, label: r.label }))}
            error={errors.reason}
            onChange={setReason}
          />
        ) : (
          <p role="status">Loading reasons…</p>
        )}
        <TextField
          id="close-date"
          label="Closing date"
          type="date"
          className="field--short"
          value={closedOn}
          error={errors.closedOn ?? errors.closingOn}
          onChange={(event) => setClosedOn(event.target.value)}
        />
        <TextAreaField
          id="close-note"
          label="Note"
          optional
          hint="For example, the employer, or what the person said."
          value={note}
          error={errors.note}
          onChange={(event) => setNote(event.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? 'Closing…' : 'Close plan'}
          </button>
          <button type="button" className="button button--link" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** Why the server would not close the plan: each reason, and from when closure is allowed. */
function ClosureRefusal({ error, plan }: { error: ProblemError; plan: ServicePlan }) {
  const { problem } = error;
  const reasons = problem.errors?.length ? problem.errors : [{ field: problem.field ?? '', code: problem.code ?? '', detail: problem.detail ?? '' }];
  const allowedFrom = (code: string): string | null => {
    // The first reason's facts travel in the body; the hold date is on the plan as well.
    if (problem.code === code && typeof problem.allowedFrom === 'string') return problem.allowedFrom;
    return code === 'CLOSURE_HELD_FOR_FUNDED_TRAINING' ? plan.closureInfo.heldUntil : null;
  };
  const openIds = Array.isArray(problem.openItemIds) ? (problem.openItemIds as string[]) : null;
  const items = plan.subGoals.flatMap((g) => g.items);
  const openItems = openIds ? items.filter((i) => openIds.includes(i.id)) : items.filter((i) => i.status !== 'completed');
  return (
    <div className="alert alert--error" role="alert">
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
                <span className="refusal-detail">Without an outcome: {openItems.map((i) => `${i.name} (${i.owner.displayName})`).join(', ')}.</span>
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
