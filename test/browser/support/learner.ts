/**
 * Learner benefits test data through the API (test/support/learner.ts's sequence): a person ready
 * for a plan, a plan with a funded training item (a learner income support case with its
 * coordinator), household evidence applied, and a partner whose training overlaps (two attending).
 */
import { type Api, acceptSeedPlan, itemsOf, seedPersonReadyForPlan, seedPlan } from './seed.ts';

export interface SeededLearner {
  personId: string;
  reference: string;
  planId: string;
  itemId: string;
  pdcId: string;
  pdcReference: string;
}

/** A learner with a funded full-time training item: a learner income support case (no evidence yet). */
export async function seedLearner(
  official: Api,
  person: { givenName: string; familyName: string; birthDate: string },
  options: { trainingStart: string; trainingEnd: string; coordinatorId?: string; load?: 'full-time' | 'part-time' },
): Promise<SeededLearner> {
  const { personId, reference } = await seedPersonReadyForPlan(official, person, 'training');
  const plan = await seedPlan(official, personId, [
    { subGoal: 'training', type: 'occupational-skills-training', expectedStart: options.trainingStart, expectedEnd: options.trainingEnd },
  ]);
  const [item] = itemsOf(plan);
  if (!item) throw new Error('The training item was not added');
  await acceptSeedPlan(official, plan);
  const pdc = await official.post<{ id: string; reference: string }>(`/api/plan-items/${item.id}/pdc`, {
    trainingLoad: options.load ?? 'full-time',
    ...(options.coordinatorId ? { coordinatorId: options.coordinatorId } : {}),
  });
  return { personId, reference, planId: plan.id, itemId: item.id, pdcId: pdc.id, pdcReference: pdc.reference };
}

/** Shelter (renting, $1,450.00) and child care ($600.00) from September 2026, applied: determination version 1. */
export async function applyHouseholdEvidence(coordinator: Api, pdcId: string): Promise<void> {
  await coordinator.post(`/api/pdcs/${pdcId}/evidence`, {
    type: 'shelter',
    subtype: 'renting',
    amount: '1450.00',
    periodStart: '2026-09-01',
  });
  await coordinator.post(`/api/pdcs/${pdcId}/evidence`, {
    type: 'child-care',
    amount: '600.00',
    periodStart: '2026-09-01',
    periodEnd: '2027-12-31',
  });
  await coordinator.post(`/api/pdcs/${pdcId}/apply`);
}

export interface SeededHousehold {
  first: SeededLearner;
  second: SeededLearner;
  situationId: string;
}

/**
 * Two partners, no children: the first trains September 2026 - June 2027 (coordinator Dana), with
 * the household's evidence applied on her case; the second January - December 2027 (coordinator
 * Eli, so Eli is responsible). Recording them as spouses makes Waypoint detect two attending.
 */
export async function seedTwoAttendingHousehold(
  official: Api,
  coordinators: { first: Api; second: Api },
  names: { familyName: string; first: string; second: string },
): Promise<SeededHousehold> {
  const first = await seedLearner(
    official,
    { givenName: names.first, familyName: names.familyName, birthDate: '1990-04-02' },
    { trainingStart: '2026-09-08', trainingEnd: '2027-06-25', coordinatorId: coordinators.first.user.id },
  );
  await applyHouseholdEvidence(coordinators.first, first.pdcId);
  const second = await seedLearner(
    official,
    { givenName: names.second, familyName: names.familyName, birthDate: '1991-07-19' },
    { trainingStart: '2027-01-11', trainingEnd: '2027-12-17', coordinatorId: coordinators.second.user.id },
  );
  await official.post('/api/relationships', {
    kind: 'spouse',
    subtype: 'common-law',
    personId: first.personId,
    relatedPersonId: second.personId,
    startDate: '2015-06-01',
  });
  const { situations } = await official.get<{ situations: { id: string; status: string; first: { pdcId: string } }[] }>(
    `/api/two-attending?personId=${first.personId}`,
  );
  const situation = situations.find((s) => s.status === 'detected');
  if (!situation) throw new Error('Two attending was not detected');
  return { first, second, situationId: situation.id };
}
