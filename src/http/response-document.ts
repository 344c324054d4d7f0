/**
 * Final touches to the OpenAPI document: a 204 answers no body; a request body none of whose members
 * is required may be left out (a request with no body is read as {}: src/http/json-body.ts); and
 * only the components some operation uses are listed (the zod registry holds every named schema
 * twice, as read and as written, whether an operation uses it or not).
 */
type Responses = Record<string, { content?: unknown }>;
interface RequestBody {
  required?: boolean;
  content?: Record<string, { schema?: { type?: string; required?: string[] } }>;
}
interface Document {
  paths?: Record<string, Record<string, { responses?: Responses; requestBody?: RequestBody }>>;
  components?: { schemas?: Record<string, unknown> };
}

/** Whether a request body may be left out: an object schema stated inline with no required member. */
function mayBeLeftOut(body: RequestBody): boolean {
  const schema = body.content?.['application/json']?.schema;
  return schema?.type === 'object' && !schema.required?.length;
}

const REF = /"#\/components\/schemas\/([^"]+)"/g;
const refsIn = (value: unknown) => [...JSON.stringify(value).matchAll(REF)].map((m) => decodeURIComponent(m[1]!));

export function tidyDocument<T>(document: T): T {
  const doc = document as Document;
  for (const operations of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      delete operation.responses?.['204']?.content;
      if (operation.requestBody && mayBeLeftOut(operation.requestBody)) operation.requestBody.required = false;
    }
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

const words = (text: string) => text.split(/[^A-Za-z0-9]+/).filter(Boolean);
const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** "POST /api/people/:id/service-plans" -> "postPeopleByIdServicePlans": stable, unique, and the web client's name for it. */
export function operationIdOf(method: string, url: string): string {
  const parts = url
    .split('/')
    .filter((segment) => segment && segment !== 'api')
    .flatMap((segment) => (segment.startsWith(':') ? ['by', ...words(segment.slice(1))] : words(segment)));
  return method.toLowerCase() + parts.map(capital).join('');
}

/** onRoute: a documented API route gets its operationId. */
export function nameOperation(route: { method: string | string[]; url: string; schema?: { hide?: boolean; operationId?: string } }): void {
  if (!route.schema || route.schema.hide || !route.url.startsWith('/api/') || Array.isArray(route.method)) return;
  route.schema.operationId ??= operationIdOf(route.method, route.url);
}
