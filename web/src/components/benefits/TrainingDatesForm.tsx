/**
 * A coordinator changes the training dates of a learner case (a learner leaves early, a program is
 * extended): the case is reassessed, two attending is detected again, and a partner's case is
 * reassessed too. A preview first shows every case the change would re-determine, month by month.
 */
import { useState } from 'react';
import { z } from 'zod';
import { changeTraining, previewTraining } from '../../api.ts';
import { formatDate } from '../../format.ts';
import { ApiForm } from '../../forms/ApiForm.tsx';
import { useApiForm } from '../../forms/useApiForm.ts';
import { useRefreshBenefits } from '../../hooks.ts';
import type { PdcView, TrainingChange, TrainingPreview } from '../../types.ts';
import { TextField } from '../Field.tsx';
import { CasePreviews } from './CasePreviews.tsx';

interface Props {
  pdc: PdcView['pdc'];
  /** The current determination version when the form is sent (to tell what the change did). */
  determinationVersion: number;
  onClose: () => void;
  onChanged: (change: TrainingChange, versionBefore: number) => void;
}

const schema = z.object({ trainingStart: z.string(), trainingEnd: z.string() });

/** What the form's two buttons get back: a preview, or the change made. */
type Outcome = { preview: TrainingPreview } | { change: TrainingChange; versionBefore: number };

export function TrainingDatesForm({ pdc, determinationVersion, onClose, onChanged }: Props) {
  const refresh = useRefreshBenefits();
  const [preview, setPreview] = useState<TrainingPreview | null>(null);
  const api = useApiForm({
    id: 'training',
    schema,
    defaultValues: { trainingStart: pdc.trainingStart ?? '', trainingEnd: pdc.trainingEnd ?? '' },
    submit: async ({ trainingStart, trainingEnd }, previewOnly?: boolean): Promise<Outcome> => {
      const dates = { ...(trainingStart && trainingStart !== pdc.trainingStart ? { trainingStart } : {}), trainingEnd };
      if (previewOnly) return { preview: await previewTraining(pdc.id, dates) };
      const versionBefore = determinationVersion;
      return { change: await changeTraining(pdc.id, { version: pdc.version, ...dates }), versionBefore };
    },
    onSuccess: async (result) => {
      if ('preview' in result) return setPreview(result.preview);
      await refresh();
      onChanged(result.change, result.versionBefore);
      onClose();
    },
    onReload: refresh,
  });
  const clearPreview = { onChange: () => setPreview(null) };
  return (
    <ApiForm
      api={api}
      focusFirst
      level={2}
      title="Change training dates"
      intro="The case is reassessed from the new dates. When the learner's partner also trains, two attending is checked again and the partner's case is reassessed too. Preview first to see both cases month by month and what would change on each."
    >
      <div className="form-row">
        <TextField {...api.field('trainingStart', clearPreview)} label="Training starts" type="date" />
        <TextField {...api.field('trainingEnd', clearPreview)} label="Training ends" type="date" />
      </div>
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => api.submitWith(true)}
          disabled={api.pending}
          aria-controls="training-preview"
        >
          {api.sending ? 'Working out the preview…' : 'Preview'}
        </button>
        <button type="submit" className="button" disabled={api.pending}>
          {api.pending && !api.sending ? 'Saving…' : 'Change dates and reassess'}
        </button>
        <button type="button" className="button button--link" onClick={onClose}>
          Cancel
        </button>
      </div>
      <div id="training-preview">
        {preview ? (
          <section className="preview" aria-labelledby="training-preview-heading">
            <h3 id="training-preview-heading">Preview: nothing is saved</h3>
            <p className="hint">
              Training {formatDate(preview.pdc.trainingStart)} to {formatDate(preview.pdc.trainingEnd)}:{' '}
              {preview.cases.length === 1 ? 'this case' : 'this case and the partner’s'}, month by month.
            </p>
            {preview.learnerRules.length > 0 ? (
              <div className="note note--warning" role="note" aria-label="Learner rules">
                <p>
                  <strong>This change would be refused:</strong>
                </p>
                <ul>
                  {preview.learnerRules.map((r) => (
                    <li key={r.code + r.detail}>{r.detail}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <CasePreviews id="training-preview" cases={preview.cases} />
          </section>
        ) : null}
      </div>
    </ApiForm>
  );
}
