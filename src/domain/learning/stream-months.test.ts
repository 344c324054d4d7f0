/** Counting training months (ETS4360): the 16th-day rule, months per stream and combined. */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { countedMonths, countStreams } from './stream-months.ts';
import { POLICY } from './test-policy.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);
const months = (start: string, end: string) => countedMonths({ start: d(start), end: d(end) }, 16).map(String);

describe('a session counts the month it starts in only when it starts before the 16th (ETS4360)', () => {
  it('a session starting on the 15th counts that month', () => {
    expect(months('2025-09-15', '2025-11-30')).toEqual(['2025-09', '2025-10', '2025-11']);
  });

  it('a session starting on the 16th counts from the next month', () => {
    expect(months('2025-09-16', '2025-11-30')).toEqual(['2025-10', '2025-11']);
  });

  it('the month a session ends in counts, whatever the day', () => {
    expect(months('2025-09-01', '2025-10-01')).toEqual(['2025-09', '2025-10']);
  });

  it('a session starting after the 15th and ending in the same month counts no month', () => {
    expect(months('2025-09-20', '2025-09-30')).toEqual([]);
  });
});

describe('the learning stream counter', () => {
  it('counts months per stream, and each month once in the combined count', () => {
    const counter = countStreams(
      [
        { stream: 'esl', start: d('2024-01-08'), end: d('2024-06-30') },
        { stream: 'academic-upgrading', start: d('2024-06-03'), end: d('2024-08-30') },
      ],
      POLICY,
    );
    expect(counter.streams.find((s) => s.code === 'esl')?.months).toBe(6);
    expect(counter.streams.find((s) => s.code === 'academic-upgrading')?.months).toBe(3);
    // June is in both streams: 6 + 3 - 1.
    expect(counter.combined.months).toBe(6 + 3 - 1);
  });

  it('two sessions of one stream in the same month count that month once', () => {
    const counter = countStreams(
      [
        { stream: 'esl', start: d('2024-01-08'), end: d('2024-01-20') },
        { stream: 'esl', start: d('2024-01-22'), end: d('2024-02-10') },
      ],
      POLICY,
    );
    expect(counter.streams.find((s) => s.code === 'esl')?.months).toBe(2);
  });

  it('a learner with low literacy has a combined cap of 30 + 10 months', () => {
    expect(countStreams([], POLICY, { lowLiteracy: true }).combined.capMonths).toBe(30 + 10);
  });

  it('a session without a recorded stream counts in the combined count only', () => {
    const counter = countStreams([{ stream: null, start: d('2024-01-08'), end: d('2024-03-30') }], POLICY);
    expect([counter.unassignedMonths, counter.combined.months, counter.streams.every((s) => s.months === 0)]).toEqual([3, 3, true]);
  });
});

const date = fc
  .record({ y: fc.integer({ min: 2015, max: 2034 }), m: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, day }) => Temporal.PlainDate.from({ year: y, month: m, day }));
const session = fc
  .tuple(date, fc.integer({ min: 0, max: 2000 }), fc.constantFrom('esl', 'basic-skills', 'academic-upgrading', null))
  .map(([start, days, stream]) => ({ stream, start, end: start.add({ days }) }));

describe('counting properties', () => {
  it('a session loses at most its first month to the 16th-day rule', () => {
    fc.assert(
      fc.property(session, (s) => {
        const touched = (s.end.year - s.start.year) * 12 + (s.end.month - s.start.month) + 1;
        expect(countedMonths(s, 16).length).toBe(s.start.day < 16 ? touched : touched - 1);
      }),
    );
  });

  it('counted months never exceed the calendar months the session touches', () => {
    fc.assert(
      fc.property(session, (s) => {
        const touched = (s.end.year - s.start.year) * 12 + (s.end.month - s.start.month) + 1;
        expect(countedMonths(s, 16).length).toBeLessThanOrEqual(touched);
      }),
    );
  });

  it('the combined count is at most the sum of the streams and at least the largest stream', () => {
    fc.assert(
      fc.property(fc.array(session, { maxLength: 6 }), (sessions) => {
        const c = countStreams(sessions, POLICY);
        const counts = [...c.streams.map((s) => s.months), c.unassignedMonths];
        expect(c.combined.months).toBeLessThanOrEqual(counts.reduce((a, b) => a + b, 0));
        expect(c.combined.months).toBeGreaterThanOrEqual(Math.max(0, ...counts));
      }),
    );
  });
});
