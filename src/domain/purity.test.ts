/**
 * The domain is pure (docs/architecture.md, docs/style.md 1): no I/O, clock, environment or database, no
 * `Date`, no floating-point money, and no module-level mutable state (caches), except in the benefit
 * engine's folder (benefits/engine/: the policy's answers and month values, shared by every run).
 * This test reads every domain source file and fails on any of it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeOf, importsOf, sourceFiles } from '../../test/support/source-files.ts';

const root = path.dirname(fileURLToPath(import.meta.url));

/** The one folder whose modules may keep state between calls (see the module comment). */
const ENGINE = path.join(root, 'benefits', 'engine') + path.sep;

/**
 * Module-level mutable state: a top-level `let`/`var`, a top-level collection built empty
 * (`new Map()`, `new Set()`, `new WeakMap()`, `[]`, `{}`...), or a static field that is not readonly.
 */
const MUTABLE_STATE = [
  /^(?:export\s+)?(?:let|var)\s/m,
  /^(?:export\s+)?const\s+\w+(?:\s*:[^=]+)?\s*=\s*new\s+(?:Map|Set|WeakMap|WeakSet|WeakRef|Array|Int32Array|Uint8Array|Float64Array)\b/m,
  /^(?:export\s+)?const\s+\w+(?:\s*:[^=]+)?\s*=\s*(?:\[\s*\]|\{\s*\})/m,
  /^\s+static\s+(?!readonly\b)\w+\s*(?::[^=;]+)?=/m,
];

// Pure computation libraries the rules may use: dates, and name similarity for the possible-duplicate check.
const ALLOWED_IMPORTS = /^(\.{1,2}\/|temporal-polyfill$|double-metaphone$|damerau-levenshtein$)/;

describe('the domain core is pure', () => {
  const files = sourceFiles(root);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [path.relative(root, f), f]))('%s imports only the domain and the allowed pure libraries', (_name, file) => {
    const imports = importsOf(file);
    expect(imports.filter((i) => !ALLOWED_IMPORTS.test(i))).toEqual([]);
  });

  it.each(files.map((f) => [path.relative(root, f), f]))('%s uses no Date, clock, environment or float parsing', (_name, file) => {
    const text = codeOf(file);
    expect(text).not.toMatch(/\bnew Date\b|\bDate\.(now|parse|UTC)\b|:\s*Date\b/);
    expect(text).not.toMatch(/Temporal\.Now|process\.env|parseFloat|Math\.random/);
  });

  it.each(files.filter((f) => !f.startsWith(ENGINE)).map((f) => [path.relative(root, f), f]))(
    '%s keeps no module-level mutable state (no caches)',
    (_name, file) => {
      const text = codeOf(file);
      for (const pattern of MUTABLE_STATE) expect(text).not.toMatch(pattern);
    },
  );

  it('finds module-level caches where they are (the engine folder keeps its own)', () => {
    expect(files.filter((f) => f.startsWith(ENGINE) && MUTABLE_STATE.some((p) => p.test(codeOf(f)))).length).toBeGreaterThan(0);
  });
});
