/**
 * The JSON body reader: Fastify's own (secure-json-parse), which refuses a body holding a member
 * named `__proto__`, or a `constructor` member holding `prototype` (prototype poisoning). Such a
 * body is valid JSON, so it is not answered MALFORMED_JSON ("not valid JSON") but UNKNOWN_FIELD
 * naming where the member is (`__proto__`, `address.__proto__`, `constructor`): no route states
 * either name. Any other body it cannot read keeps Fastify's error (MALFORMED_JSON, EMPTY_JSON_BODY).
 *
 * A request with no body at all (no Content-Type, nothing sent) to a route that takes one is read
 * as {}: a body none of whose members is required may be left out (opening a case: `{ openedOn? }`),
 * and one with required members names each of them REQUIRED rather than the whole body.
 *
 * Bodies are read as sent: one with a Content-Encoding (gzip, deflate, br...) other than identity is
 * refused before it is read as 415 UNSUPPORTED_MEDIA_TYPE with `Accept-Encoding: identity` (RFC 9110
 * 15.5.16), where its compressed bytes had been answered MALFORMED_JSON.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';
import { unknownFieldsError } from './strict-input.ts';

const POISONING_TEXT = 'A member named __proto__, or constructor holding prototype, is never accepted; leave it out.';

const has = (node: object, key: string) => Object.hasOwn(node, key);

/** The path of the first member secure-json-parse refuses in valid JSON text, or null (not JSON, or none there). */
export function poisoningMemberAt(text: string): string | null {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return null;
  }
  // Iterative, so no body can overflow the stack.
  const stack: { node: unknown; path: string }[] = [{ node: root, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const at = (key: string) => (path ? `${path}.${key}` : key);
    if (!Array.isArray(node)) {
      if (has(node, '__proto__')) return at('__proto__');
      const ctor = (node as Record<string, unknown>).constructor;
      if (has(node, 'constructor') && ctor !== null && typeof ctor === 'object' && has(ctor, 'prototype')) return at('constructor');
    }
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [key, value] of entries.reverse()) stack.push({ node: value, path: at(key) });
  }
  return null;
}

const NO_BODY = new Set(['GET', 'HEAD']);

/** preParsing: a body sent with a content coding other than identity is refused before it is read. */
export async function refuseEncodedBody(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const coding = request.headers['content-encoding']?.trim().toLowerCase();
  if (NO_BODY.has(request.method) || !coding || coding === 'identity') return;
  reply.header('accept-encoding', 'identity');
  throw new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    `Waypoint reads request bodies as they are sent, not encoded (Content-Encoding: ${coding}); send the JSON without a Content-Encoding.`,
    { field: 'content-encoding', rule: 'Waypoint API input' },
  );
}

/** preValidation: no body at all, to a route that takes one, is read as {} (Fastify would validate it as null). */
export async function noBodyAsEmpty(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (request.body === undefined && request.routeOptions.schema?.body) request.body = {};
}

/**
 * Replaces the application/json reader with Fastify's own, answering prototype-poisoning members as
 * UNKNOWN_FIELD; refuses encoded bodies; reads no body as {}.
 */
export function registerJsonBody(app: FastifyInstance): void {
  app.addHook('preParsing', refuseEncodedBody);
  app.addHook('preValidation', noBodyAsEmpty);
  const parse = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parse(request, String(body), (error, value) => {
      if (!error) return done(null, value);
      const at = (error as { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? poisoningMemberAt(String(body)) : null;
      done(at === null ? error : unknownFieldsError([at], POISONING_TEXT), undefined);
    });
  });
}
