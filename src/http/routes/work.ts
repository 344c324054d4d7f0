/** Worklists and tasks, contacts with a person, caseload transfer, running a job on demand. */

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { myCaseload, previewCaseloadTransfer, transferCaseload } from '../../app/caseloads.ts';
import type { AppContext } from '../../app/context.ts';
import { CHANNELS, listInteractions, recordInteractionWithKey } from '../../app/interactions.ts';
import { listJobs, type RunnableJob, runJob } from '../../app/jobs.ts';
import { assignTask, completeTask, countOpenTasks, DUE_WINDOWS, listTasks } from '../../app/tasks.ts';
import { TEAM_LISTS, teamDashboard } from '../../app/team.ts';
import { actorOf } from '../auth.ts';
import { markReplayed } from '../created.ts';
import { problems } from '../response-problems.ts';
import {
  Caseload,
  CaseloadTransfer,
  CaseloadTransferPreview,
  Int,
  Interaction,
  JobSummary,
  JobWithRuns,
  RecordedInteraction,
  TaskPage,
  TaskRecord,
  TeamDashboard,
} from '../response-schemas.ts';
import { IdempotencyHeaders, IdParams, IsoDate, retriedSafely, Uuid, Version } from '../schemas.ts';

/** A page of a list: at most 200 rows from `offset`. */
const Paging = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export const workRoutes =
  (ctx: AppContext, jobs: readonly RunnableJob[]): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/tasks',
      {
        schema: {
          tags: ['tasks'],
          summary: "My worklist (assigned to me or my roles' queues); scope=all for supervisors",
          querystring: z.strictObject({
            status: z.enum(['open', 'completed']).optional(),
            scope: z.enum(['mine', 'all']).optional(),
            queue: z.string().max(60).optional().describe("A role's queue the tasks belong to"),
            type: z.string().max(60).optional().describe('A kind of task'),
            due: z.enum(DUE_WINDOWS).optional().describe('overdue: before today; this-week: today to Sunday; later: after Sunday'),
            sort: z.enum(['due', 'created', 'title']).optional(),
            limit: z.coerce.number().int().min(1).max(200).optional(),
            offset: z.coerce.number().int().min(0).max(100_000).optional(),
            list: z.enum(TEAM_LISTS).optional().describe("One of the team dashboard's lists (supervisors, with scope=all)"),
          }),
          response: { 200: TaskPage },
        },
      },
      async (request) => listTasks(ctx, actorOf(request), request.query),
    );
    app.get(
      '/api/tasks/count',
      { schema: { tags: ['tasks'], summary: 'How many open tasks are in my worklist', response: { 200: z.object({ open: Int }) } } },
      async (request) => ({
        open: await countOpenTasks(ctx, actorOf(request)),
      }),
    );
    app.post(
      '/api/tasks/:id/complete',
      {
        schema: {
          tags: ['tasks'],
          summary: 'Complete a task',
          params: IdParams,
          body: z.strictObject({ version: Version }),
          response: { 200: TaskRecord, ...problems('TASK_NOT_OPEN', 'TASK_NEEDS_DECISION') },
        },
      },
      async (request) => completeTask(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/tasks/:id/assign',
      {
        schema: {
          tags: ['tasks'],
          summary: 'Take a task from your queue, or (supervisor) assign it to someone',
          params: IdParams,
          body: z.strictObject({ version: Version, assigneeId: Uuid }),
          response: { 200: TaskRecord, ...problems('TASK_NOT_OPEN', 'ASSIGNEE_CANNOT_WORK_TASKS') },
        },
      },
      async (request) => assignTask(ctx, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/people/:id/interactions',
      {
        schema: {
          tags: ['people'],
          summary: 'Contacts with the person, newest first',
          params: IdParams,
          response: { 200: z.object({ interactions: z.array(Interaction) }) },
        },
      },
      async (request) => ({
        interactions: await listInteractions(ctx, actorOf(request), request.params.id),
      }),
    );
    app.post(
      '/api/people/:id/interactions',
      {
        schema: {
          tags: ['people'],
          summary: 'Record a contact with the person (date, channel, note)',
          description: retriedSafely('contact'),
          params: IdParams,
          headers: IdempotencyHeaders,
          body: z.strictObject({ occurredOn: IsoDate, channel: z.enum(CHANNELS), note: z.string().max(5000).optional() }),
          response: { 201: RecordedInteraction, ...problems('DATE_IN_FUTURE', 'IDEMPOTENCY_KEY_REUSED') },
        },
      },
      async (request, reply) => {
        const { made, replayed } = await recordInteractionWithKey(
          ctx,
          actorOf(request),
          request.params.id,
          request.body,
          request.headers['idempotency-key'],
        );
        markReplayed(reply, replayed);
        return reply.code(201).send(made);
      },
    );
    app.post(
      '/api/caseloads/transfer',
      {
        schema: {
          tags: ['tasks'],
          summary: "Move an official's open plan items and open tasks to another official (supervisor)",
          body: z.strictObject({ fromUserId: Uuid, toUserId: Uuid }),
          response: { 200: CaseloadTransfer, ...problems('NOT_FOUND') },
        },
      },
      async (request) => transferCaseload(ctx, actorOf(request), request.body),
    );
    app.post(
      '/api/caseloads/transfer/preview',
      {
        schema: {
          tags: ['tasks'],
          summary: 'What a caseload transfer would move, changing nothing (supervisor); paged',
          body: z.strictObject({ fromUserId: Uuid, toUserId: Uuid, ...Paging.shape }),
          response: { 200: CaseloadTransferPreview, ...problems('NOT_FOUND') },
        },
      },
      async (request) => previewCaseloadTransfer(ctx, actorOf(request), request.body),
    );
    app.get(
      '/api/caseloads/mine',
      {
        schema: {
          tags: ['tasks'],
          summary: 'My caseload: the open plan items I own and my open tasks; paged',
          querystring: Paging,
          response: { 200: Caseload },
        },
      },
      async (request) => myCaseload(ctx, actorOf(request), request.query),
    );
    app.get(
      '/api/team',
      {
        schema: {
          tags: ['tasks'],
          summary: "Supervisor's dashboard: open tasks by what they wait for, and each official's caseload (paged)",
          querystring: Paging,
          response: { 200: TeamDashboard },
        },
      },
      async (request) => teamDashboard(ctx, actorOf(request), request.query),
    );
    app.get(
      '/api/jobs',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Scheduled jobs and their last runs (supervisor, administrator)',
          response: { 200: z.object({ jobs: z.array(JobWithRuns) }) },
        },
      },
      async (request) => listJobs(ctx, actorOf(request), jobs),
    );
    app.post(
      '/api/jobs/:name/run',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Run a job now (supervisor, administrator)',
          params: z.object({ name: z.string().max(60) }),
          response: { 200: JobSummary },
        },
      },
      async (request) => runJob(ctx, actorOf(request), jobs, request.params.name),
    );
  };
