import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../support/api.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the server', () => {
  it('answers /health with the database engine', async () => {
    const response = await anonymous(server.app).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: server.database.engine });
  });

  it('publishes an OpenAPI 3.1 document describing the people routes', async () => {
    const response = await anonymous(server.app).get('/api/openapi.json');
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/api/people', '/api/people/{id}', '/api/cases/{id}/close', '/api/audit']),
    );
    expect(response.body.paths['/api/people'].post.requestBody).toBeDefined();
  });

  it('serves interactive API docs', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });

  it('an unknown API route is a 404 problem', async () => {
    const response = await anonymous(server.app).get('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });
});
