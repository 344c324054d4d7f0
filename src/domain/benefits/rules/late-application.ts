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
import { ZERO } from '../../money.ts';
import type { Component, MonthResult } from '../components.ts';

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
