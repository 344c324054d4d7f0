/**
 * A determination month by month: needs, countable resources and entitlement, each month opening
 * onto every component with the rule that applied and its source, exactly as the server wrote
 * them. An adjustment sits under the benefit it adjusts; a placeholder rate is marked so. A month
 * held while two attending awaits confirmation is marked held, its reason in the month's panel.
 */
import { componentLabel, formatMonth, isPlaceholderSource } from '../../format.ts';
import type { BenefitComponent, DeterminationMonth } from '../../types.ts';
import { Badge } from '../Badge.tsx';
import { DataTable } from '../DataTable.tsx';
import { MoneyCell, MoneyText } from './MoneyText.tsx';
import { MonthTable } from './MonthTable.tsx';

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
  return (
    <MonthTable
      id={id}
      months={months}
      opensOnto="components"
      empty="No months determined."
      caption={<>{caption}. Open a month to see its components.</>}
      columns={[
        'Month',
        { label: 'Needs', className: 'num' },
        { label: 'Countable resources', className: 'num' },
        { label: 'Entitlement', className: 'num' },
      ]}
      className="table--compact table--money table--determination table--amount-grid"
      toggleAllDetail={` of ${caption.charAt(0).toLowerCase() + caption.slice(1)}`}
      initiallyOpen={initiallyOpen}
      rowClassName={(m) =>
        [twoAttendingMonths.includes(m.month) ? 'row--two-attending' : '', m.held ? 'row--held' : ''].join(' ').trim() || undefined
      }
      badges={(m) => (
        <>
          {twoAttendingMonths.includes(m.month) ? (
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
        </>
      )}
      cells={(m) => (
        <>
          <MoneyCell value={m.needs} label="Needs" />
          <MoneyCell value={m.countableResources} label="Countable resources" />
          <MoneyCell value={m.entitlement} label="Entitlement" strong />
        </>
      )}
      panel={(m) => (
        <>
          {m.held && m.holdReason ? <p className="note">Held, not issued: {m.holdReason}</p> : null}
          <ComponentTable month={m.month} components={m.components} />
        </>
      )}
    />
  );
}

/**
 * Every component of one month: what, how much, the rule and where the amount came from. On a phone
 * each component is a block, its amount, rule and source each named (table--stack): the rule and
 * source are the explanation, never hidden behind a sideways scroll.
 */
export function ComponentTable({ month, components }: { month: string; components: BenefitComponent[] }) {
  if (components.length === 0) return <p className="muted">No components in {formatMonth(month, true)}.</p>;
  return (
    <DataTable
      caption={<>Components of {formatMonth(month, true)}</>}
      columns={['Component', { label: 'Amount', className: 'num' }, 'Rule', 'Source']}
      className="table--components table--stack"
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
          <td className="num nowrap" data-label="Amount">
            <MoneyText value={c.amount} />
          </td>
          <td className="component__rule" data-label="Rule">
            {c.rule}
          </td>
          <td className="component__source" data-label="Source">
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
