/** Service Plans, sub-goals, plan items, the service agreement, closure; a plan item's PDC. */

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { planItemCatalogue } from '../../app/catalogues.ts';
import type { AppContext } from '../../app/context.ts';
import { createLearnerPdc } from '../../app/pdcs.ts';
import { addItem, addSubGoal, completeItem, reassignItem, updateItem } from '../../app/service-plans/items.ts';
import { acceptPlan, closePlan, createPlan, getAgreementPdf, getPlan, listPlansOfPerson } from '../../app/service-plans/plans.ts';
import { CLOSURE_REASONS } from '../../app/vocabulary.ts';
import { actorOf } from '../auth.ts';
import { problems } from '../response-problems.ts';
import { ServicePlan as Plan, PlanItemCatalogue, ProductDeliveryCase, ServicePlanSummary } from '../response-schemas.ts';
import { IdParams, IsoDate, Uuid, Version } from '../schemas.ts';

const EDIT = 'PLAN_NOT_EDITABLE';
const ITEM = ['ITEM_ALREADY_COMPLETED', EDIT, 'END_BEFORE_START'] as const;
/** A training item's dates and course load pass the learner rules (docs/policy/learner-program-rules.md). */
const LEARNER_RULES = ['SUBSEQUENT_TRAINING_TOO_SOON', 'DURATION_CAP_EXCEEDED', 'PLAN_LIMIT_EXCEEDED'] as const;
/** A training item's course load, in percent of a full load (ISTHB s.44: 40% or more is a reduced load). */
const CourseLoad = z.number().int().min(1).max(100);
const Code = z.string().min(1).max(60);

export const servicePlanRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/people/:id/service-plans',
      {
        schema: {
          tags: ['service plans'],
          summary: "The person's Service Plans, newest first",
          params: IdParams,
          response: { 200: z.object({ plans: z.array(ServicePlanSummary) }) },
        },
      },
      async (request) => ({ plans: await listPlansOfPerson(ctx, actorOf(request), request.params.id) }),
    );
    app.post(
      '/api/people/:id/service-plans',
      {
        schema: {
          tags: ['service plans'],
          summary: 'Create a Service Plan (R03 pre-conditions; one open or active per person); the goal comes from the Primary Need',
          params: IdParams,
          response: { 201: Plan, ...problems('SERVICE_PLAN_PRECONDITIONS_UNMET', 'PLAN_ALREADY_ACTIVE', 'PLAN_ALREADY_OPEN') },
        },
        config: { location: '/api/service-plans/:id' },
      },
      async (request, reply) => reply.code(201).send(await createPlan(ctx, actorOf(request), request.params.id)),
    );
    app.get(
      '/api/service-plans/:id',
      {
        schema: {
          tags: ['service plans'],
          summary: 'A Service Plan with sub-goals, items and closure facts',
          params: IdParams,
          response: { 200: Plan },
        },
      },
      async (request) => getPlan(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/api/service-plans/:id/accept',
      {
        schema: {
          tags: ['service plans'],
          summary: "Record the person's acceptance of the service agreement: the plan becomes active",
          params: IdParams,
          body: z.strictObject({ version: Version, acceptedOn: IsoDate, method: z.enum(['signed', 'verbal', 'electronic']) }),
          response: { 200: Plan, ...problems('PLAN_NOT_OPEN', 'PLAN_HAS_NO_SUBGOALS', 'DATE_IN_FUTURE') },
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
          body: z.strictObject({
            version: Version,
            closedOn: IsoDate,
            reason: z.enum(CLOSURE_REASONS),
            note: z.string().max(2000).optional(),
          }),
          response: {
            200: Plan,
            ...problems(
              EDIT,
              'OPEN_ITEMS_REMAIN',
              'CLOSURE_HELD_FOR_FUNDED_TRAINING',
              'PASSIVE_CLOSURE_NOT_DUE',
              'OTHER_SERVICE_ACTIVE',
              'DATE_IN_FUTURE',
              'END_BEFORE_START',
            ),
          },
        },
      },
      async (request) => closePlan(ctx, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/service-plans/:id/agreement.pdf',
      {
        schema: {
          tags: ['service plans'],
          summary: 'The service agreement as a PDF',
          params: IdParams,
          response: {
            200: {
              description: 'The service agreement',
              content: { 'application/pdf': { schema: z.custom<Buffer>().meta({ type: 'string', format: 'binary' }) } },
            },
          },
        },
      },
      async (request, reply) => {
        const { plan, pdf } = await getAgreementPdf(ctx, actorOf(request), request.params.id);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="service-agreement-${plan.reference}.pdf"`)
          .header('cache-control', 'no-store')
          .send(Buffer.from(pdf));
      },
    );
    app.post(
      '/api/service-plans/:id/sub-goals',
      {
        schema: {
          tags: ['service plans'],
          summary: 'Add a sub-goal (each type once per plan)',
          params: IdParams,
          body: z.strictObject({ type: Code }),
          response: { 200: Plan, ...problems('UNKNOWN_SUBGOAL_TYPE', 'SUBGOAL_ALREADY_IN_PLAN', EDIT) },
        },
      },
      async (request) => addSubGoal(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/service-plans/:id/items',
      {
        schema: {
          tags: ['service plans'],
          summary: "Add a plan item under a sub-goal; the acting official owns it. type 'other' with customName for a free-text item",
          params: IdParams,
          body: z.strictObject({
            subGoalId: Uuid,
            type: Code,
            customName: z.string().trim().max(200).optional(),
            description: z.string().max(2000).optional(),
            expectedStart: IsoDate,
            expectedEnd: IsoDate,
            learningStream: Code.optional(),
            courseLoadPercent: CourseLoad.optional(),
          }),
          response: {
            200: Plan,
            ...problems(
              'UNKNOWN_ITEM_TYPE',
              'ITEM_TYPE_NOT_IN_SUBGOAL',
              EDIT,
              'END_BEFORE_START',
              'SUBSEQUENT_TRAINING_TOO_SOON',
              'PLAN_LIMIT_EXCEEDED',
            ),
          },
        },
      },
      async (request) => addItem(ctx, actorOf(request), request.params.id, request.body),
    );
    app.patch(
      '/api/plan-items/:id',
      {
        schema: {
          tags: ['service plans'],
          summary:
            'Update a plan item (its owner only): expected dates, actual start, description, course load; a training item passes R08, the duration caps and its plan limit again',
          params: IdParams,
          body: z.strictObject({
            version: Version,
            expectedStart: IsoDate.optional(),
            expectedEnd: IsoDate.optional(),
            actualStart: IsoDate.nullable().optional(),
            description: z.string().max(2000).optional(),
            courseLoadPercent: CourseLoad.nullable().optional(),
          }),
          response: { 200: Plan, ...problems(...ITEM, ...LEARNER_RULES) },
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
          body: z.strictObject({
            version: Version,
            // Missing or null: both reach R03's rule and answer OUTCOME_REQUIRED (422), one code for one rule.
            outcome: z.enum(['attained', 'not-attained', 'cancelled']).nullable().optional(),
            goodCauseReason: z.string().max(1000).optional(),
            actualStart: IsoDate.optional(),
            actualEnd: IsoDate.nullable(),
          }),
          response: { 200: Plan, ...problems(...ITEM, 'OUTCOME_REQUIRED', 'DATE_IN_FUTURE') },
        },
      },
      async (request) => completeItem(ctx, actorOf(request), request.params.id, { ...request.body, outcome: request.body.outcome ?? null }),
    );
    app.post(
      '/api/plan-items/:id/reassign',
      {
        schema: {
          tags: ['service plans'],
          summary: 'Reassign an open plan item (supervisor)',
          params: IdParams,
          body: z.strictObject({ version: Version, ownerId: Uuid }),
          response: { 200: Plan, ...problems(...ITEM) },
        },
      },
      async (request) => reassignItem(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/plan-items/:id/pdc',
      {
        schema: {
          tags: ['service plans'],
          summary: 'Fund a training plan item with a learner income support product delivery case',
          params: IdParams,
          body: z.strictObject({
            coordinatorId: Uuid.optional(),
            trainingLoad: z.enum(['full-time', 'part-time']),
            lowLiteracy: z.boolean().optional(),
          }),
          response: {
            201: ProductDeliveryCase,
            ...problems('PLAN_NOT_ACCEPTED', 'ITEM_ALREADY_FUNDED', 'DURATION_CAP_EXCEEDED'),
          },
        },
        config: { location: '/api/pdcs/:id' },
      },
      async (request, reply) => reply.code(201).send(await createLearnerPdc(ctx, actorOf(request), request.params.id, request.body)),
    );
    app.get(
      '/api/catalogues/plan-items',
      {
        schema: {
          tags: ['catalogues'],
          summary: 'Sub-goal types, plan item types and closure reasons',
          response: { 200: PlanItemCatalogue },
        },
      },
      async (request) => planItemCatalogue(ctx, actorOf(request)),
    );
  };
