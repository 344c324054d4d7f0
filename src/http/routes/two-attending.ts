/** E04 two-attending situations: list, confirm, reconcile; and changing a learner case's training dates. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.ts';
import { changeTraining } from '../../app/pdcs.ts';
import { listHolds } from '../../app/benefits/holds.ts';
import { previewTrainingChange } from '../../app/benefits/training-preview.ts';
import { confirmSituation, getReconciliation, listSituations, previewConfirmation } from '../../app/two-attending.ts';
import { actorOf } from '../auth.ts';
import { IdParams, IsoDate, Uuid, Version } from '../schemas.ts';

export const twoAttendingRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/two-attending',
    {
      schema: {
        tags: ['two attending'],
        summary: 'Two-attending situations (E04), optionally by status or person',
        querystring: z.object({ status: z.enum(['detected', 'coordinated', 'ended']).optional(), personId: Uuid.optional() }),
      },
    },
    async (request) => ({ situations: await listSituations(ctx, actorOf(request), request.query) }),
  );
  app.get(
    '/api/two-attending/holds',
    { schema: { tags: ['two attending'], summary: "Months held while two attending awaits confirmation: the second learner's overlap months, with the reason" } },
    async (request) => ({ holds: await listHolds(ctx, actorOf(request)) }),
  );
  app.get(
    '/api/two-attending/:id/preview',
    {
      schema: {
        tags: ['two attending'],
        summary: 'What confirming would do: both cases with the E04 split, month by month, with their differences; nothing is saved',
        params: IdParams,
      },
    },
    async (request) => previewConfirmation(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/two-attending/:id/confirm',
    { schema: { tags: ['two attending'], summary: 'Confirm: both cases are reassessed with the E04 split', params: IdParams, body: z.object({ version: Version }) } },
    async (request) => confirmSituation(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/two-attending/:id/reconciliation',
    { schema: { tags: ['two attending'], summary: 'Per month and benefit: learner A, learner B and the household; A + B = household, once', params: IdParams } },
    async (request) => getReconciliation(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    '/api/pdcs/:id/training',
    {
      schema: {
        tags: ['benefits'],
        summary: 'Change the training dates of a learner case (e.g. leaves early): reassessed, two attending re-detected',
        params: IdParams,
        body: z.object({ version: Version, trainingStart: IsoDate.optional(), trainingEnd: IsoDate }),
      },
    },
    async (request) => changeTraining(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/pdcs/:id/training/preview',
    {
      schema: {
        tags: ['benefits'],
        summary: 'What changing the training dates would do: this case and a partner case it affects, month by month, with their differences; nothing is saved',
        params: IdParams,
        body: z.object({ trainingStart: IsoDate.optional(), trainingEnd: IsoDate }),
      },
    },
    async (request) => previewTrainingChange(ctx, actorOf(request), request.params.id, request.body),
  );
};
