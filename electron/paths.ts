import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where a host finds what ships next to its code. */
export interface AppPaths {
  /** The repository root in development, the app's root (inside app.asar) when packaged. */
  root: string;
  /** Built-in templates (`templates/*.json`). */
  builtinTemplatesDir: string;
  /** The built renderer (`dist/renderer`, made by `vite build`). */
  rendererDir: string;
  /** `package.json`, for the version. */
  packageJson: string;
}

/**
 * Resolves the app's folders from the directory of the running file. Every host sits two levels
 * below the root both as source (`electron/cli/`, `electron/main/`) and as a bundle (`dist/node/`,
 * `dist/electron/`), so one rule serves `tsx`, Vitest, the built CLI and the packaged app.
 */
export function resolveAppPaths(hostDir: string): AppPaths {
  const root = resolve(hostDir, '..', '..');
  return {
    root,
    builtinTemplatesDir: resolve(root, 'templates'),
    rendererDir: resolve(root, 'dist', 'renderer'),
    packageJson: resolve(root, 'package.json'),
  };
}

/** The version from package.json; "0.0.0" when it cannot be read (a test running from an odd place). */
export function readAppVersion(packageJsonPath: string): string {
  try {
    const parsed = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
