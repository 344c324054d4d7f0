/** Learner program rules (issue 16): the learning stream counter, training exceptions and their decision. */

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import {
  decideTrainingException,
  EXCEPTION_GROUNDS,
  EXCEPTION_KINDS,
  learningStreamCounter,
  recordTrainingException,
} from '../../app/learning.ts';
import { actorOf } from '../auth.ts';
import { problems } from '../response-problems.ts';
import { CalendarDate, Id, Instant, Int } from '../response-schemas.ts';
import { IdParams, Uuid, Version } from '../schemas.ts';

const Count = z.object({ code: z.string(), label: z.string(), months: Int, capMonths: Int });
export const LearningStreams = z
  .object({
    streams: z.array(Count),
    unassignedMonths: Int,
    combined: z.object({ months: Int, capMonths: Int }),
    lowLiteracy: z.boolean(),
    subsequentTrainingMonths: Int,
    lastTraining: z.object({ end: CalendarDate, newPlanPossibleFrom: CalendarDate }).nullable(),
    /** ISTHB s.44: each plan's training months against its limit. */
    plans: z.array(
      z.object({
        planId: Id,
        reference: z.string(),
        status: z.string(),
        kind: z.enum(['first', 'subsequent']),
        months: Int,
        limitMonths: Int,
        basis: z.enum(['standard', 'exceptional', 'reduced-load']),
        standardMonths: Int,
        exceptionalMonths: Int.nullable(),
        reducedLoadMonths: Int.nullable(),
      }),
    ),
    reducedLoadMinPercent: Int,
    trainings: z.array(
      z.object({
        pdcId: Id,
        pdcReference: z.string(),
        planItemId: Id,
        stream: z.string().nullable(),
        start: CalendarDate,
        end: CalendarDate,
        months: Int,
      }),
    ),
    exceptions: z.array(
      z.object({
        id: Id,
        kind: z.enum(EXCEPTION_KINDS),
        status: z.enum(['pending', 'approved', 'rejected', 'used']),
        grounds: z.array(z.string()),
        explanation: z.string(),
        planItemId: Id.nullable(),
        recordedBy: z.object({ id: Id, name: z.string() }),
        recordedAt: Instant,
        decidedBy: z.object({ id: Id, name: z.string() }).nullable(),
        decidedAt: Instant.nullable(),
        decisionNote: z.string().nullable(),
        usedByRecordId: Id.nullable(),
        version: Int,
      }),
    ),
  })
  .meta({ id: 'LearningStreams' });

export const learningRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/people/:id/learning-streams',
      {
        schema: {
          tags: ['learner program'],
          summary:
            "The learning stream counter (months per stream and combined, with their caps), each plan's months against its ISTHB s.44 limit, the last training and training exceptions",
          params: IdParams,
          response: { 200: LearningStreams },
        },
      },
      async (request) => learningStreamCounter(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/api/people/:id/training-exceptions',
      {
        schema: {
          tags: ['learner program'],
          summary: 'Record a training exception (R08) with its grounds, for a supervisor to decide',
          params: IdParams,
          body: z.strictObject({
            kind: z.enum(EXCEPTION_KINDS),
            grounds: z.array(z.enum(EXCEPTION_GROUNDS)).max(4),
            explanation: z.string().max(4000),
            planItemId: Uuid.optional(),
          }),
          response: { 201: LearningStreams },
        },
      },
      async (request, reply) => reply.code(201).send(await recordTrainingException(ctx, actorOf(request), request.params.id, request.body)),
    );
    app.post(
      '/api/training-exceptions/:id/decision',
      {
        schema: {
          tags: ['learner program'],
          summary: 'Approve or reject a training exception (a supervisor who did not record it)',
          params: IdParams,
          body: z.strictObject({ version: Version, decision: z.enum(['approved', 'rejected']), note: z.string().max(2000).optional() }),
          response: { 200: LearningStreams, ...problems('EXCEPTION_NOT_PENDING', 'SEPARATION_OF_DUTIES') },
        },
      },
      async (request) => decideTrainingException(ctx, actorOf(request), request.params.id, request.body),
    );
  };
