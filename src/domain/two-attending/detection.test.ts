/** E04 Trigger (docs/policy/e04-two-attending.md "Who is two attending"): which months are two attending. */
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { Attendance } from '../benefits/household-month.ts';
import { findSituations, twoAttendingMonths } from './detection.ts';

const at = (personId: string, start: string, end: string, load: Attendance['load'] = 'full-time'): Attendance => ({
  personId,
  training: { start: Temporal.PlainDate.from(start), end: Temporal.PlainDate.from(end) },
  load,
});

describe('two attending needs two full-time learners', () => {
  it('finding 3: partners whose training overlaps are not two attending when one of them is part-time', () => {
    expect(twoAttendingMonths(at('A', '2025-03-03', '2025-08-29'), at('B', '2025-03-03', '2025-08-29', 'part-time'), () => true)).toEqual(
      [],
    );
    const cases = [
      { pdcId: 'p1', attendance: at('A', '2025-03-03', '2025-08-29') },
      { pdcId: 'p2', attendance: at('B', '2025-03-03', '2025-08-29', 'part-time') },
    ];
    expect(findSituations(cases, () => true)).toEqual([]);
  });

  it('two full-time partners are two attending in every month both attend while partners', () => {
    const months = twoAttendingMonths(at('A', '2025-03-03', '2025-08-29'), at('B', '2025-05-01', '2025-10-31'), (m) => m.month <= 7);
    expect(months.map((m) => m.toString())).toEqual(['2025-05', '2025-06', '2025-07']);
  });
});
