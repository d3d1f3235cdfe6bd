import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One benchmark row: a value measured against a baseline in the same run. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  /** value / baseline. */
  ratio: number;
}

/** Builds a row, rounding for a readable table. */
export function row(name: string, value: number, unit: string, baseline: number): BenchRow {
  const round = (n: number): number => Math.round(n * 100) / 100;
  return { name, value: round(value), unit, baseline: round(baseline), ratio: baseline > 0 ? Math.round((value / baseline) * 1000) / 1000 : 0 };
}

/** Prints the table and writes bench/results.json with the same rows. */
export async function report(rows: BenchRow[], outFile: string): Promise<void> {
  const header = ['name', 'value', 'unit', 'baseline', 'ratio'];
  const cells = rows.map((r) => [r.name, String(r.value), r.unit, String(r.baseline), String(r.ratio)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (parts: string[]): string => parts.map((p, i) => p.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, `${JSON.stringify(rows, null, 2)}\n`);
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
