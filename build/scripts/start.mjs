// `npm start`: installs and builds what is missing, then opens the Electron app when its binary is
// available; otherwise runs the browser edition (`briefing-desk serve`), which opens the system
// browser when there is a display, and says in one sentence why the desktop app did not open.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensure } from './ensure.mjs';
import { canResolve, findElectronBinary, OUT, ROOT, say } from './lib.mjs';
import { requireSupportedNode } from './node-version.mjs';
import { runForeground } from './run-child.mjs';

// Before installing anything: on an older Node, npm ci would warn and the app might half-work.
requireSupportedNode('npm start');

const hasDisplay = process.platform === 'darwin' || process.platform === 'win32' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

/**
 * Electron ≥ 42 downloads its binary on first use instead of at install. Do that here — but only
 * when GitHub resolves, so an offline machine falls back at once instead of waiting for a timeout.
 * Returns [binary, null] or [null, reason for the sentence].
 */
async function electronBinary() {
  const found = findElectronBinary();
  if (found) return [found, null];
  if (!existsSync(join(ROOT, 'node_modules', 'electron', 'install.js'))) return [null, 'the electron package is not installed'];
  if (!(await canResolve('github.com'))) return [null, 'its binary is downloaded from GitHub, which could not be reached'];
  say('Downloading the Electron binary (first start only)…');
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron', 'install.js')], { stdio: ['ignore', 2, 2] });
  const downloaded = findElectronBinary();
  if (result.status === 0 && downloaded) return [downloaded, null];
  return [null, 'downloading its binary from GitHub failed'];
}

await ensure();

const [binary, reason] = await electronBinary();
if (binary && hasDisplay) {
  // ELECTRON_RUN_AS_NODE from a parent shell would start a plain Node instead of the app.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  runForeground(binary, [OUT.main, ...process.argv.slice(2)], { env });
} else {
  const why = binary ? 'there is no display to show its window on (no $DISPLAY or $WAYLAND_DISPLAY)' : reason;
  say(`The Electron desktop app is not available on this machine (${why}), so Briefing Desk runs as a browser edition instead.`);
  runForeground(process.execPath, [OUT.cli, 'serve', ...process.argv.slice(2)]);
}
