/**
 * What makes a piece of evidence acceptable on a learner's case (issue: "invalid evidence — negative
 * amounts, periods outside the PDC, unknown types, more than two decimals — is refused"). Amount
 * precision is checked where text becomes Money; the rest is here.
 */

import { WithArticle } from '../articles.ts';
import { compareDates, overlaps, type Period } from '../calendar.ts';
import { periodInWords } from '../dates-in-words.ts';
import { isNegative, type Money } from '../money.ts';
import type { Refusal } from '../refusal.ts';
import { basisOf, EVIDENCE_TYPES, evidenceType } from './evidence.ts';

export interface EvidenceInput {
  readonly type: string;
  readonly subtype: string | null;
  readonly personId: string | null;
  readonly amount: Money | null;
  readonly period: Period;
}

const RULE = 'Waypoint evidence rules';

export function checkEvidence(input: EvidenceInput, training: Period, householdMembers: readonly string[]): Refusal[] {
  const type = evidenceType(input.type);
  if (!type) {
    return [
      {
        code: 'UNKNOWN_EVIDENCE_TYPE',
        rule: RULE,
        field: 'type',
        detail: `Evidence types are: ${EVIDENCE_TYPES.map((t) => t.code).join(', ')}.`,
      },
    ];
  }
  const refusals: Refusal[] = [];
  if (input.subtype !== null && !type.subtypes.includes(input.subtype)) {
    refusals.push({
      code: 'UNKNOWN_SUBTYPE',
      rule: RULE,
      field: 'subtype',
      detail: type.subtypes.length ? `${type.label} is one of: ${type.subtypes.join(', ')}.` : `${type.label} has no subtypes.`,
    });
  }
  if (type.subtypeRequired && input.subtype === null) {
    refusals.push({
      code: 'REQUIRED',
      rule: RULE,
      field: 'subtype',
      detail: `${type.label} needs a subtype: ${type.subtypes.join(', ')}.`,
    });
  }
  if (type.personRequired && input.personId === null) {
    refusals.push({ code: 'REQUIRED', rule: RULE, field: 'personId', detail: `${type.label} names the household member it is about.` });
  }
  if (input.personId !== null && !householdMembers.includes(input.personId)) {
    refusals.push({
      code: 'NOT_IN_HOUSEHOLD',
      rule: RULE,
      field: 'personId',
      detail: "That person is not in the learner's household during the training.",
    });
  }
  const needsAmount = type.basis !== 'none' && type.code !== 'shelter';
  if (needsAmount && input.amount === null)
    refusals.push({ code: 'REQUIRED', rule: RULE, field: 'amount', detail: `${type.label} needs an amount.` });
  if (!needsAmount && type.code !== 'shelter' && input.amount !== null)
    refusals.push({ code: 'INVALID_FORMAT', rule: RULE, field: 'amount', detail: `${type.label} has no amount.` });
  if (input.amount !== null && isNegative(input.amount) && !type.signed) {
    refusals.push({
      code: 'NEGATIVE_AMOUNT',
      rule: RULE,
      field: 'amount',
      detail: `${WithArticle(type.label)} amount cannot be negative.`,
    });
  }
  if (input.period.end && compareDates(input.period.end, input.period.start) < 0) {
    refusals.push({ code: 'END_BEFORE_START', rule: RULE, field: 'period.end', detail: 'The period ends before it starts.' });
  } else if (!overlaps(input.period, training)) {
    refusals.push({
      code: 'PERIOD_OUTSIDE_PDC',
      rule: RULE,
      field: 'period',
      detail: `The period does not touch the training (${periodInWords(training.start, training.end)}) this case funds.`,
    });
  }
  if (basisOf(type, input.subtype) === 'period-total' && input.period.end === null) {
    refusals.push({ code: 'REQUIRED', rule: RULE, field: 'period.end', detail: 'A lump sum needs the period it covers.' });
  }
  return refusals;
}
