import { type FormEvent, useState } from 'react';
import { acceptPlan, ProblemError } from '../../api.ts';
import { ACCEPTANCE_METHOD_LABELS, formatDate, labelOf } from '../../format.ts';
import { useFocusFirstField } from '../../hooks.ts';
import type { AcceptanceMethod, ServicePlan } from '../../types.ts';
import { RadioGroup, TextField } from '../Field.tsx';
import { fieldErrors, ProblemAlert } from '../ProblemAlert.tsx';
import { usePlanMutation, useReloadPlan } from './planHooks.ts';

const METHODS: { value: AcceptanceMethod; label: string }[] = (['signed', 'verbal', 'electronic'] as const).map((value) => ({
  value,
  label: labelOf(ACCEPTANCE_METHOD_LABELS, value),
}));

/**
 * The person's acceptance of the service agreement: the record of mutual agreement (R03.1
 * Description). The plan becomes active.
 */
export function AcceptanceForm({
  plan,
  today,
  onClose,
  onAccepted,
}: {
  plan: ServicePlan;
  today: string;
  onClose: () => void;
  onAccepted: (message: string) => void;
}) {
  const reload = useReloadPlan(plan.id);
  const [acceptedOn, setAcceptedOn] = useState(today);
  const [method, setMethod] = useState<AcceptanceMethod | ''>('');
  const [missing, setMissing] = useState<ProblemError | null>(null);
  const formRef = useFocusFirstField<HTMLFormElement>();
  const mutation = usePlanMutation(
    plan,
    (how: AcceptanceMethod) => acceptPlan(plan.id, { version: plan.version, acceptedOn, method: how }),
    () => {
      onAccepted(`Acceptance recorded (${labelOf(ACCEPTANCE_METHOD_LABELS, method).toLowerCase()}, ${formatDate(acceptedOn)}): the plan is active.`);
      onClose();
    },
  );
  const shown = missing ?? mutation.error;
  const errors = fieldErrors(shown);
  function submit(event: FormEvent) {
    event.preventDefault();
    const found = [
      ...(acceptedOn ? [] : [{ field: 'acceptedOn', code: 'REQUIRED', detail: 'Enter the date the person accepted the plan' }]),
      ...(method ? [] : [{ field: 'method', code: 'REQUIRED', detail: 'Choose how the person accepted the plan' }]),
    ];
    const problem = found.length ? new ProblemError({ title: 'There is a problem', status: 400, errors: found }) : null;
    setMissing(problem);
    if (problem || !method) {
      mutation.reset();
      return;
    }
    mutation.mutate(method);
  }
  return (
    <form ref={formRef} className="subform" onSubmit={submit} noValidate aria-labelledby="accept-heading">
      <h3 id="accept-heading">Record acceptance</h3>
      <p className="hint">The person agrees to the plan's goal, sub-goals and items. The plan then becomes active.</p>
      <ProblemAlert
        error={shown}
        fieldId={(field) => (field === 'acceptedOn' ? 'accept-date' : field === 'method' ? 'accept-method-signed' : null)}
        onReload={() => {
          mutation.reset();
          reload();
        }}
      />
      <TextField
        id="accept-date"
        label="Accepted on"
        type="date"
        className="field--short"
        value={acceptedOn}
        error={errors.acceptedOn}
        onChange={(event) => setAcceptedOn(event.target.value)}
      />
      <RadioGroup id="accept-method" name="accept-method" legend="How" value={method} options={METHODS} error={errors.method} onChange={setMethod} />
      <div className="actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Record acceptance'}
        </button>
        <button type="button" className="button button--link" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
