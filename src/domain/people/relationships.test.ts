/**
 * Unit tests for relationships.ts (Waypoint relationships; households as read by E04 two
 * attending): recording and ending relationships, and the household of a person on a date.
 * Periods include both ends; `end: null` is ongoing.
 */

import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDays, type PlainDate } from '../calendar.ts';
import {
  checkEndRelationship,
  checkNewRelationship,
  householdAsOf,
  type NewRelationship,
  RELATIONSHIP_SUBTYPES,
  type Relationship,
  type RelationshipKind,
} from './relationships.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);
const period = (start: string, end: string | null = null) => ({ start: d(start), end: end === null ? null : d(end) });

/** A spouse/partner relationship between `a` and `b` (married unless told otherwise). */
const spouse = (a: string, b: string, start: string, end: string | null = null, subtype = 'married'): NewRelationship => ({
  kind: 'spouse',
  subtype,
  personId: a,
  relatedPersonId: b,
  period: period(start, end),
});
/** `child` depends on `adult`. */
const dependant = (child: string, adult: string, start: string, end: string | null = null, subtype = 'child'): NewRelationship => ({
  kind: 'dependant',
  subtype,
  personId: child,
  relatedPersonId: adult,
  period: period(start, end),
});
const recorded = (id: string, r: NewRelationship): Relationship => ({ id, ...r });
const codes = (refusals: readonly { code: string }[]) => refusals.map((r) => r.code);
/** No birth dates known: only the relationship rules themselves apply. */
const NO_BIRTHS = {};

describe('a relationship starts when both people are alive (dates the world allows)', () => {
  const births = { ana: d('1990-04-12'), ben: d('1988-11-02'), cal: d('2019-07-20') };

  it('finding 9: a spouse relationship that starts before either person was born is refused as DATE_BEFORE_BIRTH', () => {
    expect(checkNewRelationship(spouse('ana', 'ben', '1989-06-01'), [], births)).toEqual([
      expect.objectContaining({ code: 'DATE_BEFORE_BIRTH', field: 'startDate', facts: { personId: 'ana', birthDate: '1990-04-12' } }),
    ]);
    expect(codes(checkNewRelationship(spouse('ana', 'ben', '1988-01-01'), [], births))).toEqual(['DATE_BEFORE_BIRTH']);
  });

  it("finding 9: a dependant relationship that starts before the child's birth is refused as DATE_BEFORE_BIRTH", () => {
    expect(checkNewRelationship(dependant('cal', 'ana', '2019-01-01'), [], births)).toEqual([
      expect.objectContaining({ code: 'DATE_BEFORE_BIRTH', field: 'startDate', facts: { personId: 'cal', birthDate: '2019-07-20' } }),
    ]);
  });

  it('a relationship may start on the day the later-born person was born', () => {
    expect(checkNewRelationship(dependant('cal', 'ana', '2019-07-20'), [], births)).toEqual([]);
    expect(checkNewRelationship(spouse('ana', 'ben', '2015-05-30'), [], births)).toEqual([]);
  });
});

describe('checkNewRelationship (Waypoint relationships)', () => {
  it.each(
    (Object.keys(RELATIONSHIP_SUBTYPES) as RelationshipKind[]).flatMap((kind) =>
      RELATIONSHIP_SUBTYPES[kind].map((subtype) => [kind, subtype] as const),
    ),
  )('a %s relationship of subtype %j is accepted', (kind, subtype) => {
    expect(
      checkNewRelationship({ kind, subtype, personId: 'ana', relatedPersonId: 'ben', period: period('2020-01-01') }, [], NO_BIRTHS),
    ).toEqual([]);
  });

  it('a relationship with self is refused', () => {
    expect(checkNewRelationship(spouse('ana', 'ana', '2020-01-01'), [], NO_BIRTHS)).toEqual([
      {
        code: 'RELATIONSHIP_WITH_SELF',
        rule: 'Waypoint relationships',
        field: 'relatedPersonId',
        detail: 'A person cannot be related to themselves.',
      },
    ]);
  });

  it('a relationship that ends before it starts is refused', () => {
    expect(checkNewRelationship(spouse('ana', 'ben', '2020-01-01', '2019-12-31'), [], NO_BIRTHS)).toEqual([
      { code: 'END_BEFORE_START', rule: 'Waypoint relationships', field: 'endDate', detail: 'The end date is before the start date.' },
    ]);
  });

  it('a relationship that starts and ends on the same day is accepted (both ends are inclusive)', () => {
    expect(checkNewRelationship(dependant('cal', 'ana', '2020-01-01', '2020-01-01'), [], NO_BIRTHS)).toEqual([]);
  });

  it('an unknown subtype is refused, naming the subtypes allowed for that kind', () => {
    const refusals = checkNewRelationship(spouse('ana', 'ben', '2020-01-01', null, 'engaged'), [], NO_BIRTHS);
    expect(codes(refusals)).toEqual(['INVALID_FORMAT']);
    expect(refusals[0]?.field).toBe('subtype');
    expect(refusals[0]?.detail).toBe('A spouse relationship is one of: married, common-law, adult-interdependent.');
  });

  it('a dependant subtype is refused for a spouse relationship', () => {
    expect(codes(checkNewRelationship(spouse('ana', 'ben', '2020-01-01', null, 'child'), [], NO_BIRTHS))).toEqual(['INVALID_FORMAT']);
  });

  it('a relationship with self, ending before it starts, of an unknown subtype has all three faults reported', () => {
    const refusals = checkNewRelationship(dependant('ana', 'ana', '2020-01-01', '2019-01-01', 'cousin'), [], NO_BIRTHS);
    expect(codes(refusals)).toEqual(['RELATIONSHIP_WITH_SELF', 'END_BEFORE_START', 'INVALID_FORMAT']);
  });

  describe('one spouse or partner at a time', () => {
    const anaAndBen = recorded('r1', spouse('ana', 'ben', '2020-01-01', null, 'common-law'));

    it('an overlapping second partner is refused for the person', () => {
      expect(checkNewRelationship(spouse('ana', 'cy', '2024-05-01'), [anaAndBen], NO_BIRTHS)).toEqual([
        {
          code: 'PARTNER_PERIOD_OVERLAPS',
          rule: 'Waypoint relationships',
          field: 'personId',
          detail: 'This person already has a spouse or partner for part of that period; end that relationship first.',
          facts: { relationshipId: 'r1' },
        },
      ]);
    });

    it('an overlapping second partner is refused for the related person', () => {
      const refusals = checkNewRelationship(spouse('cy', 'ben', '2024-05-01'), [anaAndBen], NO_BIRTHS);
      expect(codes(refusals)).toEqual(['PARTNER_PERIOD_OVERLAPS']);
      expect(refusals[0]?.field).toBe('relatedPersonId');
      expect(refusals[0]?.facts).toEqual({ relationshipId: 'r1' });
    });

    it('an overlapping partner is found whichever side of the existing relationship the person was recorded on', () => {
      // Ben is the relatedPersonId of r1 and the personId of the candidate.
      const refusals = checkNewRelationship(spouse('ben', 'cy', '2024-05-01'), [anaAndBen], NO_BIRTHS);
      expect(refusals.map((r) => r.field)).toEqual(['personId']);
    });

    it('when both people already have other partners, each side is refused', () => {
      const cyAndDee = recorded('r2', spouse('cy', 'dee', '2022-01-01'));
      const refusals = checkNewRelationship(spouse('ana', 'cy', '2024-05-01'), [anaAndBen, cyAndDee], NO_BIRTHS);
      expect(refusals.map((r) => [r.code, r.field, r.facts?.relationshipId])).toEqual([
        ['PARTNER_PERIOD_OVERLAPS', 'personId', 'r1'],
        ['PARTNER_PERIOD_OVERLAPS', 'relatedPersonId', 'r2'],
      ]);
    });

    it('a partner after the first relationship ended is allowed', () => {
      const ended = recorded('r1', spouse('ana', 'ben', '2020-01-01', '2024-06-30'));
      expect(checkNewRelationship(spouse('ana', 'cy', '2024-07-01'), [ended], NO_BIRTHS)).toEqual([]);
    });

    it('a new partner from the day the first relationship ended shares that day and is refused', () => {
      const ended = recorded('r1', spouse('ana', 'ben', '2020-01-01', '2024-06-30'));
      expect(codes(checkNewRelationship(spouse('ana', 'cy', '2024-06-30'), [ended], NO_BIRTHS))).toEqual(['PARTNER_PERIOD_OVERLAPS']);
    });

    it('an earlier partnership that ended before the current one began is allowed', () => {
      expect(checkNewRelationship(spouse('ana', 'cy', '2015-03-01', '2019-12-31'), [anaAndBen], NO_BIRTHS)).toEqual([]);
    });

    it('dependants do not count as partners', () => {
      const child = recorded('r3', dependant('cal', 'ana', '2018-01-01'));
      expect(checkNewRelationship(spouse('ana', 'ben', '2020-01-01'), [child], NO_BIRTHS)).toEqual([]);
    });
  });

  describe('duplicates', () => {
    const anaAndBen = recorded('r1', spouse('ana', 'ben', '2020-01-01'));

    it('the same relationship recorded again for an overlapping period is refused as a duplicate, with no other reason', () => {
      expect(checkNewRelationship(spouse('ana', 'ben', '2023-01-01', null, 'common-law'), [anaAndBen], NO_BIRTHS)).toEqual([
        {
          code: 'RELATIONSHIP_ALREADY_RECORDED',
          rule: 'Waypoint relationships',
          field: 'startDate',
          detail: 'This relationship is already recorded for an overlapping period.',
          facts: { relationshipId: 'r1' },
        },
      ]);
    });

    it('a spouse relationship recorded the other way round is the same relationship', () => {
      expect(codes(checkNewRelationship(spouse('ben', 'ana', '2023-01-01'), [anaAndBen], NO_BIRTHS))).toEqual([
        'RELATIONSHIP_ALREADY_RECORDED',
      ]);
    });

    it('the same dependant of the same adult recorded again for an overlapping period is refused', () => {
      const child = recorded('r2', dependant('cal', 'ana', '2018-01-01', '2030-12-31'));
      expect(codes(checkNewRelationship(dependant('cal', 'ana', '2030-12-31'), [child], NO_BIRTHS))).toEqual([
        'RELATIONSHIP_ALREADY_RECORDED',
      ]);
    });

    it('the same couple can be recorded again for a later, separate period', () => {
      const divorced = recorded('r1', spouse('ana', 'ben', '2010-01-01', '2015-12-31'));
      expect(checkNewRelationship(spouse('ana', 'ben', '2020-01-01'), [divorced], NO_BIRTHS)).toEqual([]);
    });

    it('a child may be the dependant of both partners at once', () => {
      const ofAna = recorded('r2', dependant('cal', 'ana', '2018-01-01'));
      expect(checkNewRelationship(dependant('cal', 'ben', '2020-01-01'), [anaAndBen, ofAna], NO_BIRTHS)).toEqual([]);
    });
  });
});

describe('checkEndRelationship (Waypoint relationships)', () => {
  const ongoing = recorded('r1', spouse('ana', 'ben', '2020-01-01'));

  it('an ongoing relationship can be ended after it started', () => {
    expect(checkEndRelationship(ongoing, d('2024-06-30'))).toEqual([]);
  });

  it('an ongoing relationship can be ended on the day it started', () => {
    expect(checkEndRelationship(ongoing, d('2020-01-01'))).toEqual([]);
  });

  it('ending a relationship before it started is refused', () => {
    expect(checkEndRelationship(ongoing, d('2019-12-31'))).toEqual([
      { code: 'END_BEFORE_START', rule: 'Waypoint relationships', field: 'endDate', detail: 'The end date is before the start date.' },
    ]);
  });

  it('ending an ended relationship is refused', () => {
    const ended = recorded('r1', spouse('ana', 'ben', '2020-01-01', '2024-06-30'));
    expect(checkEndRelationship(ended, d('2024-12-31'))).toEqual([
      expect.objectContaining({ code: 'RELATIONSHIP_ALREADY_ENDED', rule: 'Waypoint relationships', field: 'endDate' }),
    ]);
  });

  it('a relationship with an end date can be ended earlier', () => {
    const ending = recorded('r1', spouse('ana', 'ben', '2020-01-01', '2026-12-31'));
    expect(checkEndRelationship(ending, d('2026-06-30'))).toEqual([]);
  });

  it('partners cannot also be recorded as dependant and supporter for an overlapping period', () => {
    const partners = [recorded('r1', spouse('ana', 'ben', '2020-01-01'))];
    expect(checkNewRelationship(dependant('ana', 'ben', '2022-01-01', null, 'other'), partners, NO_BIRTHS).map((r) => r.code)).toEqual([
      'CONFLICTING_RELATIONSHIP',
    ]);
  });

  it('a dependant cannot be recorded the other way round as well', () => {
    const existing = [recorded('r1', dependant('cal', 'ana', '2020-01-01'))];
    expect(checkNewRelationship(dependant('ana', 'cal', '2022-01-01', null, 'other'), existing, NO_BIRTHS).map((r) => r.code)).toEqual([
      'CONFLICTING_RELATIONSHIP',
    ]);
  });
});

describe('householdAsOf (the household E04 two attending reads)', () => {
  // Ana's earlier partner Fay (2010..2019) has a child Gus; Ana and Ben are partners from 2020.
  // Cal is Ana's child; Dot is Ben's child from 2021; Eve was Ana's dependant until the end of 2022.
  const family: Relationship[] = [
    recorded('r1', spouse('ana', 'fay', '2010-01-01', '2019-12-31')),
    recorded('r2', dependant('gus', 'fay', '2012-04-01')),
    recorded('r3', spouse('ben', 'ana', '2020-01-01', null, 'common-law')),
    recorded('r4', dependant('cal', 'ana', '2018-05-01')),
    recorded('r5', dependant('dot', 'ben', '2021-03-01')),
    recorded('r6', dependant('eve', 'ana', '2015-01-01', '2022-12-31', 'other')),
  ];

  it('the household as of a date includes the partner then and the dependants of either adult', () => {
    expect(householdAsOf('ana', family, d('2022-06-01'))).toEqual({
      asOf: d('2022-06-01'),
      personId: 'ana',
      partnerId: 'ben',
      dependantIds: ['cal', 'dot', 'eve'],
    });
  });

  it('a relationship is in the household on its last day and excluded once it has ended', () => {
    expect(householdAsOf('ana', family, d('2022-12-31')).dependantIds).toEqual(['cal', 'dot', 'eve']);
    expect(householdAsOf('ana', family, d('2023-01-01')).dependantIds).toEqual(['cal', 'dot']);
  });

  it('the partner sees the same household from the other side', () => {
    expect(householdAsOf('ben', family, d('2022-06-01'))).toEqual({
      asOf: d('2022-06-01'),
      personId: 'ben',
      partnerId: 'ana',
      dependantIds: ['cal', 'dot', 'eve'],
    });
  });

  it('before the current partnership, the earlier partner and their dependants made up the household', () => {
    expect(householdAsOf('ana', family, d('2019-06-01'))).toMatchObject({ partnerId: 'fay', dependantIds: ['cal', 'eve', 'gus'] });
  });

  it('a dependant of the partner is not in the household before they started depending on them', () => {
    expect(householdAsOf('ana', family, d('2021-02-28')).dependantIds).toEqual(['cal', 'eve']);
  });

  it('a person with no relationship in force is a household of one', () => {
    expect(householdAsOf('hal', family, d('2022-06-01'))).toEqual({
      asOf: d('2022-06-01'),
      personId: 'hal',
      partnerId: null,
      dependantIds: [],
    });
  });

  it("a dependant's own household does not take in the adults they depend on", () => {
    expect(householdAsOf('cal', family, d('2022-06-01'))).toMatchObject({ partnerId: null, dependantIds: [] });
  });

  it('a child who depends on both partners is listed once', () => {
    const both = [...family, recorded('r7', dependant('cal', 'ben', '2020-01-01'))];
    expect(householdAsOf('ana', both, d('2022-06-01')).dependantIds).toEqual(['cal', 'dot', 'eve']);
  });

  // Regression: a partner also keyed as a dependant of the other partner once made the person
  // their own dependant. checkNewRelationship now refuses such data, and householdAsOf leaves the
  // adults out of dependantIds for data recorded before that.
  it('a person recorded as a dependant of their partner is not listed as their own dependant', () => {
    const relationships = [
      recorded('r1', spouse('ana', 'ben', '2020-01-01')),
      recorded('r2', dependant('ana', 'ben', '2020-01-01', null, 'other')),
    ];
    const household = householdAsOf('ana', relationships, d('2022-06-01'));
    expect(household.partnerId).toBe('ben');
    expect(household.dependantIds).not.toContain('ana');
  });
});

describe('householdAsOf over any relationships the checks accept', () => {
  const people = ['ana', 'ben', 'cy', 'dee'] as const;
  const BASE = d('2020-01-01');
  const anyDate = fc.integer({ min: 0, max: 5 * 365 }).map((n) => addDays(BASE, n));
  const kindsAndSubtypes = (Object.keys(RELATIONSHIP_SUBTYPES) as RelationshipKind[]).flatMap((kind) =>
    RELATIONSHIP_SUBTYPES[kind].map((subtype) => ({ kind, subtype: subtype as string })),
  );
  const anyCandidate: fc.Arbitrary<NewRelationship> = fc
    .record({
      kindAndSubtype: fc.constantFrom(...kindsAndSubtypes),
      personId: fc.constantFrom(...people),
      relatedPersonId: fc.constantFrom(...people),
      start: anyDate,
      length: fc.option(fc.integer({ min: 0, max: 3 * 365 }), { nil: null }),
    })
    .map(({ kindAndSubtype, personId, relatedPersonId, start, length }) => ({
      ...kindAndSubtype,
      personId,
      relatedPersonId,
      period: { start, end: length === null ? null : addDays(start, length) },
    }));

  /** Records candidates one by one as the application would: only those the checks accept. */
  const accepted = (candidates: readonly NewRelationship[]): Relationship[] => {
    const kept: Relationship[] = [];
    for (const candidate of candidates) {
      if (checkNewRelationship(candidate, kept, NO_BIRTHS).length === 0) kept.push({ id: `r${kept.length + 1}`, ...candidate });
    }
    return kept;
  };

  const anySetInTwoOrders = fc
    .array(anyCandidate, { maxLength: 12 })
    .map(accepted)
    .chain((set) => fc.tuple(fc.constant(set), fc.shuffledSubarray(set, { minLength: set.length, maxLength: set.length })));

  const everyone = (date: PlainDate, relationships: readonly Relationship[]) => people.map((p) => householdAsOf(p, relationships, date));

  it('the household is the same whatever order the relationships are stored in', () => {
    fc.assert(
      fc.property(anySetInTwoOrders, anyDate, ([set, shuffled], date) => {
        expect(everyone(date, shuffled)).toEqual(everyone(date, set));
      }),
    );
  });

  it('a person is never their own partner', () => {
    fc.assert(
      fc.property(anySetInTwoOrders, anyDate, ([set], date) => {
        for (const household of everyone(date, set)) expect(household.partnerId).not.toBe(household.personId);
      }),
    );
  });

  // The same regression, over generated relationship sets; the fixed seed keeps it reproducible.
  it('a person is never their own dependant', () => {
    fc.assert(
      fc.property(anySetInTwoOrders, anyDate, ([set], date) => {
        for (const household of everyone(date, set)) expect(household.dependantIds).not.toContain(household.personId);
      }),
      { seed: 20250115, numRuns: 500 },
    );
  });
});
