// Makes a fresh clone runnable: installs dependencies when node_modules is missing or older than
// package-lock.json (`npm ci`), then builds what is stale. Node built-ins only until the install is done.
// Usage: node build/scripts/ensure.mjs [--quiet]
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMain, ROOT, say } from './lib.mjs';

/** True when `npm ci` has to run: no node_modules, or the lock changed since the last install. */
export function needsInstall() {
  const installedLock = join(ROOT, 'node_modules', '.package-lock.json');
  if (!existsSync(installedLock)) return true;
  return statSync(join(ROOT, 'package-lock.json')).mtimeMs > statSync(installedLock).mtimeMs;
}

/** Runs `npm ci` when needed. Its output goes to stderr so a CLI's stdout stays clean. */
export function installIfNeeded() {
  if (!needsInstall()) return false;
  say('Installing dependencies (npm ci)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    say('npm ci failed (see above). Fix the error and run the command again.');
    process.exit(result.status ?? 1);
  }
  return true;
}

/** Install if needed, then build what is stale. */
export async function ensure({ quiet = false } = {}) {
  installIfNeeded();
  // Imported only now: build.mjs loads esbuild and vite, which exist only after the install.
  const { build, BuildError } = await import('./build.mjs');
  try {
    await build({ quiet });
  } catch (error) {
    // Tools print their errors with file and line; one closing line is enough here.
    say(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
    if (!(error instanceof BuildError) && error instanceof Error) say(error.stack ?? '');
    process.exit(1);
  }
}

if (isMain(import.meta.url)) {
  await ensure({ quiet: process.argv.includes('--quiet') });
}
