// A Vitest reporter that writes the tests that failed, then passed on a retry, to the JSON file named
// by $BRIEFING_DESK_VITEST_FLAKY: Vitest's own JSON reporter counts them as passed and drops the
// retry count (see test.mjs, which passes --retry=1 and counts them as flaky).

/** Flaky tests of a run, as `{ file, name }` (file relative to the root, name "suite > test"). */
export function flakyTests(testModules) {
  const flaky = [];
  for (const testModule of testModules) {
    for (const testCase of testModule.children.allTests()) {
      if (testCase.diagnostic()?.flaky) flaky.push({ file: testModule.relativeModuleId, name: testCase.fullName });
    }
  }
  return flaky;
}

export default class FlakyReporter {
  async onTestRunEnd(testModules) {
    const file = process.env.BRIEFING_DESK_VITEST_FLAKY;
    if (!file) return;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, `${JSON.stringify({ flaky: flakyTests(testModules) }, null, 2)}\n`);
  }
}
