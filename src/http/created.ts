/**
 * The headers of a 201, and their declarations in the OpenAPI document:
 *
 * - `Location` (RFC 9110 15.3.2): a route that creates a resource the API can read on its own names
 *   that read's address in its config (`location: '/api/people/:id'`); the answer's `id` fills it
 *   in, and the document declares the header on the operation's 201. Resources with no read of
 *   their own (evidence, contacts, offices, debt adjustments...) send no Location.
 * - `Idempotent-Replayed: true` (docs/api.md "Retrying a write"): a write that takes an
 *   Idempotency-Key (its request headers are `IdempotencyHeaders`, http/schemas.ts) sends it on the
 *   201 that replays what the same key already made, and the document declares it on that 201.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { IdempotencyHeaders } from './schemas.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The address of the resource a 201 creates, `:id` standing for the answer's id. */
    readonly location?: string;
  }
}

/** The operations that send Location, by "METHOD /path" as the document names it, with the resource's address. */
export type Locations = Map<string, string>;

/** `/api/people/:id/cases` as the OpenAPI document writes it: `/api/people/{id}/cases`. */
const documentPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The onRoute hook collecting the routes that send Location, and the hook that sends it. */
export function registerLocations(app: FastifyInstance): Locations {
  const locations: Locations = new Map();
  app.addHook('onRoute', (route: RouteOptions) => {
    const location = route.config?.location;
    if (!location || Array.isArray(route.method)) return;
    locations.set(`${String(route.method).toLowerCase()} ${documentPath(route.url)}`, location);
  });
  app.addHook('preSerialization', async (request, reply, payload: unknown) => {
    const location = request.routeOptions.config.location;
    if (reply.statusCode !== 201 || !location) return payload;
    const id = (payload as { id?: unknown } | null)?.id;
    if (typeof id === 'string') reply.header('location', location.replace(':id', encodeURIComponent(id)));
    return payload;
  });
  return locations;
}

type Responses = Record<string, { headers?: Record<string, unknown> }>;

/** The document's 201 answers of those operations declare their Location header. */
export function declareLocations<T>(document: T, locations: Locations): T {
  const paths = (document as { paths?: Record<string, Record<string, { responses?: Responses }>> }).paths ?? {};
  for (const [operation, location] of locations) {
    const [method, path] = operation.split(' ') as [string, string];
    const created = paths[path]?.[method]?.responses?.['201'];
    if (!created) continue;
    created.headers = {
      ...created.headers,
      Location: {
        description: `The address of the new resource, which GET ${documentPath(location)} reads`,
        schema: { type: 'string' },
      },
    };
  }
  return document;
}

/** The header marking a replayed write's 201. */
const REPLAYED = 'Idempotent-Replayed';

/**
 * Marks the 201 of a write sent again with its Idempotency-Key (docs/api.md "Retrying a write"),
 * answered with what the first one made: `Idempotent-Replayed: true`.
 */
export function markReplayed(reply: { header(name: string, value: string): unknown }, replayed: boolean): void {
  if (replayed) reply.header(REPLAYED.toLowerCase(), 'true');
}

/** The operations that take an Idempotency-Key, by "METHOD /path" as the document names them. */
export type Replayable = Set<string>;

/** The onRoute hook collecting the routes that take an Idempotency-Key (and so may answer a replay). */
export function registerReplayable(app: FastifyInstance): Replayable {
  const replayable: Replayable = new Set();
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.schema?.headers !== IdempotencyHeaders || Array.isArray(route.method)) return;
    replayable.add(`${String(route.method).toLowerCase()} ${documentPath(route.url)}`);
  });
  return replayable;
}

/** The document's 201 answers of those operations declare Idempotent-Replayed. */
export function declareReplayable<T>(document: T, replayable: Replayable): T {
  const paths = (document as { paths?: Record<string, Record<string, { responses?: Responses }>> }).paths ?? {};
  for (const operation of replayable) {
    const [method, path] = operation.split(' ') as [string, string];
    const created = paths[path]?.[method]?.responses?.['201'];
    if (!created) continue;
    created.headers = {
      ...created.headers,
      [REPLAYED]: {
        description:
          'Sent, as `true`, when this answer replays a write already made with the same Idempotency-Key: the record is what that write made, and nothing more was made. Absent otherwise.',
        schema: { type: 'string', enum: ['true'] },
      },
    };
  }
  return document;
}
