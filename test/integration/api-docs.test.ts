/**
 * docs/api.md and the OpenAPI document say what the server does: `/health` is in the document, both
 * say which day "today" is (the ministry's date in WAYPOINT_TIME_ZONE, America/Edmonton by default)
 * and that timestamps are UTC, every `limit=1..N` docs/api.md states is the limit the server applies,
 * and its `User` names every field of the document's.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

interface Document {
  info: { description: string };
  paths: Record<
    string,
    Record<string, { security?: unknown[]; parameters?: { name: string; schema: { maximum?: number } }[]; responses: Record<string, any> }>
  >;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
}

const apiMd = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
let server: TestServer;
let document: Document;
beforeAll(async () => {
  server = await startTestServer();
  document = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(() => server.close());

describe('the OpenAPI document', () => {
  it('describes GET /health, open to anyone, with the answer it gives', async () => {
    const health = document.paths['/health']?.get;
    expect(health, 'GET /health is not in the document').toBeDefined();
    expect(health!.security).toEqual([]);
    const schema = health!.responses['200'].content['application/json'].schema;
    const resolved = schema.$ref ? document.components.schemas[schema.$ref.split('/').pop()] : schema;
    expect(Object.keys(resolved!.properties).sort()).toEqual(['database', 'status']);
    const answer = (await server.app.inject({ method: 'GET', url: '/health' })).json();
    expect(answer).toEqual({ status: 'ok', database: server.database.engine });
  });

  it('says that "today" is the ministry’s date in WAYPOINT_TIME_ZONE (America/Edmonton) and timestamps are UTC', () => {
    expect(document.info.description).toContain('WAYPOINT_TIME_ZONE');
    expect(document.info.description).toContain('America/Edmonton');
    expect(document.info.description).toMatch(/UTC/);
  });
});

describe('docs/api.md', () => {
  it('says that "today" is the ministry’s date in WAYPOINT_TIME_ZONE (America/Edmonton) and timestamps are UTC', () => {
    expect(apiMd).toContain('WAYPOINT_TIME_ZONE');
    expect(apiMd).toContain('America/Edmonton');
    expect(apiMd).toMatch(/Timestamps[\s\S]{0,80} in UTC/);
  });

  it('states for each list the limit the server applies', () => {
    const stated = [...apiMd.matchAll(/^\| GET \| (\/api\/[^ |]+) \|[^\n]*?limit=1\.\.(\d+)/gm)].map((m) => ({
      path: m[1]!.replace(/:([a-z]+)/gi, '{$1}'),
      limit: Number(m[2]),
    }));
    expect(stated.map((s) => s.path)).toContain('/api/tasks');
    for (const { path, limit } of stated) {
      const parameter = document.paths[path]?.get?.parameters?.find((p) => p.name === 'limit');
      expect(parameter?.schema.maximum, path).toBe(limit);
    }
  });

  it('names every field of the document’s User in its `User`', () => {
    const line = /`User = \{ ([^}]*) \}`/.exec(apiMd)?.[1] ?? '';
    const named = line.split(',').map((field) => field.trim().split(/[?:\s]/)[0]);
    expect(named.sort()).toEqual(Object.keys(document.components.schemas.User!.properties).sort());
  });
});
