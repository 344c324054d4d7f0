/**
 * The layers and their arrows (docs/architecture.md "Layers"). Each source file may import only the
 * layers its own layer may see, and only src/store writes SQL (drizzle-orm and the table definitions
 * of src/store/schema.ts stay inside it; the app asks src/store/repos). Like src/domain/purity.test.ts
 * this reads the source text, so it fails on the import itself, not on a later symptom.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles } from '../test/support/source-files.ts';

const src = path.dirname(fileURLToPath(import.meta.url));

type Layer = 'domain' | 'policy' | 'store' | 'app' | 'http' | 'jobs' | 'cli';

/** Which layers a layer may import (besides itself and npm packages). cli is the composition root: it wires every layer. */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  domain: [],
  policy: ['domain'],
  store: [],
  app: ['domain', 'policy', 'store'],
  http: ['app'],
  jobs: ['app'],
  cli: ['domain', 'policy', 'store', 'app', 'http', 'jobs'],
};

/** The file (relative to src) an import names, or null for a package. */
function target(file: string, specifier: string): string | null {
  if (specifier.startsWith('#')) return specifier.slice(1);
  if (!specifier.startsWith('.')) return null;
  return path
    .relative(src, path.resolve(path.dirname(file), specifier))
    .split(path.sep)
    .join('/');
}
const layerOf = (relative: string) => relative.split('/')[0] as Layer;

const files = sourceFiles(src)
  .map((f) => ({ file: f, name: path.relative(src, f).split(path.sep).join('/') }))
  .filter(({ name }) => name.includes('/') && layerOf(name) in MAY_IMPORT);

/** What a file breaks: imports outside its allowed layers, and SQL outside src/store. */
function breaches(file: string, name: string): string[] {
  const own = layerOf(name);
  const found: string[] = [];
  for (const specifier of importsOf(file)) {
    const to = target(file, specifier);
    if (own !== 'store' && (specifier === 'drizzle-orm' || specifier.startsWith('drizzle-orm/') || to === 'store/schema.ts'))
      found.push(`SQL outside src/store: ${specifier}`);
    if (to === null) continue;
    const layer = layerOf(to);
    if (layer !== own && !MAY_IMPORT[own].includes(layer)) found.push(`${own} imports ${layer}: ${specifier}`);
  }
  return found;
}

describe('the layers import only downwards and only src/store writes SQL', () => {
  it('has source files in every layer', () => {
    expect(new Set(files.map(({ name }) => layerOf(name)))).toEqual(new Set(Object.keys(MAY_IMPORT)));
  });

  it.each(files.map(({ file, name }) => [name, file]))('%s keeps to its layer', (name, file) => {
    expect(breaches(file, name)).toEqual([]);
  });
});
