/** An official's own work for the home page: my caseload and the people I viewed lately. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { CASELOAD_PLAN_STATUSES, MY_WORK_PAGE_MAX, myCaseload, recentlyViewed } from '../../app/my-work.ts';
import { actorOf } from '../auth.ts';
import { CaseloadPage, RecentlyViewedPage } from '../response-my-work.ts';
import { IsoDate } from '../schemas.ts';

const Paging = {
  limit: z.coerce.number().int().min(1).max(MY_WORK_PAGE_MAX).optional(),
  offset: z.coerce.number().int().min(0).max(10_000).optional(),
};

export const myWorkRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/caseload',
      {
        schema: {
          tags: ['tasks'],
          summary:
            "My caseload: the people whose open plan items or open case I hold, soonest next due date first, filtered by their plan's status and a due date; a page at a time (limit at most 50, default 20). Every person listed is access-logged.",
          querystring: z.strictObject({ planStatus: z.enum(CASELOAD_PLAN_STATUSES).optional(), dueBy: IsoDate.optional(), ...Paging }),
          response: { 200: CaseloadPage },
        },
      },
      async (request) => myCaseload(ctx, actorOf(request), request.query),
    );
    app.get(
      '/api/recently-viewed',
      {
        schema: {
          tags: ['people'],
          summary: 'The people I opened lately that I may still read, most recent first; a page at a time (limit at most 50, default 5)',
          querystring: z.strictObject(Paging),
          response: { 200: RecentlyViewedPage },
        },
      },
      async (request) => recentlyViewed(ctx, actorOf(request), request.query),
    );
  };
