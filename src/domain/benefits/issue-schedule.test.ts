import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { issueDate, issueDateReached } from './issue-schedule.ts';

const ym = (s: string) => Temporal.PlainYearMonth.from(s);
const day = (s: string) => Temporal.PlainDate.from(s);

describe('when a month is issued (docs/policy/issued-months.md)', () => {
  it('a month whose 1st is a Wednesday is issued on the Monday before (two weekdays earlier)', () => {
    expect(issueDate(ym('2027-09')).toString()).toBe('2027-08-30'); // 1 Sep 2027 is a Wednesday
  });

  it('a month whose 1st is a Monday is issued on the Thursday before (the weekend is not a banking day)', () => {
    expect(issueDate(ym('2027-03')).toString()).toBe('2027-02-25'); // 1 Mar 2027 is a Monday
  });

  it('a month whose 1st is a Sunday is issued on the Thursday before', () => {
    expect(issueDate(ym('2026-11')).toString()).toBe('2026-10-29'); // 1 Nov 2026 is a Sunday
  });

  it('a month counts as issued on its issue date, not the day before', () => {
    expect(issueDateReached(ym('2027-09'), day('2027-08-30'))).toBe(true);
    expect(issueDateReached(ym('2027-09'), day('2027-08-29'))).toBe(false);
  });

  it('every issue date is a weekday in the month before, at most four days before the 1st', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000 * 12, max: 2100 * 12 }), (index) => {
        const month = Temporal.PlainYearMonth.from({ year: Math.floor(index / 12), month: (index % 12) + 1 });
        const issued = issueDate(month);
        const first = month.toPlainDate({ day: 1 });
        const daysBefore = issued.until(first).days;
        return issued.dayOfWeek <= 5 && daysBefore >= 2 && daysBefore <= 4;
      }),
    );
  });
});
