/**
 * The source text itself, for the tests that check the code's structure (src/domain/purity.test.ts,
 * src/layers.test.ts, src/app/plain-messages.test.ts): they fail on the offending line, not on a
 * later symptom.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every TypeScript source file below `dir`, tests (`*.test.ts`) left out. */
export const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });

/** A file's text without its comments, so that prose may mention what the code may not. */
export const codeOf = (file: string): string =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');

/** What a file imports (static `from '…'` and dynamic `import('…')`), as written. */
export const importsOf = (file: string): string[] =>
  [...codeOf(file).matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g)].map((m) => (m[1] ?? m[2])!);
