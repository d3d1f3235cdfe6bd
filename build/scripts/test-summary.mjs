// The numbers and lines of `npm test`'s summary, from the reporters' JSON (pure: test.mjs reads the
// files). A flaky test — failed, then passed on its retry — is counted as flaky, not passed, and
// fails the run: a flaky test is a failing test.

/**
 * Vitest: its JSON report (Jest-compatible) counts a test that passed on a retry as passed; the
 * flaky reporter's list says which those were. Null when the run wrote no report.
 */
export function vitestResults(report, flakyReport) {
  if (!report) return null;
  const flaky = (flakyReport?.flaky ?? []).map((test) => `${test.file} › ${test.name.replaceAll(' > ', ' › ')}`);
  return {
    passed: (report.numPassedTests ?? 0) - flaky.length,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    flaky,
  };
}

/** Every test of Playwright's JSON report with its spec's file and titles. */
function playwrightTests(report) {
  const tests = [];
  const walk = (suite, titles) => {
    const here = suite.title && suite.title !== suite.file ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) tests.push({ test, name: [spec.file ?? suite.file, ...here, spec.title].filter(Boolean).join(' › '), project: test.projectName });
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report?.suites ?? []) walk(suite, []);
  return tests;
}

/**
 * Playwright: its stats count `flaky` (failed, then passed on a retry) apart from `expected`, and
 * each such test has status 'flaky'. Null when the run wrote no report.
 */
export function playwrightResults(report) {
  if (!report?.stats) return null;
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  const flakyNames = playwrightTests(report)
    .filter(({ test }) => test.status === 'flaky')
    .map(({ name, project }) => (project ? `[${project}] ${name}` : name));
  // The names come from the same report; the stats stay the count if a name were ever missing.
  while (flakyNames.length < flaky) flakyNames.push('(a flaky e2e test the report does not name)');
  return { passed: expected, failed: unexpected, skipped, flaky: flakyNames };
}

/** Why e2e tests were skipped (e.g. no Electron binary here), from the report's skip annotations. */
export function playwrightSkipReasons(report) {
  const reasons = new Map();
  for (const { test } of playwrightTests(report)) {
    if (test.status !== 'skipped') continue;
    const reason = (test.annotations ?? []).find((annotation) => annotation.type === 'skip')?.description ?? 'no reason given';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  return reasons;
}

/**
 * The summary's lines and the exit code. `outcomes`: `{ name, ok, seconds, counts }` per step, counts
 * being null or `{ passed, failed, skipped, flaky: names[] }`. A step with a flaky test fails.
 */
export function summarize(outcomes, skipReasons = new Map()) {
  const lines = [];
  const total = { passed: 0, failed: 0, skipped: 0 };
  const flaky = [];
  const nameWidth = Math.max(...outcomes.map((each) => each.name.length));
  const failedSteps = outcomes.filter((outcome) => !outcome.ok || (outcome.counts?.flaky.length ?? 0) > 0).length;
  for (const outcome of outcomes) {
    const counts = outcome.counts;
    const ok = outcome.ok && (counts?.flaky.length ?? 0) === 0;
    const detail = counts ? `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.flaky.length} flaky` : ok ? 'ok' : 'failed';
    lines.push(`${ok ? 'PASS' : 'FAIL'}  ${outcome.name.padEnd(nameWidth)} ${detail} (${outcome.seconds.toFixed(1)} s)`);
    if (!counts) continue;
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    flaky.push(...counts.flaky);
  }
  for (const [reason, count] of skipReasons) lines.push(`      e2e skipped ×${count}: ${reason}`);
  if (flaky.length > 0) {
    lines.push(`${flaky.length === 1 ? '1 test was' : `${flaky.length} tests were`} flaky (failed, then passed when run again), and a flaky test fails the run:`);
    for (const name of flaky) lines.push(`  flaky: ${name}`);
  }
  if (failedSteps > 0) lines.push(`${failedSteps} of ${outcomes.length} steps failed.`);
  lines.push(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped, ${flaky.length} flaky`);
  return { lines, exitCode: failedSteps > 0 ? 1 : 0 };
}
