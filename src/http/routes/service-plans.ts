/** Service Plans, sub-goals, plan items, the service agreement, closure; a plan item's PDC. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.ts';
import { planItemCatalogue } from '../../app/catalogues.ts';
import { CLOSURE_REASONS } from '../../app/vocabulary.ts';
import { createLearnerPdc } from '../../app/pdcs.ts';
import { agreementPdf } from '../../app/service-plans/agreement-pdf.ts';
import { addItem, addSubGoal, completeItem, reassignItem, updateItem } from '../../app/service-plans/items.ts';
import { acceptPlan, closePlan, createPlan, getAgreementPlan, getPlan, listPlansOfPerson } from '../../app/service-plans/plans.ts';
import { actorOf } from '../auth.ts';
import { IdParams, IsoDate, Uuid, Version } from '../schemas.ts';

const Plan = z.object({ id: z.string(), reference: z.string(), status: z.string(), goal: z.string(), version: z.number() }).loose().meta({ id: 'ServicePlan' });
const Code = z.string().min(1).max(60);

export const servicePlanRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/people/:id/service-plans',
    { schema: { tags: ['service plans'], summary: "The person's Service Plans, newest first", params: IdParams } },
    async (request) => ({ plans: await listPlansOfPerson(ctx, actorOf(request), request.params.id) }),
  );
  app.post(
    '/api/people/:id/service-plans',
    {
      schema: {
        tags: ['service plans'],
        summary: 'Create a Service Plan (R03 pre-conditions; one open or active per person); the goal comes from the Primary Need',
        params: IdParams,
        response: { 201: Plan },
      },
    },
    async (request, reply) => reply.code(201).send(await createPlan(ctx, actorOf(request), request.params.id)),
  );
  app.get('/api/service-plans/:id', { schema: { tags: ['service plans'], summary: 'A Service Plan with sub-goals, items and closure facts', params: IdParams, response: { 200: Plan } } }, async (request) =>
    getPlan(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/service-plans/:id/accept',
    {
      schema: {
        tags: ['service plans'],
        summary: "Record the person's acceptance of the service agreement: the plan becomes active",
        params: IdParams,
        body: z.object({ version: Version, acceptedOn: IsoDate, method: z.enum(['signed', 'verbal', 'electronic']) }),
        response: { 200: Plan },
      },
    },
    async (request) => acceptPlan(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/service-plans/:id/close',
    {
      schema: {
        tags: ['service plans'],
        summary: 'Close the plan (R03.2 reasons; refused inside the 18-month hold for funded training)',
        params: IdParams,
        body: z.object({ version: Version, closedOn: IsoDate, reason: z.enum(CLOSURE_REASONS), note: z.string().max(2000).optional() }),
        response: { 200: Plan },
      },
    },
    async (request) => closePlan(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/service-plans/:id/agreement.pdf',
    { schema: { tags: ['service plans'], summary: 'The service agreement as a PDF', params: IdParams } },
    async (request, reply) => {
      const plan = await getAgreementPlan(ctx, actorOf(request), request.params.id);
      const pdf = await agreementPdf(plan, ctx.clock.today());
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="service-agreement-${plan.reference}.pdf"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(pdf));
    },
  );
  app.post(
    '/api/service-plans/:id/sub-goals',
    { schema: { tags: ['service plans'], summary: 'Add a sub-goal (each type once per plan)', params: IdParams, body: z.object({ type: Code }), response: { 200: Plan } } },
    async (request) => addSubGoal(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/service-plans/:id/items',
    {
      schema: {
        tags: ['service plans'],
        summary: "Add a plan item under a sub-goal; the acting official owns it. type 'other' with customName for a free-text item",
        params: IdParams,
        body: z.object({
          subGoalId: Uuid,
          type: Code,
          customName: z.string().trim().max(200).optional(),
          description: z.string().max(2000).optional(),
          expectedStart: IsoDate,
          expectedEnd: IsoDate,
        }),
        response: { 200: Plan },
      },
    },
    async (request) => addItem(ctx, actorOf(request), request.params.id, request.body),
  );
  app.patch(
    '/api/plan-items/:id',
    {
      schema: {
        tags: ['service plans'],
        summary: 'Update a plan item (its owner only): expected dates, actual start, description',
        params: IdParams,
        body: z.object({ version: Version, expectedStart: IsoDate.optional(), expectedEnd: IsoDate.optional(), actualStart: IsoDate.nullable().optional(), description: z.string().max(2000).optional() }),
        response: { 200: Plan },
      },
    },
    async (request) => updateItem(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/plan-items/:id/complete',
    {
      schema: {
        tags: ['service plans'],
        summary: 'Complete a plan item with its outcome (its owner only)',
        params: IdParams,
        body: z.object({
          version: Version,
          // Missing or null: both reach R03's rule and answer OUTCOME_REQUIRED (422), one code for one rule.
          outcome: z.enum(['attained', 'not-attained', 'cancelled']).nullable().optional(),
          goodCauseReason: z.string().max(1000).optional(),
          actualStart: IsoDate.optional(),
          actualEnd: IsoDate.nullable(),
        }),
        response: { 200: Plan },
      },
    },
    async (request) => completeItem(ctx, actorOf(request), request.params.id, { ...request.body, outcome: request.body.outcome ?? null }),
  );
  app.post(
    '/api/plan-items/:id/reassign',
    { schema: { tags: ['service plans'], summary: 'Reassign an open plan item (supervisor)', params: IdParams, body: z.object({ version: Version, ownerId: Uuid }), response: { 200: Plan } } },
    async (request) => reassignItem(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/plan-items/:id/pdc',
    {
      schema: {
        tags: ['service plans'],
        summary: 'Fund a training plan item with a learner income support product delivery case',
        params: IdParams,
        body: z.object({ coordinatorId: Uuid.optional(), trainingLoad: z.enum(['full-time', 'part-time']) }),
      },
    },
    async (request, reply) => reply.code(201).send(await createLearnerPdc(ctx, actorOf(request), request.params.id, request.body)),
  );
  app.get('/api/catalogues/plan-items', { schema: { tags: ['catalogues'], summary: 'Sub-goal types, plan item types and closure reasons' } }, async (request) =>
    planItemCatalogue(ctx, actorOf(request)),
  );
};
