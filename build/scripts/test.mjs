// `npm test`: installs and builds what is needed, checks for Chromium, then runs type-checking,
// lint, unit tests (Vitest) and e2e tests (Playwright) — every step, even after a failure — and
// ends with a summary whose last line is `tests: N passed, M failed, K skipped, F flaky`.
// A failed test runs once more: one that then passes is flaky, named in the summary, and fails the
// run like any failing test (without the retry a flake would pass or fail unseen, by luck).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from './build.mjs';
import { installIfNeeded } from './ensure.mjs';
import { findElectronBinary, ROOT, TOOLS } from './lib.mjs';
import { requireSupportedNode } from './node-version.mjs';
import { playwrightResults, playwrightSkipReasons, summarize, vitestResults } from './test-summary.mjs';

// Before installing anything: on an older Node, npm ci would warn and the results would prove nothing.
requireSupportedNode('npm test');

const RESULTS = join(ROOT, 'test-results');
const VITEST_JSON = join(RESULTS, 'vitest.json');
const VITEST_FLAKY_JSON = join(RESULTS, 'vitest-flaky.json');
const PLAYWRIGHT_JSON = join(RESULTS, 'playwright.json');

function log(line = '') {
  process.stdout.write(`${line}\n`);
}

/** The Chromium the e2e tests use; the same order as playwright.config.ts. */
async function findChromium() {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  try {
    const { chromium } = await import('@playwright/test');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright knows no browser of its own for this platform.
  }
  return null;
}

function run(command, args, env = {}) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (error) => {
      log(`Could not start ${command}: ${error.message}`);
      resolveRun(1);
    });
    child.on('exit', (code, signal) => resolveRun(code ?? (signal ? 1 : 0)));
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

installIfNeeded();
// A failed build is a failed step, but type-checking, lint and unit tests still run and report.
const buildStarted = Date.now();
let buildOk = true;
try {
  await build();
} catch (error) {
  buildOk = false;
  log(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
}
const buildOutcome = { name: 'build', ok: buildOk, seconds: (Date.now() - buildStarted) / 1000, counts: null };

const chromium = await findChromium();
if (!chromium) {
  log('No Chromium found for the e2e tests. Install one with `apt-get install chromium` (Debian/Ubuntu, then it is /usr/bin/chromium)');
  log('or `npx playwright install chromium`, or point CHROMIUM_PATH at a Chromium binary, and run npm test again.');
  process.exit(1);
}

for (const report of [VITEST_JSON, VITEST_FLAKY_JSON, PLAYWRIGHT_JSON]) rmSync(report, { force: true });
mkdirSync(RESULTS, { recursive: true });

// Headless Chromium needs no display; only the Electron tests, where the binary exists, need one.
const needsXvfb =
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && findElectronBinary() !== null && existsSync('/usr/bin/xvfb-run');
// --retries=1 (the config has 0, for runs by hand): a test that fails, then passes, is reported 'flaky'.
const playwrightArgs = [TOOLS.playwright, 'test', '--reporter=list,json', '--retries=1'];

const steps = [
  { name: 'typecheck (tsc -b)', command: process.execPath, args: [TOOLS.tsc, '-b'] },
  { name: 'lint (eslint --max-warnings 0 .)', command: process.execPath, args: [TOOLS.eslint, '--max-warnings', '0', '.'] },
  // Offline and time-limited (see the script): it neither hangs nor needs a network.
  { name: 'electron security (electronegativity)', command: process.execPath, args: [join(ROOT, 'build', 'scripts', 'electronegativity.mjs')] },
  {
    name: 'unit tests (vitest run)',
    command: process.execPath,
    // --retry=1 and the flaky reporter: Vitest's JSON report counts a test that passed on its retry as passed.
    args: [
      TOOLS.vitest,
      'run',
      '--retry=1',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${VITEST_JSON}`,
      `--reporter=${join(ROOT, 'build', 'scripts', 'vitest-flaky-reporter.mjs')}`,
    ],
    env: { BRIEFING_DESK_VITEST_FLAKY: VITEST_FLAKY_JSON },
    counts: () => vitestResults(readJson(VITEST_JSON), readJson(VITEST_FLAKY_JSON)),
  },
  {
    name: 'e2e tests (playwright test)',
    command: needsXvfb ? 'xvfb-run' : process.execPath,
    args: needsXvfb ? ['-a', '-s', '-screen 0 1280x800x24', process.execPath, ...playwrightArgs] : playwrightArgs,
    env: { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON },
    counts: () => playwrightResults(readJson(PLAYWRIGHT_JSON)),
  },
];

const outcomes = [buildOutcome];
for (const step of steps) {
  log('');
  log(`━━━ ${step.name} ━━━`);
  const started = Date.now();
  const code = await run(step.command, step.args, step.env);
  const counts = step.counts ? step.counts() : null;
  outcomes.push({ name: step.name, ok: code === 0, seconds: (Date.now() - started) / 1000, counts });
}

log('');
log('━━━ summary ━━━');
const { lines, exitCode } = summarize(outcomes, playwrightSkipReasons(readJson(PLAYWRIGHT_JSON)));
for (const line of lines) log(line);
process.exit(exitCode);
