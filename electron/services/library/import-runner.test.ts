import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseImport } from './importers/index';
import type { ParseResult } from './importers/types';
import { startParse } from './import-runner';

const GDELT = join(__dirname, '..', '..', '..', 'test-fixtures', 'real', 'gdelt2-sample-head50.export.CSV');
const WORKER = { path: join(__dirname, 'import-worker.ts'), typescript: true };
const NOW = '2025-06-10T00:00:00.000Z';

/** A GDELT 2.0 file big enough to be parsed in two halves (> 4 MB), each row with a fresh id. */
function bigGdeltLines(): string[] {
  const rows = readFileSync(GDELT, 'utf8').trimEnd().split('\n').map((line) => line.replace(/\r$/, ''));
  return Array.from({ length: 24_000 }, (_, i) => rows[i % rows.length]!.replace(/^\d+/, String(900_000_000 + i)));
}

/** What a parse gave, key order aside (the worker's result is rebuilt from columns). */
function comparable(result: ParseResult): unknown[] {
  return [result.format, result.datasetName, result.rows, result.events, result.sources, result.warnings, result.rejected, result.duplicates];
}

async function bothWays(text: string): Promise<{ serial: unknown; split: unknown }> {
  const bytes = new TextEncoder().encode(text);
  const outcome = async (parse: () => Promise<ParseResult>): Promise<unknown> => {
    try {
      return comparable(await parse());
    } catch (error) {
      const { message, line, column } = error as { message: string; line?: number; column?: number };
      return { message, line, column };
    }
  };
  const serial = await outcome(async () => parseImport(bytes, 'big.export.CSV', { now: new Date(NOW) }));
  const split = await outcome(() => startParse({ bytes, fileName: 'big.export.CSV', now: NOW }, () => undefined, WORKER).result);
  return { serial, split };
}

describe('a big GDELT file parsed in two worker threads', () => {
  it('gives exactly what one parse of the whole file gives, bad rows and line numbers included', async () => {
    const lines = bigGdeltLines();
    lines[20] = '123\tnot enough fields';
    lines[18_000] = 'abc\tdef';
    lines[16_000] = lines[16_000]!.replace(/\t\d{8}\t/, '\tNOTADATE\t');
    const { serial, split } = await bothWays(`${lines.join('\n')}\n`);
    expect(split).toEqual(serial);
  }, 60_000);

  it('gives the whole-file result when an id repeats across the halves or the file is mostly broken', async () => {
    const lines = bigGdeltLines();
    lines[20_000] = lines[5]!;
    const repeated = await bothWays(lines.join('\r\n'));
    expect(repeated.split).toEqual(repeated.serial);
    const broken = await bothWays(lines.map((line, i) => (i % 3 === 0 ? line : 'x\ty')).join('\n'));
    expect(broken.split).toEqual(broken.serial);
    expect(broken.split).toMatchObject({ line: 2 });
  }, 60_000);
});
