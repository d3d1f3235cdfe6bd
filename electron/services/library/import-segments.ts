import type { ParseResult } from './importers/types';
import type { PackedParseResult } from './import-pack';
import { ValueTable } from './library-codec';
import type { PrebuiltSegment } from './library-files';

/*
 * The column text of a big import's data files, made by the parse workers.
 *
 * Why: turning 100,000 new events and ~66,000 new sources into the compact columns of the data
 * files (library-codec.ts) and then into JSON and bytes cost ~0.4 s of the backend thread after
 * the parse, one step after the other with the merge and the index build. Each parse worker of a
 * split GDELT file (import-runner.ts) holds its part's records already in columns, so once the
 * parts are combined (and it is told which of its sources an earlier part brought first) it makes
 * its part's segments of the events and sources files while the backend merges and indexes, and
 * the backend only splices bytes. The parts take turns: on a two-core machine two encoding threads
 * beside the merge would slow it by a third. A segment holds what the worker knows; the backend adds what only
 * the merge knows: the constants every record of a fresh import shares (dataset id, origin, time)
 * appended to the segment's values, and the event ids (library-files.ts, PrebuiltRecords).
 *
 * The segments stand for the merged records only when the import adds a new dataset with every
 * parsed event and (for the sources file) every parsed source new; mergeImport checks that and
 * otherwise the files are encoded as usual.
 */

/** What a part worker keeps to encode its segments after posting its result (typed arrays copied: the posted ones move). */
export interface PartColumns {
  result: ParseResult;
  packed: PackedParseResult;
}

const SOURCE_STRIDE = 10;
const SAME_AS_KEY = 0;
const FIGURE_STRIDE = 5;
const NO_STRINGS: string[] = [];
const NO_GRADE = { reliability: null, credibility: null };

/** A copy of the packed columns whose buffers are about to be transferred away. */
export function keepPartColumns(result: ParseResult, packed: PackedParseResult): PartColumns {
  return {
    result,
    packed: {
      ...packed,
      dates: packed.dates.slice(),
      endDates: packed.endDates.slice(),
      summaries: packed.summaries.slice(),
      types: packed.types.slice(),
      locations: packed.locations.slice(),
      sourceKeys: packed.sourceKeys.slice(),
      lines: new Int32Array(0),
      actorStarts: packed.actorStarts.slice(),
      actorIds: packed.actorIds.slice(),
      figureShapes: packed.figureShapes.slice(),
      figureValues: packed.figureValues.slice(),
    },
  };
}

function segmentOf(count: number, values: readonly unknown[], columns: Record<string, unknown[]>): PrebuiltSegment {
  const encoder = new TextEncoder();
  return {
    count,
    head: encoder.encode(`{"count":${count},"values":${JSON.stringify(values).slice(0, -1)}`),
    valueCount: values.length,
    tail: encoder.encode(`],"columns":${JSON.stringify(columns).slice(0, -1)}`),
  };
}

/** A dict column from numbers into the values (-1: null). */
function dictColumn(ids: Int32Array): (number | null)[] {
  const column = new Array<number | null>(ids.length);
  for (let i = 0; i < ids.length; i += 1) {
    const id = ids[i]!;
    column[i] = id < 0 ? null : id;
  }
  return column;
}

/** A column of one value for every record. */
function constantColumn(count: number, value: number): number[] {
  return new Array<number>(count).fill(value);
}

/**
 * The events segment of a part: every column but the ids. Its columns refer to three constants
 * after its values, in this order: dataset id, origin, time (mergeImport appends them). Null when a row cites a source key the
 * part did not bring (the merge would map it through another part's sources: not worth the case).
 */
export function encodeEventsSegment(part: PartColumns): PrebuiltSegment | null {
  const { packed } = part;
  const n = packed.dates.length;
  // The packed values (dates, types, places, actors, summaries, key lists) are the segment's values as they are.
  const values: unknown[] = [...packed.values];
  const strings = packed.sourceStrings;
  const sourceCount = packed.sourceExtras.length;
  const firstByKey = new Map<string, number>();
  for (let s = 0; s < sourceCount; s += 1) {
    const key = strings[s * SOURCE_STRIDE] as string;
    if (!firstByKey.has(key)) firstByKey.set(key, s);
  }
  // Source id lists: one value per source for one-source rows, one per distinct list otherwise.
  const listOfSource = new Int32Array(sourceCount).fill(-1);
  const listByText = new Map<string, number>();
  const sourceIds = new Array<number>(n);
  for (let i = 0; i < n; i += 1) {
    const code = packed.sourceKeys[i]!;
    if (code <= -2) {
      const s = -2 - code;
      let list = listOfSource[s]!;
      if (list < 0) {
        list = values.push([strings[s * SOURCE_STRIDE + 8] as string]) - 1;
        listOfSource[s] = list;
      }
      sourceIds[i] = list;
      continue;
    }
    const keys = code === -1 ? [] : (packed.values[code] as string[]);
    const ids: string[] = [];
    for (const key of keys) {
      const s = firstByKey.get(key);
      if (s === undefined) return null;
      const id = strings[s * SOURCE_STRIDE + 8] as string;
      if (!ids.includes(id)) ids.push(id);
    }
    const text = ids.join('\u0000');
    let list = listByText.get(text);
    if (list === undefined) {
      list = values.push(ids) - 1;
      listByText.set(text, list);
    }
    sourceIds[i] = list;
  }
  const actors = new Array<number[]>(n);
  for (let i = 0; i < n; i += 1) {
    const from = packed.actorStarts[i]!;
    const to = packed.actorStarts[i + 1]!;
    const list = new Array<number>(to - from);
    for (let a = from; a < to; a += 1) list[a - from] = packed.actorIds[a]!;
    actors[i] = list;
  }
  const figures = new Array<Record<string, number | null>>(n);
  const shapes = new Map<number, { key: string; kind: string }[]>();
  for (let i = 0; i < n; i += 1) {
    const shapeId = packed.figureShapes[i]!;
    let shape = shapes.get(shapeId);
    if (!shape) {
      const text = (packed.values[shapeId] as string).slice('figures:'.length);
      shape = text ? text.split(',').map((entry) => (entry.endsWith('?') || entry.endsWith('!') ? { key: entry.slice(0, -1), kind: entry.slice(-1) } : { key: entry, kind: '' })) : [];
      shapes.set(shapeId, shape);
    }
    const record: Record<string, number | null> = {};
    for (let k = 0; k < shape.length; k += 1) {
      const { key, kind } = shape[k]!;
      // An undefined figure is left out, as JSON.stringify leaves it out of the object.
      if (kind === '!') continue;
      record[key] = kind === '?' ? null : packed.figureValues[i * FIGURE_STRIDE + k]!;
    }
    figures[i] = record;
  }
  const constants = values.length;
  return segmentOf(n, values, {
    date: dictColumn(packed.dates),
    endDate: dictColumn(packed.endDates),
    summary: dictColumn(packed.summaries),
    type: dictColumn(packed.types),
    actors,
    location: dictColumn(packed.locations),
    figures,
    sourceIds,
    datasetId: constantColumn(n, constants),
    datasetVersion: constantColumn(n, 1),
    externalId: packed.externalIds,
    origin: constantColumn(n, constants + 1),
    createdAt: constantColumn(n, constants + 2),
    updatedAt: constantColumn(n, constants + 2),
  });
}

/**
 * The sources segment of a part: its sources but those `skip` marks (an earlier part brought their
 * key first), as the merge makes them of new parsed sources. Its columns refer to two constants
 * after its values, in this order: origin, time (mergeImport appends them).
 */
export function encodeSourcesSegment(part: PartColumns, skip: Uint8Array | null): PrebuiltSegment {
  const { sources } = part.result;
  const strings = part.packed.sourceStrings;
  const table = new ValueTable();
  const names = ['id', 'title', 'publisher', 'authors', 'published', 'url', 'canonicalUrl', 'language', 'retrievedAt', 'text', 'excerpt', 'grade', 'tags', 'origin', 'contentHash', 'createdAt', 'updatedAt'] as const;
  const columns: Record<string, unknown[]> = {};
  for (const name of names) columns[name] = [];
  const kept: number[] = [];
  for (let s = 0; s < sources.length; s += 1) if (!skip || skip[s] !== 1) kept.push(s);
  const dict = (value: unknown): number => table.indexOf(value);
  const rows = kept.map((s) => {
    const source = sources[s]!;
    const at = s * SOURCE_STRIDE;
    const url = strings[at + 3];
    const canonicalUrl = strings[at + 4];
    return {
      id: strings[at + 8] as string,
      title: source.title,
      publisher: dict(source.publisher),
      authors: dict(source.authors.length > 0 ? source.authors : NO_STRINGS),
      published: dict(source.published),
      url: url === SAME_AS_KEY ? source.key : url,
      canonicalUrl: canonicalUrl === SAME_AS_KEY ? source.key : canonicalUrl,
      language: dict(source.language),
      text: source.text,
      excerpt: dict(source.excerpt),
      grade: dict(source.grade ?? NO_GRADE),
      tags: dict(source.tags.length > 0 ? source.tags : NO_STRINGS),
      contentHash: strings[at + 9] as string,
    };
  });
  const constants = table.values.length;
  const n = rows.length;
  const pick = <K extends keyof (typeof rows)[number]>(key: K): unknown[] => rows.map((row) => row[key]);
  return segmentOf(n, table.values, {
    id: pick('id'),
    title: pick('title'),
    publisher: pick('publisher'),
    authors: pick('authors'),
    published: pick('published'),
    url: pick('url'),
    canonicalUrl: pick('canonicalUrl'),
    language: pick('language'),
    retrievedAt: constantColumn(n, constants + 1),
    text: pick('text'),
    excerpt: pick('excerpt'),
    grade: pick('grade'),
    tags: pick('tags'),
    origin: constantColumn(n, constants),
    contentHash: pick('contentHash'),
    createdAt: constantColumn(n, constants + 1),
    updatedAt: constantColumn(n, constants + 1),
  });
}

/** The segments the part workers of one parse are making (backend side). */
export interface PrebuiltParts {
  /** Events segments in part order; null when any part could not make its own. */
  events: Promise<PrebuiltSegment[] | null>;
  /** Sources segments in part order (as the combined result keeps them); null when any could not. */
  sources: Promise<PrebuiltSegment[] | null>;
  /** Stops the workers (their segments resolve null if not made yet). */
  release(): void;
}

const prebuiltByResult = new WeakMap<ParseResult, PrebuiltParts>();

/** Records that the part workers of `result` are making its segments. */
export function attachPrebuiltParts(result: ParseResult, parts: PrebuiltParts): void {
  prebuiltByResult.set(result, parts);
}

/** The segments being made for a parse result, if any. */
export function prebuiltPartsOf(result: ParseResult): PrebuiltParts | undefined {
  return prebuiltByResult.get(result);
}

/** Stops the workers still making segments for `result` (call once its import is stored or failed). */
export function releasePrebuiltParts(result: ParseResult): void {
  prebuiltByResult.get(result)?.release();
  prebuiltByResult.delete(result);
}
