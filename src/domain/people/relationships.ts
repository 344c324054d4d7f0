/**
 * Relationships and households (docs/records-and-statuses.md "Records"): spouse/partner (married, common-law, adult
 * interdependent partner) or dependant, each with from/to dates (inclusive; `end` null = ongoing).
 * A household at a date is the person, their partner then, and the dependants of either then.
 * Two attending (E04) reads households through `householdAsOf`.
 */

import { WithArticle } from '../articles.ts';
import { compareDates, contains, overlaps, type Period, type PlainDate } from '../calendar.ts';
import { dateInWords } from '../dates-in-words.ts';
import type { Refusal } from '../refusal.ts';

export const RELATIONSHIP_SUBTYPES = {
  spouse: ['married', 'common-law', 'adult-interdependent'],
  dependant: ['child', 'other'],
} as const;
export type RelationshipKind = keyof typeof RELATIONSHIP_SUBTYPES;

export interface Relationship {
  readonly id: string;
  readonly kind: RelationshipKind;
  readonly subtype: string;
  /** Dependant: the dependant. Spouse: one partner. */
  readonly personId: string;
  /** Dependant: the adult they depend on. Spouse: the other partner. */
  readonly relatedPersonId: string;
  readonly period: Period;
}

export type NewRelationship = Omit<Relationship, 'id'>;

const RULE = 'Waypoint relationships';

/** The dates of birth of the two people, by person id, as registered. */
export type BirthDates = Readonly<Record<string, PlainDate | null | undefined>>;

/**
 * A relationship cannot start before either person was born: a partnership before a partner's
 * birth, or a dependant relationship before the child's (or the supporter's) birth. Our reading
 * (docs/policy/r03-service-management.md, "Dates the world allows").
 */
function checkStartAfterBirths(candidate: NewRelationship, births: BirthDates): Refusal[] {
  for (const [role, id] of [
    ['personId', candidate.personId],
    ['relatedPersonId', candidate.relatedPersonId],
  ] as const) {
    const born = births[id];
    if (born && compareDates(candidate.period.start, born) < 0) {
      const who = candidate.kind === 'spouse' ? 'a partner' : role === 'personId' ? 'the dependant' : 'the person they depend on';
      return [
        {
          code: 'DATE_BEFORE_BIRTH',
          rule: RULE,
          field: 'startDate',
          detail: `The relationship cannot start on ${dateInWords(candidate.period.start)}, before ${who} was born (${dateInWords(born)}).`,
          facts: { personId: id, birthDate: born.toString() },
        },
      ];
    }
  }
  return [];
}

/** Checks a new relationship against the people's births and the relationships already recorded for either person. */
export function checkNewRelationship(candidate: NewRelationship, existing: readonly Relationship[], births: BirthDates): Refusal[] {
  const refusals: Refusal[] = [...checkStartAfterBirths(candidate, births)];
  if (candidate.personId === candidate.relatedPersonId) {
    refusals.push({
      code: 'RELATIONSHIP_WITH_SELF',
      rule: RULE,
      field: 'relatedPersonId',
      detail: 'A person cannot be related to themselves.',
    });
  }
  if (candidate.period.end && compareDates(candidate.period.end, candidate.period.start) < 0) {
    refusals.push({ code: 'END_BEFORE_START', rule: RULE, field: 'endDate', detail: 'The end date is before the start date.' });
  }
  const allowed: readonly string[] = RELATIONSHIP_SUBTYPES[candidate.kind];
  if (!allowed.includes(candidate.subtype)) {
    refusals.push({
      code: 'INVALID_FORMAT',
      rule: RULE,
      field: 'subtype',
      detail: `${WithArticle(candidate.kind)} relationship is one of: ${allowed.join(', ')}.`,
    });
  }
  if (refusals.length > 0) return refusals;

  const samePair = (r: Relationship) =>
    (r.personId === candidate.personId && r.relatedPersonId === candidate.relatedPersonId) ||
    (candidate.kind === 'spouse' && r.personId === candidate.relatedPersonId && r.relatedPersonId === candidate.personId);
  const duplicate = existing.find((r) => r.kind === candidate.kind && samePair(r) && overlaps(r.period, candidate.period));
  if (duplicate) {
    return [
      {
        code: 'RELATIONSHIP_ALREADY_RECORDED',
        rule: RULE,
        field: 'startDate',
        detail: 'This relationship is already recorded for an overlapping period.',
        facts: { relationshipId: duplicate.id },
      },
    ];
  }
  // Partners are not each other's dependants, and a dependant does not support the one they depend on.
  const conflicting = existing.find(
    (r) =>
      overlaps(r.period, candidate.period) &&
      ((r.personId === candidate.personId && r.relatedPersonId === candidate.relatedPersonId) ||
        (r.personId === candidate.relatedPersonId && r.relatedPersonId === candidate.personId)) &&
      (r.kind !== candidate.kind || candidate.kind === 'dependant'),
  );
  if (conflicting) {
    return [
      {
        code: 'CONFLICTING_RELATIONSHIP',
        rule: RULE,
        field: 'kind',
        detail:
          conflicting.kind === candidate.kind
            ? "These two people are already recorded as each other's dependant for that period; one cannot depend on the other both ways."
            : `These two people are already recorded as ${conflicting.kind === 'spouse' ? 'partners' : 'dependant and supporter'} for that period.`,
        facts: { relationshipId: conflicting.id },
      },
    ];
  }
  if (candidate.kind === 'spouse') {
    for (const side of [candidate.personId, candidate.relatedPersonId]) {
      const clash = existing.find(
        (r) => r.kind === 'spouse' && (r.personId === side || r.relatedPersonId === side) && overlaps(r.period, candidate.period),
      );
      if (clash) {
        refusals.push({
          code: 'PARTNER_PERIOD_OVERLAPS',
          rule: RULE,
          field: side === candidate.personId ? 'personId' : 'relatedPersonId',
          detail: 'This person already has a spouse or partner for part of that period; end that relationship first.',
          facts: { relationshipId: clash.id },
        });
      }
    }
  }
  return refusals;
}

/**
 * Ending a relationship: an ongoing one can end; one with an end date can be ended earlier (never
 * extended this way); it cannot end before it started.
 */
export function checkEndRelationship(relationship: Relationship, endDate: PlainDate): Refusal[] {
  if (relationship.period.end && compareDates(endDate, relationship.period.end) >= 0) {
    return [
      {
        code: 'RELATIONSHIP_ALREADY_ENDED',
        rule: RULE,
        field: 'endDate',
        detail: `This relationship already ends on ${dateInWords(relationship.period.end)}; it can only be ended earlier.`,
      },
    ];
  }
  if (compareDates(endDate, relationship.period.start) < 0) {
    return [{ code: 'END_BEFORE_START', rule: RULE, field: 'endDate', detail: 'The end date is before the start date.' }];
  }
  return [];
}

export interface Household {
  readonly asOf: PlainDate;
  readonly personId: string;
  readonly partnerId: string | null;
  readonly dependantIds: readonly string[];
}

/** The household of `personId` on `date`: their partner then and the dependants of either. */
export function householdAsOf(personId: string, relationships: readonly Relationship[], date: PlainDate): Household {
  const inForce = relationships.filter((r) => contains(r.period, date));
  const partnership = inForce.find((r) => r.kind === 'spouse' && (r.personId === personId || r.relatedPersonId === personId));
  const partnerId = partnership ? (partnership.personId === personId ? partnership.relatedPersonId : partnership.personId) : null;
  const adults = new Set([personId, ...(partnerId ? [partnerId] : [])]);
  // An adult of the household is never also its dependant, whatever was keyed.
  const dependantIds = [
    ...new Set(
      inForce.filter((r) => r.kind === 'dependant' && adults.has(r.relatedPersonId) && !adults.has(r.personId)).map((r) => r.personId),
    ),
  ];
  return { asOf: date, personId, partnerId, dependantIds: dependantIds.sort() };
}

/**
 * The household of `personId` during a month (benefit months): the partner whose relationship
 * touches the month (the latest to start, if two do) and the dependants of either adult whose
 * relationship touches the month. The household calculator and real cases both use this.
 */
export function householdInMonth(
  personId: string,
  relationships: readonly Relationship[],
  month: Period,
): { adults: string[]; children: string[] } {
  const touching = relationships.filter((r) => overlaps(r.period, month));
  const partnership = touching
    .filter((r) => r.kind === 'spouse' && (r.personId === personId || r.relatedPersonId === personId))
    .sort((a, b) => compareDates(b.period.start, a.period.start))[0];
  const adults = partnership
    ? [personId, partnership.personId === personId ? partnership.relatedPersonId : partnership.personId]
    : [personId];
  const children = [
    ...new Set(
      touching
        .filter((r) => r.kind === 'dependant' && adults.includes(r.relatedPersonId) && !adults.includes(r.personId))
        .map((r) => r.personId),
    ),
  ].sort();
  return { adults, children };
}
