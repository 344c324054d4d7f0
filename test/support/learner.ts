/**
 * Builds, through the API, a learner with a funded training item: registered, case open, assessed
 * (Primary Need training), an accepted plan with a training item, and a learner income support PDC.
 */
import type { Api } from './api.ts';
import { personBody } from './fixtures.ts';

export interface Learner {
  personId: string;
  planId: string;
  itemId: string;
  pdcId: string;
}

export async function learnerWithPdc(
  official: Api,
  options: {
    person?: Record<string, unknown>;
    trainingStart?: string;
    trainingEnd?: string;
    coordinatorId?: string;
    load?: 'full-time' | 'part-time';
  } = {},
): Promise<Learner> {
  const person = (await official.post('/api/people', personBody(options.person ?? {}))).body;
  const opened = (await official.post(`/api/people/${person.id}/cases`, {})).body;
  const started = (await official.post(`/api/cases/${opened.id}/assessments`, { needs: ['training'] })).body;
  await official.post(`/api/assessments/${started.id}/complete`, {
    version: started.version,
    needs: ['training'],
    primaryNeed: 'training',
  });
  let plan = (await official.post(`/api/people/${person.id}/service-plans`)).body;
  plan = (await official.post(`/api/service-plans/${plan.id}/sub-goals`, { type: 'training' })).body;
  plan = (
    await official.post(`/api/service-plans/${plan.id}/items`, {
      subGoalId: plan.subGoals[0].id,
      type: 'occupational-skills-training',
      expectedStart: options.trainingStart ?? '2026-09-08',
      expectedEnd: options.trainingEnd ?? '2027-06-25',
    })
  ).body;
  const itemId = plan.subGoals[0].items[0].id;
  // R03 pre-condition 3: the person accepts the plan before its training is funded.
  plan = (
    await official.post(`/api/service-plans/${plan.id}/accept`, { version: plan.version, acceptedOn: plan.createdOn, method: 'signed' })
  ).body;
  const pdc = await official.post(`/api/plan-items/${itemId}/pdc`, {
    trainingLoad: options.load ?? 'full-time',
    ...(options.coordinatorId && { coordinatorId: options.coordinatorId }),
  });
  if (pdc.status !== 201) throw new Error(`could not fund the item: ${JSON.stringify(pdc.body)}`);
  return { personId: person.id, planId: plan.id, itemId, pdcId: pdc.body.id };
}

/** Records two people as common-law spouses since 2015-06-01 (the start the two-attending tests use); the API's answer. */
export function declarePartners(official: Api, first: { personId: string }, second: { personId: string }, startDate = '2015-06-01') {
  return official.post('/api/relationships', {
    kind: 'spouse',
    subtype: 'common-law',
    personId: first.personId,
    relatedPersonId: second.personId,
    startDate,
  });
}
