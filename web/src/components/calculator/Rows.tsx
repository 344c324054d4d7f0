/**
 * Repeating rows of the calculator's form: a part of the form (people, learners, evidence…) with
 * its heading and an "Add" button, and each row a fieldset named after it ("Person 2") with its
 * own "Remove" button. Fields sit side by side on a wide screen and stack on a phone.
 */
import type { ReactNode } from 'react';

interface PartProps {
  id: string;
  title: string;
  hint?: ReactNode;
  /** The add button's text; no button when adding is not allowed (two learners already). */
  add?: string | undefined;
  onAdd: () => void;
  children: ReactNode;
}

export function FormPart({ id, title, hint, add, onAdd, children }: PartProps) {
  return (
    <section className="calculator-part" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{title}</h3>
      {hint ? <p className="hint">{hint}</p> : null}
      {children}
      {add ? (
        <button type="button" className="button button--secondary" onClick={onAdd}>
          {add}
        </button>
      ) : null}
    </section>
  );
}

interface RowProps {
  /** "Person 2": the legend, and what the remove button names. */
  name: string;
  /** Absent when the row may not be removed (the only person). */
  onRemove?: (() => void) | undefined;
  children: ReactNode;
}

export function Row({ name, onRemove, children }: RowProps) {
  return (
    <fieldset className="calculator-row">
      <legend>{name}</legend>
      <div className="form-row">{children}</div>
      {onRemove ? (
        <button type="button" className="button button--link calculator-row__remove" onClick={onRemove}>
          Remove <span className="visually-hidden">{name.toLowerCase()}</span>
        </button>
      ) : null}
    </fieldset>
  );
}
