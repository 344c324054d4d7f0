/**
 * Dates as people read them: "2 Apr 1990", "Sep 2026", "8 Sep 2026 to 25 Jun 2027". The one wording
 * for a date everywhere a person reads one: the web pages (web/src/format.ts uses these), the
 * service agreement PDF and the server's messages (refusals, task details). Stored and sent dates
 * stay ISO ("1990-04-02"); only what is shown is worded here.
 *
 * Works on the ISO text (a Temporal PlainDate's `toString()` is one), so the web uses it without
 * the date library. Anything that is not an ISO date is returned as given.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Something that prints as an ISO date or month: the ISO text itself, or a Temporal PlainDate / PlainYearMonth. */
export type IsoLike = string | { toString(): string };

/** "1990-04-02" (or a PlainDate) -> "2 Apr 1990". */
export function dateInWords(date: IsoLike): string {
  const iso = String(date);
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  const name = MONTHS[Number(month) - 1];
  return name ? `${Number(day)} ${name} ${year}` : iso;
}

/** "2026-09" (or a PlainYearMonth) -> "Sep 2026", or "September 2026" when `long`. */
export function monthInWords(month: IsoLike, long = false): string {
  const iso = String(month);
  const match = /^(\d{4})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, year, number] = match;
  const index = Number(number) - 1;
  const name = long ? LONG_MONTHS[index] : MONTHS[index];
  return name ? `${name} ${year}` : iso;
}

/** "8 Sep 2026 to 25 Jun 2027"; an open end reads "8 Sep 2026 onwards". */
export function periodInWords(start: IsoLike, end: IsoLike | null | undefined): string {
  return end ? `${dateInWords(start)} to ${dateInWords(end)}` : `${dateInWords(start)} onwards`;
}
