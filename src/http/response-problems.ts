/**
 * The problem responses of each operation in the OpenAPI document: every status it can answer,
 * with the catalogue codes (src/http/problems.ts) that status carries. A route declares the codes of
 * its own rules with `problems(...)`; `declareProblems` (an onRoute hook) adds the ones every route
 * of its kind can answer: sign-in, the permission and ownership rules of src/http/operations.ts,
 * access by caseload to a person's data (the operation's `person`, app/person-access.ts), malformed
 * input, the origin checks of writes, a stale version, the unexpected.
 */
import type { RouteOptions } from 'fastify';
import { PERSON_ACCESS_REFUSALS } from '../app/person-access.ts';
import { OPERATIONS, OWNERSHIP_RULES, operationName } from './operations.ts';
import { CATALOGUE, type CatalogueCode } from './problems.ts';
import { Problem } from './schemas.ts';

const CODES = Symbol('problem codes');

export interface ProblemResponse {
  readonly description: string;
  readonly content: { readonly 'application/problem+json': { readonly schema: typeof Problem } };
  readonly [CODES]: readonly CatalogueCode[];
}

const describe = (codes: readonly CatalogueCode[]) => codes.map((code) => `- \`${code}\`: ${CATALOGUE[code].title}`).join('\n');

/** Problem responses for these codes, one per status, each listing its codes (a route's `response`). */
export function problems(...codes: CatalogueCode[]): Record<number, ProblemResponse> {
  const byStatus = new Map<number, CatalogueCode[]>();
  for (const code of new Set(codes)) {
    const status = CATALOGUE[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<number, ProblemResponse> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = { description: describe(list), content: { 'application/problem+json': { schema: Problem } }, [CODES]: list };
  }
  return responses;
}

/** Reached with a session that must change its password first, unless the route is one the gate lets through (password-gate.ts). */
const PASSWORD_GATE_OPEN = new Set(['GET /api/session', 'POST /api/session', 'DELETE /api/session', 'POST /api/session/password']);
const INPUT: CatalogueCode[] = [
  'VALIDATION_FAILED',
  'REQUIRED',
  'INVALID_FORMAT',
  'WRONG_TYPE',
  'IMPOSSIBLE_DATE',
  'UNSUPPORTED_TEXT',
  'UNKNOWN_FIELD',
];
const BODY: CatalogueCode[] = ['MALFORMED_JSON', 'EMPTY_JSON_BODY', 'PAYLOAD_TOO_LARGE'];
const WRITE: CatalogueCode[] = ['CSRF_REJECTED', 'UNSUPPORTED_MEDIA_TYPE', 'DATA_FOLDER_LOCK_LOST'];
const ALWAYS: CatalogueCode[] = ['HOST_REJECTED', 'RETRY', 'INTERNAL'];

/** Whether a body schema has a `version` member (an object, an intersection with one, or a union of forms that have one). */
function hasVersion(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const def = (body as { _zod?: { def?: { shape?: object; left?: unknown; right?: unknown; options?: unknown[] } } })._zod?.def;
  if (def?.shape) return 'version' in def.shape;
  if (def?.options) return def.options.some(hasVersion);
  return hasVersion(def?.left) || hasVersion(def?.right);
}

/** The codes every route like this one can answer, whatever its own rules. */
export function commonCodes(route: Pick<RouteOptions, 'method' | 'url' | 'schema' | 'config'>): CatalogueCode[] {
  const method = String(route.method);
  const name = `${method} ${route.url}`;
  const op = OPERATIONS.find((o) => operationName(o) === name);
  const codes: CatalogueCode[] = [...ALWAYS];
  if (op && op.requires !== 'public') codes.push('UNAUTHENTICATED');
  if (op && op.requires !== 'public' && !PASSWORD_GATE_OPEN.has(name)) codes.push('PASSWORD_CHANGE_REQUIRED');
  if (op && op.requires !== 'public' && op.requires !== 'signed-in') codes.push('FORBIDDEN');
  if (op?.ownership) codes.push(OWNERSHIP_RULES[op.ownership.rule].code);
  if (op?.person) codes.push(...PERSON_ACCESS_REFUSALS[op.person]);
  const schema = route.schema ?? {};
  if (schema.params) codes.push('NOT_FOUND');
  if (schema.params || schema.querystring || schema.body) codes.push(...INPUT);
  if (schema.body) codes.push(...BODY);
  if (hasVersion(schema.body)) codes.push('VERSION_CONFLICT');
  if (method !== 'GET') codes.push(...WRITE);
  if ((route.config as { rateLimit?: unknown } | undefined)?.rateLimit) codes.push('TOO_MANY_REQUESTS');
  return codes;
}

/** onRoute: a documented API route gets its problem responses, merged with those it declares itself. */
export function declareProblems(route: RouteOptions): void {
  const schema = route.schema;
  if (!schema || schema.hide || !route.url.startsWith('/api/')) return;
  const declared = Object.values((schema.response ?? {}) as Record<string, Partial<ProblemResponse>>).flatMap((r) => r[CODES] ?? []);
  const success = Object.fromEntries(
    Object.entries((schema.response ?? {}) as Record<string, Partial<ProblemResponse>>).filter(([, r]) => !r[CODES]),
  );
  schema.response = { ...success, ...problems(...commonCodes(route), ...declared) };
}
