import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The built CLI that every e2e test runs, exactly as users do. */
export const CLI = join(ROOT, 'dist', 'node', 'cli.mjs');

const READY = /^Briefing Desk is ready at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))$/m;
// A hang detector: the server starts in ~1 s, but two e2e workers, their browsers and an import or
// print on a 2-core CI machine have kept it past 15 s.
const START_TIMEOUT_MS = 45_000;

/** A browser-edition server of one test, on its own fresh workspace. */
export interface AppServer {
  /** The printed address, with `?token=…` (changes on restart). */
  readonly url: string;
  /** The server's origin, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** A fresh folder from fs.mkdtemp, removed after a passing test. */
  readonly workspaceDir: string;
  /** The running `briefing-desk serve` process (null after kill). */
  readonly serverProcess: ChildProcess | null;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  /** Sends `signal` (default SIGTERM) and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the server if it runs (SIGTERM) and starts a new one on the same workspace; returns the new URL. */
  restart(): Promise<string>;
  /** Runs a CLI command on this workspace (not `serve`) and returns its exit code and output. */
  cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

interface Started {
  process: ChildProcess;
  url: string;
  port: number;
  token: string;
}

/** The environment for the server: the developer's $BRIEFING_DESK_WORKSPACE must not leak in. */
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.BRIEFING_DESK_WORKSPACE;
  return env;
}

function startServer(workspaceDir: string, log: (chunk: string) => void): Promise<Started> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (or npm test, which builds) first.`);
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--no-open', '--workspace', workspaceDir], {
    cwd: ROOT,
    env: serverEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveStart, rejectStart) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => fail(`the server printed no ready line within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    function fail(reason: string): void {
      clearTimeout(timer);
      child.kill('SIGKILL');
      rejectStart(new Error(`briefing-desk serve did not start: ${reason}\nstdout: ${stdout}\nstderr: ${stderr}`));
    }
    child.stdout!.setEncoding('utf8');
    child.stderr!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      log(chunk);
      stdout += chunk;
      const match = READY.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      resolveStart({ process: child, url: match[1]!, port: Number(match[2]), token: match[3]! });
    });
    child.stderr!.on('data', (chunk: string) => {
      log(chunk);
      stderr += chunk;
    });
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`it exited (${signal ?? `code ${code}`})`));
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => resolveExit(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit(true);
    });
  });
}

function runCli(workspaceDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(process.execPath, [CLI, ...args, '--workspace', workspaceDir], { cwd: ROOT, env: serverEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', rejectRun);
    child.once('close', (code) => resolveRun({ code: code ?? 1, stdout, stderr }));
  });
}

/**
 * `app`: a fresh workspace and its own running `briefing-desk serve` (the real built CLI) per test.
 * `page`: already navigated to the server's URL.
 */
export const test = base.extend<{ app: AppServer }>({
  // Playwright reads a fixture's dependencies from the destructuring pattern; this one has none.
  app: async ({}, use, testInfo) => {
    const workspaceDir = await mkdtemp(join(tmpdir(), 'bd-e2e-'));
    let log = '';
    const append = (chunk: string): void => {
      log += chunk;
    };
    let current: Started | null = await startServer(workspaceDir, append);

    const kill = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
      if (!current) return;
      const child = current.process;
      current = null;
      child.removeAllListeners('exit');
      child.kill(signal);
      if (!(await waitForExit(child, 10_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    };

    const app: AppServer = {
      get url() {
        return requireRunning().url;
      },
      get origin() {
        return `http://127.0.0.1:${requireRunning().port}`;
      },
      get port() {
        return requireRunning().port;
      },
      get token() {
        return requireRunning().token;
      },
      workspaceDir,
      get serverProcess() {
        return current?.process ?? null;
      },
      output: () => log,
      kill,
      async restart() {
        await kill('SIGTERM');
        current = await startServer(workspaceDir, append);
        return current.url;
      },
      cli: (...args: string[]) => runCli(workspaceDir, args),
    };
    function requireRunning(): Started {
      if (!current) throw new Error('The server is not running (it was killed); call app.restart() first.');
      return current;
    }

    await use(app);

    await kill('SIGTERM');
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('server-output.txt', { body: log, contentType: 'text/plain' });
      await testInfo.attach('workspace-dir.txt', { body: workspaceDir, contentType: 'text/plain' });
      return;
    }
    await rm(workspaceDir, { recursive: true, force: true });
  },
  page: async ({ page, app }, use) => {
    await page.goto(app.url);
    await use(page);
  },
});

export { expect };
