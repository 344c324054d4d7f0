/**
 * Month values by index (calendar.ts `yearMonthAt`), built once each and shared: Temporal values
 * are immutable, and building them is slow next to the rules. Module-level state, allowed in this
 * folder only (src/domain/purity.test.ts).
 */
import { type PlainYearMonth, yearMonthAt } from '../../calendar.ts';

/** A month index no record reaches: an open end, or the first month of a record in force in none. */
export const NEVER = 2_147_483_647;

const yearMonths = new Map<number, PlainYearMonth>();

/** `yearMonthAt(index)`, the same value each time. */
export function monthAt(index: number): PlainYearMonth {
  let ym = yearMonths.get(index);
  if (ym === undefined) yearMonths.set(index, (ym = yearMonthAt(index)));
  return ym;
}
