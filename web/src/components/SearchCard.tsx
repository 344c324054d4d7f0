import type { ComponentProps, ReactNode } from 'react';
import { ApiForm } from '../forms/ApiForm.tsx';

interface Props {
  api: ComponentProps<typeof ApiForm>['api'];
  /** Names the search landmark. */
  label: string;
  /** The submit button's text. */
  button?: string;
  secondary?: boolean;
  /** A grid of fields with this class, the button under them; without it, one row with the button at its end. */
  grid?: string;
  children: ReactNode;
}

/** A search form in a card: its fields and one submit button. */
export function SearchCard({ api, label, button = 'Search', secondary = false, grid, children }: Props) {
  const submit = (
    <button type="submit" className={secondary ? 'button button--secondary' : 'button'}>
      {button}
    </button>
  );
  return (
    <search className="card search-form" aria-label={label}>
      <ApiForm api={api} className="">
        {grid ? (
          <>
            <div className={`form-grid ${grid}`}>{children}</div>
            <div className="actions">{submit}</div>
          </>
        ) : (
          <div className="form-row form-row--bottom">
            {children}
            <div className="form-row__actions">{submit}</div>
          </div>
        )}
      </ApiForm>
    </search>
  );
}
