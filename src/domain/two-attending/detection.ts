/**
 * E04 Trigger: "applicant has a spouse/partner who is also applying for learner funding and their
 * training dates overlap." The two-attending period is the months in which both attend training
 * while they are partners (DOMAIN.md "Two attending").
 */
import { compareYearMonths, formatYearMonth, monthsOverlapping, type PlainYearMonth } from '../calendar.ts';
import type { Attendance } from '../benefits/household-month.ts';

export function twoAttendingMonths(a: Attendance, b: Attendance, partneredIn: (month: PlainYearMonth) => boolean): PlainYearMonth[] {
  if (a.personId === b.personId) return [];
  return monthsOverlapping(a.training, b.training)
    .filter(partneredIn)
    .sort(compareYearMonths);
}

export const monthKeys = (months: readonly PlainYearMonth[]) => new Set(months.map(formatYearMonth));
