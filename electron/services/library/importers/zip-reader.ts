import { Inflate } from 'fflate';
import { IMPORT_LIMITS, describeSize } from '../../../../core/domain/import-limits';
import { ImportParseError } from './types';

/**
 * Reads the one data file of an import zip (a GDELT export) with limits that hold WHILE inflating:
 * entry count, declared size, actual inflated size (never more than declared, never more than the
 * import limit) and compression ratio. A zip bomb stops at the first limit it reaches with an
 * ImportParseError, after inflating at most a few MB of it; nothing is inflated whole up front.
 */

/** One entry of the central directory. */
interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/**
 * Compressed bytes handed to the inflater at once: bounds what one step can inflate (DEFLATE's
 * best is ~1032×, so ~2 MB), hence how far past a limit a bomb gets before it is stopped.
 */
const STEP = 2 * 1024;

const damaged = (why: string): ImportParseError => new ImportParseError(`The zip archive is damaged or incomplete (${why}); expected a GDELT .zip holding one .CSV file`);

function u16(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

/** The central directory's entries, refusing more than the entry limit before reading them. */
function centralDirectory(bytes: Uint8Array): ZipEntry[] {
  // The end record is in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65535); at--) {
    if (u32(bytes, at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd === -1) throw damaged('no end of central directory');
  const count = u16(bytes, eocd + 10);
  const offset = u32(bytes, eocd + 16);
  const { entries: maxEntries } = IMPORT_LIMITS.zip;
  if (count === 0xffff || offset === 0xffffffff) throw new ImportParseError('The zip archive is a ZIP64 archive (for more than 65,535 entries or 4 GB); a GDELT .zip is one small .CSV file, so unzip it and import the .CSV within the size limit');
  if (count > maxEntries) throw new ImportParseError(`The zip archive holds ${count.toLocaleString('en-US')} entries; at most ${maxEntries.toLocaleString('en-US')} are read (a GDELT .zip holds one .CSV file)`);
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL) throw damaged(`central directory entry ${i + 1} is missing`);
    const nameLength = u16(bytes, at + 28);
    const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (next > bytes.length) throw damaged(`central directory entry ${i + 1} is cut off`);
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags: u16(bytes, at + 8),
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localOffset: u32(bytes, at + 42),
    });
    at = next;
  }
  return entries;
}

/** The entry to import: the first .CSV (else .TSV/.TXT), never a folder or macOS metadata. */
function dataEntry(entries: readonly ZipEntry[]): ZipEntry {
  const candidates = entries.filter((entry) => /\.(csv|tsv|txt)$/i.test(entry.name) && !entry.name.startsWith('__MACOSX/'));
  candidates.sort((a, b) => Number(!/\.csv$/i.test(a.name)) - Number(!/\.csv$/i.test(b.name)));
  const first = candidates[0];
  if (first) return first;
  if (entries.some((entry) => /\.zip$/i.test(entry.name))) throw new ImportParseError('The zip archive holds another zip archive, not a .CSV file; unzip it and import the GDELT .CSV inside');
  throw new ImportParseError('The zip archive holds no .CSV file; expected a GDELT .zip holding one .export.CSV file');
}

function tooBig(name: string, what: string): ImportParseError {
  return new ImportParseError(`"${name}" in the zip archive ${what}; Briefing Desk imports at most ${describeSize(IMPORT_LIMITS.fileBytes)} per file. Unzip it and split the .CSV (\`split -l 200000\`) into smaller files`);
}

/**
 * Inflates `data` (raw DEFLATE) into at most the declared size, checking the limits per step: never
 * more than declared, and no stretch of output (each 1 MB, the first one included) more than `ratio`
 * times the input it came from, so a bomb hidden after normal data is stopped too. With `probe`,
 * stops after about that many bytes and keeps nothing (returns null): the headers' cheap check.
 */
function inflateBounded(entry: ZipEntry, data: Uint8Array, probe: number | null): Uint8Array | null {
  const { ratio, ratioAfterBytes } = IMPORT_LIMITS.zip;
  const output = probe === null ? new Uint8Array(entry.size) : null;
  let written = 0;
  let consumed = 0;
  // Where the current stretch of output began, and how much input had been given then.
  let stretchOut = 0;
  let stretchIn = 0;
  const state: { failure: ImportParseError | null } = { failure: null };
  const inflater = new Inflate((chunk) => {
    if (state.failure) return;
    const total = written + chunk.length;
    if (total > entry.size) {
      state.failure = new ImportParseError(`"${entry.name}" in the zip archive inflates to more than the ${describeSize(entry.size)} it declares; the archive is damaged or a zip bomb and was not read`);
      return;
    }
    if (total - stretchOut > ratioAfterBytes) {
      const grown = total - stretchOut;
      const given = consumed - stretchIn;
      if (grown > given * ratio) {
        state.failure = new ImportParseError(`"${entry.name}" in the zip archive inflates more than ${ratio} times (${describeSize(grown)} from ${describeSize(given)}); that is a zip bomb, not a GDELT file, and it was not read`);
        return;
      }
      stretchOut = total;
      stretchIn = consumed;
    }
    output?.set(chunk, written);
    written = total;
  });
  try {
    for (let at = 0; at < data.length && !state.failure && (probe === null || written < probe); at += STEP) {
      const end = Math.min(data.length, at + STEP);
      consumed = end;
      inflater.push(data.subarray(at, end), end === data.length);
    }
  } catch (error) {
    if (state.failure) throw state.failure;
    throw damaged(error instanceof Error ? error.message : String(error));
  }
  if (state.failure) throw state.failure;
  if (probe !== null) return null;
  if (written !== entry.size) throw damaged(`"${entry.name}" inflates to ${written} bytes but declares ${entry.size}`);
  return output;
}

/** The entry's stored bytes. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const local = entry.localOffset;
  if (local + 30 > bytes.length || u32(bytes, local) !== LOCAL) throw damaged(`the local header of "${entry.name}" is missing`);
  const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
  if (start + entry.compressedSize > bytes.length) throw damaged(`"${entry.name}" is cut off`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/** How much of an entry the headers' check inflates (and throws away) to catch a bomb early. */
const PROBE_BYTES = 2 * 1024 * 1024;

/**
 * The entry an import would read, after the cheap checks: entry count, nesting, encryption,
 * declared size and declared ratio, then the limits over the first ~2 MB it inflates to (kept
 * nowhere). Throws ImportParseError; the import service runs it before a worker gets the bytes.
 */
export function checkZipHeaders(bytes: Uint8Array): ZipEntry {
  const entry = dataEntry(centralDirectory(bytes));
  const { ratio, ratioAfterBytes } = IMPORT_LIMITS.zip;
  if (entry.flags & 1) throw new ImportParseError(`"${entry.name}" in the zip archive is encrypted; unzip it with its password first`);
  if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw tooBig(entry.name, 'is 4 GB or more (ZIP64)');
  if (entry.size > IMPORT_LIMITS.fileBytes) throw tooBig(entry.name, `declares ${describeSize(entry.size)} unzipped`);
  if (entry.size > ratioAfterBytes && entry.size > entry.compressedSize * ratio) {
    throw new ImportParseError(`"${entry.name}" in the zip archive declares ${describeSize(entry.size)} from ${describeSize(entry.compressedSize)} (more than ${ratio} times); that is a zip bomb, not a GDELT file, and it was not read`);
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ImportParseError(`"${entry.name}" in the zip archive uses compression method ${entry.method}; only stored and deflated entries are read (re-zip it or unzip it first)`);
  }
  // The first MB or two of output show most bombs (ratio, a header that lies low) in milliseconds.
  if (entry.method === 8) inflateBounded(entry, entryData(bytes, entry), PROBE_BYTES);
  return entry;
}

/** The bytes of the data file inside an import zip (see the module comment for the limits). */
export function readZipEntry(bytes: Uint8Array): Uint8Array {
  const entry = checkZipHeaders(bytes);
  const data = entryData(bytes, entry);
  let content: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw damaged(`"${entry.name}" is stored with two different sizes`);
    content = data;
  } else if (entry.method === 8) content = inflateBounded(entry, data, null)!;
  else throw new ImportParseError(`"${entry.name}" in the zip archive uses compression method ${entry.method}; only stored and deflated entries are read (re-zip it or unzip it first)`);
  if (content.length >= 4 && content[0] === 0x50 && content[1] === 0x4b && content[2] === 0x03 && content[3] === 0x04) {
    throw new ImportParseError('The zip archive holds another zip archive, not a .CSV file; unzip it and import the GDELT .CSV inside');
  }
  return content;
}
