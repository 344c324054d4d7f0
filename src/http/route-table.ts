/**
 * The routes the server has, by path pattern, so that a request for a known path with a method it
 * does not accept answers 405 METHOD_NOT_ALLOWED (with Allow) rather than 404.
 */
/** A path as the router reads it: a trailing slash routes as the path without it (ignoreTrailingSlash). */
export const routePath = (path: string): string => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);

export interface RouteTable {
  add(method: string | readonly string[], url: string): void;
  /** The methods a concrete path accepts (empty when no route has the path). */
  methodsFor(path: string): string[];
}

function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

export function routeTable(): RouteTable {
  const entries: { pattern: RegExp; methods: Set<string> }[] = [];
  const byUrl = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  return {
    add(method, url) {
      let entry = byUrl.get(url);
      if (!entry) {
        entry = { pattern: patternOf(url), methods: new Set() };
        byUrl.set(url, entry);
        entries.push(entry);
      }
      for (const m of typeof method === 'string' ? [method] : method) entry.methods.add(m.toUpperCase());
    },
    methodsFor(path) {
      const methods = new Set<string>();
      for (const entry of entries) if (entry.pattern.test(path)) for (const m of entry.methods) methods.add(m);
      return [...methods].sort();
    },
  };
}
