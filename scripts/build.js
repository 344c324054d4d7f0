/**
 * The production build (`npm run build`; `npm start`, `npm test` and bin/waypoint.js call it too):
 *   server: src/cli/main.ts bundled by esbuild into dist/server/ (ES modules, one chunk per lazily
 *           imported command, npm packages bundled but for EXTERNAL_PACKAGES), with src/store/migrations copied next to
 *           it (src/store/db.ts finds them beside its own file, src/http/server.ts finds the web UI at
 *           ../../web/dist from it, as from the sources), and the migrated empty PGlite database a
 *           new data folder starts as a copy of (migrated-empty/, also found beside db.ts);
 *   web:    the caseworker UI by Vite into web/dist (web/vite.config.ts).
 * A target is built only when one of its inputs changed since its last build (modification times,
 * as make does; a deleted or added file changes its folder's), or with --force.
 *
 *   node scripts/build.js [server] [web] [--force]
 *
 * Plain JavaScript on purpose: it runs before anything is compiled. One build at a time (a lock
 * file in dist/); a process that finds a build running waits for it.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const at = (...parts) => path.join(root, ...parts);

const COMMON_INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.js'];

/** What each target is built from, what must exist after it, and how it is built. */
export const TARGETS = {
  server: {
    inputs: ['src', ...COMMON_INPUTS],
    skip: (file) => /\.test\.tsx?$/.test(file),
    output: at('dist/server/main.js'),
    build: buildServer,
  },
  web: {
    // Named one by one rather than 'web': building rewrites web/dist, which changes the web folder itself.
    inputs: ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', ...COMMON_INPUTS],
    skip: () => false,
    output: at('web/dist/index.html'),
    build: buildWeb,
  },
};

const stampFile = (name) => path.join(dist, `.built-${name}.json`);

/** Newest modification time among the files and folders under `inputs` (skipped ones aside). */
function newestInput(target) {
  let newest = 0;
  const visit = (file) => {
    if (target.skip(file)) return;
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) return;
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) for (const entry of readdirSync(file)) visit(path.join(file, entry));
  };
  for (const input of target.inputs) visit(at(input));
  return newest;
}

/** True when the target's output exists and no input changed since the build that made it started. */
export function isFresh(name) {
  const target = TARGETS[name];
  if (!existsSync(target.output) || !existsSync(stampFile(name))) return false;
  let startedAt;
  try {
    startedAt = JSON.parse(readFileSync(stampFile(name), 'utf8')).startedAt;
  } catch {
    return false;
  }
  return typeof startedAt === 'number' && newestInput(target) < startedAt;
}

/**
 * npm packages are bundled (tree-shaken, and loaded without resolving and reading hundreds of files:
 * zod alone is about 50 files and 50 ms, Fastify and its plugins several hundred), except those that
 * must be loaded from node_modules at run time: native and WASM ones (PGlite, argon2, pg's optional
 * native binding) and pdfkit, which loads its standard fonts' metrics from its own folder at run
 * time. pg itself is bundled, told at build time that it runs on Node (PACKAGE_PATCHES). @fastify/swagger-ui is bundled (left external, it loaded its own CommonJS copies of
 * yaml, @fastify/static and glob at every start), but finds the files it serves beside its own
 * package at run time (PACKAGE_PATCHES).
 * (Bundled, @fastify/swagger no longer finds its own package.json: it only names a default title
 * and version, which src/http/server.ts gives; pino would not find its transport worker, and
 * Waypoint logs to stdout without a transport.)
 */
const EXTERNAL_PACKAGES = new Set(['@electric-sql/pglite', '@node-rs/argon2', 'pg-native', 'pg-cloudflare', 'pdfkit']);
const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/**
 * The node_modules folder a package resolves to from `dir` (as Node looks it up), or null; as a real
 * path, as Node loads it (a node_modules that is a symbolic link, as in a git worktree sharing
 * another's, names the same folder by two paths).
 */
function packageFolder(name, dir) {
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'node_modules', name);
    if (existsSync(candidate)) return realpathSync(candidate);
    if (path.dirname(d) === d) return null;
  }
}

const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./#]/ }, (args) => {
      const name = packageName(args.path);
      if (!EXTERNAL_PACKAGES.has(name)) return undefined;
      // At run time an external is resolved from dist/server, so from the top-level node_modules: a
      // package that wants a nested copy of it (another version) would silently get the wrong one.
      const wanted = packageFolder(name, args.resolveDir);
      const found = packageFolder(name, path.join(dist, 'server'));
      if (wanted !== found)
        return {
          errors: [
            { text: `${args.importer} wants ${wanted} but the build would load ${found}; bundle ${name} or leave its importer external` },
          ],
        };
      return { external: true };
    });
  },
};
/**
 * Changes made to bundled packages' sources as they are bundled, each for a stated reason; a patch
 * whose text is no longer found fails the build (`required`) rather than being silently skipped.
 *   - @fastify/swagger-ui reads the files it serves beside its own code through __dirname, which an
 *     ES module lacks: __dirname becomes the same folder of the installed package, found at run time
 *     as an external package is (from dist/server), so a build still works after node_modules moves.
 *   - @fastify/swagger and @fastify/swagger-ui load yaml at registration only to answer a request
 *     for the document as YAML: yaml (some sixty modules) is loaded on the first such request.
 *   - pg asks at load whether it runs in a Cloudflare Worker, and on Node 20 (no `navigator`) finds
 *     out by making a fetch Response, which loads Node's whole built-in HTTP client (undici), a fifth
 *     of the server's module loading. The server runs on Node only: the question is answered here.
 */
const LATE_YAML =
  "const yaml = { stringify: (...args) => require('yaml').stringify(...args), parse: (...args) => require('yaml').parse(...args) }";
const PACKAGE_PATCHES = [
  {
    file: /[/\\]node_modules[/\\]@fastify[/\\]swagger-ui[/\\].*\.js$/,
    apply: (source, file) => {
      const within = path.relative(packageRootOf(file, '@fastify/swagger-ui'), path.dirname(file)).split(path.sep).join('/');
      const folder = `require('node:path').join(require('node:path').dirname(require.resolve('@fastify/swagger-ui/package.json')), ${JSON.stringify(within)})`;
      return source.replace(/\b__dirname\b/g, `(${folder})`);
    },
  },
  {
    file: /[/\\]node_modules[/\\]@fastify[/\\]swagger(-ui)?[/\\]lib[/\\].*\.js$/,
    apply: (source) => source.replace("const yaml = require('yaml')", LATE_YAML),
  },
  {
    file: /[/\\]node_modules[/\\]pg[/\\]lib[/\\]stream\.js$/,
    required: "if (typeof Response === 'function') {",
    apply: (source) => source.replace("if (typeof Response === 'function') {", 'if (false) {'),
  },
];
const packageRootOf = (file, name) => {
  const marker = path.join('node_modules', name);
  return file.slice(0, file.lastIndexOf(marker) + marker.length);
};
const packagePatches = {
  name: 'package-patches',
  setup(build) {
    build.onLoad({ filter: /[/\\]node_modules[/\\](pg|@fastify[/\\]swagger(-ui)?)[/\\].*\.js$/ }, (args) => {
      let source = readFileSync(args.path, 'utf8');
      for (const patch of PACKAGE_PATCHES) {
        if (!patch.file.test(args.path)) continue;
        if (patch.required && !source.includes(patch.required))
          return { errors: [{ text: `${args.path} no longer contains "${patch.required}": update PACKAGE_PATCHES in scripts/build.js` }] };
        source = patch.apply(source, args.path);
      }
      return { contents: source, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};
/** Bundled CommonJS (Fastify, commander...) calls require(); an ES module has none unless it makes one. */
const REQUIRE_SHIM =
  "import { createRequire as __waypointCreateRequire } from 'node:module'; const require = __waypointCreateRequire(import.meta.url);";

async function buildServer() {
  const { build } = await import('esbuild');
  const out = path.join(dist, `server.new-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    // db.ts is an entry of its own only so that this build can call its openDatabase() (writeMigratedSnapshot).
    entryPoints: { main: 'src/cli/main.ts', db: 'src/store/db.ts' },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [externalPackages, packagePatches],
    banner: { js: REQUIRE_SHIM },
    keepNames: true,
    sourcemap: true,
    logLevel: 'warning',
  });
  cpSync(at('src/store/migrations'), path.join(out, 'migrations'), { recursive: true });
  await writeMigratedSnapshot(out);
  const current = path.join(dist, 'server');
  const old = path.join(dist, `server.old-${process.pid}`);
  if (existsSync(current)) renameSync(current, old);
  renameSync(out, current);
  rmSync(old, { recursive: true, force: true });
}

/**
 * A new PGlite data folder starts as a copy of this one instead of running initdb and every
 * migration (about 6 s on the first start, bench/startup.ts): a data folder opened once by the built
 * db.ts itself, so with the migrations just copied, in its own process (PGlite holds hundreds of MB
 * until the process ends), then moved beside db.ts.
 */
async function writeMigratedSnapshot(out) {
  const script = `import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
const { openDatabase, builtSnapshotFolder } = await import(${JSON.stringify(pathToFileURL(path.join(out, 'db.js')).href)});
const folder = mkdtempSync(path.join(${JSON.stringify(out)}, 'snapshot-'));
await (await openDatabase({ engine: 'pglite', dataDir: folder })).close();
renameSync(path.join(folder, 'pglite'), builtSnapshotFolder);
rmSync(folder, { recursive: true });`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`the migrated PGlite database could not be made (exit ${result.status})`);
}

async function buildWeb() {
  const { build } = await import('vite');
  await build({ configFile: at('web/vite.config.ts'), logLevel: 'warn' });
}

const lockFile = path.join(dist, '.build-lock');
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

/** Takes the build lock, waiting while a live process holds it; a dead holder's lock is taken over. */
async function lock() {
  mkdirSync(dist, { recursive: true });
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(lockFile, { encoding: 'utf8', flag: 'a+' }));
    if (holder > 0 && !alive(holder)) rmSync(lockFile, { force: true });
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Builds each named target that is not fresh (all of them with `force`). Messages go to stderr, so
 * a command's own output (`waypoint simulate` prints JSON) stays clean.
 */
export async function ensureBuilt(names = Object.keys(TARGETS), { force = false, log = (line) => console.error(line) } = {}) {
  if (!force && names.every(isFresh)) return;
  await lock();
  try {
    for (const name of names) {
      if (!force && isFresh(name)) continue; // built by the process that held the lock
      const started = Date.now();
      log(`waypoint build: ${name} (${force ? 'forced' : 'sources changed since the last build'})`);
      await TARGETS[name].build();
      writeFileSync(stampFile(name), `${JSON.stringify({ startedAt: started })}\n`);
      log(`waypoint build: ${name} done in ${Date.now() - started} ms`);
    }
  } finally {
    try {
      unlinkSync(lockFile);
    } catch {}
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const names = args.filter((a) => !a.startsWith('--'));
  for (const name of names)
    if (!(name in TARGETS)) throw new Error(`unknown build target ${name}; known: ${Object.keys(TARGETS).join(', ')}`);
  await ensureBuilt(names.length > 0 ? names : undefined, { force: args.includes('--force') });
}
