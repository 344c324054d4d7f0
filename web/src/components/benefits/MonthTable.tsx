/**
 * A table of months in which each month's row opens onto a panel beneath it (the month's components,
 * or its benefits): the month's toggle and its badges head the row, the month's cells follow, and a
 * button above the table opens or closes every month at once. A panel is drawn only while it is open.
 * The determination and the reconciliation tables are this table with their own columns and panels.
 */
import { Fragment, type ReactNode, useState } from 'react';
import { formatMonth } from '../../format.ts';
import { type Column, DataTable } from '../DataTable.tsx';

interface Props<M extends { readonly month: string }> {
  /** Unique on the page: prefixes the ids of the month panels. */
  id: string;
  months: readonly M[];
  /** What a month opens onto, in the toggles' words: "components", "benefits". */
  opensOnto: string;
  /** Said instead of the table when there are no months. */
  empty: string;
  caption: ReactNode;
  /** The month's column first, then the cells' columns. */
  columns: readonly Column[];
  className: string;
  /** Read after the open-every-month button's label by screen readers, to say which table it opens. */
  toggleAllDetail?: ReactNode;
  /** Months opened at first. */
  initiallyOpen?: readonly string[];
  rowClassName?: (month: M) => string | undefined;
  /** Marks after the month's name in its row heading. */
  badges?: (month: M) => ReactNode;
  /** The row's cells after its heading. */
  cells: (month: M) => ReactNode;
  /** What the month opens onto. */
  panel: (month: M) => ReactNode;
}

export function MonthTable<M extends { readonly month: string }>({
  id,
  months,
  opensOnto,
  empty,
  caption,
  columns,
  className,
  toggleAllDetail,
  initiallyOpen = [],
  rowClassName,
  badges,
  cells,
  panel,
}: Props<M>) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(initiallyOpen));
  const allOpen = months.length > 0 && months.every((m) => open.has(m.month));
  const toggle = (month: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(month)) next.delete(month);
      else next.add(month);
      return next;
    });
  if (months.length === 0) return <p className="muted">{empty}</p>;
  return (
    <div className="determination">
      <div className="determination__tools">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setOpen(allOpen ? new Set() : new Set(months.map((m) => m.month)))}
        >
          {allOpen ? `Hide every month’s ${opensOnto}` : `Show every month’s ${opensOnto}`}
          {toggleAllDetail ? <span className="visually-hidden">{toggleAllDetail}</span> : null}
        </button>
      </div>
      <DataTable caption={caption} columns={columns} className={className}>
        {months.map((m) => {
          const isOpen = open.has(m.month);
          const panelId = `${id}-${m.month}`;
          return (
            <Fragment key={m.month}>
              <tr className={rowClassName?.(m)}>
                <th scope="row" className="nowrap">
                  <button
                    type="button"
                    className="disclosure-toggle"
                    aria-expanded={isOpen}
                    aria-controls={panelId}
                    onClick={() => toggle(m.month)}
                  >
                    <span className="disclosure-toggle__icon" aria-hidden="true">
                      {isOpen ? '▾' : '▸'}
                    </span>
                    {formatMonth(m.month)}
                    <span className="visually-hidden"> {opensOnto}</span>
                  </button>
                  {badges?.(m)}
                </th>
                {cells(m)}
              </tr>
              <tr id={panelId} className="row-detail" hidden={!isOpen}>
                <td colSpan={columns.length}>{isOpen ? panel(m) : null}</td>
              </tr>
            </Fragment>
          );
        })}
      </DataTable>
    </div>
  );
}
