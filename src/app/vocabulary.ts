/**
 * The domain's closed lists that the edges (HTTP schemas, CLI) validate input against. Edges import
 * only the app (docs/architecture.md, src/layers.test.ts), so the app passes these on.
 */
export { DETAIL_KINDS } from '../domain/people/registration.ts';
export { CLOSURE_REASONS } from '../domain/service-plans/closure.ts';
