// Shared helpers of the build scripts. Node built-ins only: ensure.mjs runs before node_modules exists.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { lookup } from 'node:dns';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Build outputs. */
export const OUT = {
  renderer: join(ROOT, 'dist', 'renderer'),
  cli: join(ROOT, 'dist', 'node', 'cli.mjs'),
  main: join(ROOT, 'dist', 'electron', 'main.cjs'),
  preload: join(ROOT, 'dist', 'electron', 'preload.cjs'),
};

/** Build messages go to stderr so the CLI's stdout stays clean for pipes. */
export function say(message) {
  process.stderr.write(`${message}\n`);
}

/** True when this module is the script node was started with. */
export function isMain(metaUrl) {
  return Boolean(process.argv[1]) && resolve(process.argv[1]) === fileURLToPath(metaUrl);
}

/** The Electron executable's path inside its dist folder, as electron/install.js names it. */
function electronPlatformPath(platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * The Electron binary when it is on disk, else null. Never `require('electron')`: with Electron
 * ≥ 42 that starts a download from GitHub when the binary is missing.
 */
export function findElectronBinary(env = process.env, platform = process.platform) {
  const pkgDir = join(ROOT, 'node_modules', 'electron');
  let relative = electronPlatformPath(platform);
  try {
    relative = readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim() || relative;
  } catch {
    // No path.txt: the binary was never downloaded; ELECTRON_OVERRIDE_DIST_PATH may still point to one.
  }
  const candidate = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative) : join(pkgDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

/** Resolves `host` within `timeoutMs`; false when DNS fails or is too slow (offline machines). */
export function canResolve(host, timeoutMs = 5000) {
  return new Promise((resolveLookup) => {
    const timer = setTimeout(() => resolveLookup(false), timeoutMs);
    lookup(host, (error) => {
      clearTimeout(timer);
      resolveLookup(!error);
    });
  });
}

/**
 * The newest modification time under `paths` (files and folders, so deleting or renaming a file
 * counts as a change). Skips tests, which never end up in a bundle.
 */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    let info;
    try {
      info = statSync(path);
    } catch {
      return;
    }
    newest = Math.max(newest, info.mtimeMs);
    if (!info.isDirectory()) return;
    for (const entry of readdirSync(path)) {
      if (entry === 'node_modules' || entry.startsWith('.')) continue;
      if (/\.test\.tsx?$/.test(entry)) continue;
      visit(join(path, entry));
    }
  };
  for (const path of paths) visit(path);
  return newest;
}

/** The oldest modification time of `files`; 0 when any is missing (so it counts as stale). */
export function oldestMtime(files) {
  let oldest = Infinity;
  for (const file of files) {
    try {
      oldest = Math.min(oldest, statSync(file).mtimeMs);
    } catch {
      return 0;
    }
  }
  return oldest === Infinity ? 0 : oldest;
}

/** node_modules/.bin is not on PATH when scripts are run with plain `node`; run tools' JS directly. */
export const TOOLS = {
  tsc: join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
  eslint: join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
  vitest: join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
  playwright: join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js'),
  electronBuilder: join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
};
