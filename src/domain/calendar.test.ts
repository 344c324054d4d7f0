/** Unit tests for calendar.ts: strict date parsing, inclusive periods, months and dated histories. */

import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  asOf,
  compareDates,
  compareYearMonths,
  contains,
  type Dated,
  daysInMonth,
  formatDate,
  formatYearMonth,
  intersection,
  isAfter,
  isBefore,
  makePeriod,
  maxDate,
  minDate,
  monthOf,
  monthPeriod,
  monthPeriodAt,
  monthsOf,
  monthsOverlapping,
  overlaps,
  type Period,
  parseDate,
  parseYearMonth,
  storedDate,
  timeline,
  yearMonthAt,
} from './calendar.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);
const ym = (iso: string) => Temporal.PlainYearMonth.from(iso);
const period = (start: string, end: string | null): Period => ({
  start: d(start),
  end: end === null ? null : d(end),
});
const isoMonths = (months: readonly Temporal.PlainYearMonth[]) => months.map(formatYearMonth);

/** Any day from 2020-01-01 to about 2029, as generated input. */
const BASE = d('2020-01-01');
const anyDate = fc.integer({ min: 0, max: 3650 }).map((n) => addDays(BASE, n));
const anyPeriod = fc
  .tuple(anyDate, fc.option(fc.integer({ min: 0, max: 1500 }), { nil: null }))
  .map(([start, length]): Period => ({ start, end: length === null ? null : addDays(start, length) }));
const boundedPeriod = anyPeriod.map((p): Period => ({ start: p.start, end: p.end ?? addDays(p.start, 400) }));

describe('parseDate', () => {
  it('reads a strict ISO date', () => {
    const result = parseDate('2025-03-01');
    expect(result.ok && formatDate(result.value)).toBe('2025-03-01');
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseDate('2024-02-29').ok).toBe(true);
  });

  it.each(['2025-02-30', '2023-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-01-00'])(
    'reports %j as IMPOSSIBLE because that day does not exist',
    (text) => {
      expect(parseDate(text)).toEqual({ ok: false, reason: 'IMPOSSIBLE' });
    },
  );

  it.each(['1899-12-31', '2200-01-01', '0225-03-01'])('reports %j as IMPOSSIBLE because it is outside 1900..2199', (text) => {
    expect(parseDate(text)).toEqual({ ok: false, reason: 'IMPOSSIBLE' });
  });

  it('accepts the first and last days of the supported range', () => {
    expect(parseDate('1900-01-01').ok).toBe(true);
    expect(parseDate('2199-12-31').ok).toBe(true);
  });

  it.each(['', '2025-3-1', '2025/03/01', '20250301', ' 2025-03-01', '2025-03-01T00:00', '+002025-03-01', 'March 1, 2025', '2025-03'])(
    'reports %j as FORMAT because only YYYY-MM-DD is accepted',
    (text) => {
      expect(parseDate(text)).toEqual({ ok: false, reason: 'FORMAT' });
    },
  );

  it('reads back whatever formatDate writes', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const result = parseDate(formatDate(date));
        expect(result.ok && result.value.equals(date)).toBe(true);
      }),
    );
  });
});

describe('parseYearMonth', () => {
  it('reads a strict ISO month and writes it back', () => {
    const result = parseYearMonth('2025-03');
    expect(result.ok && formatYearMonth(result.value)).toBe('2025-03');
  });

  it.each(['2025-13', '2025-00', '1899-12', '2200-01'])('reports %j as IMPOSSIBLE', (text) => {
    expect(parseYearMonth(text)).toEqual({ ok: false, reason: 'IMPOSSIBLE' });
  });

  it.each(['', '2025-3', '2025/03', '2025-03-01', '202503'])('reports %j as FORMAT', (text) => {
    expect(parseYearMonth(text)).toEqual({ ok: false, reason: 'FORMAT' });
  });
});

describe('dates and months', () => {
  it('the month at an index is the same period built either way, in every month from 1900 to 2200 (leap years included)', () => {
    for (let index = 1900 * 12; index < 2200 * 12; index++) {
      const expected = monthPeriod(yearMonthAt(index));
      const actual = monthPeriodAt(index);
      expect([formatDate(actual.start), formatDate(actual.end!)]).toEqual([formatDate(expected.start), formatDate(expected.end!)]);
    }
  });

  it('a stored date is the same PlainDate as Temporal parses it, and an impossible one is refused', () => {
    for (let day = d('2023-01-01'); isBefore(day, d('2025-01-01')); day = addDays(day, 1))
      expect(storedDate(day.toString()).equals(day)).toBe(true);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (year, month, day) => {
          const iso = Temporal.PlainDate.from({ year, month, day }).toString();
          expect(storedDate(iso).equals(Temporal.PlainDate.from(iso))).toBe(true);
        },
      ),
    );
    expect(() => storedDate('2025-02-30')).toThrow(RangeError);
    expect(() => storedDate('2025-2-3')).toThrow(RangeError);
  });

  it('compares dates and picks the earlier and later one', () => {
    expect(compareDates(d('2025-03-01'), d('2025-03-02'))).toBe(-1);
    expect(isBefore(d('2025-03-01'), d('2025-03-02'))).toBe(true);
    expect(isAfter(d('2025-03-01'), d('2025-03-01'))).toBe(false);
    expect(formatDate(minDate(d('2025-03-02'), d('2025-03-01')))).toBe('2025-03-01');
    expect(formatDate(maxDate(d('2025-03-02'), d('2025-03-01')))).toBe('2025-03-02');
  });

  it('compares months', () => {
    expect(compareYearMonths(ym('2025-03'), ym('2024-12'))).toBe(1);
    expect(compareYearMonths(ym('2025-03'), ym('2025-03'))).toBe(0);
  });

  it('adds 18 months to 2024-08-31 and lands on the last day of February, 2026-02-28', () => {
    expect(formatDate(addMonths(d('2024-08-31'), 18))).toBe('2026-02-28');
  });

  it('adds and subtracts days across a month end', () => {
    expect(formatDate(addDays(d('2025-02-28'), 1))).toBe('2025-03-01');
    expect(formatDate(addDays(d('2025-03-01'), -1))).toBe('2025-02-28');
  });

  it('finds the month of a date and the number of days in a month', () => {
    expect(formatYearMonth(monthOf(d('2025-03-17')))).toBe('2025-03');
    expect(daysInMonth(ym('2024-02'))).toBe(29);
    expect(daysInMonth(ym('2025-02'))).toBe(28);
  });

  it('turns a month into the period from its first to its last day', () => {
    const p = monthPeriod(ym('2024-02'));
    expect([formatDate(p.start), p.end && formatDate(p.end)]).toEqual(['2024-02-01', '2024-02-29']);
  });
});

describe('periods (both ends inclusive)', () => {
  it('refuses a period that ends before it starts', () => {
    expect(makePeriod(d('2025-03-02'), d('2025-03-01'))).toEqual({ ok: false, reason: 'END_BEFORE_START' });
  });

  it('accepts a one-day period and an open-ended one', () => {
    expect(makePeriod(d('2025-03-01'), d('2025-03-01')).ok).toBe(true);
    expect(makePeriod(d('2025-03-01'), null).ok).toBe(true);
  });

  it('contains its first and last day but not the days around them', () => {
    const march = period('2025-03-01', '2025-03-31');
    expect(contains(march, d('2025-03-01'))).toBe(true);
    expect(contains(march, d('2025-03-31'))).toBe(true);
    expect(contains(march, d('2025-02-28'))).toBe(false);
    expect(contains(march, d('2025-04-01'))).toBe(false);
  });

  it('an open-ended period contains every later day', () => {
    expect(contains(period('2025-03-01', null), d('2199-12-31'))).toBe(true);
  });

  it('periods that share only their boundary day overlap on that day', () => {
    const a = period('2025-01-01', '2025-03-01');
    const b = period('2025-03-01', '2025-06-30');
    expect(overlaps(a, b)).toBe(true);
    expect(intersection(a, b)).toEqual(period('2025-03-01', '2025-03-01'));
  });

  it('periods that meet end to end without a shared day do not overlap', () => {
    expect(overlaps(period('2025-01-01', '2025-02-28'), period('2025-03-01', null))).toBe(false);
    expect(intersection(period('2025-01-01', '2025-02-28'), period('2025-03-01', null))).toBeNull();
  });

  it('the intersection of two open-ended periods is open-ended from the later start', () => {
    expect(intersection(period('2025-01-01', null), period('2025-03-01', null))).toEqual(period('2025-03-01', null));
  });

  it('overlaps is symmetric for any two periods', () => {
    fc.assert(
      fc.property(anyPeriod, anyPeriod, (a, b) => {
        expect(overlaps(a, b)).toBe(overlaps(b, a));
      }),
    );
  });

  it('the intersection of any two periods lies inside both and holds exactly the shared days', () => {
    fc.assert(
      fc.property(anyPeriod, anyPeriod, anyDate, (a, b, day) => {
        const both = intersection(a, b);
        expect(both !== null && contains(both, day)).toBe(contains(a, day) && contains(b, day));
        if (both !== null) {
          expect(contains(a, both.start) && contains(b, both.start)).toBe(true);
          if (both.end !== null) expect(contains(a, both.end) && contains(b, both.end)).toBe(true);
        }
      }),
    );
  });
});

describe('months of periods', () => {
  it('lists every month a period touches, including part months at each end', () => {
    expect(isoMonths(monthsOf(period('2024-11-15', '2025-02-01')))).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });

  it('refuses to list the months of an open-ended period', () => {
    expect(() => monthsOf(period('2025-01-01', null))).toThrow(RangeError);
  });

  it('lists the months of any period without gaps or repeats, from its first month to its last', () => {
    fc.assert(
      fc.property(boundedPeriod, (p) => {
        const months = monthsOf(p);
        const iso = isoMonths(months);
        expect(iso[0]).toBe(formatYearMonth(monthOf(p.start)));
        expect(iso.at(-1)).toBe(p.end && formatYearMonth(monthOf(p.end)));
        months.slice(1).forEach((m, i) => {
          expect(iso[i] && formatYearMonth(m.subtract({ months: 1 }))).toBe(iso[i]);
        });
        expect(months.every((m) => overlaps(monthPeriod(m), p))).toBe(true);
      }),
    );
  });

  it('the two-attending months are those in which both training periods have a day', () => {
    const a = period('2025-01-06', '2025-06-27');
    const b = period('2025-03-31', '2025-12-19');
    expect(isoMonths(monthsOverlapping(a, b))).toEqual(['2025-03', '2025-04', '2025-05', '2025-06']);
  });

  it('periods that do not overlap have no months in common, even within the same month', () => {
    expect(monthsOverlapping(period('2025-03-01', '2025-03-10'), period('2025-03-20', '2025-04-30'))).toEqual([]);
  });

  it('an open-ended period shares the months of the bounded one it overlaps', () => {
    expect(isoMonths(monthsOverlapping(period('2025-03-01', null), period('2025-01-01', '2025-04-15')))).toEqual(['2025-03', '2025-04']);
  });
});

describe('effective-dated history', () => {
  const entry = (from: string, recordedSeq: number, value: string): Dated<string> => ({
    effectiveFrom: d(from),
    recordedSeq,
    value,
  });
  const history = [entry('2025-01-01', 1, 'single'), entry('2025-06-01', 2, 'partnered'), entry('2025-01-01', 3, 'single (corrected)')];

  it('has nothing in force before the first effective date', () => {
    expect(asOf(history, d('2024-12-31'))).toBeUndefined();
  });

  it('takes the entry in force on its first day', () => {
    expect(asOf(history, d('2025-06-01'))?.value).toBe('partnered');
  });

  it('lets a later-recorded correction for the same date win', () => {
    expect(asOf(history, d('2025-05-31'))?.value).toBe('single (corrected)');
  });

  it('turns the history into consecutive periods, dropping superseded entries, the last one open', () => {
    const rows = timeline(history).map((r) => [formatDate(r.from), r.to && formatDate(r.to), r.value, r.recordedSeq]);
    expect(rows).toEqual([
      ['2025-01-01', '2025-05-31', 'single (corrected)', 3],
      ['2025-06-01', null, 'partnered', 2],
    ]);
  });

  it('gives an empty timeline for an empty history', () => {
    expect(timeline([])).toEqual([]);
  });

  const anyHistory = fc
    .array(fc.tuple(anyDate, fc.integer({ min: 0, max: 999 })), { minLength: 1, maxLength: 12 })
    .map((rows) => rows.map(([effectiveFrom, value], i): Dated<number> => ({ effectiveFrom, recordedSeq: i, value })));

  it('asOf picks the latest effective entry on or before the date, the latest recorded among equals', () => {
    fc.assert(
      fc.property(anyHistory, anyDate, (h, day) => {
        const candidates = h.filter((e) => !isAfter(e.effectiveFrom, day));
        const found = asOf(h, day);
        expect(found === undefined).toBe(candidates.length === 0);
        if (found === undefined) return;
        expect(candidates).toContain(found);
        for (const e of candidates) {
          const byDate = compareDates(e.effectiveFrom, found.effectiveFrom);
          expect(byDate < 0 || (byDate === 0 && e.recordedSeq <= found.recordedSeq)).toBe(true);
        }
      }),
    );
  });

  it('the timeline covers each day from the first entry with the value asOf gives for it', () => {
    fc.assert(
      fc.property(anyHistory, anyDate, (h, day) => {
        const rows = timeline(h);
        const covering = rows.filter((r) => contains({ start: r.from, end: r.to }, day));
        expect(covering.length).toBeLessThanOrEqual(1);
        expect(covering[0]?.recordedSeq).toBe(asOf(h, day)?.recordedSeq);
        rows.slice(1).forEach((r, i) => {
          const before = rows[i]?.to;
          expect(before && formatDate(addDays(before, 1))).toBe(formatDate(r.from));
        });
      }),
    );
  });
});
