import { useEffect, useRef } from 'react';
import { isProblem } from '../api.ts';

/** The 428 a change to personal information gets while the person receives Learner Income Support. */
export function isLisWarning(error: unknown): boolean {
  return isProblem(error, 'LIS_WARNING_NOT_ACKNOWLEDGED');
}

interface Props {
  error: unknown;
  pending: boolean;
  /** Resubmits the same change with `acknowledgeLisWarning: true`. */
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * R03 Ongoing step 1.a: before changing the personal information of someone receiving Learner
 * Income Support, the official reads the server's warning and confirms; the server then records the
 * change and tells the Learner Income Support Office (a task for the coordinator).
 */
export function LisWarning({ error, pending, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  // Land on the warning so it is read before anything else; the confirm button is the next stop.
  useEffect(() => {
    ref.current?.focus();
  }, []);
  if (!isProblem(error, 'LIS_WARNING_NOT_ACKNOWLEDGED')) return null;
  const { problem } = error;
  const pdcs = Array.isArray(problem.pdcs) ? (problem.pdcs as { id: string; reference: string }[]) : [];
  return (
    <div ref={ref} tabIndex={-1} className="alert alert--warning lis-warning" role="alert" aria-labelledby="lis-warning-title">
      <p id="lis-warning-title" className="alert__title">
        This person receives Learner Income Support
      </p>
      <p>{problem.detail}</p>
      {pdcs.length ? (
        <p>
          Learner income support {pdcs.length === 1 ? 'case' : 'cases'}:{' '}
          {pdcs.map((pdc, index) => (
            <span key={pdc.id}>
              {index > 0 ? ', ' : null}
              <span className="mono">{pdc.reference}</span>
            </span>
          ))}
        </p>
      ) : null}
      {problem.rule ? <p className="alert__rule">Rule: {problem.rule}</p> : null}
      <div className="actions">
        <button type="button" className="button" onClick={onConfirm} disabled={pending}>
          Confirm and notify the Learner Income Support Office
        </button>
        <button type="button" className="button button--link" onClick={onCancel}>
          Do not make the change
        </button>
      </div>
    </div>
  );
}
