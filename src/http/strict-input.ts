/**
 * A request states only members its route takes: one it does not state is refused with
 * UNKNOWN_FIELD naming its path ("birthdate", "address.line3", "query.asof"), never dropped (a
 * correction spelling `birthdate` in lower case had answered 200, bumped the version and changed
 * nothing else). Every object of a route's body and query schema is strict (`z.strictObject`), so
 * Zod reports the member (src/app/input-errors.ts turns it into the field error) and the OpenAPI
 * document says `additionalProperties: false`.
 *
 * `requireStrictInput` (onRoute) refuses to register a route whose body or query schema has an
 * object that is not strict, so no route can forget; `refuseUnstatedMembers` (preValidation)
 * refuses the members of a body or a query sent to a route that takes none.
 */
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { AppError, type FieldError } from '../app/errors.ts';
import { fieldLabel, inputErrorsDetail, UNKNOWN_FIELD_TEXT } from '../app/input-errors.ts';

interface SchemaDef {
  readonly type?: string;
  readonly shape?: Record<string, unknown>;
  readonly catchall?: { readonly _zod?: { readonly def?: SchemaDef } };
  readonly innerType?: unknown;
  readonly in?: unknown;
  readonly out?: unknown;
  readonly element?: unknown;
  readonly options?: readonly unknown[];
  readonly valueType?: unknown;
  readonly items?: readonly unknown[];
  readonly rest?: unknown;
}

const defOf = (schema: unknown): SchemaDef | undefined => (schema as { _zod?: { def?: SchemaDef } } | null)?._zod?.def;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch', 'success']);

/** Where `schema` would let a member it does not state through (a path and why), or null when it would not. */
export function looseInputAt(schema: unknown, path = ''): string | null {
  const def = defOf(schema);
  if (!def) return null;
  const here = path || 'the top level';
  const first = (parts: readonly { schema: unknown; path: string }[]) => {
    for (const part of parts) {
      const found = looseInputAt(part.schema, part.path);
      if (found) return found;
    }
    return null;
  };
  switch (def.type) {
    case 'object':
      if (defOf(def.catchall)?.type !== 'never') return `${here}: an object that is not strict (use z.strictObject)`;
      return first(Object.entries(def.shape ?? {}).map(([key, value]) => ({ schema: value, path: path ? `${path}.${key}` : key })));
    case 'intersection':
      return `${here}: an intersection (its strict parts would refuse each other's members; state one strict object, or a discriminated union of them)`;
    case 'lazy':
      return `${here}: a lazy schema (not checked)`;
    case 'array':
      return looseInputAt(def.element, `${path}[]`);
    case 'record':
      return looseInputAt(def.valueType, `${path}.*`);
    case 'tuple':
      return first([...(def.items ?? []), ...(def.rest ? [def.rest] : [])].map((item, i) => ({ schema: item, path: `${path}[${i}]` })));
    case 'union':
      return first((def.options ?? []).map((option) => ({ schema: option, path })));
    case 'pipe':
      return first([
        { schema: def.in, path },
        { schema: def.out, path },
      ]);
    default:
      return def.type && WRAPPERS.has(def.type) ? looseInputAt(def.innerType, path) : null;
  }
}

/** onRoute: a route whose body or query schema could drop a member it does not state is not registered. */
export function requireStrictInput(route: RouteOptions): void {
  const schema = route.schema;
  if (!schema) return;
  for (const part of ['body', 'querystring'] as const) {
    const where = looseInputAt(schema[part]);
    if (where) {
      throw new Error(
        `${String(route.method)} ${route.url}: the ${part} schema would drop members it does not state, at ${where} (src/http/strict-input.ts).`,
      );
    }
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The refusal of these unstated members: UNKNOWN_FIELD for one, VALIDATION_FAILED listing each for several. */
export function unknownFieldsError(fields: readonly string[], detail = UNKNOWN_FIELD_TEXT): AppError {
  const errors: FieldError[] = fields.map((field) => ({ field, code: 'UNKNOWN_FIELD', detail, label: fieldLabel(field) }));
  return new AppError(errors.length === 1 ? 'UNKNOWN_FIELD' : 'VALIDATION_FAILED', inputErrorsDetail(errors), {
    field: errors[0]!.field,
    rule: 'Waypoint API schema',
    errors,
  });
}

/** preValidation: the members of a body or a query sent to an API route that takes none are refused, as a strict schema refuses its own. */
export async function refuseUnstatedMembers(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const { schema, url } = request.routeOptions;
  if (!schema || schema.hide || !url?.startsWith('/api/')) return;
  const fields = [
    ...(!schema.body && isObject(request.body) ? Object.keys(request.body) : []),
    ...(!schema.querystring && isObject(request.query) ? Object.keys(request.query).map((key) => `query.${key}`) : []),
  ];
  if (fields.length > 0) throw unknownFieldsError(fields);
}
