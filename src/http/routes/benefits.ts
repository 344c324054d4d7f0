/** Learner benefits: a case's evidence and its versions, apply changes, preview, determinations, approvals; the household calculator. */

import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DETERMINATION_EXPORT_COLUMNS, exportDeterminations } from '../../app/benefits/determination-export.ts';
import { getDeterminations, previewDetermination } from '../../app/benefits/determinations.ts';
import {
  addEvidenceBySession,
  applyChanges,
  changeEvidence,
  correctEvidence,
  decideApproval,
  discardVersion,
  listEvidence,
} from '../../app/benefits/evidence.ts';
import { evidenceTypeCatalogue } from '../../app/catalogues.ts';
import type { AppContext } from '../../app/context.ts';
import { AppError } from '../../app/errors.ts';
import { listPdcsOfPerson } from '../../app/pdcs.ts';
import { runSimulation, SimulationInput } from '../../app/simulation.ts';
import { SIMULATION_BODY_LIMIT, SIMULATIONS_PER_MINUTE } from '../../app/simulation-bounds.ts';
import { actorOf, sessionWriter } from '../auth.ts';
import { markReplayed } from '../created.ts';
import {
  DeterminationPreview,
  EvidenceRecord,
  EvidenceSaved,
  EvidenceType,
  HouseholdReassessment,
  PdcSummary,
  PdcView,
  SimulationResult,
} from '../response-benefits.ts';
import { problems } from '../response-problems.ts';
import { Id } from '../response-schemas.ts';
import { AmountCents, DecimalAmount, IdempotencyHeaders, IdParams, IsoDate, retriedSafely, Uuid, Version } from '../schemas.ts';

const EVIDENCE_VALUE_CODES = [
  'UNKNOWN_SUBTYPE',
  'NOT_IN_HOUSEHOLD',
  'NEGATIVE_AMOUNT',
  'AMOUNT_RANGE',
  'AMOUNT_PRECISION',
  'PDC_NOT_OPEN',
  'AMBIGUOUS_EVIDENCE',
] as const;
const PREVIEW = { 200: DeterminationPreview, ...problems('RATE_NOT_IN_FORCE', 'PDC_NOT_OPEN') };

const EvidenceValues = {
  subtype: z.string().max(60).nullable().optional(),
  personId: Uuid.nullable().optional(),
  amount: AmountCents.nullable().optional(),
  note: z.string().max(2000).optional(),
};
const values = (body: {
  subtype?: string | null | undefined;
  personId?: string | null | undefined;
  amount?: number | null | undefined;
  note?: string | undefined;
}) => ({
  subtype: body.subtype,
  personId: body.personId,
  amountCents: body.amount,
  note: body.note,
});

export const benefitRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/people/:id/pdcs',
      {
        schema: {
          tags: ['benefits'],
          summary: "The person's product delivery cases",
          params: IdParams,
          response: { 200: z.object({ pdcs: z.array(PdcSummary) }) },
        },
      },
      async (request) => {
        return { pdcs: await listPdcsOfPerson(ctx, actorOf(request), request.params.id) };
      },
    );
    app.get(
      '/api/pdcs/:id',
      {
        schema: {
          tags: ['benefits'],
          summary: 'A case: its current determination (every month explained), versions and over/underpayments',
          params: IdParams,
          response: { 200: PdcView },
        },
      },
      async (request) => getDeterminations(ctx, actorOf(request), request.params.id),
    );
    app.get(
      '/api/pdcs/:id/determinations.csv',
      {
        schema: {
          tags: ['benefits'],
          summary: "A case's determinations as CSV: every month of every version, with what each version changed",
          params: IdParams,
          response: {
            200: {
              description: 'One row per version and month, with a header row',
              content: { 'text/csv': { schema: z.custom<Readable>().meta({ type: 'string' }) } },
            },
          },
        },
      },
      async (request, reply) => {
        const { reference, rows } = await exportDeterminations(ctx, actorOf(request), request.params.id);
        const csv = stringify({
          header: true,
          bom: true,
          columns: DETERMINATION_EXPORT_COLUMNS.map(({ key, header }) => ({ key, header })),
        });
        for (const row of rows) csv.write(row);
        csv.end();
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="determinations-${reference}.csv"`)
          .header('cache-control', 'no-store')
          .send(csv);
      },
    );
    app.get(
      '/api/pdcs/:id/evidence',
      {
        schema: {
          tags: ['benefits'],
          summary: 'Evidence with every version',
          params: IdParams,
          response: { 200: z.object({ evidence: z.array(EvidenceRecord) }) },
        },
      },
      async (request) => ({
        evidence: await listEvidence(ctx, actorOf(request), request.params.id),
      }),
    );
    app.post(
      '/api/pdcs/:id/evidence',
      {
        // The session is read with the case lock: one round trip fewer (app/benefits/evidence.ts addEvidenceBySession).
        config: { sessionInHandler: true },
        schema: {
          tags: ['benefits'],
          summary: 'Add evidence (in edit until changes are applied)',
          description: retriedSafely('piece of evidence'),
          params: IdParams,
          headers: IdempotencyHeaders,
          body: z.strictObject({
            type: z.string().min(1).max(60),
            periodStart: IsoDate,
            periodEnd: IsoDate.nullable().optional(),
            ...EvidenceValues,
          }),
          response: {
            201: EvidenceSaved,
            ...problems(
              ...EVIDENCE_VALUE_CODES,
              'UNKNOWN_EVIDENCE_TYPE',
              'END_BEFORE_START',
              'PERIOD_OUTSIDE_PDC',
              'IDEMPOTENCY_KEY_REUSED',
            ),
          },
        },
      },
      async (request, reply) => {
        const { made, replayed } = await addEvidenceBySession(
          ctx,
          sessionWriter(request),
          request.params.id,
          {
            ...values(request.body),
            type: request.body.type,
            periodStart: request.body.periodStart,
            periodEnd: request.body.periodEnd,
          },
          request.headers['idempotency-key'],
        );
        markReplayed(reply, replayed);
        return reply.code(201).send(made);
      },
    );
    app.post(
      '/api/evidence-versions/:id/correct',
      {
        schema: {
          tags: ['benefits'],
          summary: 'Correct a wrong value for the same period (in edit)',
          params: IdParams,
          body: z.strictObject({ version: Version, ...EvidenceValues }),
          response: { 201: EvidenceSaved, ...problems(...EVIDENCE_VALUE_CODES) },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await correctEvidence(ctx, actorOf(request), request.params.id, { version: request.body.version, ...values(request.body) }),
          ),
    );
    app.post(
      '/api/evidence/:id/change',
      {
        schema: {
          tags: ['benefits'],
          summary: 'Record a change of circumstance from a date (in edit)',
          params: IdParams,
          body: z.strictObject({ effectiveFrom: IsoDate, periodEnd: IsoDate.nullable().optional(), ...EvidenceValues }),
          response: { 201: EvidenceSaved, ...problems(...EVIDENCE_VALUE_CODES, 'END_BEFORE_START', 'PERIOD_OUTSIDE_PDC') },
        },
      },
      async (request, reply) =>
        reply.code(201).send(
          await changeEvidence(ctx, actorOf(request), request.params.id, {
            ...values(request.body),
            effectiveFrom: request.body.effectiveFrom,
            periodEnd: request.body.periodEnd,
          }),
        ),
    );
    app.post(
      '/api/evidence-versions/:id/discard',
      {
        schema: {
          tags: ['benefits'],
          summary: 'Discard an in-edit version',
          params: IdParams,
          body: z.strictObject({ version: Version }),
          response: { 200: z.object({ versionId: Id, status: z.string() }), ...problems('VERSION_NOT_IN_EDIT') },
        },
      },
      async (request) => discardVersion(ctx, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/pdcs/:id/preview',
      {
        schema: {
          tags: ['benefits'],
          summary: 'What applying the in-edit changes would determine, and the over/underpayments it would cause',
          params: IdParams,
          response: PREVIEW,
        },
      },
      async (request) => previewDetermination(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/api/pdcs/:id/what-if',
      {
        schema: {
          tags: ['benefits'],
          summary: 'Compute with other rates, without saving (keys as in the policy data)',
          params: IdParams,
          body: z.strictObject({ rates: z.record(z.string().max(60), z.record(z.string().max(60), DecimalAmount)) }),
          response: { ...PREVIEW, ...problems('RATE_NOT_IN_FORCE', 'PDC_NOT_OPEN', 'AMOUNT_RANGE', 'AMOUNT_PRECISION') },
        },
      },
      async (request) => previewDetermination(ctx, actorOf(request), request.params.id, request.body.rates),
    );
    app.post(
      '/api/pdcs/:id/apply',
      {
        schema: {
          tags: ['benefits'],
          summary: 'Apply the in-edit changes together and reassess',
          params: IdParams,
          response: { 200: HouseholdReassessment, ...problems('NOTHING_TO_APPLY', 'PDC_NOT_OPEN', 'RATE_NOT_IN_FORCE') },
        },
      },
      async (request) => applyChanges(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/api/evidence-versions/:id/approval',
      {
        schema: {
          tags: ['benefits'],
          summary: 'Approve or reject Director Approval evidence (Learner Benefit Specialist)',
          params: IdParams,
          body: z.strictObject({ version: Version, decision: z.enum(['approved', 'rejected']), reason: z.string().max(1000).optional() }),
          response: { 200: HouseholdReassessment, ...problems('APPROVAL_NOT_PENDING', 'SEPARATION_OF_DUTIES', 'RATE_NOT_IN_FORCE') },
        },
      },
      async (request) => decideApproval(ctx, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/catalogues/evidence-types',
      {
        schema: {
          tags: ['catalogues'],
          summary: 'Evidence types, their subtypes and whether E04 splits them',
          response: { 200: z.object({ evidenceTypes: z.array(EvidenceType) }) },
        },
      },
      async (request) => evidenceTypeCatalogue(actorOf(request)),
    );
    app.post(
      '/api/simulations',
      {
        bodyLimit: SIMULATION_BODY_LIMIT,
        config: {
          rateLimit: {
            max: SIMULATIONS_PER_MINUTE,
            timeWindow: 60_000,
            errorResponseBuilder: () =>
              new AppError(
                'TOO_MANY_REQUESTS',
                `At most ${SIMULATIONS_PER_MINUTE} calculations a minute from one address; wait a minute.`,
                { rule: 'Waypoint calculator bounds' },
              ),
          },
        },
        schema: {
          tags: ['benefits'],
          summary:
            'The household calculator (docs/scenarios.md): what would this household get? Nothing is saved. Bounded in size and rate',
          body: SimulationInput,
          response: {
            200: SimulationResult,
            ...problems(
              'REQUEST_TOO_LARGE',
              'UNKNOWN_EVIDENCE_TYPE',
              'UNKNOWN_SUBTYPE',
              'RATE_NOT_IN_FORCE',
              'AMOUNT_RANGE',
              'AMOUNT_PRECISION',
              'END_BEFORE_START',
            ),
          },
        },
      },
      async (request) => runSimulation(actorOf(request), request.body),
    );
  };
