import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { dateInWords, monthInWords, periodInWords } from './dates-in-words.ts';

describe('dates in words (one wording for the web, the agreement PDF and messages)', () => {
  it('words an ISO date as day, short month and year without a leading zero', () => {
    expect(dateInWords('1990-04-02')).toBe('2 Apr 1990');
    expect(dateInWords('2026-11-14')).toBe('14 Nov 2026');
  });

  it('words a Temporal date the same as its ISO text', () => {
    expect(dateInWords(Temporal.PlainDate.from('2027-12-12'))).toBe('12 Dec 2027');
  });

  it('words the calendar date of an ISO timestamp, ignoring the time', () => {
    expect(dateInWords('2026-06-15T10:00:00Z')).toBe('15 Jun 2026');
  });

  it('shows anything that is not an ISO date as given', () => {
    expect(dateInWords('ongoing')).toBe('ongoing');
    expect(dateInWords('2026-13-01')).toBe('2026-13-01');
  });

  it('words a month short by default and long on request', () => {
    expect(monthInWords('2026-09')).toBe('Sep 2026');
    expect(monthInWords(Temporal.PlainYearMonth.from('2026-09'), true)).toBe('September 2026');
  });

  it('words a period with both ends, or from its start when it is open', () => {
    expect(periodInWords('2026-09-08', '2027-06-25')).toBe('8 Sep 2026 to 25 Jun 2027');
    expect(periodInWords('2026-09-08', null)).toBe('8 Sep 2026 onwards');
  });
});
