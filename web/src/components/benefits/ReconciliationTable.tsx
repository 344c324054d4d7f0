/**
 * A two-attending household's reconciliation, compactly: one row a month with the first learner's
 * entitlement, the second's, the household's (worked out afresh) and whether the two add up to it,
 * each month opening onto its benefits one by one (adjustments counted against the benefit they
 * adjust). Amounts are the server's strings. On a phone each month (and each of its benefits) is a
 * small block: the month and its mark, then the three amounts side by side, each labelled.
 */
import { Fragment, useState } from 'react';
import { componentLabel, formatMonth } from '../../format.ts';
import type { ReconciliationMonth } from '../../types.ts';
import { Badge, BalancedMark } from '../Badge.tsx';
import { DataTable } from '../DataTable.tsx';
import { MoneyText } from './MoneyText.tsx';

interface Props {
  /** Unique on the page: prefixes the ids of the month panels. */
  id: string;
  months: readonly ReconciliationMonth[];
  firstName: string;
  secondName: string;
}

export function ReconciliationTable({ id, months, firstName, secondName }: Props) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const allOpen = months.length > 0 && months.every((m) => open.has(m.month));
  const toggle = (month: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(month)) next.delete(month);
      else next.add(month);
      return next;
    });
  if (months.length === 0) return <p className="muted">No months to reconcile.</p>;
  return (
    <div className="determination">
      <div className="determination__tools">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setOpen(allOpen ? new Set() : new Set(months.map((m) => m.month)))}
        >
          {allOpen ? 'Hide every month’s benefits' : 'Show every month’s benefits'}
        </button>
      </div>
      <DataTable
        caption="Reconciliation, month by month. Open a month to see its benefits."
        columns={[
          'Month',
          { label: <LearnerHeading order="First" name={firstName} />, className: 'num' },
          { label: <LearnerHeading order="Second" name={secondName} />, className: 'num' },
          { label: 'Household', className: 'num' },
          'Adds up',
        ]}
        className="table--compact table--money table--determination table--split"
      >
        {months.map((m) => {
          const isOpen = open.has(m.month);
          const panelId = `${id}-${m.month}`;
          return (
            <Fragment key={m.month}>
              <tr className={m.twoAttending ? 'row--two-attending' : undefined}>
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
                    <span className="visually-hidden"> benefits</span>
                  </button>
                  {m.twoAttending ? (
                    <span className="reconciliation__badge">
                      <Badge tone="info">Two attending</Badge>
                    </span>
                  ) : null}
                </th>
                <AmountCell label="First" value={m.entitlement.first} />
                <AmountCell label="Second" value={m.entitlement.second} />
                <AmountCell label="Household" value={m.entitlement.household} strong />
                <td className="reconciliation__mark">
                  <BalancedMark balanced={m.balanced} />
                </td>
              </tr>
              <tr id={panelId} className="row-detail" hidden={!isOpen}>
                <td colSpan={5}>{isOpen ? <BenefitTable month={m} firstName={firstName} secondName={secondName} /> : null}</td>
              </tr>
            </Fragment>
          );
        })}
      </DataTable>
    </div>
  );
}

/** An amount cell labelled with its column, for the phone layout where the headings are not shown. */
function AmountCell({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <td className={strong ? 'num strong' : 'num'} data-label={label}>
      <MoneyText value={value} />
    </td>
  );
}

/** A column heading: the learner's place, and their name on a line of its own. */
function LearnerHeading({ order, name }: { order: string; name: string }) {
  return (
    <>
      {order}
      <span className="reconciliation__name">{name}</span>
    </>
  );
}

/** One month's benefits: the first learner's, the second's and the household's amount of each, and the month's entitlement. */
function BenefitTable({ month: m, firstName, secondName }: { month: ReconciliationMonth; firstName: string; secondName: string }) {
  return (
    <DataTable
      caption={<>Benefits of {formatMonth(m.month, true)}</>}
      columns={[
        'Benefit',
        { label: <LearnerHeading order="First" name={firstName} />, className: 'num' },
        { label: <LearnerHeading order="Second" name={secondName} />, className: 'num' },
        { label: 'Household', className: 'num' },
      ]}
      className="table--components table--money table--split"
    >
      {m.benefits.map((b) => (
        <tr key={b.code}>
          <th scope="row">{componentLabel(b.code)}</th>
          <AmountCell label="First" value={b.first} />
          <AmountCell label="Second" value={b.second} />
          <AmountCell label="Household" value={b.household} />
        </tr>
      ))}
      <tr className="row--total">
        <th scope="row">Entitlement</th>
        <AmountCell label="First" value={m.entitlement.first} strong />
        <AmountCell label="Second" value={m.entitlement.second} strong />
        <AmountCell label="Household" value={m.entitlement.household} strong />
      </tr>
    </DataTable>
  );
}
