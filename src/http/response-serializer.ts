/**
 * Answers are serialised through their route's response schema (fastify-type-provider-zod): a value
 * of the wrong type is a 500, and a field the schema does not state is dropped. With `strict` (the
 * tests), a dropped or changed field is a 500 too, naming where: the schemas cannot fall behind
 * what the use cases return without a test failing.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { type $ZodType, safeEncode, toJSONSchema } from 'zod/v4/core';
import { declaredFormatProblem } from './declared-formats.ts';

const plain = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** The first path at which two JSON values differ ("" when they are equal). */
export function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b))
    return path || '(root)';
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const inner = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}/${key}`);
    if (inner) return inner;
  }
  return path || '(root)';
}

export function responseSerializer(strict: boolean): FastifySerializerCompiler<$ZodType> {
  return ({ schema, method, url }) => {
    // What the document declares of whole numbers and formats, which zod does not check (src/http/response-schemas.ts).
    const declared = strict ? toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) : null;
    return (data) => {
      const result = safeEncode(schema, data);
      if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
      const json = JSON.stringify(result.data);
      if (strict) {
        const answer = json === undefined ? undefined : JSON.parse(json);
        const where = firstDifference(plain(data), answer);
        if (where) throw new Error(`${method} ${url}: the response schema drops or changes ${where}`);
        const broken = declared && declaredFormatProblem(declared as Parameters<typeof declaredFormatProblem>[0], answer);
        if (broken) throw new Error(`${method} ${url}: the answer breaks what its schema declares at ${broken}`);
      }
      return json;
    };
  };
}
