/**
 * Test data through the API of a running Waypoint (never the database): an official signs in with
 * fetch, and people, cases, assessments and Service Plans are created as the UI would create them,
 * validated and audited. Pages then show real records without driving every form first.
 */
import { DEMO_PASSWORD } from './server.ts';

export interface Problem {
  status: number;
  code?: string;
  detail?: string;
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly problem: Problem,
  ) {
    super(`${method} ${path}: ${problem.status} ${problem.code ?? ''} ${problem.detail ?? ''}`);
    this.name = 'ApiError';
  }
}

/** A signed-in API client (one user's session cookie). */
export class Api {
  private constructor(
    readonly baseUrl: string,
    private readonly cookie: string,
    readonly user: { id: string; username: string; displayName: string; roles: string[] },
  ) {}

  static async signIn(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<Api> {
    const response = await fetch(`${baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok) throw new Error(`Signing in as ${username} failed: ${response.status} ${await response.text()}`);
    const cookie = (response.headers.getSetCookie?.() ?? [response.headers.get('set-cookie') ?? ''])
      .map((c) => c.split(';')[0])
      .filter(Boolean)
      .join('; ');
    const { user } = (await response.json()) as { user: Api['user'] };
    return new Api(baseUrl, cookie, user);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) throw new ApiError(method, path, (json ?? { status: response.status }) as Problem);
    return json as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }
}

export interface PlanItemView {
  id: string;
  type: string;
  name: string;
  version: number;
  owner: { id: string; displayName: string };
  status: string;
  courseLoadPercent: number | null;
  pdc: { id: string; reference: string } | null;
}
export interface PlanView {
  id: string;
  reference: string;
  status: string;
  version: number;
  createdOn: string;
  person: { id: string; reference: string };
  subGoals: { id: string; type: string; label: string; items: PlanItemView[] }[];
}

export const itemsOf = (plan: PlanView): PlanItemView[] => plan.subGoals.flatMap((g) => g.items);
export const subGoalOf = (plan: PlanView, type: string) => {
  const found = plan.subGoals.find((g) => g.type === type);
  if (!found) throw new Error(`Plan ${plan.reference} has no ${type} sub-goal`);
  return found;
};

/**
 * A registered person (complete registration) with an open Integrated Case and a completed
 * assessment whose Primary Need is `primaryNeed`: ready for a Service Plan (R03 pre-conditions).
 */
export async function seedPersonReadyForPlan(
  api: Api,
  person: { givenName: string; familyName: string; birthDate: string },
  primaryNeed = 'job-search',
): Promise<{ personId: string; reference: string; caseId: string }> {
  const created = await api.post<{ id: string; reference: string }>('/api/people', {
    ...person,
    address: { line1: '101 Test Avenue NW', city: 'Edmonton', province: 'AB', postalCode: 'T5J 2R7' },
    phone: '780-555-0100',
    effectiveFrom: '2026-01-05',
    acknowledgeDuplicates: true,
  });
  const ic = await api.post<{ id: string }>(`/api/people/${created.id}/cases`, { openedOn: '2026-01-05' });
  const assessment = await api.post<{ id: string; version: number }>(`/api/cases/${ic.id}/assessments`, {
    needs: [primaryNeed],
    notes: 'Browser test fixture.',
  });
  await api.post(`/api/assessments/${assessment.id}/complete`, {
    version: assessment.version,
    needs: [primaryNeed],
    primaryNeed,
  });
  return { personId: created.id, reference: created.reference, caseId: ic.id };
}

export interface SeedItem {
  subGoal: string;
  type: string;
  expectedStart: string;
  expectedEnd: string;
  customName?: string;
  description?: string;
  /** Who adds (and so owns) the item; the plan's creator by default. */
  by?: Api;
}

/** A Service Plan for a ready person, with sub-goals and items (each owned by whoever adds it). */
export async function seedPlan(api: Api, personId: string, items: SeedItem[], subGoals: string[] = []): Promise<PlanView> {
  let plan = await api.post<PlanView>(`/api/people/${personId}/service-plans`);
  for (const type of [...new Set([...subGoals, ...items.map((i) => i.subGoal)])]) {
    plan = await api.post<PlanView>(`/api/service-plans/${plan.id}/sub-goals`, { type });
  }
  for (const { subGoal, by, ...item } of items) {
    plan = await (by ?? api).post<PlanView>(`/api/service-plans/${plan.id}/items`, { subGoalId: subGoalOf(plan, subGoal).id, ...item });
  }
  return plan;
}

/** The person accepts the plan (signed, on the day it was created): it becomes active and can fund training (R03 pre-condition 3). */
export async function acceptSeedPlan(api: Api, plan: PlanView): Promise<PlanView> {
  return api.post<PlanView>(`/api/service-plans/${plan.id}/accept`, {
    version: plan.version,
    acceptedOn: plan.createdOn,
    method: 'signed',
  });
}
