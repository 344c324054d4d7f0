/** The audit trail of one record (auditors and supervisors). */

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAuditEvents } from '../../app/audit.ts';
import type { AppContext } from '../../app/context.ts';
import { actorOf } from '../auth.ts';
import { AuditEvent } from '../response-schemas.ts';

export const auditRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Audit events for one record, oldest first',
          querystring: z.object({
            recordType: z.enum([
              'person',
              'relationship',
              'integrated_case',
              'assessment',
              'user',
              'service_plan',
              'plan_item',
              'task',
              'pdc',
              'two_attending',
            ]),
            recordId: z.string().min(1).max(100),
          }),
          response: { 200: z.object({ events: z.array(AuditEvent) }) },
        },
      },
      async (request) => ({ events: await listAuditEvents(ctx, actorOf(request), request.query) }),
    );
  };
