/** E04 two-attending situations: list, confirm, reconcile; and changing a learner case's training dates. */

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listHolds } from '../../app/benefits/holds.ts';
import { previewTrainingChange } from '../../app/benefits/training-preview.ts';
import type { AppContext } from '../../app/context.ts';
import { changeTraining } from '../../app/pdcs.ts';
import { confirmSituation, getReconciliation, listSituations, previewConfirmation } from '../../app/two-attending.ts';
import { actorOf } from '../auth.ts';
import {
  ConfirmationPreview,
  PaymentHold,
  Reconciliation,
  SituationConfirmed,
  TrainingChange,
  TrainingPreview,
  TwoAttendingSituation,
} from '../response-benefits.ts';
import { problems } from '../response-problems.ts';
import { IdParams, IsoDate, Uuid, Version } from '../schemas.ts';

const TRAINING_CODES = ['END_BEFORE_START', 'PDC_NOT_OPEN', 'RATE_NOT_IN_FORCE'] as const;
/** The learner rules a change of training dates passes again (docs/policy/learner-program-rules.md). */
const LEARNER_RULE_CODES = ['SUBSEQUENT_TRAINING_TOO_SOON', 'DURATION_CAP_EXCEEDED', 'PLAN_LIMIT_EXCEEDED'] as const;

export const twoAttendingRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/two-attending',
      {
        schema: {
          tags: ['two attending'],
          summary: 'Two-attending situations (E04), optionally by status or person',
          querystring: z.strictObject({ status: z.enum(['detected', 'coordinated', 'ended']).optional(), personId: Uuid.optional() }),
          response: { 200: z.object({ situations: z.array(TwoAttendingSituation) }) },
        },
      },
      async (request) => ({ situations: await listSituations(ctx, actorOf(request), request.query) }),
    );
    app.get(
      '/api/two-attending/holds',
      {
        schema: {
          tags: ['two attending'],
          summary:
            "Months held while two attending awaits confirmation: the second learner's overlap months, with the reason; households whose two learners you may read",
          response: { 200: z.object({ holds: z.array(PaymentHold) }) },
        },
      },
      async (request) => ({ holds: await listHolds(ctx, actorOf(request)) }),
    );
    app.get(
      '/api/two-attending/:id/preview',
      {
        schema: {
          tags: ['two attending'],
          summary: 'What confirming would do: both cases with the E04 split, month by month, with their differences; nothing is saved',
          params: IdParams,
          response: { 200: ConfirmationPreview, ...problems('TWO_ATTENDING_NOT_DETECTED', 'RATE_NOT_IN_FORCE') },
        },
      },
      async (request) => previewConfirmation(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/api/two-attending/:id/confirm',
      {
        schema: {
          tags: ['two attending'],
          summary: 'Confirm: both cases are reassessed with the E04 split',
          params: IdParams,
          body: z.strictObject({ version: Version }),
          response: { 200: SituationConfirmed, ...problems('TWO_ATTENDING_NOT_DETECTED', 'RATE_NOT_IN_FORCE') },
        },
      },
      async (request) => confirmSituation(ctx, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/two-attending/:id/reconciliation',
      {
        schema: {
          tags: ['two attending'],
          summary: 'Per month and benefit: learner A, learner B and the household; A + B = household, once',
          params: IdParams,
          response: { 200: Reconciliation },
        },
      },
      async (request) => getReconciliation(ctx, actorOf(request), request.params.id),
    );
    app.patch(
      '/api/pdcs/:id/training',
      {
        schema: {
          tags: ['benefits'],
          summary: 'Change the training dates of a learner case (e.g. leaves early): reassessed, two attending re-detected',
          params: IdParams,
          body: z.strictObject({ version: Version, trainingStart: IsoDate.optional(), trainingEnd: IsoDate }),
          response: { 200: TrainingChange, ...problems(...TRAINING_CODES, ...LEARNER_RULE_CODES) },
        },
      },
      async (request) => changeTraining(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/pdcs/:id/training/preview',
      {
        schema: {
          tags: ['benefits'],
          summary:
            'What changing the training dates would do: this case and a partner case it affects, month by month, with their differences; nothing is saved',
          params: IdParams,
          body: z.strictObject({ trainingStart: IsoDate.optional(), trainingEnd: IsoDate }),
          response: { 200: TrainingPreview, ...problems(...TRAINING_CODES) },
        },
      },
      async (request) => previewTrainingChange(ctx, actorOf(request), request.params.id, request.body),
    );
  };
