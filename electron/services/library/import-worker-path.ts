import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ImportWorkerOptions } from './import-runner';

/** Names of the bundled worker next to each host bundle (build/scripts/build.mjs writes them). */
export const BUNDLED_IMPORT_WORKERS = ['import-worker.mjs', 'import-worker.cjs'] as const;

/**
 * The import worker for a host, from the folder of the running host file (`dist/node`,
 * `dist/electron`, or `electron/cli` / `electron/main` under tsx): the bundle next to it when
 * there is one; else the TypeScript entry run with tsx's loader (development); else null, and
 * imports parse in the backend's own thread.
 */
export function importWorkerFor(hostDir: string): ImportWorkerOptions | null {
  for (const name of BUNDLED_IMPORT_WORKERS) {
    const bundled = join(hostDir, name);
    if (existsSync(bundled)) return { path: bundled };
  }
  const root = resolve(hostDir, '..', '..');
  const source = join(root, 'electron', 'services', 'library', 'import-worker.ts');
  if (existsSync(source) && existsSync(join(root, 'node_modules', 'tsx'))) return { path: source, typescript: true };
  return null;
}
