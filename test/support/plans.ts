/**
 * Service Plan set-up through the API, for tests: a person ready for a plan (complete
 * registration, an open Integrated Case, an assessment completed with a Primary Need), a plan with
 * sub-goals and items added by chosen officials, funding a training item with a learner PDC, and a
 * second server on the same database with a later clock ("time has passed").
 */
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/app/context.ts';
import { createContext } from '../../src/app/create-context.ts';
import { DEMO_PASSWORD } from '../../src/app/demo-data.ts';
import { buildServer } from '../../src/http/server.ts';
import { JOBS } from '../../src/jobs/registry.ts';
import { type Api, type ApiResponse, signedIn } from './api.ts';
import { personBody } from './fixtures.ts';
import { TEST_TODAY, type TestServer } from './server.ts';

/** The response, when it has the expected status; otherwise a failure naming the problem. */
export function expectStatus<T = any>(response: ApiResponse<T>, status: number, what: string): T {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface ReadyPerson {
  readonly personId: string;
  readonly caseId: string;
  readonly assessmentId: string;
  readonly person: any;
}

/** R03 pre-conditions met: a complete registration, an open case, a completed assessment. */
export async function readyPerson(
  api: Api,
  options: { primaryNeed?: string; needs?: string[]; person?: Record<string, unknown> } = {},
): Promise<ReadyPerson> {
  const primaryNeed = options.primaryNeed ?? 'training';
  const needs = options.needs ?? [primaryNeed];
  const person = expectStatus(await api.post('/api/people', personBody(options.person)), 201, 'register');
  const opened = expectStatus(await api.post(`/api/people/${person.id}/cases`, {}), 201, 'open case');
  const started = expectStatus(await api.post(`/api/cases/${opened.id}/assessments`, { needs }), 201, 'start assessment');
  expectStatus(
    await api.post(`/api/assessments/${started.id}/complete`, { version: started.version, needs, primaryNeed }),
    200,
    'complete assessment',
  );
  return { personId: person.id, caseId: opened.id, assessmentId: started.id, person };
}

export async function createPlan(api: Api, personId: string) {
  return expectStatus(await api.post(`/api/people/${personId}/service-plans`), 201, 'create plan');
}

export async function getPlan(api: Api, planId: string) {
  return expectStatus(await api.get(`/api/service-plans/${planId}`), 200, 'read plan');
}

/** Every item of a plan view, across its sub-goals. */
export const itemsOf = (plan: any): any[] => plan.subGoals.flatMap((g: any) => g.items);
export const itemOf = (plan: any, itemId: string): any => itemsOf(plan).find((i) => i.id === itemId);
export const subGoalOf = (plan: any, type: string): any => plan.subGoals.find((g: any) => g.type === type);

export async function addSubGoal(api: Api, planId: string, type: string) {
  const plan = expectStatus(await api.post(`/api/service-plans/${planId}/sub-goals`, { type }), 200, `add ${type} sub-goal`);
  return { plan, subGoal: subGoalOf(plan, type) };
}

export interface ItemSpec {
  readonly subGoalId: string;
  readonly type: string;
  readonly customName?: string;
  readonly description?: string;
  readonly expectedStart?: string;
  readonly expectedEnd?: string;
}

/** Adds an item as `api`'s user (who then owns it); returns the plan and the new item. */
export async function addItem(api: Api, planId: string, spec: ItemSpec) {
  const before = new Set(itemsOf(await getPlan(api, planId)).map((i) => i.id));
  const plan = expectStatus(
    await api.post(`/api/service-plans/${planId}/items`, { expectedStart: '2026-07-06', expectedEnd: '2026-12-18', ...spec }),
    200,
    `add ${spec.type} item`,
  );
  const item = itemsOf(plan).find((i) => !before.has(i.id));
  return { plan, item };
}

export interface PlanItemRequest {
  readonly subGoal: string;
  readonly type: string;
  /** The official who adds (and so owns) the item; the plan's creator when omitted. */
  readonly by?: Api;
  readonly customName?: string;
  readonly expectedStart?: string;
  readonly expectedEnd?: string;
}

/**
 * A ready person and a plan created by `api`, with the sub-goals the items need and the items in
 * order. Returns the person, the final plan view and the items (as added).
 */
export async function planWithItems(api: Api, items: readonly PlanItemRequest[], options: { primaryNeed?: string; accept?: boolean } = {}) {
  const ready = await readyPerson(api, { primaryNeed: options.primaryNeed ?? 'training' });
  let plan = await createPlan(api, ready.personId);
  const added: any[] = [];
  for (const request of items) {
    if (!subGoalOf(plan, request.subGoal)) plan = (await addSubGoal(api, plan.id, request.subGoal)).plan;
    const result = await addItem(request.by ?? api, plan.id, {
      subGoalId: subGoalOf(plan, request.subGoal).id,
      type: request.type,
      ...(request.customName !== undefined && { customName: request.customName }),
      ...(request.expectedStart !== undefined && { expectedStart: request.expectedStart }),
      ...(request.expectedEnd !== undefined && { expectedEnd: request.expectedEnd }),
    });
    plan = result.plan;
    added.push(result.item);
  }
  if (options.accept) plan = await acceptPlan(api, plan);
  return { ...ready, plan, items: added };
}

/** The person accepts the plan today (as far as `today` says; TEST_TODAY by default). */
export async function acceptPlan(api: Api, plan: { id: string; version: number; createdOn: string }, acceptedOn = plan.createdOn) {
  return expectStatus(
    await api.post(`/api/service-plans/${plan.id}/accept`, { version: plan.version, acceptedOn, method: 'signed' }),
    200,
    'accept plan',
  );
}

/** The completion body for an item: attained, actual dates = expected dates, unless overridden. */
/**
 * A person with a contact on 2026-01-10 (in person) and a new job-search plan they accepted on
 * TEST_TODAY: the contact is older than the plan, so it says nothing about the plan's engagement.
 */
export async function planAcceptedAfterOldContact(api: Api) {
  const ready = await readyPerson(api);
  expectStatus(
    await api.post(`/api/people/${ready.personId}/interactions`, { occurredOn: '2026-01-10', channel: 'in-person' }),
    201,
    'contact',
  );
  let plan = await createPlan(api, ready.personId);
  plan = (await addSubGoal(api, plan.id, 'job-search')).plan;
  return acceptPlan(api, plan, TEST_TODAY);
}

export function completion(item: any, overrides: Record<string, unknown> = {}) {
  return { version: item.version, outcome: 'attained', actualStart: item.expectedStart, actualEnd: item.expectedEnd, ...overrides };
}

export async function completeItem(api: Api, item: any, overrides: Record<string, unknown> = {}) {
  const plan = expectStatus(await api.post(`/api/plan-items/${item.id}/complete`, completion(item, overrides)), 200, 'complete item');
  return { plan, item: itemOf(plan, item.id) };
}

/** Funds a training item with a learner income support PDC (optionally with a coordinator). */
export async function fundTraining(
  api: Api,
  itemId: string,
  options: { coordinatorId?: string; trainingLoad?: 'full-time' | 'part-time' } = {},
) {
  return expectStatus(
    await api.post(`/api/plan-items/${itemId}/pdc`, {
      trainingLoad: options.trainingLoad ?? 'full-time',
      ...(options.coordinatorId && { coordinatorId: options.coordinatorId }),
    }),
    201,
    'fund training',
  );
}

/** The signed-in user's id. */
export async function userIdOf(api: Api): Promise<string> {
  return expectStatus(await api.get('/api/session'), 200, 'who am I').user.id;
}

export async function openTasks(api: Api, query = ''): Promise<any[]> {
  return expectStatus(await api.get(`/api/tasks${query}`), 200, 'list tasks').tasks;
}

export interface LaterServer {
  readonly app: FastifyInstance;
  signedIn(username: string): Promise<Api>;
  close(): Promise<void>;
}

/**
 * Another server on the same database whose clock says `today`: time has passed since the data
 * was made. Sign in on it (sessions are checked against its clock). Close it before the original.
 */
export async function serverOn(server: TestServer, today: string): Promise<LaterServer> {
  const ctx = createContext(server.database.db, { clock: fixedClock(today), demoMode: true });
  const app = await buildServer({ ctx, engine: server.database.engine, webRoot: null, jobs: JOBS });
  return { app, signedIn: (username) => signedIn(app, username), close: () => app.close() };
}

/** GET as `username` without parsing the body as JSON (files: the agreement PDF). */
export async function download(app: FastifyInstance, username: string, url: string) {
  const session = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password: DEMO_PASSWORD } });
  const cookie = session.cookies.find((c) => c.name === 'waypoint_session');
  if (!cookie) throw new Error(`sign-in as ${username} failed: ${session.statusCode}`);
  return app.inject({ method: 'GET', url, cookies: { waypoint_session: cookie.value } });
}
