import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Rebuilds what is stale before the e2e run (a no-op when `npm test` just built), so
 * `npx playwright test` after an edit never tests an old bundle.
 */
export default function globalSetup(): void {
  // For a quick run against an existing build while the sources are mid-edit.
  if (process.env.BRIEFING_DESK_SKIP_BUILD === '1') return;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const result = spawnSync(process.execPath, [join(root, 'build', 'scripts', 'build.mjs'), '--quiet'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The build failed; see above.');
}
