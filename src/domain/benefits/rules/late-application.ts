/**
 * E15 late applications (docs/policy/learner-program-rules.md, manual page M7092): a learner who
 * applies after training has started is paid for the whole month in which the application was
 * received, and nothing for the months before it. The old system removed the earlier months with a
 * hand-entered negative Director Approval; here the case records the date its application was
 * received, and each earlier month is determined at zero with this rule's explanation.
 *
 * Our reading: it is a step after the household determination (the months are computed as before,
 * then an earlier month's entitlement becomes zero), so a case with no received date is determined
 * exactly as before, and the month's other components stay visible for the record.
 */
import { formatDate, formatYearMonth, monthOf, type PlainDate, type PlainYearMonth } from '../../calendar.ts';
import { add, clampAtZero, subtract, ZERO } from '../../money.ts';
import type { Component, MonthResult } from '../components.ts';
import type { HouseholdDetermination } from '../determine.ts';

export const LATE_APPLICATION_CODE = 'late-application';
export const LATE_APPLICATION_SOURCE = 'E15 late applications, M7092 (docs/policy/learner-program-rules.md)';

/** The first month a case is paid for: the month its application was received (the whole month). */
export function firstPayableMonth(receivedOn: PlainDate): PlainYearMonth {
  return monthOf(receivedOn);
}

/** Why a month before the application month is not paid, in the words the determination shows. */
export function lateApplicationReason(receivedOn: PlainDate): string {
  return `E15 late application: the application was received on ${formatDate(receivedOn)}; the case is paid from ${formatYearMonth(firstPayableMonth(receivedOn))}, the whole month it arrived, and nothing before it (M7092).`;
}

/** The component that explains a month not paid because the application came later. */
export function lateApplicationComponent(receivedOn: PlainDate): Component {
  return {
    code: LATE_APPLICATION_CODE,
    kind: 'resource',
    amount: ZERO,
    rule: lateApplicationReason(receivedOn),
    source: `Application received ${formatDate(receivedOn)}; ${LATE_APPLICATION_SOURCE}`,
    splits: false,
    whyNotSplit: 'It is not an amount: it says the month is not paid.',
    disqualifies: true,
  };
}

/**
 * The months as paid under E15: a month before the application month keeps its components, gains
 * the late-application component and is determined at zero; the application month and later are
 * unchanged. With no received date, the months are returned unchanged.
 */
export function applyLateApplication<M extends MonthResult>(months: readonly M[], receivedOn: PlainDate | null): M[] {
  if (receivedOn === null) return [...months];
  const first = formatYearMonth(firstPayableMonth(receivedOn));
  return months.map((m) => {
    if (m.month >= first) return m;
    return { ...m, components: [...m.components, lateApplicationComponent(receivedOn)], entitlement: ZERO };
  });
}

/**
 * A household's determination as paid under E15: each learner's months as `applyLateApplication`
 * makes them (their own received date), and each household month less what the learners not paid
 * that month would have had, with the late-application line of each. So the household amount is
 * what the household is paid, and it still equals the learners' entitlements added up, once. This is
 * the one path from the household determination to what a case is paid: the case determination
 * takes its learner's months from it, and the two-attending reconciliation compares with it.
 * With no received date for anyone, the determination is returned as it is.
 */
export function applyLateApplications(
  determination: HouseholdDetermination,
  receivedOn: (personId: string) => PlainDate | null,
): HouseholdDetermination {
  const received = new Map(determination.learners.map((l) => [l.personId, receivedOn(l.personId)] as const));
  if ([...received.values()].every((r) => r === null)) return determination;
  const notPaid = (personId: string, month: string): PlainDate | null => {
    const r = received.get(personId) ?? null;
    return r !== null && month < formatYearMonth(firstPayableMonth(r)) ? r : null;
  };
  const before = new Map(determination.learners.map((l) => [l.personId, new Map(l.months.map((m) => [m.month, m] as const))] as const));
  return {
    ...determination,
    learners: determination.learners.map((l) => ({ ...l, months: applyLateApplication(l.months, received.get(l.personId) ?? null) })),
    household: determination.household.map((r) => {
      // The learners of this household month: those the reconciliation counts per benefit.
      const learners = [...new Set(Object.values(r.byCode).flatMap((c) => Object.keys(c.byLearner)))];
      const late = learners.flatMap((id) => {
        const date = notPaid(id, r.month);
        const month = before.get(id)?.get(r.month);
        return date && month ? [{ date, entitlement: month.entitlement }] : [];
      });
      if (late.length === 0) return r;
      const withheld = late.reduce((t, x) => add(t, x.entitlement), ZERO);
      return {
        ...r,
        household: {
          ...r.household,
          // Not the whole household month: only what the late learner's case would have had is withheld.
          components: [...r.household.components, ...late.map((x) => ({ ...lateApplicationComponent(x.date), disqualifies: false }))],
          entitlement: clampAtZero(subtract(r.household.entitlement, withheld)),
        },
      };
    }),
  };
}
