/** People: search, register, read (as of a date), correct, record detail changes, household, readiness. */

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import {
  correctPerson,
  getHousehold,
  getPerson,
  recordDetail,
  registerPersonWithKey,
  searchPeople,
  servicePlanReadinessOf,
} from '../../app/people.ts';
import { listPlansOfPerson } from '../../app/service-plans/plans.ts';
import { actorOf } from '../auth.ts';
import { markReplayed } from '../created.ts';
import { problems } from '../response-problems.ts';
import { Household, Person, PersonSearchPage, ServicePlanReadiness } from '../response-schemas.ts';
import { Address, DetailChange, Email, IdempotencyHeaders, IdParams, IsoDate, Name, Phone, retriedSafely, Version } from '../schemas.ts';

const AsOf = z.strictObject({ asOf: IsoDate.optional() });

export const peopleRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/people',
      {
        schema: {
          tags: ['people'],
          summary:
            'Search people: at least 2 letters of the family name, with the start of the given name or the date of birth; a page at a time (limit at most 50, default 20). Each hit says whether you may open the record or must break the glass; every hit is access-logged.',
          querystring: z.strictObject({
            q: z.string().max(200).optional(),
            birthDate: IsoDate.optional(),
            limit: z.coerce.number().int().min(1).max(50).optional(),
            offset: z.coerce.number().int().min(0).max(10_000).optional(),
          }),
          response: { 200: PersonSearchPage, ...problems('SEARCH_TOO_WIDE') },
        },
      },
      async (request) => searchPeople(ctx, actorOf(request), request.query),
    );
    app.post(
      '/api/people',
      {
        schema: {
          tags: ['people'],
          summary: 'Register a person; 409 POSSIBLE_DUPLICATE unless acknowledgeDuplicates',
          description: `${retriedSafely('registration')} A replay answers with the person as they are now.`,
          headers: IdempotencyHeaders,
          body: z.strictObject({
            givenName: Name,
            familyName: Name,
            birthDate: IsoDate,
            address: Address.optional(),
            phone: Phone.optional(),
            email: Email.optional(),
            effectiveFrom: IsoDate.optional(),
            acknowledgeDuplicates: z.boolean().optional(),
          }),
          response: { 201: Person, ...problems('POSSIBLE_DUPLICATE', 'DATE_IN_FUTURE', 'DATE_BEFORE_BIRTH', 'IDEMPOTENCY_KEY_REUSED') },
        },
        config: { location: '/api/people/:id' },
      },
      async (request, reply) => {
        const { made, replayed } = await registerPersonWithKey(ctx, actorOf(request), request.body, request.headers['idempotency-key']);
        markReplayed(reply, replayed);
        return reply.code(201).send(made);
      },
    );
    app.get(
      '/api/people/:id',
      {
        schema: {
          tags: ['people'],
          summary: 'A person as of a date (default today)',
          params: IdParams,
          querystring: AsOf,
          response: { 200: Person },
        },
      },
      async (request) => getPerson(ctx, actorOf(request), request.params.id, request.query.asOf),
    );
    app.patch(
      '/api/people/:id',
      {
        schema: {
          tags: ['people'],
          summary: 'Correct name or date of birth',
          params: IdParams,
          body: z.strictObject({
            version: Version,
            givenName: Name.optional(),
            familyName: Name.optional(),
            birthDate: IsoDate.optional(),
            acknowledgeLisWarning: z.boolean().optional(),
          }),
          response: { 200: Person, ...problems('LIS_WARNING_NOT_ACKNOWLEDGED', 'DATE_IN_FUTURE') },
        },
      },
      async (request) => correctPerson(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/people/:id/details',
      {
        schema: {
          tags: ['people'],
          summary: 'Record a new address, phone, email, education or employment from a date (history is kept)',
          params: IdParams,
          body: DetailChange,
          response: { 200: Person, ...problems('LIS_WARNING_NOT_ACKNOWLEDGED', 'DATE_BEFORE_BIRTH') },
        },
      },
      async (request) => recordDetail(ctx, actorOf(request), request.params.id, request.body as never),
    );
    app.get(
      '/api/people/:id/household',
      {
        schema: {
          tags: ['people'],
          summary: 'The household as of a date',
          params: IdParams,
          querystring: AsOf,
          response: { 200: Household },
        },
      },
      async (request) => getHousehold(ctx, actorOf(request), request.params.id, request.query.asOf),
    );
    app.get(
      '/api/people/:id/service-plan-readiness',
      {
        schema: {
          tags: ['people'],
          summary: 'R03 pre-conditions for a Service Plan: met, or which are not',
          params: IdParams,
          response: { 200: ServicePlanReadiness },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const readiness = await servicePlanReadinessOf(ctx, actor, request.params.id);
        const current =
          (await listPlansOfPerson(ctx, actor, request.params.id)).find((p) => p.status === 'open' || p.status === 'active') ?? null;
        const plan = current && { id: current.id, reference: current.reference, status: current.status };
        return readiness.ready ? { ...readiness, unmet: [], currentPlan: plan } : { ...readiness, primaryNeed: null, currentPlan: plan };
      },
    );
  };
