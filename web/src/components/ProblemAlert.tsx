import { ProblemError } from '../api.ts';
import { humanize } from '../format.ts';

/** Field name (dotted path from the server) -> message, from a 400 problem's `errors[]`. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ProblemError)) return {};
  const result: Record<string, string> = {};
  for (const item of error.problem.errors ?? []) {
    if (item.field && !(item.field in result)) result[item.field] = item.detail || humanize(item.code);
  }
  const { field, detail, title } = error.problem;
  if (field && !(field in result) && !error.problem.errors?.length) result[field] = detail ?? title;
  return result;
}

interface Props {
  error: unknown;
  /** Maps a server field name to the id of the control on this form, to link the error to it. */
  fieldId?: (field: string) => string | null;
  /** Offered on a 409 VERSION_CONFLICT: reload the record, keeping what was typed. */
  onReload?: () => void;
}

/**
 * Shows a failed request: the server's `detail`, the rule it names, and for a 400 every field
 * problem linked to its control. Announced to screen readers with role="alert".
 */
export function ProblemAlert({ error, fieldId, onReload }: Props) {
  if (!error) return null;
  if (!(error instanceof ProblemError)) {
    return (
      <div className="alert alert--error" role="alert">
        <p className="alert__title">Something went wrong</p>
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </div>
    );
  }
  const { problem } = error;
  if (problem.code === 'VERSION_CONFLICT') {
    return (
      <div className="alert alert--warning" role="alert">
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
  const items = problem.errors ?? [];
  // A rule's refusal lists every reason in errors[], the first of them also as the detail: say it once.
  const detailListed = items.some((item) => item.detail === problem.detail || (item.label && `${item.label}: ${item.detail}` === problem.detail));
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__title">{items.length ? 'There is a problem' : problem.title || 'There is a problem'}</p>
      {problem.detail && !detailListed ? <p>{problem.detail}</p> : null}
      {items.length ? (
        <ul className="alert__list">
          {items.map((item, index) => {
            const target = fieldId?.(item.field) ?? null;
            // A field message that does not name its field ("Expected text, got a number.") comes with the field's label.
            const text = item.detail ? (item.label ? `${item.label}: ${item.detail}` : item.detail) : `${item.label ?? humanize(item.field)}: ${humanize(item.code)}`;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: a problem's errors have no identity of their own
              <li key={index}>{target ? <a href={`#${target}`}>{text}</a> : text}</li>
            );
          })}
        </ul>
      ) : null}
      {problem.rule && [403, 409, 422].includes(problem.status) ? <p className="alert__rule">Rule: {problem.rule}</p> : null}
    </div>
  );
}
