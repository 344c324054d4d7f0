/**
 * What a determination changed, month by month, exactly as the server labelled it: an over- or
 * underpayment for a month already issued, a change in the scheduled amount otherwise.
 */
import { DIFFERENCE_KIND_LABELS, formatMonth, labelOf } from '../../format.ts';
import type { PaymentDifference } from '../../types.ts';
import { Badge } from '../Badge.tsx';
import { DataTable } from '../DataTable.tsx';
import { MoneyCell } from './MoneyText.tsx';

interface Props {
  differences: PaymentDifference[];
  caption: string;
  /** Shown instead of an empty table. */
  empty?: string;
  /** Whether the caption is read only by screen readers (a heading already says it). */
  hiddenCaption?: boolean;
}

export function DifferencesTable({ differences, caption, empty = 'No month’s entitlement changed.', hiddenCaption = false }: Props) {
  if (differences.length === 0) return <p className="muted">{empty}</p>;
  return (
    <DataTable
      caption={caption}
      showCaption={!hiddenCaption}
      columns={[
        'Month',
        { label: 'Previous', className: 'num' },
        { label: 'New', className: 'num' },
        { label: 'Difference', className: 'num' },
        'Kind',
      ]}
      className="table--compact table--money table--stack"
    >
      {differences.map((d, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same month recurs across reassessments
        <tr key={`${d.determinationId ?? ''}-${d.month}-${index}`}>
          <th scope="row" className="nowrap">
            {formatMonth(d.month)}
          </th>
          <MoneyCell value={d.previous} label="Previous" />
          <MoneyCell value={d.next} label="New" />
          <MoneyCell value={d.difference} label="Difference" />
          <td data-label="Kind">
            <Badge tone={d.kind === 'underpayment' ? 'info' : d.kind === 'overpayment' ? 'warning' : 'neutral'}>
              {labelOf(DIFFERENCE_KIND_LABELS, d.kind)}
            </Badge>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
