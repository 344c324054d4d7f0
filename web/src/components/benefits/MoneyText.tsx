import { formatMoney, isNegative } from '../../format.ts';

/** An amount as the server gave it ("-323.00"), dressed for reading ("-$323.00"). */
export function MoneyText({ value, empty = '—' }: { value: string | null | undefined; empty?: string }) {
  if (value === null || value === undefined || value === '') return <>{empty}</>;
  return <span className={`money${isNegative(value) ? ' money--negative' : ''}`}>{formatMoney(value)}</span>;
}

/**
 * A table cell holding an amount, aligned on the right; `strong` for the total of the row; `label`
 * names its column where a stacked table (table--stack, table--amount-grid) hides the headings on a phone.
 */
export function MoneyCell({
  strong = false,
  label,
  ...props
}: {
  value: string | null | undefined;
  empty?: string;
  strong?: boolean;
  label?: string;
}) {
  return (
    <td className={strong ? 'num strong' : 'num'} data-label={label}>
      <MoneyText {...props} />
    </td>
  );
}
