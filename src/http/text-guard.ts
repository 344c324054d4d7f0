/**
 * Text the database cannot store: the NUL character, and lone UTF-16 surrogates (not valid Unicode).
 * Refused for every request, in the body, the query and the path, before any handler runs: a clear
 * 400 naming the field, never a 500 from deep inside a query.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing NUL is what this pattern is for
const UNSUPPORTED = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const MAX_DEPTH = 32;

/** The path of the first unsupported string (or key), '<too deep>' for absurd nesting; iterative, so no input can overflow the stack. */
function findUnsupported(root: unknown, rootPath: string): string | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: rootPath, depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (UNSUPPORTED.test(value)) return path;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) return `${path}<too deep>`;
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [key, v] of entries) {
      if (UNSUPPORTED.test(key)) return path || key;
      stack.push({ value: v, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return null;
}

export async function rejectUnsupportedText(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const field =
    findUnsupported(request.body, '') ??
    (() => {
      const q = findUnsupported(request.query, '');
      return q === null ? null : `query.${q}`;
    })() ??
    (() => {
      const p = findUnsupported(request.params, '');
      return p === null ? null : `params.${p}`;
    })();
  if (field !== null) {
    const tooDeep = field.endsWith('<too deep>');
    throw new AppError(
      tooDeep ? 'INVALID_FORMAT' : 'UNSUPPORTED_TEXT',
      tooDeep
        ? `Input nested more than ${MAX_DEPTH} levels deep is not accepted.`
        : 'Text cannot contain the NUL character or unpaired surrogate code units.',
      { field: field.replace('<too deep>', ''), rule: 'Waypoint API input' },
    );
  }
}
