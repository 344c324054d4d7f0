/**
 * Calendar: dates (Temporal PlainDate), benefit months (PlainYearMonth), periods and effective-dated
 * histories. Pure: no clock, no `Date`.
 *
 * Conventions used everywhere in Waypoint:
 * - A period includes both ends (docs/scenarios.md): { start: 2025-03-01, end: 2025-03-31 } is all of
 *   March. An open-ended period has `end: null` and runs forever from `start`.
 * - Accepted dates are 1900-01-01..2199-12-31 (`MIN_DATE`..`MAX_DATE`); `parseDate` reports anything
 *   outside as IMPOSSIBLE, which also catches typed-in years such as 0225 or 2205.
 */
import { Temporal } from 'temporal-polyfill';

export type PlainDate = Temporal.PlainDate;
export type PlainYearMonth = Temporal.PlainYearMonth;

/** Inclusive at both ends; `end: null` means open-ended. */
export type Period = { readonly start: PlainDate; readonly end: PlainDate | null };

export type DateParseResult<T> = { ok: true; value: T } | { ok: false; reason: 'FORMAT' | 'IMPOSSIBLE' };

export const MIN_DATE: PlainDate = Temporal.PlainDate.from('1900-01-01');
export const MAX_DATE: PlainDate = Temporal.PlainDate.from('2199-12-31');

// ---------------------------------------------------------------------------------------------
// Parsing and formatting

/**
 * Strict "YYYY-MM-DD" (no time, no spaces, no other separators; anything else is FORMAT).
 * A date that does not exist ("2025-02-30", "2023-02-29", month 13) or lies outside
 * MIN_DATE..MAX_DATE is IMPOSSIBLE.
 */
export function parseDate(text: string): DateParseResult<PlainDate> {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return { ok: false, reason: 'FORMAT' };
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  try {
    const value = Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' });
    return inRange(value) ? { ok: true, value } : { ok: false, reason: 'IMPOSSIBLE' };
  } catch {
    return { ok: false, reason: 'IMPOSSIBLE' };
  }
}

/** Strict "YYYY-MM"; month 00 or 13, or a month outside the accepted range, is IMPOSSIBLE. */
export function parseYearMonth(text: string): DateParseResult<PlainYearMonth> {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  if (!match) return { ok: false, reason: 'FORMAT' };
  const [year, month] = match.slice(1).map(Number) as [number, number];
  try {
    const value = Temporal.PlainYearMonth.from({ year, month }, { overflow: 'reject' });
    return inRange(value.toPlainDate({ day: 1 })) ? { ok: true, value } : { ok: false, reason: 'IMPOSSIBLE' };
  } catch {
    return { ok: false, reason: 'IMPOSSIBLE' };
  }
}

function inRange(d: PlainDate): boolean {
  return !isBefore(d, MIN_DATE) && !isAfter(d, MAX_DATE);
}

/** ISO "2025-03-01". */
/**
 * A date as the database gives it back ("YYYY-MM-DD"): the same PlainDate as `Temporal.PlainDate.from`,
 * built from its three numbers (a third of the cost: batch work turns thousands of stored dates into
 * PlainDates). Anything else, and an impossible date, goes through `Temporal.PlainDate.from` (which throws).
 */
export function storedDate(iso: string): PlainDate {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    try {
      return new Temporal.PlainDate(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
    } catch {
      // an impossible date: Temporal.PlainDate.from says so below
    }
  }
  return Temporal.PlainDate.from(iso);
}

export function formatDate(d: PlainDate): string {
  return d.toString();
}

/** ISO "2025-03". */
export function formatYearMonth(ym: PlainYearMonth): string {
  return ym.toString();
}

// ---------------------------------------------------------------------------------------------
// Dates and months

export function compareDates(a: PlainDate, b: PlainDate): -1 | 0 | 1 {
  return Math.sign(Temporal.PlainDate.compare(a, b)) as -1 | 0 | 1;
}

export function compareYearMonths(a: PlainYearMonth, b: PlainYearMonth): -1 | 0 | 1 {
  return Math.sign(Temporal.PlainYearMonth.compare(a, b)) as -1 | 0 | 1;
}

export function isBefore(a: PlainDate, b: PlainDate): boolean {
  return compareDates(a, b) < 0;
}

export function isAfter(a: PlainDate, b: PlainDate): boolean {
  return compareDates(a, b) > 0;
}

export function minDate(a: PlainDate, b: PlainDate): PlainDate {
  return isAfter(a, b) ? b : a;
}

export function maxDate(a: PlainDate, b: PlainDate): PlainDate {
  return isBefore(a, b) ? b : a;
}

/** Adds calendar months, clamping to the month's last day: 2024-08-31 + 18 months = 2026-02-28. */
export function addMonths(date: PlainDate, n: number): PlainDate {
  return date.add({ months: n }, { overflow: 'constrain' });
}

export function addDays(date: PlainDate, n: number): PlainDate {
  return date.add({ days: n });
}

export function monthOf(date: PlainDate): PlainYearMonth {
  return date.toPlainYearMonth();
}

export function daysInMonth(ym: PlainYearMonth): number {
  return ym.daysInMonth;
}

/** The whole month as a period: its first day to its last day. */
export function monthPeriod(ym: PlainYearMonth): Period {
  return { start: ym.toPlainDate({ day: 1 }), end: ym.toPlainDate({ day: ym.daysInMonth }) };
}

// ---------------------------------------------------------------------------------------------
// Periods

export function makePeriod(
  start: PlainDate,
  end: PlainDate | null,
): { ok: true; value: Period } | { ok: false; reason: 'END_BEFORE_START' } {
  if (end !== null && isBefore(end, start)) return { ok: false, reason: 'END_BEFORE_START' };
  return { ok: true, value: { start, end } };
}

export function contains(period: Period, date: PlainDate): boolean {
  return !isBefore(date, period.start) && (period.end === null || !isAfter(date, period.end));
}

/** True when the periods share at least one day. */
export function overlaps(a: Period, b: Period): boolean {
  return intersection(a, b) !== null;
}

/** The days both periods cover, or null when they share none. Open-ended only if both are. */
export function intersection(a: Period, b: Period): Period | null {
  const start = maxDate(a.start, b.start);
  const end = a.end === null ? b.end : b.end === null ? a.end : minDate(a.end, b.end);
  return end !== null && isBefore(end, start) ? null : { start, end };
}

/** Every month with at least one day in the period, in order. RangeError if open-ended. */
export function monthsOf(period: Period): PlainYearMonth[] {
  if (period.end === null) {
    throw new RangeError(`monthsOf needs a bounded period, got one open from ${period.start}`);
  }
  const months: PlainYearMonth[] = [];
  const last = monthOf(period.end);
  for (let m = monthOf(period.start); compareYearMonths(m, last) <= 0; m = m.add({ months: 1 })) {
    months.push(m);
  }
  return months;
}

/**
 * The months in which both periods have at least one day: the months of their intersection.
 * Empty when they do not overlap; RangeError when both are open-ended (unbounded intersection).
 */
export function monthsOverlapping(a: Period, b: Period): PlainYearMonth[] {
  const both = intersection(a, b);
  return both === null ? [] : monthsOf(both);
}

// ---------------------------------------------------------------------------------------------
// Effective-dated history (append-only; docs/style.md 9)

/**
 * One entry of an append-only history: `value` takes effect on `effectiveFrom`. `recordedSeq`
 * orders entries by when they were recorded; a later entry with the same `effectiveFrom` is a
 * correction that supersedes the earlier one.
 */
export type Dated<T> = { readonly effectiveFrom: PlainDate; readonly recordedSeq: number; readonly value: T };

export type TimelineEntry<T> = { from: PlainDate; to: PlainDate | null; value: T; recordedSeq: number };

/**
 * The entry in force on `date`: the greatest effectiveFrom on or before it, ties going to the
 * greatest recordedSeq (then to the later array position). Undefined before the first entry.
 */
export function asOf<T>(history: readonly Dated<T>[], date: PlainDate): Dated<T> | undefined {
  let best: Dated<T> | undefined;
  for (const entry of history) {
    if (isAfter(entry.effectiveFrom, date)) continue;
    if (best === undefined || laterOrEqual(entry, best)) best = entry;
  }
  return best;
}

function laterOrEqual<T>(a: Dated<T>, b: Dated<T>): boolean {
  const byDate = compareDates(a.effectiveFrom, b.effectiveFrom);
  return byDate > 0 || (byDate === 0 && a.recordedSeq >= b.recordedSeq);
}

/**
 * The history as consecutive inclusive periods: each effective date's winning entry (as in
 * `asOf`) runs from its effectiveFrom to the day before the next effective date; the last is
 * open-ended. Superseded same-date entries are dropped; equal neighbouring values are not merged.
 */
export function timeline<T>(history: readonly Dated<T>[]): TimelineEntry<T>[] {
  const winners: Dated<T>[] = [];
  const sorted = [...history].sort((a, b) => compareDates(a.effectiveFrom, b.effectiveFrom) || a.recordedSeq - b.recordedSeq);
  for (const entry of sorted) {
    const previous = winners.at(-1);
    if (previous?.effectiveFrom.equals(entry.effectiveFrom)) winners.pop();
    winners.push(entry);
  }
  return winners.map((entry, i) => {
    const next = winners[i + 1];
    return {
      from: entry.effectiveFrom,
      to: next === undefined ? null : addDays(next.effectiveFrom, -1),
      value: entry.value,
      recordedSeq: entry.recordedSeq,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Integer months and dates, for loops that run once per month (convert at the edges)

/** The month as an integer, year × 12 + month - 1: consecutive months are consecutive integers. */
export function monthIndex(d: PlainYearMonth | PlainDate): number {
  return d.year * 12 + d.month - 1;
}

/** An integer that orders as the dates do, year × 10,000 + month × 100 + day (for comparisons: differences are not days). */
export function dateOrdinal(d: PlainDate): number {
  return d.year * 10_000 + d.month * 100 + d.day;
}

/** `monthIndex` of the date of a `dateOrdinal`. */
export function monthIndexOfOrdinal(ordinal: number): number {
  const yearMonth = Math.floor(ordinal / 100);
  const month = ((yearMonth % 100) + 100) % 100;
  return ((yearMonth - month) / 100) * 12 + month - 1;
}

/** The month of an index (see `monthIndex`). */
export function yearMonthAt(index: number): PlainYearMonth {
  const month = ((index % 12) + 12) % 12;
  return Temporal.PlainYearMonth.from({ year: (index - month) / 12, month: month + 1 });
}

/** ISO "2025-03" of a month index: `formatYearMonth(yearMonthAt(index))`. */
export function yearMonthKeyAt(index: number): string {
  const month = ((index % 12) + 12) % 12;
  const year = (index - month) / 12;
  if (year < 0 || year > 9999) return formatYearMonth(yearMonthAt(index));
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}`;
}

/**
 * `monthPeriod(yearMonthAt(index))`: the whole month as a period, built from its numbers (no month
 * object, no calendar lookups: households are asked about month by month in batch work).
 */
export function monthPeriodAt(index: number): Period {
  const month = (((index % 12) + 12) % 12) + 1;
  const year = (index - month + 1) / 12;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const last = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return { start: new Temporal.PlainDate(year, month, 1), end: new Temporal.PlainDate(year, month, last) };
}
