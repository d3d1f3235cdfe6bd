// `npm run bench`: every row measured against a baseline in the same run; the table is printed and
// written to bench/results.json as [{ name, value, unit, baseline, ratio }].
import path from 'node:path';
import { foundationBench } from './foundation';
import { libraryBench } from './library';
import { launchChromium } from './lib/browser';
import { type BenchRow, report } from './lib/report';

const browser = await launchChromium();
const rows: BenchRow[] = [];
const notes: string[] = [];
try {
  const foundation = await foundationBench(browser);
  rows.push(...foundation.rows);
  notes.push(...foundation.notes);
} finally {
  await browser.close();
}
const library = await libraryBench();
rows.push(...library.rows);
notes.push(...library.notes);
await report(rows, path.join(import.meta.dirname, 'results.json'));
for (const note of notes) console.log(`\n${note}`);
