/** Access by caseload (docs/access-control.md): the break-glass read, and the auditors' access log search. */

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS_LOG_PAGE_MAX, searchAccessLog } from '../../app/access-log-search.ts';
import type { AppContext } from '../../app/context.ts';
import { breakGlass } from '../../app/person-access.ts';
import { createOffice, listOffices, placeUser, setSensitivity } from '../../app/placements.ts';
import { actorOf } from '../auth.ts';
import { problems } from '../response-problems.ts';
import { AccessLogPage, BreakGlassGrant, Office, Placement, Sensitivity } from '../response-schemas.ts';
import { IdParams, IsoDate, Uuid, Version } from '../schemas.ts';

const OfficeCode = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and hyphens, at most 40');
const Level = z.number().int().min(1).max(5);

export const accessRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/people/:id/break-glass',
      {
        schema: {
          tags: ['access'],
          summary:
            'Read a person outside your caseload: state why (20 to 500 characters). Grants access to this person for 60 minutes; every read under it is access-logged with the reason and flagged for review. Never opens a record above your sensitivity clearance.',
          params: IdParams,
          body: z.strictObject({ reason: z.string().max(2000) }),
          response: { 201: BreakGlassGrant, ...problems('BREAK_GLASS_REASON_TOO_SHORT') },
        },
      },
      async (request, reply) => reply.code(201).send(await breakGlass(ctx, actorOf(request), request.params.id, request.body)),
    );
    app.get(
      '/api/access-log',
      {
        schema: {
          tags: ['access'],
          summary:
            'Auditors: who read which person, what, when and on what basis (break-glass reads with their reason), newest first, a page at a time',
          querystring: z.strictObject({
            actorId: Uuid.optional(),
            personId: Uuid.optional(),
            reference: z.string().trim().max(40).optional(),
            from: IsoDate.optional(),
            to: IsoDate.optional(),
            breakGlass: z.enum(['true', 'false']).optional(),
            limit: z.coerce.number().int().min(1).max(ACCESS_LOG_PAGE_MAX).optional(),
            before: z.coerce.number().int().min(1).optional(),
          }),
          response: { 200: AccessLogPage, ...problems('END_BEFORE_START') },
        },
      },
      async (request) => {
        const { breakGlass: flag, ...rest } = request.query;
        return searchAccessLog(ctx, actorOf(request), { ...rest, ...(flag !== undefined && { breakGlass: flag === 'true' }) });
      },
    );
    app.get(
      '/api/offices',
      {
        schema: {
          tags: ['access'],
          summary: 'The offices users and people belong to',
          response: { 200: z.object({ offices: z.array(Office) }) },
        },
      },
      async (request) => ({
        offices: await listOffices(ctx, actorOf(request)),
      }),
    );
    app.post(
      '/api/offices',
      {
        schema: {
          tags: ['access'],
          summary: 'Administrators: add an office',
          body: z.strictObject({ code: OfficeCode, name: z.string().trim().min(1).max(100) }),
          response: { 201: Office, ...problems('OFFICE_EXISTS') },
        },
      },
      async (request, reply) => reply.code(201).send(await createOffice(ctx, actorOf(request), request.body)),
    );
    app.patch(
      '/api/users/:id/placement',
      {
        schema: {
          tags: ['access'],
          summary: "Administrators: a user's office, team (null: none) and sensitivity clearance 1-5",
          params: IdParams,
          body: z.strictObject({
            version: Version,
            officeCode: OfficeCode.optional(),
            teamCode: OfficeCode.nullable().optional(),
            clearance: Level.optional(),
          }),
          response: { 200: Placement },
        },
      },
      async (request) => placeUser(ctx, actorOf(request), request.params.id, request.body),
    );
    app.patch(
      '/api/people/:id/sensitivity',
      {
        schema: {
          tags: ['access'],
          summary:
            "Supervisors: a person's sensitivity 1-5 (at most your own clearance); users with a lower clearance can no longer read them",
          params: IdParams,
          body: z.strictObject({ version: Version, sensitivity: Level }),
          response: { 200: Sensitivity, ...problems('ABOVE_SENSITIVITY_CLEARANCE') },
        },
      },
      async (request) => setSensitivity(ctx, actorOf(request), request.params.id, request.body),
    );
  };
