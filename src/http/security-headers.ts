/**
 * Security headers (helmet's defaults with this server's content security policy), the middleware
 * built once per server and run from one onRequest hook. @fastify/helmet, which this replaces, built
 * a new helmet middleware (its header values and the policy string) on every request and added a
 * second hook and a reply decorator per request; the headers sent are the same (docs/scaling.md "API").
 */
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export function registerSecurityHeaders(app: FastifyInstance, options: { readonly secureCookies: boolean }): void {
  // The UI is built static files, so scripts come only from this origin.
  const middleware = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    strictTransportSecurity: options.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    // helmet's middleware sets the headers synchronously and throws, rather than passes, its errors.
    middleware(request.raw, reply.raw, () => done());
  });
}
