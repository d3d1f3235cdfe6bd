import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from '../../../../core/domain/import-limits';
import { parseImport } from './index';
import { csvChunks, lineChunks } from './line-chunks';
import { concat, readReal, utf8 } from './test-support';
import { ImportParseError } from './types';
import { zipBombs } from './zip-test-support';

/** The ImportParseError `parse` throws (fails the test when it returns or throws anything else). */
function parseFailure(parse: () => unknown): ImportParseError {
  try {
    parse();
  } catch (error) {
    if (error instanceof ImportParseError) return error;
    throw error;
  }
  throw new Error('expected an ImportParseError');
}

const MB = 1024 * 1024;
const sample = readReal('gdelt2-sample-head50.export.CSV');
/** `count` bytes of one letter and a newline: one line longer than the line limit when count is. */
const longLine = (count: number): Uint8Array => {
  const bytes = new Uint8Array(count + 1).fill(0x61);
  bytes[count] = 0x0a;
  return bytes;
};

describe('zip archives are read with limits while inflating', () => {
  const bombs = zipBombs();
  const expected: Record<string, RegExp> = {
    'declares 3 GiB': /declares 3\.0 GB unzipped; Briefing Desk imports at most 200 MB/,
    'lies about its size': /inflates to more than the 1 MB it declares/,
    'ratio bomb': /inflates more than 100 times .*zip bomb/,
    'bomb after normal data': /inflates more than 100 times .*zip bomb/,
    'many entries': /holds 5,000 entries; at most 1,000/,
    'nested zip (named .zip)': /holds another zip archive/,
    'nested zip (named .CSV)': /holds another zip archive/,
    'ZIP64 entry count': /ZIP64/,
  };
  it.each(Object.keys(expected))('refuses a zip bomb: %s', (name) => {
    const zip = bombs[name]!;
    // Each bomb is small on disk; what stops it is a limit, not the archive's size.
    expect(zip.length).toBeLessThan(3 * MB);
    expect(parseFailure(() => parseImport(zip, `${name}.zip`)).message).toMatch(expected[name]!);
  });

  it('still reads a real GDELT zip, and refuses an entry whose data is cut off', () => {
    const zip = zipSync({ '20161013151500.export.CSV': sample });
    expect(parseImport(zip, 'x.export.CSV.zip').events).toHaveLength(parseImport(sample, 'x.export.CSV').events.length);
    expect(parseFailure(() => parseImport(zip.subarray(0, zip.length - 40), 'x.zip')).message).toMatch(/damaged or incomplete/);
  });
});

describe('tabular files are decoded a few MB at a time', () => {
  it('cuts lines and CSV records only at record ends, numbering lines across chunks', () => {
    const text = 'a,b\n1,"x\ny"\n2,z\n3,"q""\nr"\n';
    const bytes = utf8(text);
    for (const size of [11, 16, 64]) {
      const pieces = [...csvChunks(bytes, size)];
      expect(pieces.map((piece) => new TextDecoder().decode(bytes.subarray(piece.start, piece.end))).join('')).toBe(text);
      for (const piece of pieces) {
        // A chunk never ends inside quotes: its quote count is even.
        const quotes = [...bytes.subarray(piece.start, piece.end)].filter((b) => b === 34).length;
        expect(quotes % 2).toBe(0);
        expect(piece.firstLine).toBe(text.slice(0, piece.start).split('\n').length);
      }
    }
    const lines = [...lineChunks(utf8('one\ntwo\nthree\nfour\n'), 10, 10)];
    expect(lines.map((piece) => piece.firstLine)).toEqual([10, 12, 13]);
  });

  it('names the line of a GDELT row longer than the line limit instead of building a huge string', () => {
    const bytes = concat(sample, longLine(IMPORT_LIMITS.lineBytes + 10), sample);
    const error = parseFailure(() => parseImport(bytes, 'big.export.CSV'));
    expect(error.message).toMatch(/Line 51 is longer than 4 MB/);
    expect(error.line).toBe(51);
  });

  it('names the line of a CSV record longer than the line limit (one huge quoted field)', () => {
    const header = utf8('date,summary\n2024-01-02,fine\n2024-01-03,"');
    const bytes = concat(header, new Uint8Array(IMPORT_LIMITS.lineBytes + 10).fill(0x61), utf8('"\n2024-01-04,after\n'));
    const error = parseFailure(() => parseImport(bytes, 'events.csv'));
    expect(error.message).toMatch(/record is too long: a quoted field that starts on line 3/);
    expect(error.line).toBe(3);
  });

  it('reads an ACLED file of many chunks with the same records and lines as a small one', () => {
    const head = 'event_id_cnty,event_date,event_type,actor1,country,notes\n';
    const row = (i: number): string => `X${i},2024-01-${String((i % 28) + 1).padStart(2, '0')},Protests,"Group ""${i}""","Chad","line one\nline two, ${'pad '.repeat(320)}"\n`;
    const text = head + Array.from({ length: 7_000 }, (_, i) => row(i)).join('');
    expect(text.length).toBeGreaterThan(2 * IMPORT_LIMITS.lineBytes);
    const result = parseImport(utf8(text), 'acled.csv');
    expect(result.events).toHaveLength(7_000);
    expect(result.events[6_999]!.line).toBe(2 + 6_999 * 2);
    expect(result.events[6_999]!.actors[0]!.name).toBe('Group "6999"');
  });

  it('refuses a document-format file above its own cap with the size and the cap', () => {
    const page = concat(utf8('<html><body><p>'), new Uint8Array(IMPORT_LIMITS.documentBytes.html + 1).fill(0x61), utf8('</p></body></html>'));
    expect(parseFailure(() => parseImport(page, 'page.html')).message).toMatch(/This HTML page file is 16 MB; .* at most 16 MB/);
  });
});
