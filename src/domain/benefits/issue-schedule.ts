/**
 * When a benefit month counts as issued (docs/policy/issued-months.md). The wider manual: funds
 * arrive two banking days before the 1st of the month. Our reading: a banking day is a weekday
 * (statutory holidays are not modelled), and a month counts as issued once its issue date is on or
 * before the date a determination is made. Before that, its amount is only scheduled.
 */
import { addDays, compareDates, type PlainDate, type PlainYearMonth } from '../calendar.ts';

/** Funds arrive this many banking days before the 1st of the month (wider manual, payments). */
export const BANKING_DAYS_BEFORE_THE_FIRST = 2;

const isBankingDay = (d: PlainDate) => d.dayOfWeek <= 5; // ISO: Monday 1 .. Friday 5

/** The date a month's benefit is issued: two banking days (weekdays) before the 1st of the month. */
export function issueDate(month: PlainYearMonth, bankingDaysBefore = BANKING_DAYS_BEFORE_THE_FIRST): PlainDate {
  let day = month.toPlainDate({ day: 1 });
  for (let counted = 0; counted < bankingDaysBefore; ) {
    day = addDays(day, -1);
    if (isBankingDay(day)) counted += 1;
  }
  return day;
}

/** Whether a month's issue date has come by `today` (the date the determination is made). */
export function issueDateReached(month: PlainYearMonth, today: PlainDate): boolean {
  return compareDates(issueDate(month), today) <= 0;
}
