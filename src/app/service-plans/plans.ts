/**
 * Service Plan use cases (R03): create from the readiness decision, accept the service agreement,
 * close (with the 18-month exception and R03.2 reasons). Each checks the actor's permission, asks
 * the domain for the decision, and writes the change and its audit event in one transaction.
 */
import { Temporal } from 'temporal-polyfill';
import { formatDate } from '../../domain/calendar.ts';
import { dateInWords } from '../../domain/dates-in-words.ts';
import { type ClosureReason, checkClosePlan } from '../../domain/service-plans/closure.ts';
import { checkAcceptPlan, checkCreatePlan } from '../../domain/service-plans/creation.ts';
import { servicePlanReadiness } from '../../domain/service-plans/preconditions.ts';
import { latestCompletedAssessment } from '../../store/repos/cases.ts';
import { personById } from '../../store/repos/people.ts';
import { insertPlan, updatePlanVersioned } from '../../store/repos/service-plans.ts';
import { nextReference } from '../../store/versioned.ts';
import { recordAudit } from '../audit.ts';
import { type Actor, type AppContext, timestamp } from '../context.ts';
import { AppError, assertNoRefusals } from '../errors.ts';
import { authorize } from '../permissions.ts';
import { readPerson, writePerson } from '../person-access.ts';
import { loadPersonView } from '../person-view.ts';
import { closureTaskHolder, completeTasksFor } from '../tasks.ts';
import { expectUpdated } from '../versioning.ts';
import { agreementPdf } from './agreement-pdf.ts';
import { hasActiveService, lastContactOf, loadPlan, plansOfPerson, planView } from './load.ts';

export const itemActor = (actor: Actor) => ({ userId: actor.userId, isSupervisor: actor.roles.includes('supervisor') });

export async function getPlan(ctx: AppContext, actor: Actor, planId: string, what: 'service-plan' | 'agreement' = 'service-plan') {
  authorize(actor, 'plan.read');
  await readPerson(ctx, actor, (await loadPlan(ctx.db, planId)).row.personId, what);
  return planView(ctx, ctx.db, planId);
}

/** The plan for its service agreement (PDF): the read is logged as the agreement. */
export const getAgreementPlan = (ctx: AppContext, actor: Actor, planId: string) => getPlan(ctx, actor, planId, 'agreement');

/** The service agreement as a PDF, printed today and dated now by the context's clock. */
export async function getAgreementPdf(ctx: AppContext, actor: Actor, planId: string) {
  const plan = await getAgreementPlan(ctx, actor, planId);
  return { plan, pdf: await agreementPdf(plan, { on: ctx.clock.today(), at: ctx.clock.now() }) };
}

export async function listPlansOfPerson(ctx: AppContext, actor: Actor, personId: string) {
  authorize(actor, 'plan.read');
  await readPerson(ctx, actor, personId, 'service-plans');
  return plansOfPerson(ctx.db, personId);
}

/** R03 rule 1 and pre-conditions: a plan with the goal from the Primary Need, one current per person. */
export async function createPlan(ctx: AppContext, actor: Actor, personId: string) {
  authorize(actor, 'plan.write');
  const id = await ctx.db.transaction(async (tx) => {
    const locked = await personById(tx, personId, { lock: true });
    if (!locked) throw AppError.notFound('person', personId);
    await writePerson(ctx, actor, personId, tx);
    const person = await loadPersonView(tx, personId, ctx.clock.today());
    const readiness = servicePlanReadiness(
      { registration: person.registration, cases: person.cases.map((c) => ({ ...c, status: c.status as 'open' | 'closed' })) },
      ctx.needs,
    );
    const existing = await plansOfPerson(tx, personId);
    assertNoRefusals(
      checkCreatePlan(
        readiness,
        existing.map((p) => ({ id: p.id, status: p.status as 'open' })),
      ),
    );
    if (!readiness.ready) throw new Error('unreachable: readiness was checked');
    const assessment = await latestCompletedAssessment(tx, readiness.caseId, readiness.primaryNeed);
    const row = await insertPlan(tx, {
      reference: await nextReference(tx, 'service_plan'),
      caseId: readiness.caseId,
      personId,
      assessmentId: assessment?.id ?? null,
      status: 'open',
      primaryNeed: readiness.primaryNeed,
      goal: readiness.goal,
      createdBy: actor.userId,
      createdOn: formatDate(ctx.clock.today()),
    });
    await recordAudit(tx, actor, { action: 'plan.create', recordType: 'service_plan', recordId: row.id, after: row });
    return row.id;
  });
  return planView(ctx, ctx.db, id);
}

/** The person's acceptance of the service agreement (the record of mutual agreement) activates the plan. */
export async function acceptPlan(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  input: { version: number; acceptedOn: string; method: 'signed' | 'verbal' | 'electronic' },
) {
  authorize(actor, 'plan.write');
  await ctx.db.transaction(async (tx) => {
    const plan = await loadPlan(tx, planId, { lock: true });
    await writePerson(ctx, actor, plan.row.personId, tx);
    if (plan.row.version !== input.version) throw AppError.staleVersion('service plan', input.version, plan.row.version);
    assertNoRefusals(checkAcceptPlan(plan.state));
    const acceptedOn = Temporal.PlainDate.from(input.acceptedOn);
    if (Temporal.PlainDate.compare(acceptedOn, ctx.clock.today()) > 0) {
      throw new AppError('DATE_IN_FUTURE', 'Acceptance cannot be recorded for a future date.', {
        field: 'acceptedOn',
        rule: 'R03.1 Description',
      });
    }
    if (Temporal.PlainDate.compare(acceptedOn, Temporal.PlainDate.from(plan.row.createdOn)) < 0) {
      throw new AppError(
        'END_BEFORE_START',
        `The plan was created on ${dateInWords(plan.row.createdOn)}; it cannot be accepted before that.`,
        {
          field: 'acceptedOn',
          rule: 'R03.1 Description',
        },
      );
    }
    const after = expectUpdated(
      await updatePlanVersioned(tx, planId, input.version, {
        status: 'active',
        acceptedOn: input.acceptedOn,
        acceptanceMethod: input.method,
        acceptanceRecordedBy: actor.userId,
      }),
      'service plan',
      planId,
      input.version,
    );
    await recordAudit(tx, actor, {
      action: 'plan.accept',
      recordType: 'service_plan',
      recordId: planId,
      before: { status: plan.row.status },
      after: { status: after.status, acceptedOn: after.acceptedOn, method: after.acceptanceMethod },
    });
  });
  return planView(ctx, ctx.db, planId);
}

/** R03 rule 6-7 and R03.2: closure by the responsible official, never inside the 18-month hold. */
export async function closePlan(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  input: { version: number; closedOn: string; reason: ClosureReason; note?: string | undefined },
) {
  authorize(actor, 'plan.close');
  await ctx.db.transaction(async (tx) => {
    const plan = await loadPlan(tx, planId, { lock: true });
    await writePerson(ctx, actor, plan.row.personId, tx);
    if (plan.row.version !== input.version) throw AppError.staleVersion('service plan', input.version, plan.row.version);
    const closingOn = Temporal.PlainDate.from(input.closedOn);
    if (Temporal.PlainDate.compare(closingOn, ctx.clock.today()) > 0) {
      throw new AppError('DATE_IN_FUTURE', 'A plan cannot be closed with a future date.', { field: 'closedOn', rule: 'R03.2' });
    }
    if (Temporal.PlainDate.compare(closingOn, Temporal.PlainDate.from(plan.row.createdOn)) < 0) {
      throw new AppError('END_BEFORE_START', `The plan was created on ${dateInWords(plan.row.createdOn)}; it cannot close before that.`, {
        field: 'closedOn',
        rule: 'R03.2',
      });
    }
    assertNoRefusals(
      checkClosePlan(
        plan.state,
        {
          closingOn,
          reason: input.reason,
          actor: itemActor(actor),
          lastContact: await lastContactOf(tx, plan.row.personId),
          planStarted: Temporal.PlainDate.from(plan.row.acceptedOn ?? plan.row.createdOn),
          otherActiveService: await hasActiveService(tx, plan.row.personId),
          closureTaskHolder: await closureTaskHolder(tx, planId),
        },
        ctx.serviceManagement(closingOn),
      ),
    );
    const after = expectUpdated(
      await updatePlanVersioned(tx, planId, input.version, {
        status: 'closed',
        closedOn: input.closedOn,
        closureReason: input.reason,
        closureNote: input.note ?? null,
        closedBy: actor.userId,
      }),
      'service plan',
      planId,
      input.version,
    );
    await completeTasksFor(tx, actor, 'service_plan', planId, ['plan-closure', 'plan-closure-review'], timestamp(ctx.clock));
    await recordAudit(tx, actor, {
      action: 'plan.close',
      recordType: 'service_plan',
      recordId: planId,
      before: { status: plan.row.status },
      after: { status: after.status, closedOn: after.closedOn, reason: after.closureReason, note: after.closureNote },
    });
  });
  return planView(ctx, ctx.db, planId);
}
