// `npm run bench`: every row measured against a baseline in the same run; the table is printed and
// written to bench/results.json as [{ name, value, unit, baseline, ratio }].
import { spawn } from 'node:child_process';
import path from 'node:path';
import { citationBench } from './citations';
import { exportBench, firstExportBench, type FirstExportRun } from './export';
import { foundationBench } from './foundation';
import { launchChromium } from './lib/browser';
import { type BenchRow, report } from './lib/report';
import { sidebarBench } from './sidebar';
import { workspaceEventBench } from './workspace-events';

const rows: BenchRow[] = [];
const notes: string[] = [];
const collect = (part: { rows: BenchRow[]; notes: string[] }): void => {
  rows.push(...part.rows);
  notes.push(...part.notes);
};

/** Runs a bench script in a fresh Node process (tsx) and returns what it printed as its last line (rows and notes by default). */
function inChild<T = { rows: BenchRow[]; notes: string[] }>(script: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, script)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last) return reject(new Error(`${script} exited with ${code}`));
      resolve(JSON.parse(last) as T);
    });
  });
}

const browser = await launchChromium();
try {
  collect(await foundationBench(browser));
  collect(await sidebarBench(browser));
  collect(await citationBench(browser));
  collect(await workspaceEventBench(browser));
} finally {
  await browser.close();
}
// In-process and child-process measurements last, with the browser closed.
collect(await inChild('library-child.ts'));
collect(await exportBench());
// A session's first export is its process's first too: every session in a fresh process.
collect(await firstExportBench(() => inChild<FirstExportRun>('export-first-child.ts')));
await report(rows, path.join(import.meta.dirname, 'results.json'));
for (const note of notes) console.log(`\n${note}`);
