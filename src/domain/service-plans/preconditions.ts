/**
 * Policy page: docs/policy/r03-service-management.md (our wording of R03.1 and our readings).
 * R03 Pre-conditions 2 and 3: before a Service Plan exists, the individual's registration is
 * complete, an Integrated Case exists (is open), and an assessment is completed with a Primary Need
 * to inform the plan. Returns every unmet condition, so a caseworker sees all that is left to do.
 */
import { Temporal } from 'temporal-polyfill';
import type { NeedCatalogue } from '../assessments/assessment.ts';
import { goalFor } from '../assessments/assessment.ts';
import { compareDates } from '../calendar.ts';

export type UnmetCondition = 'REGISTRATION_INCOMPLETE' | 'NO_OPEN_INTEGRATED_CASE' | 'NO_COMPLETED_ASSESSMENT';

export interface ReadinessSnapshot {
  readonly registration: { readonly complete: boolean; readonly missing: readonly string[] };
  readonly cases: readonly {
    readonly id: string;
    readonly status: 'open' | 'closed';
    readonly assessments: readonly {
      readonly status: 'in-progress' | 'completed';
      readonly primaryNeed: string | null;
      readonly completedOn: string | null;
    }[];
  }[];
}

export type Readiness =
  | { readonly ready: true; readonly caseId: string; readonly primaryNeed: string; readonly goal: string }
  | { readonly ready: false; readonly unmet: readonly { condition: UnmetCondition; rule: string; detail: string }[] };

const RULE = 'R03 pre-condition 2';

/** What registration still needs, as a caseworker reads it. */
const MISSING_IN_WORDS: Readonly<Record<string, string>> = {
  givenName: 'given name',
  familyName: 'family name',
  birthDate: 'date of birth',
  address: 'address',
  phoneOrEmail: 'a phone number or email address',
};

export function servicePlanReadiness(snapshot: ReadinessSnapshot, catalogue: NeedCatalogue): Readiness {
  const unmet: { condition: UnmetCondition; rule: string; detail: string }[] = [];
  if (!snapshot.registration.complete) {
    unmet.push({
      condition: 'REGISTRATION_INCOMPLETE',
      rule: RULE,
      detail: `Registration is incomplete: ${snapshot.registration.missing.map((field) => MISSING_IN_WORDS[field] ?? field).join(', ')}.`,
    });
  }
  const openCase = snapshot.cases.find((c) => c.status === 'open');
  if (!openCase) {
    unmet.push({ condition: 'NO_OPEN_INTEGRATED_CASE', rule: RULE, detail: 'There is no open Integrated Case.' });
  }
  // The latest completed assessment with a Primary Need on the open case informs the plan.
  const latest = openCase?.assessments
    .filter((a) => a.status === 'completed' && a.primaryNeed !== null)
    .sort((a, b) =>
      compareDates(Temporal.PlainDate.from(a.completedOn ?? '1900-01-01'), Temporal.PlainDate.from(b.completedOn ?? '1900-01-01')),
    )
    .at(-1);
  const goal = latest?.primaryNeed ? goalFor(latest.primaryNeed, catalogue) : null;
  if (!latest?.primaryNeed || !goal) {
    unmet.push({
      condition: 'NO_COMPLETED_ASSESSMENT',
      rule: RULE,
      detail: 'No completed assessment with a Primary Need on the open Integrated Case.',
    });
  }
  if (unmet.length > 0 || !openCase || !latest?.primaryNeed || !goal) return { ready: false, unmet };
  return { ready: true, caseId: openCase.id, primaryNeed: latest.primaryNeed, goal };
}
