/**
 * The OpenAPI document the server publishes at /api/openapi.json, built without a database or a
 * listening socket. `openApiDocument()` is shared by the scripts that lint it (npm run lint:api)
 * and generate the web client's types from it (npm run gen:api); run directly, it writes the
 * document to the path given (default openapi.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createContext } from '../src/app/create-context.ts';
import { buildServer } from '../src/http/server.ts';
import type { Db } from '../src/store/db.ts';

/** Building the routes reads no data: any use of the database is a mistake, and says so. */
const noDatabase = new Proxy({} as Db, {
  get: (_, key) => {
    throw new Error(`The OpenAPI document needs no database (it read db.${String(key)}).`);
  },
});

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const app = await buildServer({ ctx: createContext(noDatabase), engine: 'pglite', logger: false, webRoot: null });
  await app.ready();
  const document = app.swagger() as unknown as Record<string, unknown>;
  await app.close();
  return document;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = process.argv[2] ?? 'openapi.json';
  mkdirSync(dirname(out), { recursive: true }); // .cache/ is not in a fresh clone
  writeFileSync(out, `${JSON.stringify(await openApiDocument(), null, 2)}\n`);
  console.log(`wrote ${out}`);
}
