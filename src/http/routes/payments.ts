/**
 * Payments and debts of learner cases (docs/policy/payments.md): the application received date
 * (E15), a case's payments and debts with their lineage, a payment run's CSV export, the repayment
 * agreement (E06), and signed debt adjustments with their reversals.
 */
import { stringify } from 'csv-stringify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import {
  adjustDebt,
  exportPaymentRun,
  getPayments,
  listPaymentRuns,
  PAYMENT_RUN_COLUMNS,
  PAYMENT_RUNS_DEFAULT,
  PAYMENT_RUNS_MAX,
  recordAgreement,
  recordApplicationReceived,
  reverseAdjustment,
} from '../../app/payments.ts';
import { actorOf } from '../auth.ts';
import { markReplayed } from '../created.ts';
import { ApplicationRecorded, DebtAdjustment, DebtAgreement, PaymentRuns, PaymentsView } from '../response-payments.ts';
import { problems } from '../response-problems.ts';
import { AmountCents, IdempotencyHeaders, IdParams, IsoDate, retriedSafely, Version } from '../schemas.ts';

const Reason = z.string().trim().min(1).max(500);

export const paymentRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.patch(
      '/api/pdcs/:id/application',
      {
        schema: {
          tags: ['payments'],
          summary: 'E15: record (or clear) the date the application was received; the case is reassessed and paid from that month',
          params: IdParams,
          body: z.strictObject({ version: Version, receivedOn: IsoDate.nullable() }),
          response: {
            200: ApplicationRecorded,
            ...problems('DATE_IN_FUTURE', 'APPLICATION_AFTER_TRAINING', 'PDC_NOT_OPEN', 'RATE_NOT_IN_FORCE'),
          },
        },
      },
      async (request) => recordApplicationReceived(ctx, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/pdcs/:id/payments',
      {
        schema: {
          tags: ['payments'],
          summary: "A case's payments (issued months are frozen) and debts, each with what caused it and how it is recovered",
          params: IdParams,
          response: { 200: PaymentsView },
        },
      },
      async (request) => getPayments(ctx, actorOf(request), request.params.id),
    );
    app.get(
      '/api/payment-runs',
      {
        schema: {
          tags: ['payments'],
          summary: `The payment runs, newest first, each issue date with how many payments it holds and their net total: a Finance Officer's count every payment; anyone else's, the payments to the people within their reach (limit at most ${PAYMENT_RUNS_MAX}, default ${PAYMENT_RUNS_DEFAULT})`,
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(PAYMENT_RUNS_MAX).optional() }),
          response: { 200: PaymentRuns },
        },
      },
      async (request) => listPaymentRuns(ctx, actorOf(request), request.query.limit),
    );
    app.get(
      '/api/payment-runs/:issueDate/export.csv',
      {
        schema: {
          tags: ['payments'],
          summary:
            "A payment run as CSV, one payment a row: a Finance Officer's holds every payment issued on that date; anyone else's, the payments to the people within their reach",
          params: z.object({ issueDate: IsoDate }),
          response: {
            200: {
              description: 'One row per payment, with a header row',
              headers: {
                'Payment-Run-Scope': {
                  description:
                    'whole: every payment of the run (a Finance Officer); within-reach: the payments to the people within your reach. The file is named payment-run-DATE.csv or payment-run-DATE-within-your-reach.csv.',
                  type: 'string',
                  enum: ['whole', 'within-reach'],
                },
              },
              content: { 'text/csv': { schema: z.custom<NodeJS.ReadableStream>().meta({ type: 'string' }) } },
            },
          },
        },
      },
      async (request, reply) => {
        const { scope, rows } = await exportPaymentRun(ctx, actorOf(request), request.params.issueDate);
        const name =
          scope === 'whole' ? `payment-run-${request.params.issueDate}` : `payment-run-${request.params.issueDate}-within-your-reach`;
        const csv = stringify({ header: true, bom: true, columns: PAYMENT_RUN_COLUMNS.map(({ key, header }) => ({ key, header })) });
        for (const row of rows) csv.write(row);
        csv.end();
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .header('payment-run-scope', scope)
          .header('cache-control', 'no-store')
          .send(csv);
      },
    );
    app.patch(
      '/api/debts/:id/agreement',
      {
        schema: {
          tags: ['payments'],
          summary: 'E06: the signed repayment agreement was received on this date',
          params: IdParams,
          body: z.strictObject({ version: Version, receivedOn: IsoDate }),
          response: { 200: DebtAgreement, ...problems('DATE_IN_FUTURE') },
        },
      },
      async (request) => recordAgreement(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/debts/:id/adjustments',
      {
        schema: {
          tags: ['payments'],
          summary: 'A signed adjustment to what a debt owes, with its reason',
          description: retriedSafely('adjustment'),
          params: IdParams,
          headers: IdempotencyHeaders,
          body: z.strictObject({ direction: z.enum(['raise', 'lower']), amount: AmountCents, reason: Reason }),
          response: { 201: DebtAdjustment, ...problems('ADJUSTMENT_REFUSED', 'IDEMPOTENCY_KEY_REUSED') },
        },
      },
      async (request, reply) => {
        const { direction, amount, reason } = request.body;
        const { made, replayed } = await adjustDebt(
          ctx,
          actorOf(request),
          request.params.id,
          { amountCents: direction === 'raise' ? amount : -amount, reason },
          request.headers['idempotency-key'],
        );
        markReplayed(reply, replayed);
        return reply.code(201).send(made);
      },
    );
    app.post(
      '/api/debt-adjustments/:id/reversal',
      {
        schema: {
          tags: ['payments'],
          summary: 'Reverse an adjustment with a reason: its exact opposite, linked to it, once only',
          params: IdParams,
          body: z.strictObject({ reason: Reason }),
          response: { 201: DebtAdjustment, ...problems('ALREADY_REVERSED') },
        },
      },
      async (request, reply) => reply.code(201).send(await reverseAdjustment(ctx, actorOf(request), request.params.id, request.body)),
    );
  };
