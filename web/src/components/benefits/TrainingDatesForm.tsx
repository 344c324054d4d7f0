/**
 * A coordinator changes the training dates of a learner case (a learner leaves early, a program is
 * extended): the case is reassessed, two attending is detected again, and a partner's case is
 * reassessed too. A preview first shows every case the change would re-determine, month by month.
 */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { changeTraining, previewTraining } from '../../api.ts';
import { formatDate } from '../../format.ts';
import { CasePreviews } from './CasePreviews.tsx';
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
      changeTraining(pdc.id, { version: pdc.version, ...dates() }),
    onSuccess: async (change, versionBefore) => {
      await refresh();
      onChanged(change, versionBefore);
      onClose();
    },
  });
  const dates = () => ({ ...(trainingStart && trainingStart !== pdc.trainingStart ? { trainingStart } : {}), trainingEnd });
  const preview = useMutation({ mutationFn: () => previewTraining(pdc.id, dates()) });
  const errors = fieldErrors(mutation.error ?? preview.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate(determinationVersion);
  }
  return (
    <form ref={formRef} className="subform" onSubmit={submit} noValidate aria-labelledby="training-heading">
      <h2 id="training-heading">Change training dates</h2>
      <p className="hint">
        The case is reassessed from the new dates. When the learner's partner also trains, two attending is checked again and the partner's case is
        reassessed too. Preview first to see both cases month by month and what would change on each.
      </p>
      <ProblemAlert
        error={mutation.error ?? preview.error}
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
          onChange={(event) => {
            setTrainingStart(event.target.value);
            preview.reset();
          }}
        />
        <TextField
          id="training-end"
          label="Training ends"
          type="date"
          value={trainingEnd}
          error={errors.trainingEnd}
          onChange={(event) => {
            setTrainingEnd(event.target.value);
            preview.reset();
          }}
        />
      </div>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={() => preview.mutate()} disabled={preview.isPending} aria-controls="training-preview">
          {preview.isPending ? 'Working out the preview…' : 'Preview'}
        </button>
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Change dates and reassess'}
        </button>
        <button type="button" className="button button--link" onClick={onClose}>
          Cancel
        </button>
      </div>
      <div id="training-preview">
        {preview.data ? (
          <section className="preview" aria-labelledby="training-preview-heading">
            <h3 id="training-preview-heading">Preview: nothing is saved</h3>
            <p className="hint">
              Training {formatDate(preview.data.pdc.trainingStart)} to {formatDate(preview.data.pdc.trainingEnd)}: {preview.data.cases.length === 1 ? 'this case' : 'this case and the partner’s'}, month by
              month.
            </p>
            <CasePreviews id="training-preview" cases={preview.data.cases} />
          </section>
        ) : null}
      </div>
    </form>
  );
}
