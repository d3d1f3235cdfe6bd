// `workspace_event_ms`: a note written by the CLI (another process) → its row visible in the open
// app, with no reload. Baseline: the file system watcher's own delay (fs.watch on the same kind of
// folder, a plain write). Both measured from the written file's mtime, so both carry the same
// clock granularity. Run alone: `node --import tsx bench/workspace-events.ts` (needs dist/: npm run build).
import { type ChildProcess, spawn } from 'node:child_process';
import { watch, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { launchChromium } from './lib/browser';
import { type BenchRow, percentile, report, row } from './lib/report';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist', 'node', 'cli.mjs');
const READY = /Briefing Desk is ready at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/;
const RUNS = 10;

function startServer(workspace: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--no-open', '--workspace', workspace], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = READY.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

function cli(workspace: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args, '--workspace', workspace], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`cli ${args[0]} exited with ${code}`))));
  });
}

/** fs.watch's own delay: a plain write in a watched folder → the watcher's callback, from the file's mtime. */
async function watcherDelays(dir: string): Promise<number[]> {
  await mkdir(dir, { recursive: true });
  const delays: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const file = path.join(dir, `plain-${i}.json`);
    const seen = new Promise<number>((resolve) => {
      const watcher = watch(dir, (_type, name) => {
        if (name !== path.basename(file)) return;
        const at = performance.timeOrigin + performance.now();
        watcher.close();
        resolve(at);
      });
    });
    writeFileSync(file, '{"plain":true}');
    const at = await seen;
    delays.push(at - (await stat(file)).mtimeMs);
  }
  return delays;
}

/** The CLI creates a note while the app shows the note list: mtime of the note file → row on screen. */
async function appDelays(browser: Browser, workspace: string): Promise<number[]> {
  await cli(workspace, ['new', '--template', 'blank', '--title', 'Warm-up']);
  const server = await startServer(workspace);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(server.url);
    await page.getByTestId('note-row').first().waitFor();
    const delays: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const title = `Written by the CLI ${i}`;
      // Polled every animation frame in the page: the moment the row is in the document and painted next.
      const visible = page.waitForFunction(
        (wanted) => {
          const rows = document.querySelectorAll('[data-testid="note-row"]');
          for (const element of rows) if (element.textContent?.includes(wanted)) return performance.timeOrigin + performance.now();
          return false;
        },
        title,
        { polling: 'raf', timeout: 10_000 },
      );
      const id = await cli(workspace, ['new', '--template', 'blank', '--title', title]);
      const at = (await (await visible).jsonValue()) as number;
      const written = (await stat(path.join(workspace, 'notes', `${id}.json`))).mtimeMs;
      delays.push(at - written);
    }
    return delays;
  } finally {
    await page.close();
    server.child.kill('SIGTERM');
  }
}

/** The `workspace_event_ms` row and its note. */
export async function workspaceEventBench(browser: Browser): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'bd-bench-events-'));
  try {
    const baseline = await watcherDelays(path.join(scratch, 'plain'));
    const values = await appDelays(browser, path.join(scratch, 'workspace'));
    return {
      rows: [row('workspace_event_ms', percentile(values, 50), 'ms', percentile(baseline, 50))],
      notes: [
        `workspace_event_ms: median of ${RUNS} notes made by the CLI (\`new\`) while the app is open, note file's mtime → its row in the note list (p95 ${percentile(values, 95).toFixed(0)} ms; includes the watcher's 30 ms debounce, the event stream and the list's refresh). Baseline: fs.watch on a folder, a plain write, mtime → callback (median ${percentile(baseline, 50).toFixed(2)} ms).`,
      ],
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

// Run alone: prints just this row (the whole bench is `npm run bench`).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const browser = await launchChromium();
  try {
    const result = await workspaceEventBench(browser);
    // The table only: bench/results.json belongs to the whole run.
    const out = path.join(tmpdir(), `bd-bench-workspace-events-${process.pid}.json`);
    await report(result.rows, out);
    await rm(out, { force: true });
    for (const note of result.notes) console.log(`\n${note}`);
  } finally {
    await browser.close();
  }
}
