import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { offlineChromiumArgsWithLoopback } from './electron/services/export/chromium-printer';

/**
 * The system Chromium (Playwright cannot download its own browsers on machines without internet):
 * $CHROMIUM_PATH, else /usr/bin/chromium(-browser); when none exists, Playwright's own browser.
 */
function systemChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => Boolean(path) && existsSync(path!));
}

const executablePath = systemChromium();

/** e2e against the real browser edition (and the Electron shell where its binary exists). */
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  workers: 2,
  // No retries when run by hand. `npm test` passes --retries=1 only to tell a flaky test (failed, then
  // passed) from a failing one: it counts and names it, and a flaky test fails the run.
  retries: 0,
  reporter: 'list',
  // A hang detector, not a speed target (speed lives in `npm run bench`): the journeys drive a real
  // server, editor and printer, two at a time on a 2-core CI machine, and took up to 35 s there.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      // The printer's offline flags (chromium-printer.ts), loopback allowed: without them the test
      // browser itself tries update.googleapis.com and accounts.google.com, and follows HTTP(S)_PROXY.
      args: ['--no-sandbox', '--disable-gpu', ...offlineChromiumArgsWithLoopback()],
    },
  },
  projects: [
    { name: 'browser', testMatch: '*.spec.ts', testIgnore: 'electron.spec.ts' },
    { name: 'electron', testMatch: 'electron.spec.ts' },
  ],
});
