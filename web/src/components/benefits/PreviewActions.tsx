import type { ReactNode } from 'react';
import { ProblemAlert } from '../ProblemAlert.tsx';

interface Props {
  showPreview: boolean;
  /** The id of the element the preview appears in. */
  controls: string;
  previewLabel: string;
  onPreview: () => void;
  /** Whether the user may do the action the preview is of. */
  canAct: boolean;
  pending: boolean;
  actLabel: string;
  pendingLabel: string;
  onAct: () => void;
}

/** A "Preview" button (then "Refresh preview") and the button that does what was previewed. */
export function PreviewActions(props: Props) {
  return (
    <div className="actions">
      <button
        type="button"
        className="button button--secondary"
        aria-expanded={props.showPreview}
        aria-controls={props.controls}
        onClick={props.onPreview}
      >
        {props.showPreview ? 'Refresh preview' : props.previewLabel}
      </button>
      {props.canAct ? (
        <button type="button" className="button" onClick={props.onAct} disabled={props.pending}>
          {props.pending ? props.pendingLabel : props.actLabel}
        </button>
      ) : null}
    </div>
  );
}

/** Where a preview appears once asked for: loading, its problem, or the preview itself. */
export function PreviewArea<T>({
  id,
  show,
  query,
  children,
}: {
  id: string;
  show: boolean;
  query: { isPending: boolean; error: unknown; data: T | undefined };
  children: (data: T) => ReactNode;
}) {
  return (
    <div id={id}>
      {show ? (
        <>
          {query.isPending ? <p role="status">Working out the preview…</p> : null}
          <ProblemAlert error={query.error} />
          {query.data ? children(query.data) : null}
        </>
      ) : null}
    </div>
  );
}
