import { IMPORT_LIMITS, describeSize, fileTooLargeMessage } from '../../../../core/domain/import-limits';
import type { ImportFormat } from '../../../../core/domain/library';
import { parseAcled } from './acled';
import { parseHtml, parseText } from './article';
import { parseBdCsv } from './bd-csv';
import { parseBdJson } from './bd-json';
import { parseCsl } from './csl';
import { parseFeed } from './feed';
import { isZip, parseGdelt } from './gdelt';
import { isValidUtf8, looksBinary } from './text';
import { ImportParseError, type ParseOptions, type ParseResult } from './types';
import { checkZipHeaders } from './zip-reader';

export { parseFuzzyDate } from './dates';
export { cameoName, cameoRootName } from './cameo';
export { ImportCancelledError, ImportParseError } from './types';
export type { ParseOptions, ParseResult, ParsedEvent, ParsedSource, ParseWarning } from './types';

const NOT_KNOWN = 'The file is not a text file or not a known format; expected a GDELT export (.CSV/.zip), an ACLED CSV, a Briefing Desk CSV or JSON file, CSL-JSON, an HTML page, a text/Markdown file or an RSS/Atom feed';

/** Format suggested by the file name alone. */
function formatFromExtension(fileName: string): ImportFormat | null {
  const name = fileName.toLowerCase();
  if (/\.export\.csv$|\.zip$/.test(name)) return 'gdelt';
  if (/\.(rss|atom|xml)$/.test(name)) return 'rss';
  if (/\.x?html?$/.test(name)) return 'html';
  if (/\.(md|markdown|txt|text)$/.test(name)) return 'text';
  if (/\.csv$/.test(name)) return 'csv';
  if (/\.json$/.test(name)) return 'json';
  return null;
}

/** Cells of a CSV header line (comma, semicolon or tab), lower-cased, quotes removed. */
function headerCells(line: string): string[] {
  const delimiter = line.includes('\t') ? '\t' : line.split(';').length > line.split(',').length ? ';' : ',';
  return line.split(delimiter).map((cell) => cell.trim().replace(/^"|"$/g, '').trim().toLowerCase());
}

/**
 * Detects the format from the CONTENT (magic bytes, first line, root element, JSON keys); the file
 * extension only breaks ties, e.g. a `.csv` whose header is not recognised is read as our CSV so the
 * error names the missing column. Returns null for binary data and unknown non-text files.
 */
export function detectFormat(bytes: Uint8Array, fileName: string): ImportFormat | null {
  if (isZip(bytes)) return 'gdelt';
  if (bytes.length === 0 || looksBinary(bytes)) return null;
  const sample = bytes.subarray(0, 65536);
  const head = new TextDecoder('utf-8').decode(sample).replace(/^\ufeff/, '');
  const trimmed = head.trimStart();
  const hint = formatFromExtension(fileName);

  const firstLine = trimmed.slice(0, trimmed.search(/\r?\n|$/));
  const tabFields = firstLine.split('\t');
  if ((tabFields.length === 61 || tabFields.length === 57 || tabFields.length === 58) && /^\d+$/.test(tabFields[0]!)) {
    return tabFields.length === 61 ? 'gdelt' : 'gdelt1';
  }

  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    if (/"briefingDesk"\s*:/.test(head)) return 'json';
    if (/"(issued|container-title|citation-key|DOI|URL)"\s*:/.test(head) || (/"type"\s*:/.test(head) && /"title"\s*:/.test(head) && trimmed.startsWith('['))) return 'csl';
    return 'json';
  }

  if (trimmed.startsWith('<')) {
    const lower = trimmed.slice(0, 4096).toLowerCase();
    if (/<(rss|rdf:rdf|feed)[\s>]/.test(lower)) return 'rss';
    if (lower.startsWith('<!doctype html') || /<html[\s>]/.test(lower) || /<(head|body)[\s>]/.test(lower)) return 'html';
    if (lower.startsWith('<?xml')) return hint === 'html' ? 'html' : 'rss';
  }

  const cells = headerCells(firstLine);
  if (cells.includes('event_id_cnty') || (cells.includes('event_date') && cells.includes('event_type'))) return 'acled';
  if (cells.includes('date') && cells.includes('summary')) return 'csv';

  if (!isValidUtf8(sample.subarray(0, Math.max(0, sample.length - 4))) && hint === null) {
    // Not UTF-8 and no hint: plain text in a legacy encoding is still text.
    return 'text';
  }
  if (hint === 'csv' || hint === 'json' || hint === 'rss' || hint === 'html') return hint;
  if (hint === 'gdelt' && tabFields.length > 1) return 'gdelt';
  return 'text';
}

/** True when the file holds nothing but whitespace (and maybe a BOM). */
function isBlank(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return true;
}

/** Formats that are parsed as one document (the tabular ones are read a few MB of lines at a time). */
const DOCUMENT_NAMES: Partial<Record<ImportFormat, string>> = { json: 'Briefing Desk JSON', csl: 'CSL-JSON', html: 'HTML page', text: 'text', rss: 'RSS/Atom feed' };

/**
 * Refuses a document-format file above its own cap (IMPORT_LIMITS.documentBytes): these parsers hold
 * the whole text (and a DOM or JSON tree of it) at once, unlike the line-by-line tabular importers.
 */
function checkDocumentSize(format: ImportFormat, size: number): void {
  const caps: Partial<Record<ImportFormat, number>> = IMPORT_LIMITS.documentBytes;
  const cap = caps[format];
  if (cap === undefined || size <= cap) return;
  throw new ImportParseError(`This ${DOCUMENT_NAMES[format] ?? format} file is ${describeSize(size)}; files of this kind are read whole, so at most ${describeSize(cap)} are imported. Split it into smaller files (event tables import up to ${describeSize(IMPORT_LIMITS.fileBytes)} as GDELT, ACLED or CSV)`);
}

/**
 * Refuses a file the import could not hold (ImportParseError naming its size and the limit): above
 * the import limit, a document format above its own cap, or a zip whose headers already show a bomb.
 * Cheap (the first 64 KB, or a zip's directory), so the import service runs it before a worker gets the bytes.
 */
export function checkImportSize(bytes: Uint8Array, fileName: string, format?: ImportFormat): void {
  if (bytes.length > IMPORT_LIMITS.fileBytes) throw new ImportParseError(fileTooLargeMessage(fileName, bytes.length));
  if (isZip(bytes)) {
    checkZipHeaders(bytes);
    return;
  }
  const detected = format ?? (looksBinary(bytes) ? null : detectFormat(bytes, fileName));
  if (detected) checkDocumentSize(detected, bytes.length);
}

/**
 * Parses one file into records, synchronously (callers run it in a worker thread). Throws
 * ImportParseError (with line/column where known) for a file that cannot be imported, and
 * ImportCancelledError when `options.isCancelled()` turns true.
 */
export function parseImport(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): ParseResult {
  if (bytes.length > IMPORT_LIMITS.fileBytes) throw new ImportParseError(fileTooLargeMessage(fileName, bytes.length));
  if (isBlank(bytes)) throw new ImportParseError('The file is empty');
  const zip = isZip(bytes);
  if (!zip && looksBinary(bytes)) throw new ImportParseError(NOT_KNOWN);
  const format = options.format ?? detectFormat(bytes, fileName);
  if (!format) throw new ImportParseError(NOT_KNOWN);
  if (zip && format !== 'gdelt' && format !== 'gdelt1') throw new ImportParseError(`A zip archive can only be a GDELT export, not ${format}; unzip it first`);
  checkDocumentSize(format, bytes.length);
  switch (format) {
    case 'gdelt':
      return parseGdelt(bytes, 2, options);
    case 'gdelt1':
      return parseGdelt(bytes, 1, options);
    case 'acled':
      return parseAcled(bytes, options);
    case 'csv':
      return parseBdCsv(bytes, options);
    case 'json':
      return parseBdJson(bytes, options);
    case 'csl':
      return parseCsl(bytes, options);
    case 'html':
      return parseHtml(bytes, fileName, options);
    case 'text':
      return parseText(bytes, fileName, options);
    case 'rss':
      return parseFeed(bytes, options);
  }
}
