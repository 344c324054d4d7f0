/**
 * The Fastify server: JSON API under /api (schemas in Zod, OpenAPI 3.1 at /api/openapi.json,
 * interactive docs at /api/docs), /health, and the web UI's built files with SPA fallback.
 * Logs are pino JSON that carry no personal data: no bodies, and URLs without their query string.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { AppError } from '../app/errors.ts';
import type { RunnableJob } from '../app/jobs.ts';
import { registerSessions } from './auth.ts';
import { clientErrorHandler, rejectLongUrls } from './client-errors.ts';
import { declareLocations, declareReplayable, registerLocations, registerReplayable } from './created.ts';
import { originGuard, publicOriginResolver } from './csrf.ts';
import { registerJsonBody } from './json-body.ts';
import { registerPasswordGate } from './password-gate.ts';
import { handleError, problem } from './problems.ts';
import { databaseRateLimitStore } from './request-limits.ts';
import { nameOperation, tidyDocument } from './response-document.ts';
import { keepingResponseHeaders } from './response-headers.ts';
import { declareProblems, problems } from './response-problems.ts';
import { Health } from './response-schemas.ts';
import { responseSerializer } from './response-serializer.ts';
import { routeTable } from './route-table.ts';
import { accessRoutes } from './routes/access.ts';
import { auditRoutes } from './routes/audit.ts';
import { benefitRoutes } from './routes/benefits.ts';
import { caseRoutes } from './routes/cases.ts';
import { learningRoutes } from './routes/learning.ts';
import { myWorkRoutes } from './routes/my-work.ts';
import { paymentRoutes } from './routes/payments.ts';
import { peopleRoutes } from './routes/people.ts';
import { servicePlanRoutes } from './routes/service-plans.ts';
import { sessionRoutes } from './routes/session.ts';
import { twoAttendingRoutes } from './routes/two-attending.ts';
import { workRoutes } from './routes/work.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { refuseUnstatedMembers, requireStrictInput } from './strict-input.ts';
import { rejectUnsupportedText } from './text-guard.ts';

export const defaultWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface ServerOptions {
  readonly ctx: AppContext;
  readonly engine: 'pglite' | 'postgres';
  /** A pino logger to use, or false for none (tests). */
  readonly logger?: FastifyBaseLogger | false;
  /** Built web UI to serve; omitted or missing folder: API only. */
  readonly webRoot?: string | null;
  readonly secureCookies?: boolean;
  /** Sign-in attempts per minute per client address (default 30). */
  readonly signInRateLimit?: number;
  /** The origin users reach the server at (WAYPOINT_PUBLIC_ORIGIN); omitted or null: the listen address. */
  readonly publicOrigin?: string | null;
  /** Reverse proxies (addresses or CIDR ranges) trusted to name the client in X-Forwarded-For (WAYPOINT_TRUSTED_PROXIES). */
  readonly trustedProxies?: readonly string[] | null;
  /**
   * Whether this process still holds its PGlite data-folder lock (Database.holdsLock). Checked before
   * every write request: once the lock is lost no write starts (503; the default handler has then
   * already ended the process).
   */
  readonly holdsLock?: () => boolean;
  /** A field the response schema would drop is a 500 rather than left out (tests: the schemas must state everything). */
  readonly strictResponses?: boolean;
  /** The jobs an administrator or supervisor may run on demand (GET /api/jobs); the caller hands in src/jobs/registry.ts. */
  readonly jobs?: readonly RunnableJob[];
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Request/response log lines: method, path without query (names and birth dates live in queries), status. */
export const logSerializers = {
  req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: 256 * 1024,
    // A trailing slash routes as the address without it (GET /api/people/{id}/ is GET /api/people/{id}).
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    // The router's own errors (a malformed %-escape, an over-long path segment) become problem+json too.
    frameworkErrors: (error, request, reply) => {
      void handleError(Object.assign(error, { statusCode: error.statusCode ?? 400 }), request, reply);
    },
    // What Node's HTTP parser refuses before Fastify sees a request (headers over 16 KB, a body framed
    // twice, not HTTP at all) answers problem+json too, written to the socket (client-errors.ts).
    clientErrorHandler,
    genReqId: () => crypto.randomUUID(),
    // The client's address (sign-in throttling) comes from X-Forwarded-For only through a trusted proxy.
    ...(options.trustedProxies?.length && { trustProxy: [...options.trustedProxies] }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer(options.strictResponses ?? false));
  app.setErrorHandler(handleError);
  registerJsonBody(app);
  const routes = routeTable();
  app.addHook('onRoute', (route) => routes.add(route.method, route.url));
  app.addHook('onRoute', requireStrictInput);
  app.addHook('onRoute', declareProblems);
  app.addHook('onRoute', nameOperation);
  const locations = registerLocations(app);
  const replayable = registerReplayable(app);

  await app.register(fastifyCookie);
  registerSecurityHeaders(app, { secureCookies: options.secureCookies ?? false });
  app.addHook('onRequest', rejectLongUrls);
  await app.register(fastifyRateLimit, { global: false, store: databaseRateLimitStore(options.ctx) });
  const holdsLock = options.holdsLock;
  if (holdsLock) {
    app.addHook('onRequest', async (request) => {
      if (!READS.has(request.method) && !holdsLock()) {
        throw new AppError('DATA_FOLDER_LOCK_LOST', 'This server lost its lock on the data folder and takes no more writes.', {
          rule: 'Waypoint data-folder lock',
        });
      }
    });
  }
  app.addHook('onRequest', originGuard(publicOriginResolver(app, options.publicOrigin)));
  // API answers carry personal data: no browser or proxy may keep a copy (back button, shared machines).
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  app.addHook('preValidation', rejectUnsupportedText);
  app.addHook('preValidation', refuseUnstatedMembers);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Waypoint API',
        version: '1.0.0',
        description: [
          'Case management and learner benefits. Errors are RFC 9457 problem+json; updates carry the version they read.',
          "Dates are calendar dates (YYYY-MM-DD). \"Today\" (what `asOf` defaults to, the latest date `DATE_IN_FUTURE` lets through, due and overdue) is the ministry's date in its time zone, WAYPOINT_TIME_ZONE (America/Edmonton unless the server sets another), not the caller's or UTC's.",
          'Timestamps (`at`, `recordedAt`, `expiresAt`...) are ISO 8601 instants in UTC, ending in Z.',
          'Whole numbers (versions, counts, sequence numbers) are integers; money is dollars as a decimal string; ids are uuids, calendar dates format date, instants format date-time.',
          'A request the server cannot read answers a problem too: 400 BAD_REQUEST (not valid HTTP), 408 REQUEST_TIMEOUT, 414 URL_TOO_LONG (an address over 8,192 characters), 431 HEADERS_TOO_LARGE.',
        ].join('\n\n'),
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: '/', description: 'This Waypoint server (the API is under /api)' }],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'waypoint_session' } } },
      security: [{ session: [] }],
    },
    transform: keepingResponseHeaders(jsonSchemaTransform),
    transformObject: (documentObject) =>
      declareReplayable(declareLocations(tidyDocument(jsonSchemaTransformObject(documentObject)), locations), replayable),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  registerSessions(app, options.ctx);
  registerPasswordGate(app);

  app.get(
    '/health',
    {
      schema: {
        tags: ['server'],
        summary: 'Whether the server is up, and its database engine: for load balancers (no sign-in, any Host header)',
        operationId: 'getHealth',
        security: [],
        response: { 200: Health, ...problems('URL_TOO_LONG', 'HEADERS_TOO_LARGE', 'INTERNAL') },
      },
    },
    async () => ({ status: 'ok' as const, database: options.engine }),
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(sessionRoutes(options.ctx, options.secureCookies ?? false, options.signInRateLimit ?? 30));
  await app.register(peopleRoutes(options.ctx));
  await app.register(caseRoutes(options.ctx));
  await app.register(auditRoutes(options.ctx));
  await app.register(servicePlanRoutes(options.ctx));
  await app.register(workRoutes(options.ctx, options.jobs ?? []));
  await app.register(myWorkRoutes(options.ctx));
  await app.register(benefitRoutes(options.ctx));
  await app.register(twoAttendingRoutes(options.ctx));
  await app.register(paymentRoutes(options.ctx));
  await app.register(learningRoutes(options.ctx));
  await app.register(accessRoutes(options.ctx));

  const webRoot = options.webRoot === undefined ? defaultWebRoot : options.webRoot;
  const hasWeb = webRoot !== null && existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: 'index.html' });
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html');
    if (hasWeb && isPage) return reply.type('text/html').sendFile('index.html');
    const path = request.url.split('?')[0]!;
    // The methods the address accepts; the one asked for is not among them when no route matched
    // (a 405 never says "does not accept GET; it accepts GET").
    const allowed = routes.methodsFor(path);
    if (allowed.includes(request.method)) allowed.length = 0;
    const body = allowed.length
      ? problem('METHOD_NOT_ALLOWED', `${path} does not accept ${request.method}; it accepts ${allowed.join(', ')}.`)
      : problem('NOT_FOUND', `There is nothing at ${request.method} ${path}.`);
    if (allowed.length) reply.header('allow', allowed.join(', '));
    body.instance = path;
    return reply.code(body.status).type('application/problem+json').send(body);
  });
  return app;
}
