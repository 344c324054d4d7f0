import { type ReactNode, useId } from 'react';

/** A column heading, with a class for its cells' alignment (`num` for amounts) when it needs one. */
export type Column = ReactNode | { label: ReactNode; className: string };

const isStyled = (column: Column): column is { label: ReactNode; className: string } =>
  typeof column === 'object' && column !== null && 'className' in column && 'label' in column;

interface Props {
  /** Names the table for screen readers; shown only with `showCaption`. */
  caption: ReactNode;
  showCaption?: boolean;
  columns: readonly Column[];
  /** Variants after `table`: `table--compact`, `table--money`… */
  className?: string;
  /** Scrolls sideways on a narrow screen (the default), rather than pushing the page wider. */
  wrap?: boolean;
  /** The rows. */
  children: ReactNode;
}

/** A table of records: a caption, one row of column headings, and the rows. */
export function DataTable({ caption, showCaption = false, columns, className, wrap = true, children }: Props) {
  const captionId = useId();
  const table = (
    <table className={className ? `table ${className}` : 'table'}>
      <caption id={captionId} className={showCaption ? undefined : 'visually-hidden'}>
        {caption}
      </caption>
      <thead>
        <tr>
          {columns.map((column, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the headings are fixed for a table
            <th key={index} scope="col" className={isStyled(column) ? column.className : undefined}>
              {isStyled(column) ? column.label : column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  // Focusable, so a keyboard can scroll it sideways when it is wider than a narrow screen; named by its caption.
  return wrap ? (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard
    // biome-ignore lint/a11y/useSemanticElements: a group names the scrolling box; a fieldset is for form controls
    <div className="table-wrap" tabIndex={0} role="group" aria-labelledby={captionId}>
      {table}
    </div>
  ) : (
    table
  );
}

/** The heading of a column of buttons: read by screen readers only. */
export const ACTIONS = <span className="visually-hidden">Actions</span>;
