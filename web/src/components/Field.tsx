import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

interface Common {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Shown as "(optional)" after the label. */
  optional?: boolean;
  className?: string;
}

function describedBy(id: string, hint: unknown, error: unknown, extra?: string): string | undefined {
  const ids = [extra, hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The hint and the error under a label or legend, named by the control's aria-describedby. */
export function Messages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

function Frame({ id, label, hint, error, optional, className, children }: Common & { children: ReactNode }) {
  return (
    <div className={['field', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="optional"> (optional)</span> : null}
      </label>
      <Messages id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

type InputProps = Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> & { ref?: Ref<HTMLInputElement> };

export function TextField({ id, label, hint, error, optional, className, ...input }: InputProps) {
  return (
    <Frame id={id} label={label} hint={hint} error={error} optional={optional} className={className}>
      <input
        id={id}
        type="text"
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error, input['aria-describedby'])}
      />
    </Frame>
  );
}

type SelectProps = Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'> & { ref?: Ref<HTMLSelectElement> };

export function SelectField({ id, label, hint, error, optional, className, children, ...select }: SelectProps) {
  return (
    <Frame id={id} label={label} hint={hint} error={error} optional={optional} className={className}>
      <select
        id={id}
        {...select}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error, select['aria-describedby'])}
      >
        {children}
      </select>
    </Frame>
  );
}

type TextAreaProps = Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'> & { ref?: Ref<HTMLTextAreaElement> };

export function TextAreaField({ id, label, hint, error, optional, className, ...area }: TextAreaProps) {
  return (
    <Frame id={id} label={label} hint={hint} error={error} optional={optional} className={className}>
      <textarea
        id={id}
        rows={3}
        {...area}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error, area['aria-describedby'])}
      />
    </Frame>
  );
}

interface RadioGroupProps<V extends string> {
  /** The fieldset's id and the prefix of the radio ids: `${id}-${value}`; an error summary link focuses the first radio. */
  id: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  value: V | '';
  options: readonly { value: V; label: ReactNode; hint?: ReactNode }[];
  onChange: (value: V) => void;
  className?: string;
}

/** One choice among a few, shown all at once: a fieldset whose legend is the question. */
export function RadioGroup<V extends string>({
  id,
  name,
  legend,
  hint,
  error,
  optional,
  value,
  options,
  onChange,
  className,
}: RadioGroupProps<V>) {
  return (
    <fieldset
      id={id}
      className={['radios', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend>
        {legend}
        {optional ? <span className="optional"> (optional)</span> : null}
      </legend>
      <Messages id={id} hint={hint} error={error} />
      {options.map((option) => (
        <label key={option.value} htmlFor={`${id}-${option.value}`}>
          <input
            id={`${id}-${option.value}`}
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <span>
            {option.label}
            {option.hint ? <span className="radio-hint">{option.hint}</span> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** The options of a select: "Choose…" first, then each code with its label. */
export function CodeOptions({ choices }: { choices: readonly { code: string; label: string }[] }) {
  return (
    <>
      <option value="">Choose…</option>
      {choices.map((choice) => (
        <option key={choice.code} value={choice.code}>
          {choice.label}
        </option>
      ))}
    </>
  );
}
