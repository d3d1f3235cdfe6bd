import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { playwrightResults, summarize, vitestResults } from './scripts/test-summary.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = join(ROOT, 'build', 'fixtures', 'flaky');
const scratch = mkdtempSync(join(tmpdir(), 'bd-test-summary-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

describe('the summary of npm test', () => {
  const step = (name: string, counts: { passed: number; failed: number; skipped: number; flaky: string[] } | null, ok = true) => ({ name, ok, seconds: 1, counts });

  it.each([
    {
      name: 'all green',
      outcomes: [step('build', null), step('unit', { passed: 5, failed: 0, skipped: 1, flaky: [] }), step('e2e', { passed: 3, failed: 0, skipped: 2, flaky: [] })],
      last: 'tests: 8 passed, 0 failed, 3 skipped, 0 flaky',
      exitCode: 0,
      flakyLines: [],
    },
    {
      name: 'a flaky e2e test fails a run whose steps all exited 0',
      outcomes: [step('unit', { passed: 5, failed: 0, skipped: 0, flaky: [] }), step('e2e', { passed: 2, failed: 0, skipped: 0, flaky: ['[browser] notes.spec.ts › deletes'] })],
      last: 'tests: 7 passed, 0 failed, 0 skipped, 1 flaky',
      exitCode: 1,
      flakyLines: ['1 test was flaky (failed, then passed when run again), and a flaky test fails the run:', '  flaky: [browser] notes.spec.ts › deletes'],
    },
    {
      name: 'failures and two flaky tests',
      outcomes: [step('lint', null, false), step('unit', { passed: 1, failed: 2, skipped: 0, flaky: ['a.test.ts › x'] }, false), step('e2e', { passed: 0, failed: 0, skipped: 0, flaky: ['b.spec.ts › y'] })],
      last: 'tests: 1 passed, 2 failed, 0 skipped, 2 flaky',
      exitCode: 1,
      flakyLines: ['2 tests were flaky (failed, then passed when run again), and a flaky test fails the run:', '  flaky: a.test.ts › x', '  flaky: b.spec.ts › y'],
    },
  ])('$name', ({ outcomes, last, exitCode, flakyLines }) => {
    const summary = summarize(outcomes);
    expect(summary.lines.at(-1)).toBe(last);
    expect(summary.exitCode).toBe(exitCode);
    for (const line of flakyLines) expect(summary.lines).toContain(line);
    if (flakyLines.length === 0) expect(summary.lines.join('\n')).not.toMatch(/flaky:/);
  });

  it('marks a step with a flaky test FAIL', () => {
    const { lines } = summarize([step('e2e tests', { passed: 2, failed: 0, skipped: 0, flaky: ['x'] })]);
    expect(lines[0]).toMatch(/^FAIL {2}e2e tests 2 passed, 0 failed, 0 skipped, 1 flaky \(1\.0 s\)$/);
  });
});

// The real tools, run as npm test runs them (one retry), on fixtures with one flaky test each.
describe('flaky tests as the installed Vitest and Playwright report them', () => {
  it('vitest: counted apart from passed and named', () => {
    const json = join(scratch, 'vitest.json');
    const flakyJson = join(scratch, 'vitest-flaky.json');
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', join(FIXTURE, 'vitest.config.mjs'), '--root', FIXTURE, '--retry=1', '--reporter=json', `--outputFile.json=${json}`, `--reporter=${join(ROOT, 'build', 'scripts', 'vitest-flaky-reporter.mjs')}`],
      { cwd: FIXTURE, encoding: 'utf8', env: { ...process.env, BRIEFING_DESK_VITEST_FLAKY: flakyJson }, timeout: 60_000 },
    );
    expect(run.status, run.stderr).toBe(1);
    expect(vitestResults(readJson(json), readJson(flakyJson))).toEqual({
      passed: 1,
      failed: 1,
      skipped: 1,
      flaky: ['unit.spec.mjs › fails once, then passes'],
    });
  });

  it('playwright: counted apart from passed and named with its project and group', () => {
    const json = join(scratch, 'playwright.json');
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '--config', join(FIXTURE, 'playwright.config.mjs'), '--retries=1', `--output=${join(scratch, 'pw')}`], {
      cwd: FIXTURE,
      encoding: 'utf8',
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: json },
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(1);
    expect(playwrightResults(readJson(json))).toEqual({ passed: 1, failed: 1, skipped: 1, flaky: ['e2e.spec.mjs › group › fails once, then passes'] });
  });
});
