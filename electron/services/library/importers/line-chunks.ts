import { isUtf8 } from 'node:buffer';
import { IMPORT_LIMITS, describeSize } from '../../../../core/domain/import-limits';
import { ImportParseError } from './types';

/** One piece of a file: whole lines, decoded on their own. */
export interface LineChunk {
  /** Byte offset of the chunk in the file. */
  start: number;
  /** Byte offset after the chunk. */
  end: number;
  /** 1-based line number of the chunk's first line. */
  firstLine: number;
}

const LF = 10;
const QUOTE = 34;

/** The decoder for a whole file: UTF-8 when all of it is valid UTF-8, else windows-1252. */
export function fileDecoder(bytes: Uint8Array): { decoder: TextDecoder; utf8: boolean } {
  // Decided once for the whole file (native check, no string), so every chunk decodes the same way.
  const utf8 = isUtf8(bytes);
  return { decoder: new TextDecoder(utf8 ? 'utf-8' : 'windows-1252'), utf8 };
}

/** True when the bytes are nothing but whitespace (and maybe a BOM). */
export function isBlankBytes(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return true;
}

function lineTooLong(line: number, limit: number): ImportParseError {
  return new ImportParseError(`Line ${line} is longer than ${describeSize(limit)}; rows of this format are a few KB, so the file is damaged or not what it claims to be`, line, null);
}

/** Newlines in bytes[start, end). */
function countLines(bytes: Uint8Array, start: number, end: number): number {
  let lines = 0;
  for (let at = bytes.indexOf(LF, start); at !== -1 && at < end; at = bytes.indexOf(LF, at + 1)) lines += 1;
  return lines;
}

/**
 * Cuts a line-based file (GDELT) into chunks of whole lines of about `size` bytes, so no decoded
 * string is larger than that: the caller decodes and parses one chunk at a time. A line longer
 * than the line limit is an ImportParseError naming its line. `firstLine` numbers the first line.
 */
export function* lineChunks(bytes: Uint8Array, firstLine = 1, size: number = IMPORT_LIMITS.lineBytes): Generator<LineChunk> {
  let start = 0;
  let line = firstLine;
  while (start < bytes.length) {
    let end: number;
    if (bytes.length - start <= size) end = bytes.length;
    else {
      const newline = bytes.subarray(start, start + size).lastIndexOf(LF);
      if (newline === -1) throw lineTooLong(line, size);
      end = start + newline + 1;
    }
    yield { start, end, firstLine: line };
    line += countLines(bytes, start, end);
    start = end;
  }
}

/**
 * Cuts a CSV file into chunks of whole records of about `size` bytes: a cut is made only at a
 * newline outside quotes (a `"` toggles quoting; an escaped `""` toggles twice). A record longer
 * than the line limit, or a quote never closed within it, is an ImportParseError naming its line.
 */
export function* csvChunks(bytes: Uint8Array, size: number = IMPORT_LIMITS.lineBytes): Generator<LineChunk> {
  let start = 0;
  let line = 1;
  while (start < bytes.length) {
    let end: number;
    if (bytes.length - start <= size) end = bytes.length;
    else {
      const view = bytes.subarray(start, start + size);
      let quoted = false;
      let safe = -1;
      let at = 0;
      for (;;) {
        if (!quoted) {
          const quote = view.indexOf(QUOTE, at);
          const stop = quote === -1 ? view.length : quote;
          // Every newline before the next quote ends a record; the last one is the best cut so far.
          const newline = view.subarray(at, stop).lastIndexOf(LF);
          if (newline !== -1) safe = at + newline;
          if (quote === -1) break;
          quoted = true;
          at = quote + 1;
        } else {
          const quote = view.indexOf(QUOTE, at);
          if (quote === -1) break;
          quoted = false;
          at = quote + 1;
        }
      }
      if (safe === -1) {
        const why = quoted ? `a quoted field that starts on line ${line} or later is not closed within ${describeSize(size)}` : `line ${line} is longer than ${describeSize(size)}`;
        throw new ImportParseError(`A record is too long: ${why}; real rows are a few KB, so check the quotes or split the file`, line, null);
      }
      end = start + safe + 1;
    }
    yield { start, end, firstLine: line };
    line += countLines(bytes, start, end);
    start = end;
  }
}
