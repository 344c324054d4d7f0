/** Relationships, Integrated Cases and assessments. */

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { completeAssessment, getAssessment, startAssessment, updateAssessment } from '../../app/assessments.ts';
import { closeCase, getCase, openCase, reopenCase } from '../../app/cases.ts';
import { needCatalogue } from '../../app/catalogues.ts';
import type { AppContext } from '../../app/context.ts';
import { addRelationship, endRelationship } from '../../app/relationships.ts';
import { actorOf } from '../auth.ts';
import { problems } from '../response-problems.ts';
import { Assessment, IntegratedCase, Relationship } from '../response-schemas.ts';
import { IdParams, IsoDate, Uuid, Version } from '../schemas.ts';

const NEED_CODES = ['UNKNOWN_NEED', 'DUPLICATE_NEED', 'PRIMARY_NEED_NOT_AMONG_NEEDS'] as const;

const NeedCode = z.string().min(1).max(50);
export const caseRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/relationships',
      {
        schema: {
          tags: ['relationships'],
          summary: 'Record a spouse/partner or dependant relationship with its dates',
          body: z.strictObject({
            kind: z.enum(['spouse', 'dependant']),
            subtype: z.string().min(1).max(50),
            personId: Uuid,
            relatedPersonId: Uuid,
            startDate: IsoDate,
            endDate: IsoDate.nullable().optional(),
          }),
          response: {
            201: Relationship,
            ...problems(
              'RELATIONSHIP_WITH_SELF',
              'RELATIONSHIP_ALREADY_RECORDED',
              'CONFLICTING_RELATIONSHIP',
              'PARTNER_PERIOD_OVERLAPS',
              'END_BEFORE_START',
              'UNKNOWN_SUBTYPE',
              'DATE_BEFORE_BIRTH',
            ),
          },
        },
      },
      async (request, reply) => reply.code(201).send(await addRelationship(ctx, actorOf(request), request.body)),
    );
    app.patch(
      '/api/relationships/:id',
      {
        schema: {
          tags: ['relationships'],
          summary: 'End a relationship',
          params: IdParams,
          body: z.strictObject({ version: Version, endDate: IsoDate }),
          response: { 200: Relationship, ...problems('RELATIONSHIP_ALREADY_ENDED', 'END_BEFORE_START') },
        },
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
          body: z.strictObject({ openedOn: IsoDate.optional() }),
          response: { 201: IntegratedCase, ...problems('CASE_ALREADY_OPEN', 'DATE_IN_FUTURE', 'DATE_BEFORE_BIRTH') },
        },
        config: { location: '/api/cases/:id' },
      },
      async (request, reply) => reply.code(201).send(await openCase(ctx, actorOf(request), request.params.id, request.body)),
    );
    app.get(
      '/api/cases/:id',
      {
        schema: {
          tags: ['cases'],
          summary: 'An Integrated Case with its assessments',
          params: IdParams,
          response: { 200: IntegratedCase },
        },
      },
      async (request) => getCase(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/api/cases/:id/close',
      {
        schema: {
          tags: ['cases'],
          summary: 'Close an Integrated Case',
          params: IdParams,
          body: z.strictObject({ version: Version, closedOn: IsoDate, reason: z.string().trim().min(1).max(500) }),
          response: { 200: IntegratedCase, ...problems('CASE_NOT_OPEN', 'DATE_IN_FUTURE', 'END_BEFORE_START') },
        },
      },
      async (request) => closeCase(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/cases/:id/reopen',
      {
        schema: {
          tags: ['cases'],
          summary: 'Reopen a closed Integrated Case',
          params: IdParams,
          body: z.strictObject({ version: Version }),
          response: { 200: IntegratedCase, ...problems('CASE_NOT_CLOSED', 'CASE_ALREADY_OPEN') },
        },
      },
      async (request) => reopenCase(ctx, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/cases/:id/assessments',
      {
        schema: {
          tags: ['assessments'],
          summary: 'Start an assessment on an open case',
          params: IdParams,
          body: z.strictObject({
            needs: z.array(NeedCode).max(20),
            primaryNeed: NeedCode.nullable().optional(),
            notes: z.string().max(5000).optional(),
          }),
          response: { 201: Assessment, ...problems('CASE_NOT_OPEN', ...NEED_CODES) },
        },
        config: { location: '/api/assessments/:id' },
      },
      async (request, reply) => reply.code(201).send(await startAssessment(ctx, actorOf(request), request.params.id, request.body)),
    );
    app.get(
      '/api/assessments/:id',
      { schema: { tags: ['assessments'], summary: 'An assessment', params: IdParams, response: { 200: Assessment } } },
      async (request) => getAssessment(ctx, actorOf(request), request.params.id),
    );
    app.patch(
      '/api/assessments/:id',
      {
        schema: {
          tags: ['assessments'],
          summary: 'Update an assessment in progress',
          params: IdParams,
          body: z.strictObject({
            version: Version,
            needs: z.array(NeedCode).max(20).optional(),
            primaryNeed: NeedCode.nullable().optional(),
            notes: z.string().max(5000).optional(),
          }),
          response: { 200: Assessment, ...problems('ASSESSMENT_ALREADY_COMPLETED', ...NEED_CODES) },
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
          body: z.strictObject({
            version: Version,
            needs: z.array(NeedCode).max(20),
            primaryNeed: NeedCode.nullable(),
            completedOn: IsoDate.optional(),
            notes: z.string().max(5000).optional(),
          }),
          response: {
            200: Assessment,
            ...problems('ASSESSMENT_ALREADY_COMPLETED', 'CASE_NOT_OPEN', 'PRIMARY_NEED_REQUIRED', 'DATE_IN_FUTURE', ...NEED_CODES),
          },
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
