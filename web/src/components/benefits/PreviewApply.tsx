/**
 * "Apply changes": while a case has in-edit evidence, preview what applying would determine (the
 * differences month by month and the new months, nothing saved), then apply the batch together.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { applyPdcChanges, previewPdc } from '../../api.ts';
import { pdcKeys } from '../../hooks.ts';
import type { Reassessment } from '../../types.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { DeterminationTable } from './DeterminationTable.tsx';
import { DifferencesTable } from './DifferencesTable.tsx';
import { PreviewActions, PreviewArea } from './PreviewActions.tsx';
import { TotalsList } from './TotalsList.tsx';

interface Props {
  pdcId: string;
  reference: string;
  inEdit: number;
  canApply: boolean;
  twoAttendingMonths: readonly string[];
  onApplied: (reassessment: Reassessment) => void;
}

export function PreviewApply({ pdcId, reference, inEdit, canApply, twoAttendingMonths, onApplied }: Props) {
  const queryClient = useQueryClient();
  const [showPreview, setShowPreview] = useState(false);
  const preview = useQuery({ queryKey: pdcKeys.preview(pdcId), queryFn: () => previewPdc(pdcId), enabled: showPreview });
  const apply = useMutation({
    mutationFn: () => applyPdcChanges(pdcId),
    onSuccess: async (reassessment) => {
      setShowPreview(false);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: pdcKeys.all(pdcId) }),
        queryClient.invalidateQueries({ queryKey: ['tasks'] }),
      ]);
      onApplied(reassessment);
    },
  });
  return (
    <section className="panel panel--info changes" aria-labelledby="changes-heading">
      <h3 id="changes-heading">{inEdit === 1 ? '1 change in edit' : `${inEdit} changes in edit`}</h3>
      <p>
        Evidence in edit does not count yet. Preview the difference it would make, then apply the changes together: the case is reassessed.
      </p>
      <PreviewActions
        showPreview={showPreview}
        controls="preview-result"
        previewLabel="Preview"
        onPreview={() => (showPreview ? preview.refetch() : setShowPreview(true))}
        canAct={canApply}
        pending={apply.isPending}
        actLabel="Apply changes"
        pendingLabel="Applying…"
        onAct={() => apply.mutate()}
      />
      <ProblemAlert error={apply.error} />
      <PreviewArea id="preview-result" show={showPreview} query={preview}>
        {(data) => (
          <section className="preview" aria-labelledby="preview-heading">
            <h4 id="preview-heading">Preview: nothing is saved</h4>
            {data.initial ? (
              <p className="hint">
                {reference} has no determination yet: applying makes its <strong>initial determination</strong>, so there is nothing to
                compare it with.
              </p>
            ) : (
              <>
                <p className="hint">
                  Compared with determination version {data.basedOnVersion} of {reference}.
                </p>
                <TotalsList totals={data.totals} />
                <DifferencesTable
                  differences={data.differences}
                  caption="What applying would change, month by month"
                  empty="Applying would change no month’s entitlement."
                />
              </>
            )}
            <DeterminationTable
              id="preview-months"
              months={data.months}
              caption="The determination after applying"
              twoAttendingMonths={twoAttendingMonths}
            />
          </section>
        )}
      </PreviewArea>
    </section>
  );
}
