/**
 * A person's household month by month (people/relationships.ts `householdInMonth`: the person, their
 * partner and dependants then), for a determination's `householdOf`: the household in a month depends only on which
 * relationships touch the month, so it is worked out once per person and set of relationships
 * touching, and that answer is given for every month with the same set.
 */
import { dateOrdinal, monthIndex, monthPeriodAt, type PlainYearMonth } from '../calendar.ts';
import { householdInMonth, type Relationship } from './relationships.ts';

export type HouseholdInMonth = { readonly adults: readonly string[]; readonly children: readonly string[] };

export function householdsByMonth(relationships: readonly Relationship[]): (personId: string, month: PlainYearMonth) => HouseholdInMonth {
  const atIndex = householdsByMonthIndex(relationships);
  return (personId, month) => atIndex(personId, monthIndex(month));
}

/** `householdsByMonth` with the month as an integer (calendar.ts `monthIndex`): no month object built per question. */
export function householdsByMonthIndex(relationships: readonly Relationship[]): (personId: string, index: number) => HouseholdInMonth {
  // The months each relationship touches, as integer months (none when it ends before it starts).
  const spans = relationships.map((r) => {
    const valid = r.period.end === null || dateOrdinal(r.period.end) >= dateOrdinal(r.period.start);
    return { first: valid ? monthIndex(r.period.start) : Infinity, last: r.period.end === null ? Infinity : monthIndex(r.period.end) };
  });
  const known = new Map<string, Map<number | string, HouseholdInMonth>>();
  // Which relationships touch the month: a bit each (as text beyond 30 relationships).
  const touchingIn = (index: number): number | string => {
    if (spans.length > 30) return spans.map((s) => (s.first <= index && index <= s.last ? '1' : '0')).join('');
    let bits = 0;
    for (let i = 0; i < spans.length; i++) if (spans[i]!.first <= index && index <= spans[i]!.last) bits |= 1 << i;
    return bits;
  };
  return (personId, index) => {
    const touching = touchingIn(index);
    let byTouching = known.get(personId);
    if (!byTouching) known.set(personId, (byTouching = new Map()));
    let household = byTouching.get(touching);
    if (!household) byTouching.set(touching, (household = householdInMonth(personId, relationships, monthPeriodAt(index))));
    return household;
  };
}
