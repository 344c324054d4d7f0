/**
 * Demo data (`waypoint seed-demo`, and `npm start` on an empty data folder): officials of every
 * role, a household of two learner spouses with a child, and a few other people at different
 * stages. Everything goes through the use cases, so it is validated and audited like real work.
 */
import { formatDate } from '../domain/calendar.ts';
import { pdcOfPlanItem } from '../store/repos/product-delivery-cases.ts';
import { countUsers } from '../store/repos/users.ts';
import { completeAssessment, startAssessment } from './assessments.ts';
import { addEvidence, applyChanges } from './benefits/evidence.ts';
import { closeCase, openCase } from './cases.ts';
import type { Actor, AppContext } from './context.ts';
import { recordInteraction } from './interactions.ts';
import { createLearnerPdc } from './pdcs.ts';
import { type RegisterPerson, recordDetail, registerPerson } from './people.ts';
import { addRelationship } from './relationships.ts';
import type { Role } from './roles.ts';
import { addItem, addSubGoal, completeItem, updateItem } from './service-plans/items.ts';
import { acceptPlan, createPlan } from './service-plans/plans.ts';
import { confirmSituation, listSituations } from './two-attending.ts';
import { createUser, type UserView } from './users.ts';

export { DEMO_PASSWORD } from './passwords.ts';

import { DEMO_PASSWORD } from './passwords.ts';

/** The demo people's personal data, which must never appear in a log (checked after every test run). */
export const DEMO_PERSONAL_DATA = [
  'Maria',
  'Santos',
  '1990-04-02',
  'Daniel',
  '1991-07-19',
  'Sofia',
  '2021-03-10',
  "O'Connor",
  '1986-11-23',
  'Aisha',
  'Mohamed',
  '1998-02-14',
  'Bighorn',
  '1979-08-30',
  'Nguyen',
  '1994-05-06',
  '780-555-0142',
  'maria.santos@example.ca',
] as const;

export const DEMO_USERS: readonly { username: string; displayName: string; roles: Role[] }[] = [
  { username: 'official.ada', displayName: 'Ada Chen', roles: ['authorized-official'] },
  { username: 'official.ben', displayName: 'Ben Tremblay', roles: ['authorized-official'] },
  { username: 'official.carmen', displayName: 'Carmen Ruiz', roles: ['authorized-official'] },
  { username: 'lbc.dana', displayName: 'Dana Whitehorse', roles: ['learner-benefits-coordinator'] },
  { username: 'lbc.eli', displayName: 'Eli Novak', roles: ['learner-benefits-coordinator'] },
  { username: 'lbs.farah', displayName: 'Farah Haddad', roles: ['learner-benefit-specialist'] },
  { username: 'lbs.gabriel', displayName: 'Gabriel Moreau', roles: ['learner-benefit-specialist'] },
  { username: 'supervisor.grace', displayName: 'Grace Okonkwo', roles: ['supervisor'] },
  { username: 'supervisor.hamid', displayName: 'Hamid Rahimi', roles: ['supervisor'] },
  { username: 'auditor.hugo', displayName: 'Hugo Laurent', roles: ['auditor'] },
  { username: 'auditor.ines', displayName: 'Ines Duarte', roles: ['auditor'] },
  { username: 'admin.iris', displayName: 'Iris Park', roles: ['administrator'] },
  { username: 'admin.jon', displayName: 'Jon Sato', roles: ['administrator'] },
  { username: 'finance.kim', displayName: 'Kim Lefebvre', roles: ['finance-officer'] },
];

export async function hasAnyUser(ctx: AppContext): Promise<boolean> {
  return (await countUsers(ctx.db)) > 0;
}

const address = (line1: string, city = 'Edmonton', postalCode = 'T5J 2R7') => ({ line1, city, province: 'AB', postalCode });

async function personWithAssessment(
  ctx: AppContext,
  official: Actor,
  person: RegisterPerson,
  needs: string[] | null,
  primaryNeed: string | null,
) {
  const p = await registerPerson(ctx, official, {
    ...person,
    effectiveFrom: person.effectiveFrom ?? '2026-01-05',
    acknowledgeDuplicates: true,
  });
  if (!needs) return { person: p, case: null };
  const ic = await openCase(ctx, official, p.id, { openedOn: '2026-01-05' });
  const a = await startAssessment(ctx, official, ic.id, { needs, notes: 'Demo assessment.' });
  if (primaryNeed) await completeAssessment(ctx, official, a.id, { version: a.version, needs, primaryNeed });
  return { person: p, case: ic };
}

export async function seedDemo(appContext: AppContext): Promise<{ users: number; people: number }> {
  // Writes as the demo users, reads logged for nobody (context.ts `seeding`).
  const ctx: AppContext = { ...appContext, seeding: true };
  const created: UserView[] = [];
  for (const u of DEMO_USERS) created.push(await createUser(ctx, null, { ...u, password: DEMO_PASSWORD }));
  const actor = (username: string): Actor => {
    const u = created.find((c) => c.username === username)!;
    return { userId: u.id, displayName: u.displayName, roles: u.roles };
  };
  const ada = actor('official.ada');
  const ben = actor('official.ben');

  // A two-learner household: Maria and Daniel, common-law partners, and their daughter Sofia.
  const { person: maria } = await personWithAssessment(
    ctx,
    ada,
    {
      givenName: 'Maria',
      familyName: 'Santos',
      birthDate: '1990-04-02',
      address: address('10234 104 Street NW, Unit 5'),
      phone: '780-555-0142',
      email: 'maria.santos@example.ca',
    },
    ['training', 'financial-support', 'career-planning'],
    'training',
  );
  const { person: daniel } = await personWithAssessment(
    ctx,
    ben,
    {
      givenName: 'Daniel',
      familyName: 'Santos',
      birthDate: '1991-07-19',
      address: address('10234 104 Street NW, Unit 5'),
      phone: '780-555-0143',
    },
    ['training', 'financial-support'],
    'training',
  );
  const sofia = await registerPerson(ctx, ada, {
    givenName: 'Sofia',
    familyName: 'Santos',
    birthDate: '2021-03-10',
    address: address('10234 104 Street NW, Unit 5'),
    acknowledgeDuplicates: true,
  });
  await addRelationship(ctx, ada, {
    kind: 'spouse',
    subtype: 'common-law',
    personId: maria.id,
    relatedPersonId: daniel.id,
    startDate: '2015-06-01',
  });
  await addRelationship(ctx, ada, {
    kind: 'dependant',
    subtype: 'child',
    personId: sofia.id,
    relatedPersonId: maria.id,
    startDate: '2021-03-10',
  });
  await addRelationship(ctx, ada, {
    kind: 'dependant',
    subtype: 'child',
    personId: sofia.id,
    relatedPersonId: daniel.id,
    startDate: '2021-03-10',
  });
  // Education and employment history, and a move in March: the earlier address stays readable.
  let m = await recordDetail(ctx, ada, maria.id, {
    version: maria.version,
    kind: 'education',
    value: { level: 'High school diploma', institution: 'Ross Sheppard High School', completedOn: '2008-06-27' },
    effectiveFrom: '2008-06-27',
  });
  m = await recordDetail(ctx, ada, maria.id, {
    version: m.version,
    kind: 'employment',
    value: { status: 'employed-part-time', employer: 'Westmount Grocers', occupation: 'Cashier' },
    effectiveFrom: '2024-09-01',
  });
  await recordDetail(ctx, ada, maria.id, {
    version: m.version,
    kind: 'address',
    value: address('11820 95 Street NW', 'Edmonton', 'T5G 1L6'),
    effectiveFrom: '2026-03-01',
  });

  // Maria's Service Plan: funded training (Ada) and child care arrangements (Ben), accepted.
  const lbcDana = actor('lbc.dana');
  const today = formatDate(ctx.clock.today());
  let plan = await createPlan(ctx, ada, maria.id);
  plan = await addSubGoal(ctx, ada, plan.id, { type: 'training' });
  plan = await addSubGoal(ctx, ada, plan.id, { type: 'barrier-reduction' });
  const training = plan.subGoals.find((g) => g.type === 'training')!;
  const barriers = plan.subGoals.find((g) => g.type === 'barrier-reduction')!;
  plan = await addItem(ctx, ada, plan.id, {
    subGoalId: training.id,
    type: 'occupational-skills-training',
    description: 'Practical Nurse diploma, NorQuest College, full time.',
    expectedStart: '2026-09-08',
    expectedEnd: '2027-06-25',
  });
  plan = await addItem(ctx, ben, plan.id, {
    subGoalId: barriers.id,
    type: 'child-care-arrangement',
    expectedStart: '2026-08-01',
    expectedEnd: '2026-08-31',
  });
  plan = await acceptPlan(ctx, ada, plan.id, { version: plan.version, acceptedOn: today, method: 'signed' });
  const funded = plan.subGoals.flatMap((g) => g.items).find((i) => i.type === 'occupational-skills-training')!;
  await createLearnerPdc(ctx, ada, funded.id, { coordinatorId: lbcDana.userId, trainingLoad: 'full-time' });
  await recordInteraction(ctx, ada, maria.id, { occurredOn: today, channel: 'in-person', note: 'Signed the service agreement.' });

  // Daniel's plan: funded training overlapping Maria's from January: a two-attending household (E04).
  let dplan = await createPlan(ctx, ben, daniel.id);
  dplan = await addSubGoal(ctx, ben, dplan.id, { type: 'training' });
  dplan = await addItem(ctx, ben, dplan.id, {
    subGoalId: dplan.subGoals[0]!.id,
    type: 'apprenticeship-technical-training',
    description: 'Electrician apprenticeship, period 2 technical training, NAIT.',
    expectedStart: '2027-01-11',
    expectedEnd: '2027-12-17',
  });
  dplan = await acceptPlan(ctx, ben, dplan.id, { version: dplan.version, acceptedOn: today, method: 'signed' });
  // Maria's household evidence, entered once by her coordinator, then applied.
  const mariaPdc = (await pdcOfPlanItem(ctx.db, funded.id))!;
  await addEvidence(ctx, lbcDana, mariaPdc.id, { type: 'shelter', subtype: 'renting', amountCents: 145000, periodStart: '2026-09-01' });
  await addEvidence(ctx, lbcDana, mariaPdc.id, {
    type: 'child-care',
    amountCents: 60000,
    periodStart: '2026-09-01',
    periodEnd: '2027-12-31',
  });
  await addEvidence(ctx, lbcDana, mariaPdc.id, {
    type: 'income',
    subtype: 'scholarship',
    personId: maria.id,
    amountCents: 500000,
    periodStart: '2027-01-01',
    periodEnd: '2027-06-30',
  });
  await applyChanges(ctx, lbcDana, mariaPdc.id);
  // Funding Daniel's training makes Waypoint detect the two-attending household and task both coordinators.
  const lbcEli = actor('lbc.eli');
  await createLearnerPdc(ctx, ben, dplan.subGoals[0]!.items[0]!.id, { coordinatorId: lbcEli.userId, trainingLoad: 'full-time' });
  // Eli, Daniel's coordinator and so the one responsible, confirms it: both cases are determined with
  // the E04 split in the overlap (January to June 2027), and from July, when Maria's training has
  // ended, Daniel's case carries the household's whole amount. Left unconfirmed, Daniel's case would
  // have no determination at all (nothing was ever applied on it) and would read $0 against the
  // household in July to December 2027.
  const [santos] = await listSituations(ctx, lbcEli, { personId: daniel.id });
  if (!santos) throw new Error('The demo household was not detected as two attending.');
  await confirmSituation(ctx, lbcEli, santos.id, { version: santos.version });

  // Liam's plan: job search items, one completed.
  await (async () => {
    const liam = await personWithAssessment(
      ctx,
      ben,
      {
        givenName: 'Liam',
        familyName: "O'Connor",
        birthDate: '1986-11-23',
        address: address('4410 50 Avenue', 'Red Deer', 'T4N 3Z1'),
        email: 'liam.oconnor@example.ca',
      },
      ['employment', 'job-search'],
      'employment',
    );
    let p = await createPlan(ctx, ben, liam.person.id);
    p = await addSubGoal(ctx, ben, p.id, { type: 'job-search' });
    const jobSearch = p.subGoals[0]!;
    p = await addItem(ctx, ben, p.id, {
      subGoalId: jobSearch.id,
      type: 'resume-preparation',
      expectedStart: '2026-02-09',
      expectedEnd: '2026-02-20',
    });
    p = await addItem(ctx, ben, p.id, {
      subGoalId: jobSearch.id,
      type: 'interview-preparation',
      expectedStart: '2026-03-02',
      expectedEnd: '2026-03-13',
    });
    p = await acceptPlan(ctx, ben, p.id, { version: p.version, acceptedOn: today, method: 'verbal' });
    const resume = p.subGoals[0]!.items.find((i) => i.type === 'resume-preparation')!;
    p = await updateItem(ctx, ben, resume.id, { version: resume.version, actualStart: today });
    const started = p.subGoals[0]!.items.find((i) => i.id === resume.id)!;
    await completeItem(ctx, ben, resume.id, { version: started.version, outcome: 'attained', actualEnd: today });
    await recordInteraction(ctx, ben, liam.person.id, { occurredOn: today, channel: 'phone', note: 'Résumé finished.' });
  })();

  // Others at different stages.
  await personWithAssessment(
    ctx,
    actor('official.carmen'),
    {
      givenName: 'Aisha',
      familyName: 'Mohamed',
      birthDate: '1998-02-14',
      address: address('300 5 Avenue SW', 'Calgary', 'T2P 3C4'),
      phone: '403-555-0177',
    },
    ['language', 'training'],
    null,
  );
  await registerPerson(ctx, ben, {
    givenName: 'Thomas',
    familyName: 'Bighorn',
    birthDate: '1979-08-30',
    phone: '780-555-0190',
    acknowledgeDuplicates: true,
  });
  const { case: anCase } = await personWithAssessment(
    ctx,
    ada,
    {
      givenName: 'An',
      familyName: 'Nguyen',
      birthDate: '1994-05-06',
      address: address('8920 112 Street NW'),
      email: 'an.nguyen@example.ca',
    },
    ['job-search'],
    'job-search',
  );
  if (anCase)
    await closeCase(ctx, ada, anCase.id, {
      version: anCase.version,
      closedOn: '2026-03-31',
      reason: 'Employed; no further services wanted.',
    });
  return { users: created.length, people: 7 };
}
