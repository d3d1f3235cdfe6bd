// Types for test-summary.mjs, imported by its test.
export interface StepCounts {
  passed: number;
  failed: number;
  skipped: number;
  flaky: string[];
}
export interface StepOutcome {
  name: string;
  ok: boolean;
  seconds: number;
  counts: StepCounts | null;
}
export function vitestResults(report: unknown, flakyReport: unknown): StepCounts | null;
export function playwrightResults(report: unknown): StepCounts | null;
export function playwrightSkipReasons(report: unknown): Map<string, number>;
export function summarize(outcomes: StepOutcome[], skipReasons?: Map<string, number>): { lines: string[]; exitCode: number };
