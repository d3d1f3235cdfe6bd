import type { LibraryEvent, Source } from '../../../core/domain/library';

/*
 * The compact (schemaVersion 2) encoding of the library's data files.
 *
 * Why it exists: a 100,000-event GDELT dataset stored as one JSON object per event repeats every
 * key 100,000 times and every shared value (dates, event types, actors, places, origins,
 * timestamps, source-id lists) once per event. That made an 86 MB file, ~1 s of JSON.parse and
 * ~1 million objects in memory after a load. Here records are stored as COLUMNS (one array per
 * field), and fields whose values repeat are dictionary-coded: the column holds indexes into one
 * `values` table per file, each distinct value stored once. Decoding gives back ordinary
 * LibraryEvent / Source objects whose repeated parts are SHARED objects — so they must be treated
 * as immutable (every writer in the library replaces fields with spreads, never mutates).
 *
 * Files are written only by this code from typed records, so reads check the structure (equal
 * column lengths, indexes in range are trusted) instead of validating every record with zod.
 */

/** How a field is stored: as is, as an index into `values`, or (arrays of objects) as a list of indexes. */
type FieldCoding = 'plain' | 'dict' | 'dict-list';

const EVENT_FIELDS = {
  id: 'plain',
  date: 'dict',
  endDate: 'dict',
  summary: 'dict',
  type: 'dict',
  actors: 'dict-list',
  location: 'dict',
  figures: 'plain',
  sourceIds: 'dict',
  datasetId: 'dict',
  datasetVersion: 'plain',
  externalId: 'plain',
  origin: 'dict',
  createdAt: 'dict',
  updatedAt: 'dict',
  editedAt: 'dict',
} as const satisfies Record<keyof LibraryEvent, FieldCoding>;

const SOURCE_FIELDS = {
  id: 'plain',
  title: 'plain',
  publisher: 'dict',
  authors: 'dict',
  published: 'dict',
  url: 'plain',
  canonicalUrl: 'plain',
  language: 'dict',
  retrievedAt: 'dict',
  text: 'plain',
  excerpt: 'dict',
  grade: 'dict',
  tags: 'dict',
  origin: 'dict',
  contentHash: 'plain',
  marking: 'dict',
  createdAt: 'dict',
  updatedAt: 'dict',
  editedAt: 'dict',
} as const satisfies Record<keyof Source, FieldCoding>;

/** Columns of records: `values` holds the distinct values the dict-coded columns point into. */
export interface EncodedRecords {
  count: number;
  values: unknown[];
  columns: Record<string, unknown[]>;
}

/**
 * The distinct values of a file. Lookups go by reference first (the parsers and the decoder
 * share objects, so most lookups hit), then by content (JSON text) so equal values from
 * different places still share one entry. Exported for the import workers, which encode the
 * columns of their part of a file themselves (import-segments.ts).
 */
export class ValueTable {
  readonly values: unknown[] = [];
  private readonly byRef = new Map<unknown, number>();
  private readonly byContent = new Map<string, number>();

  indexOf(value: unknown): number {
    const known = this.byRef.get(value);
    if (known !== undefined) return known;
    let index: number | undefined;
    if (value !== null && typeof value === 'object') {
      const key = Array.isArray(value) && value.every((item) => typeof item === 'string') ? `L${value.join('\u0000')}` : `J${JSON.stringify(value)}`;
      index = this.byContent.get(key);
      if (index === undefined) {
        index = this.values.push(value) - 1;
        this.byContent.set(key, index);
      }
    } else {
      index = this.values.push(value === undefined ? null : value) - 1;
    }
    this.byRef.set(value, index);
    return index;
  }
}

/**
 * Later columns left out of a file when no record has a value: a library without hand edits is
 * written as before (no column of 100,000 empty entries per dataset file).
 */
const OMITTED_WHEN_EMPTY = new Set(['editedAt']);

function encode<T extends object>(records: readonly T[], fields: Record<string, FieldCoding>): EncodedRecords {
  const table = new ValueTable();
  const columns: Record<string, unknown[]> = {};
  for (const [name, coding] of Object.entries(fields)) {
    if (OMITTED_WHEN_EMPTY.has(name) && records.every((record) => (record as Record<string, unknown>)[name] == null)) continue;
    const column = new Array<unknown>(records.length);
    // Lists shared between records (actors) are coded once.
    const lists = coding === 'dict-list' ? new Map<unknown[], number[]>() : null;
    for (let i = 0; i < records.length; i += 1) {
      const value = (records[i] as Record<string, unknown>)[name];
      if (coding === 'plain') column[i] = value === undefined ? null : value;
      else if (coding === 'dict') column[i] = table.indexOf(value);
      else {
        const list = value as unknown[];
        let indexes = lists!.get(list);
        if (!indexes) lists!.set(list, (indexes = list.map((item) => table.indexOf(item))));
        column[i] = indexes;
      }
    }
    columns[name] = column;
  }
  return { count: records.length, values: table.values, columns };
}

/** A v2 data file whose structure is wrong. */
export class EncodingError extends Error {}

/**
 * Columns added after v2 files were first written: absent in older files (and in the import
 * workers' segments, whose records are all new), read as absent fields.
 */
const LATER_COLUMNS = new Set(['marking', 'editedAt']);

function decode<T>(encoded: EncodedRecords, fields: Record<string, FieldCoding>): T[] {
  const { count, values, columns } = encoded;
  if (!Number.isInteger(count) || !Array.isArray(values) || !columns || typeof columns !== 'object') throw new EncodingError('missing count, values or columns');
  const names = Object.keys(fields);
  const cols = names.map((name) => {
    if (!(name in columns) && LATER_COLUMNS.has(name)) return new Array<unknown>(count).fill(null);
    const column = columns[name];
    if (!Array.isArray(column) || column.length !== count) throw new EncodingError(`column "${name}" is missing or has the wrong length`);
    return column;
  });
  const codings = names.map((name) => fields[name]!);
  // Lists of dict entries (actors) repeat too: one shared array per distinct list.
  const lists = new Map<string, unknown[]>();
  const records = new Array<T>(count);
  for (let i = 0; i < count; i += 1) {
    const record: Record<string, unknown> = {};
    for (let f = 0; f < names.length; f += 1) {
      const raw = cols[f]![i];
      const coding = codings[f];
      if (coding === 'plain') record[names[f]!] = raw;
      else if (coding === 'dict') {
        const value = raw === null ? null : values[raw as number];
        // An optional later column stays absent when unset, as it was before encoding.
        if (value == null && LATER_COLUMNS.has(names[f]!)) continue;
        record[names[f]!] = value;
      }
      else {
        const indexes = raw as number[];
        const key = indexes.join(',');
        let list = lists.get(key);
        if (!list) lists.set(key, (list = indexes.map((index) => values[index])));
        record[names[f]!] = list;
      }
    }
    records[i] = record as T;
  }
  return records;
}

/** Events as columns. */
export function encodeEvents(events: readonly LibraryEvent[]): EncodedRecords {
  return encode(events, EVENT_FIELDS);
}

/** Events back from columns (repeated parts shared; see above). */
export function decodeEvents(encoded: EncodedRecords): LibraryEvent[] {
  return decode<LibraryEvent>(encoded, EVENT_FIELDS);
}

/** Sources as columns. */
export function encodeSources(sources: readonly Source[]): EncodedRecords {
  return encode(sources, SOURCE_FIELDS);
}

/** Sources back from columns. */
export function decodeSources(encoded: EncodedRecords): Source[] {
  const sources = decode<Source>(encoded, SOURCE_FIELDS);
  // The canonical URL is usually the URL: keep one string instead of two equal ones.
  for (const source of sources) if (source.canonicalUrl !== null && source.canonicalUrl === source.url) source.canonicalUrl = source.url;
  return sources;
}
