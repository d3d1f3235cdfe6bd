// `npm test`: installs and builds what is needed, checks for Chromium, then runs type-checking,
// lint, unit tests (Vitest) and e2e tests (Playwright) — every step, even after a failure — and
// ends with a summary whose last line is `tests: N passed, M failed, K skipped`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from './build.mjs';
import { installIfNeeded } from './ensure.mjs';
import { findElectronBinary, ROOT, TOOLS } from './lib.mjs';

const RESULTS = join(ROOT, 'test-results');
const VITEST_JSON = join(RESULTS, 'vitest.json');
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

/** Vitest's JSON report (Jest-compatible): counts or null when it was not written. */
function vitestCounts() {
  const report = readJson(VITEST_JSON);
  if (!report) return null;
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/** Why e2e tests were skipped (e.g. no Electron binary here), from the report's skip annotations. */
function playwrightSkipReasons() {
  const report = readJson(PLAYWRIGHT_JSON);
  const reasons = new Map();
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'skipped') continue;
        const reason = (test.annotations ?? []).find((annotation) => annotation.type === 'skip')?.description ?? 'no reason given';
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report?.suites ?? []) walk(suite);
  return reasons;
}

/** Playwright's JSON report: flaky tests passed on retry, so they count as passed. */
function playwrightCounts() {
  const report = readJson(PLAYWRIGHT_JSON);
  if (!report?.stats) return null;
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  return { passed: expected + flaky, failed: unexpected, skipped };
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

rmSync(VITEST_JSON, { force: true });
rmSync(PLAYWRIGHT_JSON, { force: true });
mkdirSync(RESULTS, { recursive: true });

// Headless Chromium needs no display; only the Electron tests, where the binary exists, need one.
const needsXvfb =
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && findElectronBinary() !== null && existsSync('/usr/bin/xvfb-run');
const playwrightArgs = [TOOLS.playwright, 'test', '--reporter=list,json'];

const steps = [
  { name: 'typecheck (tsc -b)', command: process.execPath, args: [TOOLS.tsc, '-b'] },
  { name: 'lint (eslint --max-warnings 0 .)', command: process.execPath, args: [TOOLS.eslint, '--max-warnings', '0', '.'] },
  // Offline and time-limited (see the script): it neither hangs nor needs a network.
  { name: 'electron security (electronegativity)', command: process.execPath, args: [join(ROOT, 'build', 'scripts', 'electronegativity.mjs')] },
  {
    name: 'unit tests (vitest run)',
    command: process.execPath,
    args: [TOOLS.vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`],
    counts: vitestCounts,
  },
  {
    name: 'e2e tests (playwright test)',
    command: needsXvfb ? 'xvfb-run' : process.execPath,
    args: needsXvfb ? ['-a', '-s', '-screen 0 1280x800x24', process.execPath, ...playwrightArgs] : playwrightArgs,
    env: { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON },
    counts: playwrightCounts,
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
const total = { passed: 0, failed: 0, skipped: 0 };
// Step names line up, however long the longest is.
const nameWidth = Math.max(...outcomes.map((each) => each.name.length));
for (const outcome of outcomes) {
  const detail = outcome.counts
    ? `${outcome.counts.passed} passed, ${outcome.counts.failed} failed, ${outcome.counts.skipped} skipped`
    : outcome.ok
      ? 'ok'
      : 'failed';
  log(`${outcome.ok ? 'PASS' : 'FAIL'}  ${outcome.name.padEnd(nameWidth)} ${detail} (${outcome.seconds.toFixed(1)} s)`);
  if (outcome.counts) {
    total.passed += outcome.counts.passed;
    total.failed += outcome.counts.failed;
    total.skipped += outcome.counts.skipped;
  }
}
for (const [reason, count] of playwrightSkipReasons()) log(`      e2e skipped ×${count}: ${reason}`);
const failedSteps = outcomes.filter((outcome) => !outcome.ok).length;
if (failedSteps > 0) log(`${failedSteps} of ${outcomes.length} steps failed.`);
log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedSteps > 0 ? 1 : 0);
