/**
 * A route may answer with a `{ description, headers, content }` response (a CSV download, say) to
 * declare the headers it sends. fastify-type-provider-zod rebuilds such a response from its
 * description and content only, so the document would lose the headers; this puts them back.
 */
import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifySchema } from 'fastify';

type Responses = Record<string, { headers?: unknown } | null | undefined>;

export function keepingResponseHeaders<S extends FastifySchema>(transform: SwaggerTransform<S>): SwaggerTransform<S> {
  return (document) => {
    const transformed = transform(document);
    const given = (document.schema as { response?: Responses }).response ?? {};
    const made = (transformed.schema as { response?: Record<string, Record<string, unknown> | undefined> }).response ?? {};
    for (const [status, answer] of Object.entries(given)) {
      const target = made[status];
      if (answer?.headers && target) target.headers = answer.headers;
    }
    return transformed;
  };
}
