/**
 * Policy page: docs/policy/r03-service-management.md (our wording of R03.1 and our readings).
 * Integrated Case (R03 pre-condition 2: "an Integrated Case exists"): one per individual, the
 * umbrella for their assessments, Service Plan and product delivery cases. A person has at most
 * one open Integrated Case; a closed one can be reopened when no other is open.
 */
import { compareDates, type PlainDate } from '../calendar.ts';
import { dateInWords } from '../dates-in-words.ts';
import type { Refusal } from '../refusal.ts';

export type CaseStatus = 'open' | 'closed';
export interface IntegratedCaseState {
  readonly id: string;
  readonly status: CaseStatus;
  readonly openedOn: PlainDate;
  readonly closedOn: PlainDate | null;
}

const RULE = 'R03 pre-condition 2';
const VERB = { openedOn: 'opened', closedOn: 'closed' } as const;

/** What has happened is recorded, not what may: a case is not opened or closed on a day still to come. */
function notInFuture(date: PlainDate, today: PlainDate, field: 'openedOn' | 'closedOn'): Refusal[] {
  return compareDates(date, today) > 0
    ? [
        {
          code: 'DATE_IN_FUTURE',
          rule: RULE,
          field,
          detail: `A case cannot be ${VERB[field]} on a day still to come (${dateInWords(date)}); today is ${dateInWords(today)}.`,
        },
      ]
    : [];
}

/** A person has at most one open case. */
function noOtherOpenCase(existing: readonly IntegratedCaseState[]): Refusal[] {
  const open = existing.find((c) => c.status === 'open');
  return open
    ? [
        {
          code: 'CASE_ALREADY_OPEN',
          rule: RULE,
          field: 'personId',
          detail: 'This person already has an open Integrated Case.',
          facts: { caseId: open.id },
        },
      ]
    : [];
}

/** A new Integrated Case opens only when the person has no open one, and not on a future day. */
export function checkOpenCase(existing: readonly IntegratedCaseState[], openedOn: PlainDate, today: PlainDate): Refusal[] {
  const refusals = noOtherOpenCase(existing);
  return refusals.length ? refusals : notInFuture(openedOn, today, 'openedOn');
}

/** Closing: the case must be open, cannot close before it opened, nor on a future day. */
export function checkCloseCase(c: IntegratedCaseState, closedOn: PlainDate, today: PlainDate): Refusal[] {
  if (c.status !== 'open') return [{ code: 'CASE_NOT_OPEN', rule: RULE, detail: 'This Integrated Case is not open.' }];
  if (compareDates(closedOn, c.openedOn) < 0) {
    return [{ code: 'END_BEFORE_START', rule: RULE, field: 'closedOn', detail: 'A case cannot close before the day it opened.' }];
  }
  return notInFuture(closedOn, today, 'closedOn');
}

/** Reopening: the case must be closed and the person must have no other open case. */
export function checkReopenCase(c: IntegratedCaseState, others: readonly IntegratedCaseState[]): Refusal[] {
  if (c.status !== 'closed') return [{ code: 'CASE_NOT_CLOSED', rule: RULE, detail: 'This Integrated Case is not closed.' }];
  return noOtherOpenCase(others.filter((o) => o.id !== c.id));
}
