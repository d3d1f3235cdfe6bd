import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseImport } from './index';
import { makeGdeltFile, readReal, utf8 } from './test-support';
import { ImportCancelledError, ImportParseError } from './types';

const sample = readReal('gdelt2-sample-head50.export.CSV');
const sampleText = Buffer.from(sample).toString('utf8');
const sampleLines = sampleText.trim().split('\n');

/** The error parseImport throws, for asserting on its fields. */
function parseError(bytes: Uint8Array, name: string, format?: 'gdelt' | 'gdelt1'): ImportParseError {
  try {
    parseImport(bytes, name, format ? { format } : {});
  } catch (error) {
    if (error instanceof ImportParseError) return error;
    throw error;
  }
  throw new Error('expected an ImportParseError');
}

describe('GDELT 2.0 events export', () => {
  const result = parseImport(sample, '20161013151500.export.CSV');

  it('reads every row of the real sample with its GLOBALEVENTID and day-precision SQLDATE', () => {
    expect(result.format).toBe('gdelt');
    expect(result.rows).toBe(50);
    expect(result.events).toHaveLength(50);
    expect(result.rejected).toBe(0);
    expect(result.events[0]!.externalId).toBe('588604779');
    expect(result.events[0]!.date).toEqual({ date: '2015-10-14', precision: 'day' });
    expect(result.events[0]!.line).toBe(1);
  });

  it('keeps CAMEO codes as strings with leading zeros and names them', () => {
    const [first, second, third] = result.events;
    expect(first!.type).toEqual({ label: 'Consult', code: '040', taxonomy: 'CAMEO', subType: 'Consult' });
    expect(second!.type).toEqual({ label: 'Make a visit', code: '042', taxonomy: 'CAMEO', subType: 'Consult' });
    expect(third!.type).toEqual({ label: 'Expel or withdraw', code: '166', taxonomy: 'CAMEO', subType: 'Reduce relations' });
    for (const event of result.events) expect(event.type.code).toMatch(/^\d{3,4}$/);
  });

  it('maps actors (skipping empty ones), figures, location and a summary in words', () => {
    const first = result.events[0]!;
    expect(first.actors).toEqual([{ name: 'Halle', role: 'target', countryCode: 'DEU', code: 'DEU' }]);
    expect(first.figures).toEqual({ quadClass: 1, goldstein: 1, tone: -1.46443514644352, numArticles: 3 });
    expect(first.location).toEqual({ name: 'Hollywood, California, United States', country: 'US', admin1: 'USCA', latitude: 34.0983, longitude: -118.327 });
    expect(first.summary).toBe('Consult — Halle (Hollywood, California, United States)');
    const both = result.events.find((event) => event.actors.length === 2)!;
    expect(both.actors.map((actor) => actor.role)).toEqual(['initiator', 'target']);
    expect(both.summary.startsWith(`${both.actors[0]!.name} — `)).toBe(true);
  });

  it('makes one Source per distinct SOURCEURL, publisher from the host', () => {
    const urls = new Set(sampleLines.map((line) => line.split('\t')[60]));
    expect(result.sources).toHaveLength(urls.size);
    expect(result.sources).toHaveLength(21);
    const yahoo = result.sources.find((source) => source.publisher === 'yahoo.com')!;
    expect(yahoo.title).toBe('Halle berry sends love to fellow domestic violence victims');
    expect(yahoo.url).toBe(yahoo.canonicalUrl);
    expect(yahoo.key).toBe(yahoo.canonicalUrl);
    expect(yahoo.text).toBe('');
    for (const event of result.events) expect(event.sourceKeys).toHaveLength(1);
    const keys = new Set(result.sources.map((source) => source.key));
    for (const event of result.events) expect(keys.has(event.sourceKeys[0]!)).toBe(true);
  });

  it('reads the .zip GDELT publishes', () => {
    const zip = zipSync({ '20161013151500.export.CSV': sample });
    const fromZip = parseImport(zip, '20161013151500.export.CSV.zip');
    expect(fromZip.format).toBe('gdelt');
    expect(fromZip.events).toEqual(result.events);
  });

  it('counts a repeated GLOBALEVENTID as a duplicate', () => {
    const doubled = parseImport(utf8(`${sampleLines[0]}\n${sampleLines[1]}\n${sampleLines[0]}\n`), 'x.export.CSV');
    expect(doubled.events).toHaveLength(2);
    expect(doubled.duplicates).toBe(1);
  });
});

describe('GDELT 1.0 daily files', () => {
  /** A GDELT 1.0 row from a 2.0 row: drop the three ADM2 columns (39, 47, 55), optionally SOURCEURL. */
  const toV1 = (line: string, withUrl: boolean): string => {
    const fields = line.split('\t').filter((_f, i) => i !== 39 && i !== 47 && i !== 55);
    return (withUrl ? fields : fields.slice(0, 57)).join('\t');
  };

  it.each([
    [58, true],
    [57, false],
  ])('reads %i-column rows', (columns, withUrl) => {
    const text = sampleLines.slice(0, 10).map((line) => toV1(line, withUrl)).join('\n');
    expect(text.split('\n')[0]!.split('\t')).toHaveLength(columns);
    const result = parseImport(utf8(text), '20151014.export.CSV');
    expect(result.format).toBe('gdelt1');
    expect(result.events).toHaveLength(10);
    expect(result.events[0]!.location?.name).toBe('Hollywood, California, United States');
    expect(result.events[0]!.type.code).toBe('040');
    expect(result.sources).toHaveLength(withUrl ? new Set(sampleLines.slice(0, 10).map((l) => l.split('\t')[60])).size : 0);
  });
});

describe('broken GDELT files', () => {
  it('rejects a truncated last row with a warning and keeps the rest', () => {
    const text = `${sampleLines.slice(0, 5).join('\n')}\n${sampleLines[5]!.slice(0, 120)}`;
    const result = parseImport(utf8(text), 'cut.export.CSV', { format: 'gdelt' });
    expect(result.events).toHaveLength(5);
    expect(result.rejected).toBe(1);
    expect(result.warnings[0]).toEqual({ line: 6, message: expect.stringMatching(/expected 61 tab-separated fields .*found \d+ — the row looks truncated/) });
  });

  it('throws with line and column when most rows have the wrong column count', () => {
    const text = sampleLines.slice(0, 6).map((line, i) => (i === 0 ? line : line.split('\t').slice(0, 40).join('\t'))).join('\n');
    const error = parseError(utf8(text), 'bad.export.CSV', 'gdelt');
    expect(error.message).toMatch(/expected 61 tab-separated fields \(GDELT 2\.0\), found 40/);
    expect(error.line).toBe(2);
    expect(error.column).toBe(sampleLines[1]!.split('\t').slice(0, 40).join('\t').length + 1);
  });

  it('rejects a row with a bad SQLDATE', () => {
    const fields = sampleLines[0]!.split('\t');
    fields[1] = '20151340';
    const result = parseImport(utf8([fields.join('\t'), sampleLines[1]].join('\n')), 'x.export.CSV');
    expect(result.events).toHaveLength(1);
    expect(result.rejected).toBe(1);
    expect(result.warnings[0]).toEqual({ line: 1, message: 'SQLDATE "20151340" is not a date; expected YYYYMMDD' });
  });

  it('reads a windows-1252 file with a warning instead of failing', () => {
    const fields = sampleLines[0]!.split('\t');
    fields[52] = 'Besançon, Franche-Comté, France';
    const bytes = new Uint8Array(Buffer.from(fields.join('\t'), 'latin1'));
    const result = parseImport(bytes, 'x.export.CSV', { format: 'gdelt' });
    expect(result.events[0]!.location?.name).toBe('Besançon, Franche-Comté, France');
    expect(result.warnings[0]!.message).toMatch(/not valid UTF-8/);
  });

  it('throws on an empty file and on a zip without a CSV', () => {
    expect(parseError(new Uint8Array(0), 'x.export.CSV').message).toBe('The file is empty');
    expect(parseError(utf8('\n\n  \n'), 'x.export.CSV', 'gdelt').message).toBe('The file is empty');
    expect(parseError(zipSync({ 'readme.md': utf8('hello') }), 'x.zip').message).toMatch(/holds no \.CSV file/);
    expect(parseError(zipSync({ 'a.CSV': sample }).subarray(0, 200), 'x.zip').message).toMatch(/zip archive is damaged/);
  });

  it('throws when a forced GDELT import gets another file', () => {
    const error = parseError(readReal('csl-items.json'), 'x.json', 'gdelt');
    expect(error.message).toMatch(/expected 61 tab-separated fields/);
    expect(error.line).toBe(1);
  });
});

describe('big GDELT files', () => {
  it('parses a ~50 MB file generated at run time', () => {
    const rows = 125_000;
    const bytes = makeGdeltFile(rows);
    expect(bytes.length).toBeGreaterThan(48_000_000);
    const progress: number[] = [];
    const result = parseImport(bytes, 'big.export.CSV', { onProgress: (_rows, percent) => progress.push(percent) });
    expect(result.rows).toBe(rows);
    expect(result.events).toHaveLength(rows);
    expect(result.sources).toHaveLength(21);
    expect(result.events[rows - 1]!.externalId).toBe(String(900000000 + rows - 1));
    expect(progress.length).toBeGreaterThanOrEqual(100);
    expect(progress.at(-1)).toBe(100);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('stops with ImportCancelledError once isCancelled turns true', () => {
    const bytes = makeGdeltFile(10_000);
    let polls = 0;
    let lastRows = 0;
    expect(() =>
      parseImport(bytes, 'big.export.CSV', {
        isCancelled: () => ++polls >= 3,
        onProgress: (rows) => {
          lastRows = rows;
        },
      }),
    ).toThrow(ImportCancelledError);
    expect(polls).toBe(3);
    expect(lastRows).toBe(2000);
  });
});
