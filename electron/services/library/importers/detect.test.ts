import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ImportFormat } from '../../../../core/domain/library';
import { detectFormat, parseImport } from './index';
import { readFixture, readReal, utf8 } from './test-support';
import { ImportParseError } from './types';

/** Deterministic pseudo-random bytes (binary noise). */
function noise(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = 12345;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

describe('detectFormat', () => {
  const gdelt = readReal('gdelt2-sample-head50.export.CSV');
  it.each<[string, () => Uint8Array, string, ImportFormat | null]>([
    ['GDELT 2.0 rows under any name', () => gdelt, 'data.txt', 'gdelt'],
    ['a zip', () => zipSync({ 'a.export.CSV': gdelt }), 'download.bin', 'gdelt'],
    ['GDELT 1.0 rows (57 fields)', () => utf8(`123\t${Array.from({ length: 56 }, () => 'x').join('\t')}\n`), 'x.csv', 'gdelt1'],
    ['ACLED header', () => readFixture('acled-sample.csv'), 'export.txt', 'acled'],
    ['our CSV header', () => utf8('id,date,summary\n1,2025,x\n'), 'events.dat', 'csv'],
    ['our JSON', () => utf8('{ "briefingDesk": "events", "version": 1, "events": [] }'), 'x.txt', 'json'],
    ['CSL-JSON', () => readReal('csl-items.json'), 'x.json', 'csl'],
    ['RSS', () => readReal('feed-guardian-rss2.xml'), 'feed', 'rss'],
    ['Atom', () => readReal('feed-heise-atom.xml'), 'feed.txt', 'rss'],
    ['HTML', () => readReal('article-lemonde-1.html'), 'page', 'html'],
    ['Markdown', () => utf8('# Title\n\nText'), 'note.md', 'text'],
    ['a CSV without a known header (extension decides)', () => utf8('a,b\n1,2\n'), 'x.csv', 'csv'],
    ['binary noise', () => noise(4096), 'x.csv', null],
    ['empty', () => new Uint8Array(0), 'x.csv', null],
  ])('%s', (_name, bytes, fileName, expected) => {
    expect(detectFormat(bytes(), fileName)).toBe(expected);
  });
});

describe('parseImport on files that are no import', () => {
  it.each<[string, Uint8Array, RegExp]>([
    ['empty', new Uint8Array(0), /^The file is empty$/],
    ['whitespace and a BOM', new Uint8Array([0xef, 0xbb, 0xbf, 0x20, 0x0a]), /^The file is empty$/],
    ['binary noise', noise(65536), /not a text file or not a known format/],
    ['a PNG header', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), /not a text file or not a known format/],
  ])('%s → ImportParseError', (_name, bytes, message) => {
    expect(() => parseImport(bytes, 'file.csv')).toThrow(ImportParseError);
    expect(() => parseImport(bytes, 'file.csv')).toThrow(message);
  });

  it('lets --format override detection', () => {
    const result = parseImport(utf8('date,summary\n2025-06-01,x\n'), 'x.csv', { format: 'text' });
    expect(result.format).toBe('text');
  });
});
