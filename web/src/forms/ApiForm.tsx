import type { ReactNode, Ref } from 'react';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SuccessMessage } from '../components/SuccessMessage.tsx';
import { useFocusFirstField } from '../hooks.ts';
import type { ApiForm as Api, FormSchema } from './useApiForm.ts';

type AnyApi = Api<FormSchema, unknown, never>;

/** The error summary of a form: its missing fields, or the server's refusal, each linked to its field. */
export function ErrorSummary({ api }: { api: Pick<AnyApi, 'summary'> }) {
  const { error, items, fieldId, onReload, ref } = api.summary;
  return <ProblemAlert ref={ref} error={error} items={items} fieldId={fieldId} onReload={onReload} />;
}

interface Props {
  api: Pick<AnyApi, 'summary' | 'onSubmit' | 'id' | 'saved'>;
  /** The form's heading, which also names the form; without one, give `label`. */
  title?: ReactNode;
  level?: 2 | 3 | 4 | 5;
  /** A line under the heading, before the error summary. */
  intro?: ReactNode;
  label?: string;
  className?: string;
  /** For a form revealed by a button: its first field has focus when it appears. */
  focusFirst?: boolean;
  /** Shown between the intro and the error summary (facts the form is about). */
  before?: ReactNode;
  /** False when the page shows <ErrorSummary> itself, above the form. */
  summary?: boolean;
  /** Shown in place of the error summary (a warning to confirm, say). */
  warning?: ReactNode;
  children: ReactNode;
}

/**
 * A form on one API call (see useApiForm): heading, error summary at the top, the fields, and the
 * browser's own validation turned off (the summary says what is missing).
 */
export function ApiForm({
  api,
  title,
  level = 3,
  intro,
  label,
  className = 'subform',
  focusFirst = false,
  before,
  summary = true,
  warning,
  children,
}: Props) {
  const focusRef = useFocusFirstField<HTMLFormElement>(focusFirst);
  const Heading = `h${level}` as const;
  const headingId = `${api.id}-heading`;
  return (
    <form
      ref={focusRef}
      className={className}
      onSubmit={api.onSubmit}
      noValidate
      aria-labelledby={title ? headingId : undefined}
      aria-label={title ? undefined : label}
    >
      {title ? <Heading id={headingId}>{title}</Heading> : null}
      {intro ? <p className="hint">{intro}</p> : null}
      {before}
      {warning ?? (summary ? <ErrorSummary api={api} /> : null)}
      {api.saved ? <SuccessMessage focus={api.saved.focus}>{api.saved.text}</SuccessMessage> : null}
      {children}
    </form>
  );
}

interface ActionsProps {
  pending: boolean;
  /** The submit button's text. */
  submit: string;
  /** Said on the submit button while the request runs. */
  pendingText?: string;
  onCancel?: () => void;
  cancel?: string;
  /** The submit button, for a form that gives it the focus back (e.g. after a confirmation question). */
  submitRef?: Ref<HTMLButtonElement>;
}

/** The submit button (disabled while the request runs) and a Cancel link-button. */
export function FormActions({ pending, submit, pendingText = 'Saving…', onCancel, cancel = 'Cancel', submitRef }: ActionsProps) {
  return (
    <div className="actions">
      <button ref={submitRef} type="submit" className="button" disabled={pending}>
        {pending ? pendingText : submit}
      </button>
      {onCancel ? (
        <button type="button" className="button button--link" onClick={onCancel}>
          {cancel}
        </button>
      ) : null}
    </div>
  );
}

/** An ApiForm opened in place under what it changes (a row, an item): its first field has focus. */
export function InlineForm(props: Omit<Props, 'className' | 'focusFirst'>) {
  return <ApiForm {...props} className="inline-form" focusFirst />;
}
