import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { build } from 'esbuild';
import { type BenchRow, percentile, row } from './lib/report';

const ROOT = path.resolve(import.meta.dirname, '..');
const PAGE_ENTRY = path.join(ROOT, 'renderer', 'editor', 'extensions', 'citations-state', 'citation-bench-page.ts');
const EDITS = 102;
const KINDS = ['insert', 'delete', 'move'] as const;

interface Timing {
  dom: number;
  painted: number;
  work: number;
}

interface BenchWindow {
  citationBench: {
    load: (withCitations: boolean) => void;
    edit: (kind: (typeof KINDS)[number]) => Promise<Timing>;
    check: () => string | null;
  };
}

/** Runs the edit cycle (insert a citation near the top, delete it, move a paragraph) and returns each edit's time. */
async function timeEdits(page: Page, withCitations: boolean, count: number): Promise<Timing[]> {
  await page.evaluate((cited) => (window as unknown as BenchWindow).citationBench.load(cited), withCitations);
  const times: Timing[] = [];
  for (let i = 0; i < count; i += 1) {
    const kind = KINDS[i % KINDS.length]!;
    times.push(await page.evaluate((k) => (window as unknown as BenchWindow).citationBench.edit(k), kind));
    // Every few edits, check the DOM against a fresh numbering: a fast but wrong update must not pass.
    if (i % 10 === 0) {
      const problem = await page.evaluate(() => (window as unknown as BenchWindow).citationBench.check());
      if (problem) throw new Error(`citation bench: ${problem}`);
    }
  }
  return times;
}

/**
 * `citation_edit_p95_ms`: an edit (insert a citation near the top, which renumbers every later
 * citation and Sources entry; delete it; move a paragraph) in a note with 300 citations to 120
 * sources and a Sources section: the main-thread work that brings the labels and the Sources list up
 * to date in the DOM (the transaction, then the list render in the next animation frame), p95 over
 * ~100 edits. The wall time including the wait for that frame, and until it is painted, go in the notes. Baseline: the same edits in the same note with the citations
 * as plain text and no Sources section, with the same editor extensions.
 */
export async function citationBench(browser: Browser): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'bd-bench-citations-'));
  try {
    await build({
      entryPoints: [PAGE_ENTRY],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      outfile: path.join(scratch, 'page.js'),
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    await writeFile(path.join(scratch, 'index.html'), '<!doctype html><meta charset="utf-8"><div id="editor"></div><script src="page.js"></script>');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(path.join(scratch, 'index.html')).href);

    // Warm up both (JIT, the CSL engine's first run), then measure alternately in blocks.
    await timeEdits(page, true, 12);
    await timeEdits(page, false, 12);
    const cited: Timing[] = [];
    const plain: Timing[] = [];
    const rounds = 3;
    for (let round = 0; round < rounds; round += 1) {
      cited.push(...(await timeEdits(page, true, EDITS / rounds)));
      plain.push(...(await timeEdits(page, false, EDITS / rounds)));
    }
    await context.close();
    if (errors.length > 0) throw new Error(`citation bench page errors: ${errors.join('; ')}`);
    const stats = (values: number[]) => `median ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms`;
    const pick = (list: Timing[], key: keyof Timing) => list.map((t) => t[key]);
    const note =
      `citation_edit_p95_ms: ${cited.length} edits (insert a citation at the top, which renumbers every later citation and Sources entry; delete it; move a paragraph) ` +
      `in a note with 300 citations to 120 sources. Main-thread work to bring labels and Sources list up to date (the transaction + the Sources render ` +
      `one frame later): ${stats(pick(cited, 'work'))}; the same edits without citations: ${stats(pick(plain, 'work'))}. ` +
      `Wall time from the edit (a task) until both are in the DOM, including the wait for the next frame: ${stats(pick(cited, 'dom'))} ` +
      `(without citations ${stats(pick(plain, 'dom'))}); until that frame is painted (style and layout of the changed labels): ` +
      `${stats(pick(cited, 'painted'))} (without citations ${stats(pick(plain, 'painted'))}). Goal ≤ 16 ms.`;
    return { rows: [row('citation_edit_p95_ms', percentile(pick(cited, 'work'), 95), 'ms', percentile(pick(plain, 'work'), 95))], notes: [note] };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
