import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { SEARCH_QUERIES, generateGdelt } from './lib/gdelt-gen';
import { type BenchRow, percentile, row } from './lib/report';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist', 'node', 'cli.mjs');
const run = promisify(execFile);
const QUERIES = SEARCH_QUERIES.slice(0, 20);

/**
 * Records, for one keystroke, the time from keydown to the last DOM change under `rootSelector`
 * (the results being rendered), once the page has been quiet for `quietMs`.
 */
async function keystrokeToRender(page: Page, input: string, rootSelector: string, finalKey: string): Promise<number> {
  await page.evaluate((selector) => {
    const w = window as unknown as { __kd: number; __last: number; __obs?: MutationObserver };
    w.__kd = 0;
    w.__last = 0;
    w.__obs?.disconnect();
    w.__obs = new MutationObserver(() => {
      w.__last = performance.now();
    });
    w.__obs.observe(document.querySelector(selector)!, { subtree: true, childList: true, characterData: true, attributes: true });
    document.addEventListener('keydown', () => (w.__kd = performance.now()), { capture: true, once: true });
  }, rootSelector);
  await page.locator(input).press(finalKey);
  // Quiet for 500 ms after the last change: the debounce (if any), the search and the render are done.
  let previous = -1;
  for (;;) {
    await page.waitForTimeout(500);
    const last = await page.evaluate(() => (window as unknown as { __last: number }).__last);
    if (last === previous) break;
    previous = last;
  }
  return page.evaluate(() => {
    const w = window as unknown as { __kd: number; __last: number };
    return w.__last - w.__kd;
  });
}

async function measure(page: Page, input: string, root: string): Promise<number[]> {
  const latencies: number[] = [];
  for (const query of QUERIES) {
    await page.locator(input).fill(query.slice(0, -1));
    await page.waitForTimeout(400);
    latencies.push(await keystrokeToRender(page, input, root, query.slice(-1)));
  }
  return latencies;
}

function startServer(workspace: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--no-open', '--workspace', workspace], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready at (\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

/** `sidebar_keystroke_ms`: keystroke → results rendered in the Events tab over 100,000 events. */
export async function sidebarBench(browser: Browser): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'bd-bench-sidebar-'));
  try {
    const file = path.join(scratch, '100k.export.CSV');
    await writeFile(file, generateGdelt(100_000));
    const workspace = path.join(scratch, 'workspace');
    await run(process.execPath, [CLI, 'import', file, '--workspace', workspace], { maxBuffer: 1 << 24 });

    // Baseline: the same keystroke in a bare page that filters the same summaries naively, no framework, no debounce.
    const { stdout } = await run(process.execPath, [CLI, 'events', '--limit', '100000', '--json', '--workspace', workspace], { maxBuffer: 1 << 29 });
    // Whole event records (the contract's Event): the same summary, actor names and place the cards show.
    const records = JSON.parse(stdout) as { summary: string; actors: { name: string }[]; location: { name: string } | null }[];
    const texts = records.map((record) => `${record.summary} ${record.actors.map((actor) => actor.name).join(' ')} ${record.location?.name || ''}`);
    const bare = path.join(scratch, 'bare.html');
    await writeFile(
      bare,
      `<!doctype html><meta charset="utf-8"><input id="q"><div id="out"><p id="count"></p><ul id="list"></ul></div>
<script>const texts = ${JSON.stringify(texts)};
document.getElementById('q').addEventListener('input', (e) => {
  const q = e.target.value.toLowerCase();
  const hits = texts.filter((t) => t.toLowerCase().includes(q));
  document.getElementById('count').textContent = hits.length + ' events';
  const list = document.getElementById('list'); list.textContent = '';
  for (const t of hits.slice(0, 20)) { const li = document.createElement('li'); li.textContent = t; list.append(li); }
});</script>`,
    );
    const barePage = await browser.newPage();
    await barePage.goto(pathToFileURL(bare).href);
    const baseline = await measure(barePage, '#q', '#out');
    await barePage.close();

    const server = await startServer(workspace);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.getByTestId('result-count').filter({ hasText: /100,000|100000/ }).waitFor({ timeout: 30_000 });
    const latencies = await measure(page, '[data-testid="event-search"]', '[data-testid="research-sidebar"]');
    await page.close();
    server.child.kill('SIGTERM');
    return {
      rows: [row('sidebar_keystroke_ms', percentile(latencies, 50), 'ms', percentile(baseline, 50))],
      notes: [
        `sidebar_keystroke_ms: median over ${QUERIES.length} queries, last keystroke → results rendered (includes the sidebar's 40 ms typing debounce); p95 ${percentile(latencies, 95).toFixed(0)} ms. Baseline: a bare page filtering the same 100,000 summaries naively on every keystroke.`,
      ],
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
