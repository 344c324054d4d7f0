/**
 * Policy page: docs/policy/r03-service-management.md (our wording of R03.1 and our readings).
 * Assessment (R03 pre-condition 2: "an assessment completed to inform and support the Service
 * Plan"; R03.1 Key Notes: one goal, established from the Primary Need identified in the
 * assessment). An assessment lists the needs identified and, once completed, exactly one Primary
 * Need among them.
 */
import { compareDates, type PlainDate } from '../calendar.ts';
import type { Refusal } from '../refusal.ts';

export interface Need {
  readonly code: string;
  readonly label: string;
  /** The Service Plan goal this need sets when it is the Primary Need. */
  readonly goal: string;
}
export interface NeedCatalogue {
  readonly needs: readonly Need[];
}

export type AssessmentStatus = 'in-progress' | 'completed';
export interface AssessmentState {
  readonly status: AssessmentStatus;
  readonly startedOn: PlainDate;
}

const RULE = 'R03.1 Key Notes: one goal from the Primary Need';

/** The needs must be known to the catalogue and listed once each. */
export function checkNeeds(needs: readonly string[], catalogue: NeedCatalogue): Refusal[] {
  const known = new Set(catalogue.needs.map((n) => n.code));
  const refusals: Refusal[] = [];
  needs.forEach((need, i) => {
    if (!known.has(need)) {
      refusals.push({
        code: 'UNKNOWN_NEED',
        rule: 'Waypoint needs catalogue',
        field: `needs.${i}`,
        detail: `"${need}" is not a need in the catalogue.`,
      });
    } else if (needs.indexOf(need) !== i) {
      refusals.push({
        code: 'DUPLICATE_NEED',
        rule: 'Waypoint needs catalogue',
        field: `needs.${i}`,
        detail: `"${need}" is listed twice.`,
      });
    }
  });
  return refusals;
}

/** While in progress, needs may change; a Primary Need, if given, must be among them. */
export function checkUpdateAssessment(
  state: AssessmentState,
  change: { needs: readonly string[]; primaryNeed: string | null },
  catalogue: NeedCatalogue,
): Refusal[] {
  if (state.status === 'completed') {
    return [{ code: 'ASSESSMENT_ALREADY_COMPLETED', rule: RULE, detail: 'A completed assessment cannot be changed; start a new one.' }];
  }
  const refusals = checkNeeds(change.needs, catalogue);
  if (change.primaryNeed !== null && !change.needs.includes(change.primaryNeed)) {
    refusals.push({
      code: 'PRIMARY_NEED_NOT_AMONG_NEEDS',
      rule: RULE,
      field: 'primaryNeed',
      detail: 'The Primary Need must be one of the needs identified.',
    });
  }
  return refusals;
}

/** Completing requires at least one need and exactly one Primary Need among them. */
export function checkCompleteAssessment(
  state: AssessmentState,
  change: { needs: readonly string[]; primaryNeed: string | null; completedOn: PlainDate },
  catalogue: NeedCatalogue,
): Refusal[] {
  const refusals = checkUpdateAssessment(state, change, catalogue);
  if (refusals.some((r) => r.code === 'ASSESSMENT_ALREADY_COMPLETED')) return refusals;
  if (change.needs.length === 0) {
    refusals.push({ code: 'REQUIRED', rule: RULE, field: 'needs', detail: 'List at least one need identified in the assessment.' });
  }
  if (change.primaryNeed === null) {
    refusals.push({
      code: 'PRIMARY_NEED_REQUIRED',
      rule: RULE,
      field: 'primaryNeed',
      detail: 'Choose exactly one Primary Need to complete the assessment.',
    });
  }
  if (compareDates(change.completedOn, state.startedOn) < 0) {
    refusals.push({
      code: 'END_BEFORE_START',
      rule: RULE,
      field: 'completedOn',
      detail: 'An assessment cannot be completed before it started.',
    });
  }
  return refusals;
}

/** The Service Plan goal set by a Primary Need. */
export function goalFor(primaryNeed: string, catalogue: NeedCatalogue): string | null {
  return catalogue.needs.find((n) => n.code === primaryNeed)?.goal ?? null;
}
