// The Node.js version the project needs is package.json's `engines.node` (its dependencies — Electron,
// @electron/get and /rebuild, @citation-js, @axe-core/playwright, docx's nanoid — all want ≥ 22.12).
// `npm start` and `npm test` check it first and stop with one sentence when the running Node is older.
// Node built-ins only: this runs before node_modules exists.
// `node build/scripts/node-version.mjs --check` exits 0 or 1 silently (.ci/run uses it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMain, ROOT } from './lib.mjs';

/** Where to get Node; the sentence names it. */
export const NODE_DOWNLOAD = 'https://nodejs.org/en/download';

/** `">=22.12"` (the only form package.json uses) as [major, minor, patch]; throws on any other form. */
export function parseMinimum(range) {
  const match = /^\s*>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(range ?? '');
  if (!match) throw new Error(`package.json engines.node must read ">=MAJOR.MINOR", not ${JSON.stringify(range)}`);
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

/** `"22.12.0"` or `"v22.12.0"` as [major, minor, patch]. */
export function parseVersion(version) {
  const [major = 0, minor = 0, patch = 0] = version.replace(/^v/, '').split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  return [major, minor, patch];
}

/** Whether `version` is at least `minimum` (both [major, minor, patch]). */
export function atLeast(version, minimum) {
  for (let index = 0; index < 3; index += 1) {
    if (version[index] !== minimum[index]) return version[index] > minimum[index];
  }
  return true;
}

/**
 * The sentence to print when the running Node is older than `range`, else null. `command` is what
 * the user ran (`npm test`), so the sentence can tell them to run it again.
 */
export function nodeVersionProblem({ range, version, execPath, command }) {
  const minimum = parseMinimum(range);
  if (atLeast(parseVersion(version), minimum)) return null;
  const needed = minimum[2] === 0 ? `${minimum[0]}.${minimum[1]}` : minimum.join('.');
  return `Briefing Desk needs Node.js ${needed} or newer, but ${command} is running Node.js ${version.replace(/^v/, '')} (${execPath}); install Node.js ${minimum[0]} LTS or newer from ${NODE_DOWNLOAD} (or with your package manager or nvm), then run ${command} again.`;
}

/** package.json's engines.node. */
export function requiredNodeRange() {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines?.node;
}

/**
 * Stops the process with the sentence (on stderr, exit code 1) when this Node is too old. Why stop
 * rather than warn: the dependencies and the tests are only known to work on the stated Node, so a
 * run on an older one proves nothing (a green `npm test` there is not a result for any supported
 * setup, and a failure there is not the app's), and Node 20 gets no security fixes since April 2026.
 */
export function requireSupportedNode(command) {
  const problem = nodeVersionProblem({ range: requiredNodeRange(), version: process.version, execPath: process.execPath, command });
  if (!problem) return;
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}

if (isMain(import.meta.url) && process.argv.includes('--check')) {
  process.exit(nodeVersionProblem({ range: requiredNodeRange(), version: process.version, execPath: process.execPath, command: 'it' }) ? 1 : 0);
}
