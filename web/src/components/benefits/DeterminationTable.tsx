/**
 * A determination month by month: needs, countable resources and entitlement, each month opening
 * onto every component with the rule that applied and its source, exactly as the server wrote
 * them. An adjustment sits under the benefit it adjusts; a placeholder rate is marked so. A month
 * held while two attending awaits confirmation is marked held, its reason in the month's panel.
 */
import { Fragment, useState } from 'react';
import { componentLabel, formatMonth, isPlaceholderSource } from '../../format.ts';
import type { BenefitComponent, DeterminationMonth } from '../../types.ts';
import { Badge } from '../Badge.tsx';
import { DataTable } from '../DataTable.tsx';
import { MoneyCell, MoneyText } from './MoneyText.tsx';

interface Props {
  /** Unique on the page: prefixes the ids of the month panels. */
  id: string;
  months: DeterminationMonth[];
  caption: string;
  /** Months of a two-attending period (YYYY-MM), highlighted. */
  twoAttendingMonths?: readonly string[];
  /** Months opened at first. */
  initiallyOpen?: readonly string[];
}

export function DeterminationTable({ id, months, caption, twoAttendingMonths = [], initiallyOpen = [] }: Props) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(initiallyOpen));
  const allOpen = months.length > 0 && months.every((m) => open.has(m.month));
  const toggle = (month: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(month)) next.delete(month);
      else next.add(month);
      return next;
    });
  if (months.length === 0) return <p className="muted">No months determined.</p>;
  return (
    <div className="determination">
      <div className="determination__tools">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setOpen(allOpen ? new Set() : new Set(months.map((m) => m.month)))}
        >
          {allOpen ? 'Hide every month’s components' : 'Show every month’s components'}
          <span className="visually-hidden"> of {caption.charAt(0).toLowerCase() + caption.slice(1)}</span>
        </button>
      </div>
      <DataTable
        caption={<>{caption}. Open a month to see its components.</>}
        columns={[
          'Month',
          { label: 'Needs', className: 'num' },
          { label: 'Countable resources', className: 'num' },
          { label: 'Entitlement', className: 'num' },
        ]}
        className="table--compact table--money table--determination"
      >
        {months.map((m) => {
          const isOpen = open.has(m.month);
          const shared = twoAttendingMonths.includes(m.month);
          const panelId = `${id}-${m.month}`;
          return (
            <Fragment key={m.month}>
              <tr className={[shared ? 'row--two-attending' : '', m.held ? 'row--held' : ''].join(' ').trim() || undefined}>
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
                    <span className="visually-hidden"> components</span>
                  </button>
                  {shared ? (
                    <>
                      {' '}
                      <Badge tone="info">Two attending</Badge>
                    </>
                  ) : null}
                  {m.held ? (
                    <>
                      {' '}
                      <Badge tone="warning">Held</Badge>
                    </>
                  ) : null}
                </th>
                <MoneyCell value={m.needs} />
                <MoneyCell value={m.countableResources} />
                <MoneyCell value={m.entitlement} strong />
              </tr>
              <tr id={panelId} className="row-detail" hidden={!isOpen}>
                <td colSpan={4}>
                  {isOpen && m.held && m.holdReason ? <p className="note">Held, not issued: {m.holdReason}</p> : null}
                  {isOpen ? <ComponentTable month={m.month} components={m.components} /> : null}
                </td>
              </tr>
            </Fragment>
          );
        })}
      </DataTable>
    </div>
  );
}

/** Every component of one month: what, how much, the rule and where the amount came from. */
export function ComponentTable({ month, components }: { month: string; components: BenefitComponent[] }) {
  if (components.length === 0) return <p className="muted">No components in {formatMonth(month, true)}.</p>;
  return (
    <DataTable
      caption={<>Components of {formatMonth(month, true)}</>}
      columns={['Component', { label: 'Amount', className: 'num' }, 'Rule', 'Source']}
      className="table--components"
      wrap={false}
    >
      {components.map((c, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: components have no identity beyond their place
        <tr key={index} className={c.adjusts ? 'component--adjustment' : undefined}>
          <th scope="row">
            {c.adjusts ? (
              <>
                <span className="component__adjusts">Adjusts {componentLabel(c.adjusts)}</span>
                <span className="component__name">{componentLabel(c.code)}</span>
              </>
            ) : (
              <span className="component__name">{componentLabel(c.code)}</span>
            )}
            {c.kind === 'resource' ? (
              <span className="component__kind">
                <Badge tone="neutral">Resource</Badge>
              </span>
            ) : null}
          </th>
          <td className="num nowrap">
            <MoneyText value={c.amount} />
          </td>
          <td className="component__rule">{c.rule}</td>
          <td className="component__source">
            {c.source}
            {isPlaceholderSource(c.source) ? (
              <>
                {' '}
                <Badge tone="warning">placeholder</Badge>
              </>
            ) : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
