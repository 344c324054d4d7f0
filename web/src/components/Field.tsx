import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

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

function Frame({ id, label, hint, error, optional, className, children }: Common & { children: ReactNode }) {
  return (
    <div className={['field', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="optional"> (optional)</span> : null}
      </label>
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
      {children}
    </div>
  );
}

type InputProps = Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'>;

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

type SelectProps = Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'>;

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

type TextAreaProps = Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'>;

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
  /** Prefix of the radio ids: `${id}-${value}`; the first radio is where an error summary links. */
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
      className={['radios', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend>
        {legend}
        {optional ? <span className="optional"> (optional)</span> : null}
      </legend>
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
