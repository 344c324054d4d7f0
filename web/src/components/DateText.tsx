import { formatDate } from '../format.ts';

/** A calendar date, readable ("2 Apr 1990") with the ISO date machine-readable. */
export function DateText({ value, empty = '—' }: { value: string | null | undefined; empty?: string }) {
  if (!value) return <>{empty}</>;
  return <time dateTime={value}>{formatDate(value)}</time>;
}

/** A table cell holding a date, kept on one line; `label` names it where a phone stacks the table (table--stack). */
export function DateCell({ label, ...props }: { value: string | null | undefined; empty?: string; label?: string }) {
  return (
    <td className="nowrap" data-label={label}>
      <DateText {...props} />
    </td>
  );
}
