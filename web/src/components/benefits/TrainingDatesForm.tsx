/**
 * A coordinator changes the training dates of a learner case (a learner leaves early, a program is
 * extended): the case is reassessed, two attending is detected again, and a coordinated partner's
 * case is reassessed too.
 */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { changeTraining } from '../../api.ts';
import { useFocusFirstField, useRefreshBenefits } from '../../hooks.ts';
import type { PdcView, TrainingChange } from '../../types.ts';
import { TextField } from '../Field.tsx';
import { fieldErrors, ProblemAlert } from '../ProblemAlert.tsx';

interface Props {
  pdc: PdcView['pdc'];
  /** The current determination version when the form is sent (to tell what the change did). */
  determinationVersion: number;
  onClose: () => void;
  onChanged: (change: TrainingChange, versionBefore: number) => void;
}

export function TrainingDatesForm({ pdc, determinationVersion, onClose, onChanged }: Props) {
  const refresh = useRefreshBenefits();
  const [trainingStart, setTrainingStart] = useState(pdc.trainingStart ?? '');
  const [trainingEnd, setTrainingEnd] = useState(pdc.trainingEnd ?? '');
  const formRef = useFocusFirstField<HTMLFormElement>();
  const mutation = useMutation({
    mutationFn: (_versionBefore: number) =>
      changeTraining(pdc.id, {
        version: pdc.version,
        ...(trainingStart && trainingStart !== pdc.trainingStart ? { trainingStart } : {}),
        trainingEnd,
      }),
    onSuccess: async (change, versionBefore) => {
      await refresh();
      onChanged(change, versionBefore);
      onClose();
    },
  });
  const errors = fieldErrors(mutation.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate(determinationVersion);
  }
  return (
    <form ref={formRef} className="subform" onSubmit={submit} noValidate aria-labelledby="training-heading">
      <h2 id="training-heading">Change training dates</h2>
      <p className="hint">
        The case is reassessed from the new dates. When the learner's partner also trains, two attending is checked again and a coordinated partner's
        case is reassessed too; both over- and underpayments are shown.
      </p>
      <ProblemAlert
        error={mutation.error}
        fieldId={(field) => (field === 'trainingStart' ? 'training-start' : field === 'trainingEnd' ? 'training-end' : null)}
        onReload={() => {
          mutation.reset();
          refresh();
        }}
      />
      <div className="form-row">
        <TextField
          id="training-start"
          label="Training starts"
          type="date"
          value={trainingStart}
          error={errors.trainingStart}
          onChange={(event) => setTrainingStart(event.target.value)}
        />
        <TextField
          id="training-end"
          label="Training ends"
          type="date"
          value={trainingEnd}
          error={errors.trainingEnd}
          onChange={(event) => setTrainingEnd(event.target.value)}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Change dates and reassess'}
        </button>
        <button type="button" className="button button--link" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
