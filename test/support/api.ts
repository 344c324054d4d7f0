/** A small client for API tests over app.inject: sign in as a demo user, then call routes. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from '../../src/app/demo-data.ts';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
}

export interface Api {
  get<T = any>(url: string): Promise<ApiResponse<T>>;
  /** `headers`: more request headers (e.g. Idempotency-Key). */
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  patch<T = any>(url: string, body?: unknown): Promise<ApiResponse<T>>;
  delete<T = any>(url: string): Promise<ApiResponse<T>>;
}

/**
 * The Host header the server answers for: inject's default (localhost) while it is not listening,
 * its listen address once it is (the Host check, docs/sign-in.md).
 */
function hostOf(app: FastifyInstance): Record<string, string> {
  const address = app.server.listening ? app.server.address() : null;
  return address && typeof address !== 'string' ? { host: `${address.address}:${address.port}` } : {};
}

function client(app: FastifyInstance, cookie: string | null): Api {
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>) => {
    const response = await app.inject({
      method,
      url,
      headers: { ...hostOf(app), ...headers },
      ...(cookie && { cookies: { waypoint_session: cookie } }),
      ...(body !== undefined && { payload: body as object }),
    });
    const text = response.body;
    return { status: response.statusCode, body: text ? JSON.parse(text) : null, headers: response.headers };
  };
  return {
    get: (url) => call('GET', url),
    post: (url, body, headers) => call('POST', url, body ?? {}, headers),
    patch: (url, body) => call('PATCH', url, body ?? {}),
    delete: (url) => call('DELETE', url),
  };
}

export const anonymous = (app: FastifyInstance): Api => client(app, null);

/** Signs in and gives the session cookie's value, for a test that sends its own requests (raw bodies, downloads). */
export async function sessionCookie(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/session', headers: hostOf(app), payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${response.statusCode} ${response.body}`);
  return response.cookies.find((c) => c.name === 'waypoint_session')!.value;
}

export async function signedIn(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Api> {
  return client(app, await sessionCookie(app, username, password));
}

/** Every account's id by its username (GET /api/users: a supervisor or an administrator may list them). */
export async function userIds(api: Api): Promise<Record<string, string>> {
  const response = await api.get<{ users: { username: string; id: string }[] }>('/api/users');
  if (response.status !== 200) throw new Error(`listing users failed: ${response.status} ${JSON.stringify(response.body)}`);
  return Object.fromEntries(response.body.users.map((u) => [u.username, u.id]));
}
