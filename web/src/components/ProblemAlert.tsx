import type { MouseEvent, Ref } from 'react';
import { ProblemError } from '../api.ts';
import { summaryText } from '../forms/problems.ts';

/** A line of the summary: its text, and the id of the control it is about (a link to it), if on this form. */
export interface SummaryItem {
  text: string;
  target: string | null;
}

interface Props {
  error: unknown;
  /** Problems found before asking the server (required fields): listed when there is no server error. */
  items?: readonly SummaryItem[];
  /** Maps a server field name to the id of the control on this form, to link the error to it. */
  fieldId?: (field: string) => string | null;
  /** Offered on a 409 VERSION_CONFLICT: reload the record, keeping what was typed. */
  onReload?: () => void;
  /** The alert is focused after a failed submit (GOV.UK error summary pattern). */
  ref?: Ref<HTMLDivElement>;
}

/**
 * Following a summary link moves focus to the control itself (the first control in a fieldset)
 * and brings its label into view, as the GOV.UK error summary does.
 */
function focusControl(event: MouseEvent<HTMLAnchorElement>, target: string) {
  const found = document.getElementById(target);
  const control = found?.matches('input, select, textarea') ? found : found?.querySelector<HTMLElement>('input, select, textarea');
  if (!control) return;
  event.preventDefault();
  control.focus({ preventScroll: true });
  (control.closest('fieldset, .field') ?? control).scrollIntoView({ block: 'start' });
}

function SummaryList({ items }: { items: readonly SummaryItem[] }) {
  return (
    <ul className="alert__list">
      {items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a problem's errors have no identity of their own
        <li key={index}>
          {item.target ? (
            <a href={`#${item.target}`} onClick={(event) => focusControl(event, item.target ?? '')}>
              {item.text}
            </a>
          ) : (
            item.text
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * Shows a failed request or a form's missing fields: the server's `detail`, the rule it names, and
 * every field problem linked to its control. Announced to screen readers with role="alert".
 */
export function ProblemAlert({ error, items = [], fieldId, onReload, ref }: Props) {
  if (!error && !items.length) return null;
  if (!error) {
    return (
      <div ref={ref} tabIndex={-1} className="alert alert--error" role="alert">
        <p className="alert__title">There is a problem</p>
        <SummaryList items={items} />
      </div>
    );
  }
  if (!(error instanceof ProblemError)) {
    return (
      <div ref={ref} tabIndex={-1} className="alert alert--error" role="alert">
        <p className="alert__title">Something went wrong</p>
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </div>
    );
  }
  const { problem } = error;
  if (problem.code === 'VERSION_CONFLICT') {
    return (
      <div ref={ref} tabIndex={-1} className="alert alert--warning" role="alert">
        <p className="alert__title">Someone else changed this record</p>
        <p>
          It was updated after you opened it, so your change was not saved. Reload to see the latest version, then make your change again.
          What you typed is kept.
        </p>
        {onReload ? (
          <button type="button" className="button button--secondary" onClick={onReload}>
            Reload latest version
          </button>
        ) : null}
      </div>
    );
  }
  const listed = problem.errors ?? [];
  // A rule's refusal lists every reason in errors[], the first of them also as the detail: say it once.
  const detailListed = listed.some(
    (item) => item.detail === problem.detail || (item.label && `${item.label}: ${item.detail}` === problem.detail),
  );
  return (
    <div ref={ref} tabIndex={-1} className="alert alert--error" role="alert">
      <p className="alert__title">{listed.length ? 'There is a problem' : problem.title || 'There is a problem'}</p>
      {problem.detail && !detailListed ? <p>{problem.detail}</p> : null}
      {listed.length ? (
        <SummaryList items={listed.map((item) => ({ text: summaryText(item), target: fieldId?.(item.field) ?? null }))} />
      ) : null}
      {problem.rule && [403, 409, 422].includes(problem.status) ? <p className="alert__rule">Rule: {problem.rule}</p> : null}
    </div>
  );
}
