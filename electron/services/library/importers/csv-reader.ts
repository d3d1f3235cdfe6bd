import Papa from 'papaparse';
import { csvChunks, fileDecoder } from './line-chunks';
import { ImportParseError } from './types';

/** One CSV record with the 1-based line it starts on (quoted fields can span lines). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** A parsed CSV file: normalized header names and the data records. */
export interface CsvTable {
  header: string[];
  records: CsvRecord[];
  /** Offset of each record's end in the text, for progress. */
  ends: number[];
  length: number;
}

/**
 * Reads a CSV text with papaparse (quoted fields with commas, quotes and newlines; the delimiter is
 * guessed so a semicolon CSV from a European spreadsheet works too) and keeps each record's start line.
 * An unterminated quote is a structural error: everything after it would be swallowed into one field.
 */
export function readCsv(text: string): CsvTable {
  const records: CsvRecord[] = [];
  const ends: number[] = [];
  readCsvPiece(text, guessDelimiter(text), 1, records, ends, (cursor) => cursor);
  return tableOf(records, ends, text.length);
}

/**
 * readCsv for a file's bytes, decoded a few MB of whole records at a time (line-chunks.ts) so no
 * string is the size of the file; a record longer than the line limit is an ImportParseError naming
 * its line. The encoding is UTF-8 when the whole file is valid UTF-8, else windows-1252.
 */
export function readCsvBytes(bytes: Uint8Array): { table: CsvTable; encoding: 'utf-8' | 'windows-1252' } {
  const { decoder, utf8 } = fileDecoder(bytes);
  const records: CsvRecord[] = [];
  const ends: number[] = [];
  let delimiter: string | null = null;
  for (const chunk of csvChunks(bytes)) {
    let text = decoder.decode(bytes.subarray(chunk.start, chunk.end));
    if (chunk.start === 0) text = text.replace(/^\ufeff/, '');
    delimiter ??= guessDelimiter(text);
    const scale = (chunk.end - chunk.start) / Math.max(1, text.length);
    readCsvPiece(text, delimiter, chunk.firstLine, records, ends, (cursor) => chunk.start + cursor * scale);
  }
  return { table: tableOf(records, ends, bytes.length), encoding: utf8 ? 'utf-8' : 'windows-1252' };
}

/** The table of the records read: the first record is the header. */
function tableOf(records: CsvRecord[], ends: number[], length: number): CsvTable {
  const first = records.shift();
  ends.shift();
  if (!first) throw new ImportParseError('The file is empty');
  return { header: first.fields.map((name) => name.trim().toLowerCase().replace(/^\ufeff/, '')), records, ends, length };
}

/**
 * Parses whole records of `text` (whose first line is line `firstLine` of the file) into `records`,
 * with `endOf(cursor)` of each record's end in `ends` (progress).
 */
function readCsvPiece(text: string, delimiter: string, firstLine: number, records: CsvRecord[], ends: number[], endOf: (cursor: number) => number): void {
  let line = firstLine;
  let lastCursor = 0;
  let failure: ImportParseError | null = null;
  const lineAt = (offset: number): number => {
    let count = firstLine;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) count++;
    return count;
  };
  Papa.parse<string[]>(text, {
    header: false,
    delimiter,
    skipEmptyLines: false,
    step: (results, parser) => {
      const cursor = results.meta.cursor;
      for (const error of results.errors) {
        if (error.code === 'MissingQuotes' || error.code === 'InvalidQuotes') {
          const at = typeof error.index === 'number' ? error.index : lastCursor;
          failure = new ImportParseError(`A quoted field is never closed (${error.message}); expected a closing " before the end of the file`, lineAt(at), null);
          parser.abort();
          return;
        }
      }
      const start = line;
      // Count newlines consumed by this record (its own line breaks and the one that ends it).
      for (let i = text.indexOf('\n', lastCursor); i !== -1 && i < cursor; i = text.indexOf('\n', i + 1)) line++;
      lastCursor = cursor;
      const fields = results.data;
      if (fields.length === 1 && fields[0]!.trim() === '') return;
      records.push({ fields, line: start });
      ends.push(endOf(cursor));
    },
  });
  if (failure) throw failure;
}

/**
 * The delimiter of the header line: comma, semicolon (spreadsheets in many European locales) or tab.
 * Decided on the header alone, because data cells legitimately contain "|", ";" and commas.
 */
export function guessDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const header = (end === -1 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '');
  const count = (ch: string): number => header.split(ch).length - 1;
  const candidates: [string, number][] = [[',', count(',')], [';', count(';')], ['\t', count('\t')]];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ',';
}

/** Column index by name, or -1. */
export function columnIndex(header: string[], ...names: string[]): number {
  for (const name of names) {
    const index = header.indexOf(name);
    if (index !== -1) return index;
  }
  return -1;
}

/**
 * Throws when most records have a different number of fields than the header: the file is not the
 * table it claims to be (wrong delimiter, another format). A few bad records are rejected by the caller.
 */
export function checkColumnCounts(table: CsvTable, what: string): void {
  const expected = table.header.length;
  let bad = 0;
  let first: CsvRecord | null = null;
  for (const record of table.records) {
    if (record.fields.length !== expected) {
      bad++;
      first ??= record;
    }
  }
  if (first && bad * 2 > table.records.length) {
    throw new ImportParseError(`Expected ${expected} columns per row like the header of this ${what}, found ${first.fields.length} (and ${bad} of ${table.records.length} rows are like that)`, first.line, null);
  }
}
