/**
 * Unit tests for preconditions.ts (R03 pre-condition 2): before a Service Plan, registration is
 * complete, an Integrated Case is open, and an assessment on it is completed with a Primary Need,
 * whose goal becomes the plan's goal (R03.1 Key Notes).
 */
import { describe, expect, it } from 'vitest';
import { loadNeedCatalogue } from '../../policy/needs.ts';
import { type ReadinessSnapshot, servicePlanReadiness } from './preconditions.ts';

const catalogue = loadNeedCatalogue();
const goalOf = (code: string) => catalogue.needs.find((n) => n.code === code)?.goal;

type Case = ReadinessSnapshot['cases'][number];
type Assessment = Case['assessments'][number];

const completedAssessment = (primaryNeed: string, completedOn: string): Assessment => ({ status: 'completed', primaryNeed, completedOn });
const inProgressAssessment: Assessment = { status: 'in-progress', primaryNeed: null, completedOn: null };
const registered = { complete: true, missing: [] };
const unmetConditions = (snapshot: ReadinessSnapshot) => {
  const readiness = servicePlanReadiness(snapshot, catalogue);
  return readiness.ready ? [] : readiness.unmet.map((u) => u.condition);
};

describe('servicePlanReadiness (R03 pre-condition 2)', () => {
  it('a complete registration, an open case and a completed assessment make a Service Plan ready, with the goal from the Primary Need', () => {
    const snapshot: ReadinessSnapshot = {
      registration: registered,
      cases: [{ id: 'ic-1', status: 'open', assessments: [completedAssessment('training', '2025-01-15')] }],
    };
    expect(servicePlanReadiness(snapshot, catalogue)).toEqual({
      ready: true,
      caseId: 'ic-1',
      primaryNeed: 'training',
      goal: goalOf('training'),
    });
  });

  it('an incomplete registration is reported with the fields it is missing', () => {
    const snapshot: ReadinessSnapshot = {
      registration: { complete: false, missing: ['address', 'phoneOrEmail'] },
      cases: [{ id: 'ic-1', status: 'open', assessments: [completedAssessment('training', '2025-01-15')] }],
    };
    expect(servicePlanReadiness(snapshot, catalogue)).toEqual({
      ready: false,
      unmet: [
        {
          condition: 'REGISTRATION_INCOMPLETE',
          rule: 'R03 pre-condition 2',
          detail: 'Registration is incomplete: address, a phone number or email address.',
        },
      ],
    });
  });

  it('with no Integrated Case, both the case and the assessment on it are reported missing', () => {
    expect(unmetConditions({ registration: registered, cases: [] })).toEqual(['NO_OPEN_INTEGRATED_CASE', 'NO_COMPLETED_ASSESSMENT']);
  });

  it('an open case with no assessment reports only the missing assessment', () => {
    const snapshot: ReadinessSnapshot = { registration: registered, cases: [{ id: 'ic-1', status: 'open', assessments: [] }] };
    expect(servicePlanReadiness(snapshot, catalogue)).toEqual({
      ready: false,
      unmet: [
        {
          condition: 'NO_COMPLETED_ASSESSMENT',
          rule: 'R03 pre-condition 2',
          detail: 'No completed assessment with a Primary Need on the open Integrated Case.',
        },
      ],
    });
  });

  it('an assessment still in progress does not count as completed', () => {
    const snapshot: ReadinessSnapshot = {
      registration: registered,
      cases: [{ id: 'ic-1', status: 'open', assessments: [inProgressAssessment] }],
    };
    expect(unmetConditions(snapshot)).toEqual(['NO_COMPLETED_ASSESSMENT']);
  });

  it('every unmet condition is reported together, each under R03 pre-condition 2', () => {
    const snapshot: ReadinessSnapshot = { registration: { complete: false, missing: ['birthDate'] }, cases: [] };
    const readiness = servicePlanReadiness(snapshot, catalogue);
    expect(readiness.ready).toBe(false);
    if (readiness.ready) return;
    expect(readiness.unmet.map((u) => [u.condition, u.rule])).toEqual([
      ['REGISTRATION_INCOMPLETE', 'R03 pre-condition 2'],
      ['NO_OPEN_INTEGRATED_CASE', 'R03 pre-condition 2'],
      ['NO_COMPLETED_ASSESSMENT', 'R03 pre-condition 2'],
    ]);
  });

  it('the latest completed assessment informs the plan, wherever it is listed', () => {
    const snapshot: ReadinessSnapshot = {
      registration: registered,
      cases: [
        {
          id: 'ic-1',
          status: 'open',
          assessments: [
            completedAssessment('employment', '2024-03-10'),
            completedAssessment('training', '2025-01-15'),
            completedAssessment('job-search', '2024-11-30'),
            inProgressAssessment,
          ],
        },
      ],
    };
    expect(servicePlanReadiness(snapshot, catalogue)).toMatchObject({ ready: true, primaryNeed: 'training', goal: goalOf('training') });
  });

  it('the latest assessment is found by date, across months and years', () => {
    const snapshot: ReadinessSnapshot = {
      registration: registered,
      cases: [
        {
          id: 'ic-1',
          status: 'open',
          assessments: [
            completedAssessment('language', '2025-10-01'),
            completedAssessment('employment', '2025-09-30'),
            completedAssessment('training', '2024-12-31'),
          ],
        },
      ],
    };
    expect(servicePlanReadiness(snapshot, catalogue)).toMatchObject({ ready: true, primaryNeed: 'language' });
  });

  it('a closed case does not count, nor do the assessments on it', () => {
    const snapshot: ReadinessSnapshot = {
      registration: registered,
      cases: [{ id: 'ic-1', status: 'closed', assessments: [completedAssessment('training', '2023-05-01')] }],
    };
    expect(unmetConditions(snapshot)).toEqual(['NO_OPEN_INTEGRATED_CASE', 'NO_COMPLETED_ASSESSMENT']);
  });

  it('an assessment on a closed case does not make the open case ready', () => {
    const snapshot: ReadinessSnapshot = {
      registration: registered,
      cases: [
        { id: 'ic-1', status: 'closed', assessments: [completedAssessment('training', '2023-05-01')] },
        { id: 'ic-2', status: 'open', assessments: [inProgressAssessment] },
      ],
    };
    expect(unmetConditions(snapshot)).toEqual(['NO_COMPLETED_ASSESSMENT']);
  });

  it('the plan is made on the open case when closed ones exist too', () => {
    const snapshot: ReadinessSnapshot = {
      registration: registered,
      cases: [
        { id: 'ic-1', status: 'closed', assessments: [completedAssessment('training', '2023-05-01')] },
        { id: 'ic-2', status: 'open', assessments: [completedAssessment('employment', '2024-02-20')] },
      ],
    };
    expect(servicePlanReadiness(snapshot, catalogue)).toEqual({
      ready: true,
      caseId: 'ic-2',
      primaryNeed: 'employment',
      goal: goalOf('employment'),
    });
  });

  it('a Primary Need no longer in the catalogue sets no goal, so the plan is not ready', () => {
    const snapshot: ReadinessSnapshot = {
      registration: registered,
      cases: [{ id: 'ic-1', status: 'open', assessments: [completedAssessment('retired-need', '2025-01-15')] }],
    };
    expect(servicePlanReadiness(snapshot, catalogue).ready).toBe(false);
  });
});
