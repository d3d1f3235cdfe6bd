import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, open, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { build } from 'esbuild';
import { createBackend } from '../electron/container';
import { installKeystrokeProbe, typeAndMeasure } from './lib/browser';
import { generateDoc } from './lib/doc-gen';
import { type BenchRow, percentile, row } from './lib/report';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist', 'node', 'cli.mjs');
const TEMPLATES = path.join(ROOT, 'templates');
const READY = /Briefing Desk is ready at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/;
const TEMPLATE_IDS = ['situation-brief', 'negotiation-brief', 'policy-options-memo', 'daily-summary', 'market-note'];

const median = (values: number[]): number => percentile(values, 50);

/** Fills a workspace with `count` realistic notes, plus optionally one very long note; returns the long note's id. */
async function seedWorkspace(dir: string, count: number, longNoteWords = 0): Promise<string | null> {
  const backend = await createBackend({ workspaceDir: dir, builtinTemplatesDir: TEMPLATES, appVersion: 'bench' });
  for (let i = 0; i < count; i += 1) {
    const created = await backend.dispatch('notes:create', { templateId: TEMPLATE_IDS[i % TEMPLATE_IDS.length], title: `Benchmark note ${i + 1}` });
    if (!created.ok) throw new Error(created.error.message);
    const note = created.value as { id: string };
    await backend.dispatch('notes:save', { id: note.id, content: generateDoc(400 + (i % 7) * 100) });
  }
  let longId: string | null = null;
  if (longNoteWords > 0) {
    const created = await backend.dispatch('notes:create', { templateId: 'blank', title: 'Typing benchmark' });
    if (!created.ok) throw new Error(created.error.message);
    longId = (created.value as { id: string }).id;
    const saved = await backend.dispatch('notes:save', { id: longId, content: generateDoc(longNoteWords) });
    if (!saved.ok) throw new Error(saved.error.message);
  }
  await backend.close();
  return longId;
}

interface Server {
  process: ChildProcess;
  url: string;
}

function startServer(workspaceDir: string): Promise<Server> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--no-open', '--workspace', workspaceDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = READY.exec(out);
      if (match) resolve({ process: child, url: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

async function stopServer(server: Server): Promise<void> {
  server.process.removeAllListeners('exit');
  const exited = new Promise((resolve) => server.process.once('exit', resolve));
  server.process.kill('SIGTERM');
  await exited;
}

/** Opens the note titled `title` (or the first) and waits until its body is editable. */
async function openNote(page: Page, title?: string): Promise<void> {
  const rows = page.getByTestId('note-row');
  const target = title ? rows.filter({ hasText: title }).first() : rows.first();
  await target.click();
  await page.locator('[data-testid="note-editor"][contenteditable="true"]').waitFor();
}

/** `startup_ready_ms`: `serve` start → editable note, 50-note workspace; baseline a bare static page. */
async function startupRow(browser: Browser, scratch: string): Promise<BenchRow> {
  const workspace = path.join(scratch, 'startup');
  await seedWorkspace(workspace, 50);
  const bare = path.join(scratch, 'bare.html');
  await writeFile(bare, '<!doctype html><title>bare</title><p>Bare page</p>');

  const values: number[] = [];
  const baselines: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const context = await browser.newContext();
    const start = performance.now();
    const server = await startServer(workspace);
    const page = await context.newPage();
    await page.goto(server.url);
    await openNote(page);
    values.push(performance.now() - start);
    await context.close();
    await stopServer(server);

    const bareContext = await browser.newContext();
    const bareStart = performance.now();
    const barePage = await bareContext.newPage();
    await barePage.goto(pathToFileURL(bare).href);
    await barePage.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    baselines.push(performance.now() - bareStart);
    await bareContext.close();
  }
  return row('startup_ready_ms', median(values), 'ms', median(baselines));
}

interface TypingResult {
  typing: BenchRow;
  autosave: BenchRow;
  evidence: string;
}

/** `typing_p95_ms` and `autosave_ms` on a 30,000-word note. */
async function typingRows(browser: Browser, scratch: string): Promise<TypingResult> {
  const workspace = path.join(scratch, 'typing');
  const longId = await seedWorkspace(workspace, 3, 30_000);
  const doc = generateDoc(30_000);
  const keystrokes = 300;

  // Baseline: a bare StarterKit editor, bundled from bench/pages/bare-editor.ts.
  const bareDir = path.join(scratch, 'bare-editor');
  await build({ entryPoints: [path.join(ROOT, 'bench', 'pages', 'bare-editor.ts')], bundle: true, format: 'iife', outfile: path.join(bareDir, 'bare.js'), logLevel: 'silent' });
  await writeFile(path.join(bareDir, 'index.html'), '<!doctype html><meta charset="utf-8"><div id="editor"></div><script src="bare.js"></script>');
  const bareContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const barePage = await bareContext.newPage();
  await barePage.goto(pathToFileURL(path.join(bareDir, 'index.html')).href);
  await barePage.evaluate((json) => window.loadDoc(json), doc as unknown);
  await barePage.locator('.ProseMirror').click();
  await barePage.keyboard.press('Control+End');
  await installKeystrokeProbe(barePage);

  // The app: the real server, the real note, autosave on.
  const server = await startServer(workspace);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await openNote(page, 'Typing benchmark');
  await page.getByTestId('note-editor').click();
  await page.keyboard.press('Control+End');
  await installKeystrokeProbe(page);

  // Warm up both, then alternate blocks so both see the same machine noise.
  const reset = (target: Page) =>
    target.evaluate(() => {
      (window as unknown as { __keyLatencies: number[] }).__keyLatencies = [];
      performance.clearMeasures();
    });
  await typeAndMeasure(barePage, 30);
  await typeAndMeasure(page, 30);
  await reset(barePage);
  await reset(page);
  const rounds = 6;
  const perRound = Math.ceil(keystrokes / rounds);
  let bareLatencies: number[] = [];
  let appLatencies: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    await barePage.bringToFront();
    bareLatencies = await typeAndMeasure(barePage, perRound);
    await page.bringToFront();
    appLatencies = await typeAndMeasure(page, perRound);
  }
  await page.getByTestId('save-state').filter({ hasText: /^Saved/ }).waitFor({ timeout: 10_000 });
  const saves = await page.evaluate(() =>
    performance.getEntriesByType('measure').filter((entry) => entry.name === 'bd:autosave' || entry.name === 'bd:autosave:serialize').map((entry) => ({ name: entry.name, duration: entry.duration })),
  );
  await bareContext.close();
  await context.close();
  await stopServer(server);

  const total = saves.filter((s) => s.name === 'bd:autosave').map((s) => s.duration);
  const serialize = saves.filter((s) => s.name === 'bd:autosave:serialize').map((s) => s.duration);

  // Baseline for the save: the least a durable save of the same bytes costs (temp file, fsync, rename).
  const noteFile = (await readdir(path.join(workspace, 'notes'))).find((name) => name === `${longId}.json`)!;
  const bytes = await readFile(path.join(workspace, 'notes', noteFile));
  const writes: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const start = performance.now();
    const temp = path.join(scratch, `raw-write.json.tmp`);
    const handle = await open(temp, 'w');
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    await rename(temp, path.join(scratch, 'raw-write.json'));
    writes.push(performance.now() - start);
  }

  const appP95 = percentile(appLatencies, 95);
  const evidence =
    `autosave ran ${total.length} times while ${keystrokes} keys were typed (saves happen in a timer after typing pauses or at most every second, never inside a keystroke); ` +
    `main-thread serialization per save: median ${median(serialize).toFixed(1)} ms; the rest of each save (request + atomic write) is off the main thread; ` +
    `keystroke p95 with autosave running: ${appP95.toFixed(1)} ms; note file ${(bytes.length / 1e6).toFixed(1)} MB.`;
  return {
    typing: row('typing_p95_ms', appP95, 'ms', percentile(bareLatencies, 95)),
    autosave: row('autosave_ms', total.length > 0 ? median(total) : Number.NaN, 'ms', median(writes)),
    evidence,
  };
}

/** The rows of the foundation issue. */
export async function foundationBench(browser: Browser): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'bd-bench-'));
  try {
    const startup = await startupRow(browser, scratch);
    const typing = await typingRows(browser, scratch);
    return { rows: [startup, typing.typing, typing.autosave], notes: [typing.evidence] };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
