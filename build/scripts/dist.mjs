// `npm run dist`: builds, then packages installers for the current platform with electron-builder
// (Linux: AppImage + deb, Windows: NSIS, macOS: dmg) into release/. Extra arguments go to
// electron-builder, e.g. `npm run dist -- --linux dir` or `-c.electronDist=<unpacked Electron>`.
// electron-builder downloads the Electron runtime from GitHub; without internet this ends with one
// sentence, not a stack trace.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ensure } from './ensure.mjs';
import { canResolve, ROOT, say, TOOLS } from './lib.mjs';

const NO_NETWORK_SENTENCE =
  'npm run dist needs internet access to download Electron from GitHub; this machine cannot reach it. Run it on a machine with internet, or pass -c.electronDist=<folder with an unpacked Electron>.';
const NETWORK_ERROR = /ENOTFOUND|EAI_AGAIN|getaddrinfo|ETIMEDOUT|ECONNREFUSED|ECONNRESET|ENETUNREACH|EHOSTUNREACH|socket hang up/;

const extraArgs = process.argv.slice(2);
const platformFlag = { linux: '--linux', darwin: '--mac', win32: '--win' }[process.platform];
if (!platformFlag) {
  say(`npm run dist does not know how to package for ${process.platform}; it supports Linux, macOS and Windows.`);
  process.exit(1);
}

/** electron-builder's download cache (@electron/get): a zip of our version there needs no network. */
function hasCachedElectronZip() {
  const version = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const cacheRoots = [
    process.env.ELECTRON_CACHE,
    process.env.electron_config_cache,
    process.platform === 'darwin' ? join(homedir(), 'Library', 'Caches', 'electron') : null,
    process.platform === 'win32' ? join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'electron', 'Cache') : null,
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'electron'),
  ].filter(Boolean);
  const wanted = `electron-v${version}-`;
  const search = (dir, depth) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return false;
    }
    return entries.some((entry) =>
      entry.isDirectory() ? depth > 0 && search(join(dir, entry.name), depth - 1) : entry.name.startsWith(wanted) && entry.name.endsWith('.zip'),
    );
  };
  return cacheRoots.some((dir) => existsSync(dir) && search(dir, 2));
}

await ensure();

const offlineOk = extraArgs.some((arg) => arg.includes('electronDist')) || hasCachedElectronZip();
if (!offlineOk && !(await canResolve('github.com', 5000))) {
  say(NO_NETWORK_SENTENCE);
  process.exit(1);
}

// electron-builder writes progress and errors (with a stack trace) to stdout. Progress lines are
// shown as they come; from its first error line (⨯) on, output is held back so a network failure
// can be replaced by the one sentence above.
const child = spawn(process.execPath, [TOOLS.electronBuilder, '--config', join(ROOT, 'build', 'electron-builder.yml'), platformFlag, ...extraArgs], {
  cwd: ROOT,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let held = '';
let failing = false;
let pending = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk) => {
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    if (!failing && /^\s*⨯/.test(line)) failing = true;
    if (failing) held += `${line}\n`;
    else process.stdout.write(`${line}\n`);
  }
});
child.stderr.setEncoding('utf8');
child.stderr.on('data', (chunk) => {
  held += chunk;
});
const code = await new Promise((resolveExit) => child.on('close', (status) => resolveExit(status ?? 1)));
held += pending;
if (code === 0) {
  if (held.trim()) process.stderr.write(held);
  say('Installers are in release/.');
  process.exit(0);
}
if (NETWORK_ERROR.test(held)) {
  say(NO_NETWORK_SENTENCE);
  process.exit(1);
}
process.stderr.write(held);
say(`electron-builder failed with exit code ${code} (see above).`);
process.exit(1);
