/**
 * Many learner cases at once, through the application's use cases (validated and audited like real
 * work): each learner registered, case opened and assessed, a plan with a funded training item, a
 * learner PDC, shelter and health-benefit evidence applied (determination version 1).
 */
import { sql } from 'drizzle-orm';
import { completeAssessment, startAssessment } from '../../src/app/assessments.ts';
import { addEvidence, applyChanges } from '../../src/app/benefits/evidence.ts';
import { openCase } from '../../src/app/cases.ts';
import type { Actor, AppContext } from '../../src/app/context.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/app/demo-data.ts';
import { createLearnerPdc } from '../../src/app/pdcs.ts';
import { registerPerson } from '../../src/app/people.ts';
import { addItem, addSubGoal } from '../../src/app/service-plans/items.ts';
import { acceptPlan, createPlan } from '../../src/app/service-plans/plans.ts';
import { createUser } from '../../src/app/users.ts';

export type Actors = Record<string, Actor>;

/** The demo officials (password DEMO_PASSWORD), as actors by username. */
export async function createDemoUsers(ctx: AppContext): Promise<Actors> {
  const actors: Actors = {};
  await Promise.all(
    DEMO_USERS.map(async (u) => {
      const user = await createUser(ctx, null, { ...u, password: DEMO_PASSWORD });
      actors[u.username] = { userId: user.id, displayName: user.displayName, roles: user.roles };
    }),
  );
  return actors;
}

export interface BulkLearner {
  readonly personId: string;
  readonly planId: string;
  readonly itemId: string;
  readonly pdcId: string;
  readonly months: number;
  readonly trainingStart: string;
  readonly trainingEnd: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `count` learners, `concurrency` at a time. Training starts between 2026-09 and 2027-08 and runs 4 to 12 months. */
export async function createLearners(
  ctx: AppContext,
  actors: Actors,
  count: number,
  options: { concurrency?: number; offset?: number } = {},
): Promise<BulkLearner[]> {
  const official = actors['official.ada']!;
  const coordinators = [actors['lbc.dana']!, actors['lbc.eli']!];
  const learners: BulkLearner[] = [];
  let next = 0;
  const one = async (i: number): Promise<BulkLearner> => {
    const n = i + (options.offset ?? 0);
    const person = await registerPerson(ctx, official, {
      givenName: `Learner${n}`,
      familyName: `Bulk${n}`,
      birthDate: `19${70 + (n % 30)}-${pad(1 + (n % 12))}-${pad(1 + (n % 28))}`,
      address: { line1: `${100 + n} 104 Street NW`, city: 'Edmonton', province: 'AB', postalCode: 'T5J 2R7' },
      phone: '780-555-0100',
      effectiveFrom: '2026-01-05',
      acknowledgeDuplicates: true,
    });
    const opened = await openCase(ctx, official, person.id, { openedOn: '2026-01-05' });
    const assessment = await startAssessment(ctx, official, opened.id, { needs: ['training'] });
    await completeAssessment(ctx, official, assessment.id, { version: assessment.version, needs: ['training'], primaryNeed: 'training' });
    let plan = await createPlan(ctx, official, person.id);
    plan = await addSubGoal(ctx, official, plan.id, { type: 'training' });
    const startMonth = 9 + (n % 12);
    const start = `${2026 + Math.floor((startMonth - 1) / 12)}-${pad(((startMonth - 1) % 12) + 1)}-01`;
    const months = 4 + (n % 9);
    const endMonth = startMonth + months - 1;
    const endYear = 2026 + Math.floor((endMonth - 1) / 12);
    const endMm = ((endMonth - 1) % 12) + 1;
    const end = `${endYear}-${pad(endMm)}-${pad(new Date(Date.UTC(endYear, endMm, 0)).getUTCDate())}`;
    plan = await addItem(ctx, official, plan.id, {
      subGoalId: plan.subGoals[0]!.id,
      type: 'occupational-skills-training',
      expectedStart: start,
      expectedEnd: end,
    });
    const itemId = plan.subGoals[0]!.items[0]!.id;
    // R03 pre-condition 3: the person accepts the plan before its training is funded.
    plan = await acceptPlan(ctx, official, plan.id, { version: plan.version, acceptedOn: plan.createdOn, method: 'signed' });
    const coordinator = coordinators[n % 2]!;
    const pdc = await createLearnerPdc(ctx, official, itemId, { coordinatorId: coordinator.userId, trainingLoad: 'full-time' });
    await addEvidence(ctx, coordinator, pdc.id, {
      type: 'shelter',
      subtype: 'renting',
      amountCents: 30_000 + (n % 50) * 500,
      periodStart: start,
    });
    await addEvidence(ctx, coordinator, pdc.id, {
      type: 'additional-health-benefits',
      amountCents: 2_000 + (n % 10) * 100,
      periodStart: start,
    });
    await applyChanges(ctx, coordinator, pdc.id);
    return { personId: person.id, planId: plan.id, itemId, pdcId: pdc.id, months, trainingStart: start, trainingEnd: end };
  };
  const worker = async () => {
    for (let i = next++; i < count; i = next++) learners.push(await one(i));
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return learners;
}

/** People with a Service Plan (a job-search item) and no other service: candidates for passive closure once 90 days pass without contact. */
export async function createPlansWithoutService(
  ctx: AppContext,
  actors: Actors,
  count: number,
  options: { concurrency?: number; offset?: number } = {},
): Promise<{ personId: string; planId: string }[]> {
  const official = actors['official.ben']!;
  const plans: { personId: string; planId: string }[] = [];
  let next = 0;
  const one = async (i: number) => {
    const n = i + (options.offset ?? 0);
    const person = await registerPerson(ctx, official, {
      givenName: `Seeker${n}`,
      familyName: `Quiet${n}`,
      birthDate: `19${80 + (n % 20)}-${pad(1 + (n % 12))}-${pad(1 + (n % 28))}`,
      address: { line1: `${200 + n} 97 Street NW`, city: 'Edmonton', province: 'AB', postalCode: 'T5H 2M1' },
      phone: '780-555-0101',
      effectiveFrom: '2026-01-05',
      acknowledgeDuplicates: true,
    });
    const opened = await openCase(ctx, official, person.id, { openedOn: '2026-01-05' });
    const assessment = await startAssessment(ctx, official, opened.id, { needs: ['job-search'] });
    await completeAssessment(ctx, official, assessment.id, {
      version: assessment.version,
      needs: ['job-search'],
      primaryNeed: 'job-search',
    });
    let plan = await createPlan(ctx, official, person.id);
    plan = await addSubGoal(ctx, official, plan.id, { type: 'job-search' });
    await addItem(ctx, official, plan.id, {
      subGoalId: plan.subGoals[0]!.id,
      type: 'resume-preparation',
      expectedStart: '2026-07-06',
      expectedEnd: '2026-07-31',
    });
    return { personId: person.id, planId: plan.id };
  };
  const worker = async () => {
    for (let i = next++; i < count; i = next++) plans.push(await one(i));
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return plans;
}

/**
 * Evidence changed behind the application's back, in bulk (as a data fix or a conversion would):
 * every active amount of additional health benefits goes up by `cents`, so every case's months
 * change and the reassessment job has a new version to store for each.
 */
export async function changeEvidenceInBulk(ctx: AppContext, cents: number): Promise<number> {
  const result = await ctx.db.execute(sql`
    update evidence_versions set amount_cents = amount_cents + ${cents}, version = version + 1
    where status = 'active' and evidence_id in (select id from evidence where type = 'additional-health-benefits')`);
  return Number(
    (result as { rowCount?: number; affectedRows?: number }).rowCount ?? (result as { affectedRows?: number }).affectedRows ?? 0,
  );
}
