/**
 * Effective-dated policy values (docs/style.md 2): each period has a from date, an inclusive to date or
 * null (still in force), and its source. Periods must not overlap or leave gaps; asking for a date
 * outside their coverage is an error, never a silent default.
 */
import { Temporal } from 'temporal-polyfill';
import { addDays, compareDates, type PlainDate } from '../domain/calendar.ts';

export interface EffectivePeriod {
  readonly from: string;
  readonly to: string | null;
}

export class PolicyCoverageError extends Error {
  constructor(
    readonly table: string,
    readonly date: PlainDate,
  ) {
    super(`No ${table} policy is in force on ${date.toString()}.`);
    this.name = 'PolicyCoverageError';
  }
}

/** Problems with a list of periods: order, overlaps, gaps. Empty when the list is sound. */
export function coverageProblems(periods: readonly EffectivePeriod[]): string[] {
  const problems: string[] = [];
  periods.forEach((p, i) => {
    if (p.to && compareDates(Temporal.PlainDate.from(p.to), Temporal.PlainDate.from(p.from)) < 0)
      problems.push(`entry ${i}: "to" ${p.to} is before "from" ${p.from}`);
    const next = periods[i + 1];
    if (!next) return;
    if (p.to === null) {
      problems.push(`entry ${i}: open-ended but followed by entry ${i + 1}`);
      return;
    }
    const expected = addDays(Temporal.PlainDate.from(p.to), 1).toString();
    if (next.from !== expected)
      problems.push(`entry ${i + 1}: starts ${next.from}, but entry ${i} ends ${p.to} (expected ${expected}: no gap, no overlap)`);
  });
  return problems;
}

/** The period in force on `date`. */
export function inForce<T extends EffectivePeriod>(table: string, periods: readonly T[], date: PlainDate): T {
  const found = periods.find(
    (p) =>
      compareDates(Temporal.PlainDate.from(p.from), date) <= 0 && (p.to === null || compareDates(date, Temporal.PlainDate.from(p.to)) <= 0),
  );
  if (!found) throw new PolicyCoverageError(table, date);
  return found;
}
