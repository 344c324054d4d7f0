/** What a reassessment did: the new determination version (if any) and what it changed, month by month. */
import type { Ref } from 'react';
import type { Reassessment } from '../../types.ts';
import { DifferencesTable } from './DifferencesTable.tsx';

export interface Outcome {
  title: string;
  /** Each reassessed case: a label ("PDC-000001") and what happened to it. */
  cases: { label: string; reassessment: Reassessment /** Said instead of the usual summary. */; summary?: string }[];
  /** Bumped so the same words count as a new message. */
  key: number;
}

export function describeReassessment(r: Reassessment): string {
  if (!r.changed) return `No change to the determination (it stays at version ${r.version}).`;
  if (r.initial) return `Initial determination (version ${r.version}): the case’s first, so there is nothing to compare it with.`;
  const n = r.differences.length;
  return `Determination version ${r.version}: ${n === 0 ? 'no month’s entitlement changed' : n === 1 ? '1 month’s entitlement changed' : `${n} months’ entitlement changed`}.`;
}

export function ReassessmentResult({ outcome, onDismiss, ref }: { outcome: Outcome; onDismiss: () => void; ref?: Ref<HTMLDivElement> }) {
  return (
    <div ref={ref} tabIndex={-1} className="alert alert--success outcome" role="status" aria-labelledby={`outcome-${outcome.key}`}>
      <p id={`outcome-${outcome.key}`} className="alert__title">
        {outcome.title}
      </p>
      {outcome.cases.map(({ label, reassessment, summary }) => (
        <div key={label} className="outcome__case">
          <p>
            {outcome.cases.length > 1 ? <strong>{label}: </strong> : null}
            {summary ?? describeReassessment(reassessment)}
          </p>
          {reassessment.differences.length ? (
            <DifferencesTable differences={reassessment.differences} caption={`What changed on ${label}, month by month`} />
          ) : null}
        </div>
      ))}
      <button type="button" className="button button--link" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
