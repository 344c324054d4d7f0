import { z } from 'zod';
import { acceptPlan } from '../../api.ts';
import { ACCEPTANCE_METHOD_LABELS, formatDate, labelOf } from '../../format.ts';
import { ApiForm, FormActions } from '../../forms/ApiForm.tsx';
import { chosen, required } from '../../forms/schema.ts';
import type { AcceptanceMethod, ServicePlan } from '../../types.ts';
import { RadioGroup, TextField } from '../Field.tsx';
import { usePlanForm } from './planHooks.ts';

const METHODS: { value: AcceptanceMethod; label: string }[] = (['signed', 'verbal', 'electronic'] as const).map((value) => ({
  value,
  label: labelOf(ACCEPTANCE_METHOD_LABELS, value),
}));

const schema = z.object({
  acceptedOn: required('Enter the date the person accepted the plan'),
  method: chosen<AcceptanceMethod>('Choose how the person accepted the plan'),
});

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
  const api = usePlanForm(plan, {
    id: 'accept',
    schema,
    defaultValues: { acceptedOn: today, method: '' },
    submit: ({ acceptedOn, method }) => acceptPlan(plan.id, { version: plan.version, acceptedOn, method }),
    onSaved: (_updated, { acceptedOn, method }) => {
      onAccepted(
        `Acceptance recorded (${labelOf(ACCEPTANCE_METHOD_LABELS, method).toLowerCase()}, ${formatDate(acceptedOn)}): the plan is active.`,
      );
      onClose();
    },
  });
  return (
    <ApiForm
      api={api}
      focusFirst
      title="Record acceptance"
      intro="The person agrees to the plan's goal, sub-goals and items. The plan then becomes active."
    >
      <TextField {...api.field('acceptedOn')} label="Accepted on" type="date" className="field--short" />
      <RadioGroup {...api.choice<AcceptanceMethod>('method')} legend="How" options={METHODS} />
      <FormActions pending={api.pending} submit="Record acceptance" onCancel={onClose} />
    </ApiForm>
  );
}
