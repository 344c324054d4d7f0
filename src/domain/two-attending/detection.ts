/**
 * E04 Trigger: "applicant has a spouse/partner who is also applying for learner funding and their
 * training dates overlap." The two-attending period is the months in which both attend full-time
 * training while they are partners (docs/policy/e04-two-attending.md): two attending applies when
 * both need funding for full-time training, so a part-time partner's case is never split.
 * Benefits are monthly, so by Waypoint's reading a month in which both attend counts even when their
 * days do not meet (one ends on the 5th, the other starts on the 20th); the learner rules' policy
 * parameter `twoAttendingMonth: 'training-days-meet'` chooses otherwise (`daysMeet`).
 */

import type { Attendance } from '../benefits/household-month.ts';
import { dateOrdinal, formatYearMonth, monthIndex, monthPeriodAt, type PlainYearMonth, yearMonthAt, yearMonthKeyAt } from '../calendar.ts';
import { orderLearners } from './split.ts';

export function twoAttendingMonths(a: Attendance, b: Attendance, partneredIn: (month: PlainYearMonth) => boolean): PlainYearMonth[] {
  return twoAttendingMonthIndices(a, b, partneredIn).map(yearMonthAt);
}

/** Whether the two trainings share a day within the month (calendar.ts `monthIndex`). */
export function trainingDaysMeetIn(a: Attendance, b: Attendance, index: number): boolean {
  const month = monthPeriodAt(index);
  const from = Math.max(dateOrdinal(a.training.start), dateOrdinal(b.training.start), dateOrdinal(month.start));
  const to = Math.min(dateOrdinal(a.training.end), dateOrdinal(b.training.end), dateOrdinal(month.end!));
  return from <= to;
}

/**
 * The two-attending months as integer months (calendar.ts `monthIndex`), in order. `daysMeetRequired`
 * says, per month, whether the policy asks the trainings to share a day in it (default: no).
 */
export function twoAttendingMonthIndices(
  a: Attendance,
  b: Attendance,
  partneredIn: (month: PlainYearMonth) => boolean,
  daysMeetRequired?: (index: number) => boolean,
): number[] {
  return overlapMonthIndices(a, b, (m) => partneredIn(yearMonthAt(m)), daysMeetRequired);
}

/** `twoAttendingMonthIndices`, asking about partners with the month as an integer (calendar.ts `monthIndex`). */
function overlapMonthIndices(
  a: Attendance,
  b: Attendance,
  partneredAt: (index: number) => boolean,
  daysMeetRequired?: (index: number) => boolean,
): number[] {
  if (a.personId === b.personId) return [];
  if (a.load !== 'full-time' || b.load !== 'full-time') return [];
  const bFirst = monthIndex(b.training.start);
  const bLast = monthIndex(b.training.end);
  const months: number[] = [];
  for (let m = monthIndex(a.training.start), last = monthIndex(a.training.end); m <= last; m++) {
    if (bFirst <= m && m <= bLast && partneredAt(m) && !(daysMeetRequired?.(m) && !trainingDaysMeetIn(a, b, m))) months.push(m);
  }
  return months;
}

export const monthKeys = (months: readonly PlainYearMonth[]) => new Set(months.map(formatYearMonth));

export interface LearnerCase {
  readonly pdcId: string;
  readonly attendance: Attendance;
}

export interface Situation {
  readonly first: LearnerCase;
  readonly second: LearnerCase;
  readonly months: readonly string[];
}

/**
 * Every two-attending situation among a person's learner cases and their partners' (E04 Trigger):
 * pairs of cases of two partners whose training overlaps while they are partners. The first
 * learner is the one whose training starts first (two-attending/split.ts `orderLearners`).
 * `partneredIn` is asked with the month as an integer (calendar.ts `monthIndex`).
 */
export function findSituations(
  cases: readonly LearnerCase[],
  partneredIn: (a: string, b: string, monthIndex: number) => boolean,
): Situation[] {
  const situations: Situation[] = [];
  for (let i = 0; i < cases.length; i++) {
    for (let j = i + 1; j < cases.length; j++) {
      const x = cases[i]!;
      const y = cases[j]!;
      if (x.attendance.personId === y.attendance.personId) continue;
      const months = overlapMonthIndices(x.attendance, y.attendance, (m) => partneredIn(x.attendance.personId, y.attendance.personId, m));
      if (months.length === 0) continue;
      const [first] = orderLearners(x.attendance, y.attendance);
      const [a, b] = first === x.attendance ? [x, y] : [y, x];
      situations.push({ first: a, second: b, months: months.map(yearMonthKeyAt) });
    }
  }
  return situations;
}
