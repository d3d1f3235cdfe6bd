// Builds what the hosts run: the renderer (Vite → dist/renderer) and the Node/Electron bundles
// (esbuild → dist/node/cli.mjs, dist/electron/main.cjs, dist/electron/preload.cjs, and the library's
// import worker twice: dist/node/import-worker.mjs for the CLI/browser edition and
// dist/electron/import-worker.cjs for Electron main).
// Incremental: a target is skipped when its outputs are newer than all of its inputs.
// Usage: node build/scripts/build.mjs [--force] [--quiet]
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMain, newestMtime, oldestMtime, OUT, ROOT, say } from './lib.mjs';
import { TEXT_LOADERS } from './text-import.mjs';

const STAMPS = join(ROOT, 'dist', '.stamps');
const LOCK = join(ROOT, 'package-lock.json');

/** The import worker's entry and its two bundles (each host starts the one next to it). */
const WORKER_ENTRY = join(ROOT, 'electron', 'services', 'library', 'import-worker.ts');
const WORKER_OUT = {
  node: join(ROOT, 'dist', 'node', 'import-worker.mjs'),
  electron: join(ROOT, 'dist', 'electron', 'import-worker.cjs'),
};

/**
 * Packages that stay `import`/`require` of node_modules instead of being bundled. jsdom reads its
 * own files at run time (stylesheets, the XHR sync worker) and cannot be inlined; playwright-core
 * (the PDF printer outside Electron) likewise loads its own files and browser registry at run time.
 * electron-builder ships them (and their dependencies) in the packaged app's node_modules.
 */
const NODE_EXTERNALS = ['jsdom', 'playwright-core'];

/** Bundled CJS dependencies call require(); an ES module has none unless we make one. */
const ESM_REQUIRE_BANNER = "import { createRequire as __bdCreateRequire } from 'module';\nconst require = __bdCreateRequire(import.meta.url);";

/**
 * A CommonJS bundle has no import.meta; code that mentions its own URL (the library's lazy jsdom
 * loader, for when it runs as unbundled ESM) gets the bundle's file URL instead of esbuild's empty
 * object. The banner comes before esbuild's "use strict", so it repeats it to keep the bundle strict.
 */
const CJS_IMPORT_META = {
  banner: { js: "'use strict';\nconst __bdImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__bdImportMetaUrl' },
};

/** The worker is bundled once its entry exists (it arrives with the library backend). */
function hasWorker() {
  return existsSync(WORKER_ENTRY);
}

/** Targets, their inputs and outputs. Templates are read at run time, so they are no bundle's input. */
const TARGETS = {
  renderer: {
    inputs: [join(ROOT, 'core'), join(ROOT, 'renderer'), join(ROOT, 'vite.config.ts'), join(ROOT, 'build', 'scripts', 'text-import.mjs'), LOCK],
    outputs: [join(OUT.renderer, 'index.html')],
  },
  node: {
    inputs: [join(ROOT, 'core'), join(ROOT, 'electron'), LOCK, join(ROOT, 'build', 'scripts', 'build.mjs'), join(ROOT, 'build', 'scripts', 'text-import.mjs')],
    get outputs() {
      return [OUT.cli, OUT.main, OUT.preload, ...(hasWorker() ? [WORKER_OUT.node, WORKER_OUT.electron] : [])];
    },
  },
};

/**
 * A target is stale when an output is missing or older than its newest input. A stamp written
 * after a successful build stands for the outputs, so a build that failed half-way runs again.
 */
function isStale(name) {
  const target = TARGETS[name];
  const built = oldestMtime([...target.outputs, join(STAMPS, name)]);
  return built === 0 || newestMtime(target.inputs) > built;
}

function stamp(name) {
  mkdirSync(STAMPS, { recursive: true });
  writeFileSync(join(STAMPS, name), `${new Date().toISOString()}\n`);
}

/**
 * Vite runs in a child whose stdout is our stderr: its native (rolldown) reporter writes progress
 * straight to stdout, which must stay clean for the CLI.
 */
async function buildRenderer({ quiet }) {
  if (!existsSync(join(ROOT, 'renderer', 'index.html'))) {
    say('build: renderer/index.html does not exist yet; skipping the renderer.');
    return false;
  }
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const args = [vite, 'build', '--config', join(ROOT, 'vite.config.ts'), '--logLevel', quiet ? 'warn' : 'info'];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 2, 2], env: { ...process.env, ...(process.stderr.isTTY ? { FORCE_COLOR: '1' } : {}) } });
  const code = await new Promise((resolveExit) => child.on('exit', (status) => resolveExit(status ?? 1)));
  if (code !== 0) throw new BuildError('vite build of the renderer failed (see above)');
  return true;
}

async function buildNode() {
  const esbuild = await import('esbuild');
  try {
    await bundleNode(esbuild);
  } catch {
    // esbuild has printed the errors with file and line already.
    throw new BuildError('esbuild could not bundle the Node side (see above)');
  }
  // `bin` in package.json points at the CLI bundle; it must be executable when installed or linked.
  chmodSync(OUT.cli, 0o755);
  return true;
}

async function bundleNode(esbuild) {
  const common = {
    bundle: true,
    sourcemap: 'linked',
    logLevel: 'warning',
    legalComments: 'none',
    absWorkingDir: ROOT,
    // The shipped CSL styles and locale are imported as text (see text-import.mjs).
    loader: TEXT_LOADERS,
  };
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: [join(ROOT, 'electron', 'cli', 'main.ts')],
      outfile: OUT.cli,
      platform: 'node',
      format: 'esm',
      target: 'node22.12',
      external: NODE_EXTERNALS,
      banner: { js: `#!/usr/bin/env node\n${ESM_REQUIRE_BANNER}` },
    }),
    esbuild.build({
      ...common,
      entryPoints: [join(ROOT, 'electron', 'main', 'main.ts')],
      outfile: OUT.main,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      external: ['electron', ...NODE_EXTERNALS],
      ...CJS_IMPORT_META,
    }),
    ...(hasWorker()
      ? [
          // Node (22.12 or newer, package.json's engines) for the CLI and the browser edition's server.
          esbuild.build({
            ...common,
            entryPoints: [WORKER_ENTRY],
            outfile: WORKER_OUT.node,
            platform: 'node',
            format: 'esm',
            target: 'node22.12',
            external: NODE_EXTERNALS,
            banner: { js: ESM_REQUIRE_BANNER },
          }),
          // CommonJS for Electron main: Electron's worker threads read CommonJS from app.asar, where
          // the packaged app keeps it next to main.cjs.
          esbuild.build({
            ...common,
            entryPoints: [WORKER_ENTRY],
            outfile: WORKER_OUT.electron,
            platform: 'node',
            format: 'cjs',
            target: 'node22',
            external: ['electron', ...NODE_EXTERNALS],
            ...CJS_IMPORT_META,
          }),
        ]
      : []),
    // A sandboxed preload can require only 'electron' (and a few polyfilled modules): everything
    // else is bundled in, and platform 'browser' makes esbuild refuse a stray Node import.
    esbuild.build({
      ...common,
      entryPoints: [join(ROOT, 'electron', 'preload', 'preload.ts')],
      outfile: OUT.preload,
      platform: 'browser',
      format: 'cjs',
      target: 'chrome140',
      external: ['electron'],
    }),
  ]);
}

/** A build failure whose details were already printed. */
export class BuildError extends Error {}

/** Builds the stale targets (all of them with `force`). Returns the names built. */
export async function build({ force = false, quiet = false } = {}) {
  const built = [];
  for (const name of /** @type {const} */ (['renderer', 'node'])) {
    if (!force && !isStale(name)) continue;
    if (!quiet && (name !== 'renderer' || existsSync(join(ROOT, 'renderer', 'index.html')))) say(`build: ${name}…`);
    const started = Date.now();
    const done = name === 'renderer' ? await buildRenderer({ quiet }) : await buildNode();
    if (!done) continue;
    stamp(name);
    built.push(name);
    say(`build: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  if (built.length === 0 && !quiet) say('build: up to date');
  return built;
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  build({ force: args.includes('--force'), quiet: args.includes('--quiet') }).catch((error) => {
    say(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
    if (!(error instanceof BuildError) && error instanceof Error) say(error.stack ?? '');
    process.exit(1);
  });
}
