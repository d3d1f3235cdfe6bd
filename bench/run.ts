// `npm run bench`: every row measured against a baseline in the same run; the table is printed and
// written to bench/results.json as [{ name, value, unit, baseline, ratio }].
import path from 'node:path';
import { citationBench } from './citations';
import { exportBench } from './export';
import { foundationBench } from './foundation';
import { libraryBench } from './library';
import { launchChromium } from './lib/browser';
import { type BenchRow, report } from './lib/report';
import { sidebarBench } from './sidebar';

const rows: BenchRow[] = [];
const notes: string[] = [];
const collect = (part: { rows: BenchRow[]; notes: string[] }): void => {
  rows.push(...part.rows);
  notes.push(...part.notes);
};

const browser = await launchChromium();
try {
  collect(await foundationBench(browser));
  collect(await sidebarBench(browser));
  collect(await citationBench(browser));
} finally {
  await browser.close();
}
// In-process and child-process measurements last, with the browser closed.
collect(await libraryBench());
collect(await exportBench());
await report(rows, path.join(import.meta.dirname, 'results.json'));
for (const note of notes) console.log(`\n${note}`);
