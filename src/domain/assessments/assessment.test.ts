/**
 * Unit tests for assessment.ts (R03 pre-condition 2: "an assessment completed to inform and support
 * the Service Plan"; R03.1 Key Notes: one goal, established from the Primary Need). Needs come from
 * the catalogue in src/policy/data/needs.json.
 */

import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { loadNeedCatalogue } from '../../policy/needs.ts';
import { addDays } from '../calendar.ts';
import { type AssessmentState, checkCompleteAssessment, checkNeeds, checkUpdateAssessment, goalFor } from './assessment.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);
const catalogue = loadNeedCatalogue();
const RULE = 'R03.1 Key Notes: one goal from the Primary Need';
const codes = (refusals: readonly { code: string }[]) => refusals.map((r) => r.code);

const inProgress: AssessmentState = { status: 'in-progress', startedOn: d('2025-01-15') };
const completed: AssessmentState = { status: 'completed', startedOn: d('2025-01-15') };

describe('checkNeeds (Waypoint needs catalogue)', () => {
  it('needs from the catalogue, each listed once, are accepted', () => {
    expect(checkNeeds(['training', 'financial-support', 'language'], catalogue)).toEqual([]);
  });

  it('an unknown need is refused at its position in the list', () => {
    expect(checkNeeds(['training', 'housing'], catalogue)).toEqual([
      { code: 'UNKNOWN_NEED', rule: 'Waypoint needs catalogue', field: 'needs.1', detail: '"housing" is not a need in the catalogue.' },
    ]);
  });

  it('a need listed twice is refused at its second position', () => {
    expect(checkNeeds(['training', 'employment', 'training'], catalogue)).toEqual([
      { code: 'DUPLICATE_NEED', rule: 'Waypoint needs catalogue', field: 'needs.2', detail: '"training" is listed twice.' },
    ]);
  });

  it('need codes are matched exactly: a different case is an unknown need', () => {
    expect(codes(checkNeeds(['Training'], catalogue))).toEqual(['UNKNOWN_NEED']);
  });

  it('every unknown and repeated need is reported together', () => {
    const refusals = checkNeeds(['housing', 'training', 'training', 'childcare', 'training'], catalogue);
    expect(refusals.map((r) => [r.code, r.field])).toEqual([
      ['UNKNOWN_NEED', 'needs.0'],
      ['DUPLICATE_NEED', 'needs.2'],
      ['UNKNOWN_NEED', 'needs.3'],
      ['DUPLICATE_NEED', 'needs.4'],
    ]);
  });
});

describe('updating an assessment in progress', () => {
  it('needs may change without a Primary Need yet', () => {
    expect(checkUpdateAssessment(inProgress, { needs: ['employment'], primaryNeed: null }, catalogue)).toEqual([]);
  });

  it('an assessment in progress may have no needs yet', () => {
    expect(checkUpdateAssessment(inProgress, { needs: [], primaryNeed: null }, catalogue)).toEqual([]);
  });

  it('a Primary Need among the needs is accepted', () => {
    expect(checkUpdateAssessment(inProgress, { needs: ['employment', 'training'], primaryNeed: 'training' }, catalogue)).toEqual([]);
  });

  it('a Primary Need must be one of the needs identified', () => {
    expect(checkUpdateAssessment(inProgress, { needs: ['employment'], primaryNeed: 'training' }, catalogue)).toEqual([
      {
        code: 'PRIMARY_NEED_NOT_AMONG_NEEDS',
        rule: RULE,
        field: 'primaryNeed',
        detail: 'The Primary Need must be one of the needs identified.',
      },
    ]);
  });

  it('unknown needs and a stray Primary Need are reported together', () => {
    expect(codes(checkUpdateAssessment(inProgress, { needs: ['housing'], primaryNeed: 'training' }, catalogue))).toEqual([
      'UNKNOWN_NEED',
      'PRIMARY_NEED_NOT_AMONG_NEEDS',
    ]);
  });

  it('a completed assessment cannot change: start a new one', () => {
    // Refused for that reason alone, even though the change itself is also faulty.
    expect(checkUpdateAssessment(completed, { needs: ['housing'], primaryNeed: 'training' }, catalogue)).toEqual([
      { code: 'ASSESSMENT_ALREADY_COMPLETED', rule: RULE, detail: 'A completed assessment cannot be changed; start a new one.' },
    ]);
  });
});

describe('completing an assessment (R03.1 Key Notes: one goal from the Primary Need)', () => {
  const complete = (change: { needs: readonly string[]; primaryNeed: string | null; completedOn?: string }, state = inProgress) =>
    checkCompleteAssessment(state, { ...change, completedOn: d(change.completedOn ?? '2025-02-03') }, catalogue);

  it('completing needs at least one need and exactly one Primary Need among them', () => {
    expect(complete({ needs: ['training', 'financial-support'], primaryNeed: 'training' })).toEqual([]);
  });

  it('an assessment can be completed on the day it started', () => {
    expect(complete({ needs: ['employment'], primaryNeed: 'employment', completedOn: '2025-01-15' })).toEqual([]);
  });

  it('completing without a Primary Need is refused', () => {
    expect(complete({ needs: ['training', 'financial-support'], primaryNeed: null })).toEqual([
      {
        code: 'PRIMARY_NEED_REQUIRED',
        rule: RULE,
        field: 'primaryNeed',
        detail: 'Choose exactly one Primary Need to complete the assessment.',
      },
    ]);
  });

  it('completing with no needs identified is refused, and asks for the Primary Need too', () => {
    expect(complete({ needs: [], primaryNeed: null })).toEqual([
      { code: 'REQUIRED', rule: RULE, field: 'needs', detail: 'List at least one need identified in the assessment.' },
      {
        code: 'PRIMARY_NEED_REQUIRED',
        rule: RULE,
        field: 'primaryNeed',
        detail: 'Choose exactly one Primary Need to complete the assessment.',
      },
    ]);
  });

  it('completing with a Primary Need that is not among the needs is refused', () => {
    expect(codes(complete({ needs: ['employment'], primaryNeed: 'training' }))).toEqual(['PRIMARY_NEED_NOT_AMONG_NEEDS']);
  });

  it('completing with an unknown or repeated need is refused', () => {
    expect(codes(complete({ needs: ['training', 'housing', 'training'], primaryNeed: 'training' }))).toEqual([
      'UNKNOWN_NEED',
      'DUPLICATE_NEED',
    ]);
  });

  it('an assessment cannot be completed before it started', () => {
    expect(complete({ needs: ['employment'], primaryNeed: 'employment', completedOn: '2025-01-14' })).toEqual([
      { code: 'END_BEFORE_START', rule: RULE, field: 'completedOn', detail: 'An assessment cannot be completed before it started.' },
    ]);
  });

  it('completing a completed assessment is refused for that reason alone', () => {
    expect(complete({ needs: [], primaryNeed: null, completedOn: '2020-01-01' }, completed)).toEqual([
      { code: 'ASSESSMENT_ALREADY_COMPLETED', rule: RULE, detail: 'A completed assessment cannot be changed; start a new one.' },
    ]);
  });

  it('every fault in a completion is reported together', () => {
    expect(codes(complete({ needs: ['housing'], primaryNeed: 'training', completedOn: '2025-01-01' }))).toEqual([
      'UNKNOWN_NEED',
      'PRIMARY_NEED_NOT_AMONG_NEEDS',
      'END_BEFORE_START',
    ]);
  });

  it('any distinct needs from the catalogue with a Primary Need among them complete on or after the start', () => {
    const codesInCatalogue = catalogue.needs.map((n) => n.code);
    fc.assert(
      fc.property(
        fc
          .subarray(codesInCatalogue, { minLength: 1 })
          .chain((needs) => fc.tuple(fc.shuffledSubarray(needs, { minLength: needs.length }), fc.constantFrom(...needs))),
        fc.integer({ min: 0, max: 365 }),
        ([needs, primaryNeed], days) => {
          expect(
            checkCompleteAssessment(inProgress, { needs, primaryNeed, completedOn: addDays(inProgress.startedOn, days) }, catalogue),
          ).toEqual([]);
        },
      ),
    );
  });
});

describe('goalFor (the Service Plan goal set by the Primary Need)', () => {
  const small = {
    needs: [
      { code: 'training', label: 'Skills or academic training', goal: 'Complete training for employment' },
      { code: 'job-search', label: 'Job search skills', goal: 'Conduct an effective job search' },
    ],
  };

  it('the Primary Need sets the goal of the Service Plan', () => {
    expect(goalFor('job-search', small)).toBe('Conduct an effective job search');
  });

  it('a need outside the catalogue sets no goal', () => {
    expect(goalFor('housing', small)).toBeNull();
  });

  it('every need in the catalogue sets a goal, so any Primary Need leads to one', () => {
    for (const need of catalogue.needs) expect(goalFor(need.code, catalogue)).toBe(need.goal);
  });
});
