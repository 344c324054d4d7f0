/** Relationships, Integrated Cases and assessments. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { completeAssessment, getAssessment, startAssessment, updateAssessment } from '../../app/assessments.ts';
import { closeCase, getCase, openCase, reopenCase } from '../../app/cases.ts';
import type { AppContext } from '../../app/context.ts';
import { needCatalogue } from '../../app/catalogues.ts';
import { addRelationship, endRelationship } from '../../app/relationships.ts';
import { actorOf } from '../auth.ts';
import { IdParams, IsoDate, Uuid, Version } from '../schemas.ts';

const NeedCode = z.string().min(1).max(50);
const Relationship = z
  .object({
    id: z.string(),
    kind: z.string(),
    subtype: z.string(),
    personId: z.string(),
    relatedPersonId: z.string(),
    startDate: z.string(),
    endDate: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: 'Relationship' });
const Assessment = z
  .object({
    id: z.string(),
    caseId: z.string(),
    status: z.enum(['in-progress', 'completed']),
    needs: z.array(z.string()),
    primaryNeed: z.string().nullable(),
    notes: z.string(),
    startedOn: z.string(),
    completedOn: z.string().nullable(),
    assessor: z.object({ id: z.string(), displayName: z.string() }),
    version: z.number(),
  })
  .meta({ id: 'Assessment' });
const IntegratedCase = z
  .object({
    id: z.string(),
    reference: z.string(),
    personId: z.string(),
    status: z.string(),
    openedOn: z.string(),
    closedOn: z.string().nullable(),
    closeReason: z.string().nullable(),
    version: z.number(),
    assessments: z.array(Assessment),
  })
  .meta({ id: 'IntegratedCase' });

export const caseRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.post(
    '/api/relationships',
    {
      schema: {
        tags: ['relationships'],
        summary: 'Record a spouse/partner or dependant relationship with its dates',
        body: z.object({
          kind: z.enum(['spouse', 'dependant']),
          subtype: z.string().min(1).max(50),
          personId: Uuid,
          relatedPersonId: Uuid,
          startDate: IsoDate,
          endDate: IsoDate.nullable().optional(),
        }),
        response: { 201: Relationship },
      },
    },
    async (request, reply) => reply.code(201).send(await addRelationship(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/api/relationships/:id',
    {
      schema: { tags: ['relationships'], summary: 'End a relationship', params: IdParams, body: z.object({ version: Version, endDate: IsoDate }), response: { 200: Relationship } },
    },
    async (request) => endRelationship(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/people/:id/cases',
    {
      schema: {
        tags: ['cases'],
        summary: "Open the person's Integrated Case (one open per person)",
        params: IdParams,
        body: z.object({ openedOn: IsoDate.optional() }).default({}),
        response: { 201: IntegratedCase },
      },
    },
    async (request, reply) => reply.code(201).send(await openCase(ctx, actorOf(request), request.params.id, request.body)),
  );
  app.get('/api/cases/:id', { schema: { tags: ['cases'], summary: 'An Integrated Case with its assessments', params: IdParams, response: { 200: IntegratedCase } } }, async (request) =>
    getCase(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/cases/:id/close',
    {
      schema: {
        tags: ['cases'],
        summary: 'Close an Integrated Case',
        params: IdParams,
        body: z.object({ version: Version, closedOn: IsoDate, reason: z.string().trim().min(1).max(500) }),
        response: { 200: IntegratedCase },
      },
    },
    async (request) => closeCase(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/cases/:id/reopen',
    { schema: { tags: ['cases'], summary: 'Reopen a closed Integrated Case', params: IdParams, body: z.object({ version: Version }), response: { 200: IntegratedCase } } },
    async (request) => reopenCase(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/cases/:id/assessments',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Start an assessment on an open case',
        params: IdParams,
        body: z.object({ needs: z.array(NeedCode).max(20), primaryNeed: NeedCode.nullable().optional(), notes: z.string().max(5000).optional() }),
        response: { 201: Assessment },
      },
    },
    async (request, reply) => reply.code(201).send(await startAssessment(ctx, actorOf(request), request.params.id, request.body)),
  );
  app.get('/api/assessments/:id', { schema: { tags: ['assessments'], summary: 'An assessment', params: IdParams, response: { 200: Assessment } } }, async (request) =>
    getAssessment(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    '/api/assessments/:id',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Update an assessment in progress',
        params: IdParams,
        body: z.object({
          version: Version,
          needs: z.array(NeedCode).max(20).optional(),
          primaryNeed: NeedCode.nullable().optional(),
          notes: z.string().max(5000).optional(),
        }),
        response: { 200: Assessment },
      },
    },
    async (request) => updateAssessment(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/assessments/:id/complete',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Complete an assessment with exactly one Primary Need',
        params: IdParams,
        body: z.object({
          version: Version,
          needs: z.array(NeedCode).max(20),
          primaryNeed: NeedCode.nullable(),
          completedOn: IsoDate.optional(),
          notes: z.string().max(5000).optional(),
        }),
        response: { 200: Assessment },
      },
    },
    async (request) => completeAssessment(ctx, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/catalogues/needs',
    {
      schema: {
        tags: ['catalogues'],
        summary: 'Needs an assessment can identify, with the goal each sets',
        response: { 200: z.object({ needs: z.array(z.object({ code: z.string(), label: z.string(), goal: z.string() })) }) },
      },
    },
    async (request) => needCatalogue(ctx, actorOf(request)),
  );
};
