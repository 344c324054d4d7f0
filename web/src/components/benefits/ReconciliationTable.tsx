/**
 * A two-attending household's reconciliation, compactly: one row a month with the first learner's
 * entitlement, the second's, the household's (worked out afresh) and whether the two add up to it,
 * each month opening onto its benefits one by one (adjustments counted against the benefit they
 * adjust). Amounts are the server's strings; a case with no determination yet says so in place of its amounts. On a phone each month (and each of its benefits) is a
 * small block: the month and its mark, then the three amounts side by side, each labelled.
 */
import { componentLabel, formatMonth, NOT_DETERMINED } from '../../format.ts';
import type { ReconciliationMonth } from '../../types.ts';
import { Badge, BalancedMark } from '../Badge.tsx';
import { DataTable } from '../DataTable.tsx';
import { MoneyText } from './MoneyText.tsx';
import { MonthTable } from './MonthTable.tsx';

interface Props {
  /** Unique on the page: prefixes the ids of the month panels. */
  id: string;
  months: readonly ReconciliationMonth[];
  firstName: string;
  secondName: string;
}

export function ReconciliationTable({ id, months, firstName, secondName }: Props) {
  return (
    <MonthTable
      id={id}
      months={months}
      opensOnto="benefits"
      empty="No months to reconcile."
      caption="Reconciliation, month by month. Open a month to see its benefits."
      columns={[
        'Month',
        { label: <LearnerHeading order="First" name={firstName} />, className: 'num' },
        { label: <LearnerHeading order="Second" name={secondName} />, className: 'num' },
        { label: 'Household', className: 'num' },
        'Adds up',
      ]}
      className="table--compact table--money table--determination table--amount-grid"
      rowClassName={(m) => (m.twoAttending ? 'row--two-attending' : undefined)}
      badges={(m) =>
        m.twoAttending ? (
          <span className="reconciliation__badge">
            <Badge tone="info">Two attending</Badge>
          </span>
        ) : null
      }
      cells={(m) => (
        <>
          <AmountCell label="First" value={m.entitlement.first} />
          <AmountCell label="Second" value={m.entitlement.second} />
          <AmountCell label="Household" value={m.entitlement.household} strong />
          <td className="reconciliation__mark">
            {m.entitlement.first === null || m.entitlement.second === null ? (
              <span className="muted">{NOT_DETERMINED}</span>
            ) : (
              <BalancedMark balanced={m.balanced} />
            )}
          </td>
        </>
      )}
      panel={(m) => <BenefitTable month={m} firstName={firstName} secondName={secondName} />}
    />
  );
}

/** An amount cell labelled with its column, for the phone layout where the headings are not shown; null while the case is not determined. */
function AmountCell({ label, value, strong = false }: { label: string; value: string | null; strong?: boolean }) {
  return (
    <td className={strong ? 'num strong' : 'num'} data-label={label}>
      <MoneyText value={value} empty={NOT_DETERMINED} />
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
      className="table--components table--money table--amount-grid"
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
