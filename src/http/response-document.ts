/**
 * Final touches to the OpenAPI document: a 204 answers no body, and only the components some
 * operation uses are listed (the zod registry holds every named schema twice, as read and as
 * written, whether an operation uses it or not).
 */
type Responses = Record<string, { content?: unknown }>;
interface Document {
  paths?: Record<string, Record<string, { responses?: Responses }>>;
  components?: { schemas?: Record<string, unknown> };
}

const REF = /"#\/components\/schemas\/([^"]+)"/g;
const refsIn = (value: unknown) => [...JSON.stringify(value).matchAll(REF)].map((m) => decodeURIComponent(m[1]!));

export function tidyDocument<T>(document: T): T {
  const doc = document as Document;
  for (const operations of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(operations)) delete operation.responses?.['204']?.content;
  }
  const schemas = doc.components?.schemas;
  if (schemas) {
    const used = new Set<string>();
    const pending = refsIn(doc.paths ?? {});
    while (pending.length) {
      const name = pending.pop()!;
      if (used.has(name)) continue;
      used.add(name);
      pending.push(...refsIn(schemas[name] ?? {}));
    }
    for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  }
  return document;
}
