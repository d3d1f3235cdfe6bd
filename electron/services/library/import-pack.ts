import type { EventFigures } from '../../../core/domain/library';
import type { ParseResult, ParsedEvent, ParsedSource } from './importers/types';
import { sourceContentHash, sourceIdOf } from './library-ids';

/*
 * A parse result crosses from the import worker to the backend as columns, not as 100,000 event
 * objects: structured clone does not share equal strings (every summary would be copied) and
 * rebuilding a deep object graph costs seconds, while typed arrays move without a copy. Distinct
 * values (dates, types, actors, places, summaries, source key lists) travel once in `values`;
 * events refer to them by number. Sources travel as one flat list of strings, not as objects:
 * a GDELT file brings ~66,000 of them, and the receiving side rebuilding 66,000 objects from the
 * clone took ~0.2 s of the backend thread, a flat string list a tenth of that. Unpacking restores
 * the same shapes, key order included.
 */

/** The columns of a ParseResult's events and sources, plus everything else of it as is. */
export interface PackedParseResult {
  rest: Omit<ParseResult, 'events' | 'sources'>;
  /** Distinct values events refer to by number (-1: null). */
  values: unknown[];
  externalIds: (string | null)[];
  /** Per event: numbers into `values`. */
  dates: Int32Array;
  endDates: Int32Array;
  summaries: Int32Array;
  types: Int32Array;
  locations: Int32Array;
  /**
   * Per event: a number into `values` of its key list, or `-2 - i` for the one-key list naming
   * source i (most rows cite one source: their lists need not travel as 66,000 little arrays).
   */
  sourceKeys: Int32Array;
  /** -1: null. */
  lines: Int32Array;
  /** Actors of event i: actorIds[actorStarts[i] .. actorStarts[i + 1]). */
  actorStarts: Int32Array;
  actorIds: Int32Array;
  /** Per event: number into `values` of its figures' shape (keys in order, `?` after a null one). */
  figureShapes: Int32Array;
  /** Per event FIGURE_STRIDE numbers, in shape order. */
  figureValues: Float64Array;
  /**
   * Per source SOURCE_STRIDE entries: key, title, publisher, url, canonical URL, language, text,
   * excerpt, and its library id and content hash, hashed in the worker (see below). SAME_AS_KEY
   * stands for a url or canonical URL equal to the key (one string after unpacking, not three).
   */
  sourceStrings: (string | number | null)[];
  /** Per source: its authors, published date, grade and tags when any is set, else null (GDELT's have none). */
  sourceExtras: (SourceExtras | null)[];
}

/** The fields of a source that are mostly empty. */
type SourceExtras = Pick<ParsedSource, 'authors' | 'published' | 'grade' | 'tags'>;

const SOURCE_STRIDE = 10;
const SAME_AS_KEY = 0;

/*
 * Two SHA-256 per source are a large share of an import's store step (a GDELT file brings one
 * source per article URL). They depend on the parsed source only, so the worker computes them
 * beside the parse (in parallel with the backend) and they travel with the packed result; the
 * merge finds them here by the list of unpacked sources, by position. One entry per list, not
 * one per source: 66,000 weak entries cost hashing on the way in and the garbage collector's
 * ephemeron passes while the import runs. Held weakly: they go with the result.
 */
const identitiesByList = new WeakMap<readonly ParsedSource[], SourceIdentities>();

/** Worker-made identities of a list of sources, by position; `sources` is the list as it was then. */
export interface SourceIdentities {
  sources: readonly ParsedSource[];
  ids: readonly string[];
  contentHashes: readonly string[];
}

/** Records the identities of `list`'s sources (`identities.sources` their objects, in order). */
export function attachSourceIdentities(list: readonly ParsedSource[], identities: SourceIdentities): void {
  identitiesByList.set(list, identities);
}

/** The identities the workers computed for `list`, if they did. */
export function knownSourceIdentities(list: readonly ParsedSource[]): SourceIdentities | undefined {
  return identitiesByList.get(list);
}

const FIGURE_STRIDE = 5;

/** Event ids the workers computed for a parse result: for `datasetName`, in the order of its events. */
export interface KnownEventIds {
  datasetName: string;
  ids: readonly string[];
}

const eventIdsByResult = new WeakMap<ParseResult, KnownEventIds>();

/** Records the event ids the workers computed for `result`. */
export function attachEventIds(result: ParseResult, known: KnownEventIds): void {
  eventIdsByResult.set(result, known);
}

/** The ids of `result`'s events if the workers computed them for `datasetName` (and the events are as they were). */
export function knownEventIds(result: ParseResult, datasetName: string): readonly string[] | null {
  const known = eventIdsByResult.get(result);
  return known && known.datasetName === datasetName && known.ids.length === result.events.length ? known.ids : null;
}

/** Packs a parse result; the returned buffers can be transferred. */
export function packParseResult(result: ParseResult): { packed: PackedParseResult; transfer: ArrayBuffer[] } {
  const { events, sources, ...rest } = result;
  const n = events.length;
  const values: unknown[] = [];
  const numbers = new Map<unknown, number>();
  const ref = (value: unknown): number => {
    if (value === null || value === undefined) return -1;
    let id = numbers.get(value);
    if (id === undefined) {
      id = values.length;
      values.push(value);
      numbers.set(value, id);
    }
    return id;
  };
  const { strings: sourceStrings, extras: sourceExtras, indexByKey } = packSources(sources);
  let actorCount = 0;
  for (let i = 0; i < n; i += 1) actorCount += events[i]!.actors.length;
  const packed: PackedParseResult = {
    rest,
    values,
    externalIds: new Array<string | null>(n),
    dates: new Int32Array(n),
    endDates: new Int32Array(n),
    summaries: new Int32Array(n),
    types: new Int32Array(n),
    locations: new Int32Array(n),
    sourceKeys: new Int32Array(n),
    lines: new Int32Array(n),
    actorStarts: new Int32Array(n + 1),
    actorIds: new Int32Array(actorCount),
    figureShapes: new Int32Array(n),
    figureValues: new Float64Array(n * FIGURE_STRIDE),
    sourceStrings,
    sourceExtras,
  };
  // Figures objects made by one parser share their keys: the shape text is looked up by key list.
  let lastKeys = '';
  let lastShape = -1;
  let actorAt = 0;
  for (let i = 0; i < n; i += 1) {
    const event = events[i]!;
    packed.externalIds[i] = event.externalId;
    packed.dates[i] = ref(event.date);
    packed.endDates[i] = ref(event.endDate);
    packed.summaries[i] = ref(event.summary);
    packed.types[i] = ref(event.type);
    packed.locations[i] = ref(event.location);
    const keys = event.sourceKeys;
    const only = keys.length === 1 ? indexByKey.get(keys[0]!) : undefined;
    packed.sourceKeys[i] = only === undefined ? ref(keys) : -2 - only;
    packed.lines[i] = event.line ?? -1;
    packed.actorStarts[i] = actorAt;
    const { actors } = event;
    for (let a = 0; a < actors.length; a += 1) packed.actorIds[actorAt++] = ref(actors[a]);
    let shape = '';
    let k = 0;
    const figures = event.figures as Record<string, number | null | undefined>;
    for (const key in figures) {
      if (k === FIGURE_STRIDE) throw new Error(`Event figures have more than ${FIGURE_STRIDE} entries`);
      const value = figures[key];
      shape += `${k > 0 ? ',' : ''}${key}${value === null ? '?' : value === undefined ? '!' : ''}`;
      packed.figureValues[i * FIGURE_STRIDE + k] = typeof value === 'number' ? value : 0;
      k += 1;
    }
    if (lastShape === -1 || shape !== lastKeys) {
      lastKeys = shape;
      lastShape = ref(`figures:${shape}`);
    }
    packed.figureShapes[i] = lastShape;
  }
  packed.actorStarts[n] = actorAt;
  const transfer = [
    packed.dates,
    packed.endDates,
    packed.summaries,
    packed.types,
    packed.locations,
    packed.sourceKeys,
    packed.lines,
    packed.actorStarts,
    packed.actorIds,
    packed.figureShapes,
    packed.figureValues,
  ].map((array) => array.buffer as ArrayBuffer);
  return { packed, transfer };
}

/** Sources as one flat list of strings (with their ids and hashes) and their mostly empty extras. */
function packSources(sources: readonly ParsedSource[]): { strings: PackedParseResult['sourceStrings']; extras: PackedParseResult['sourceExtras']; indexByKey: Map<string, number> } {
  const strings = new Array<string | number | null>(sources.length * SOURCE_STRIDE);
  const extras = new Array<SourceExtras | null>(sources.length);
  const indexByKey = new Map<string, number>();
  for (let i = 0; i < sources.length; i += 1) {
    const source = sources[i]!;
    const { key } = source;
    // The first of equal keys wins, as in the merge.
    if (!indexByKey.has(key)) indexByKey.set(key, i);
    const at = i * SOURCE_STRIDE;
    strings[at] = key;
    strings[at + 1] = source.title;
    strings[at + 2] = source.publisher;
    strings[at + 3] = source.url === key ? SAME_AS_KEY : source.url;
    strings[at + 4] = source.canonicalUrl === key ? SAME_AS_KEY : source.canonicalUrl;
    strings[at + 5] = source.language;
    strings[at + 6] = source.text;
    strings[at + 7] = source.excerpt;
    strings[at + 8] = sourceIdOf(key);
    strings[at + 9] = sourceContentHash(source);
    const plain = source.authors.length === 0 && source.published === null && source.grade === null && source.tags.length === 0;
    extras[i] = plain ? null : { authors: source.authors, published: source.published, grade: source.grade, tags: source.tags };
  }
  return { strings, extras, indexByKey };
}

/** The sources of a packed result, their worker-made identities recorded (see knownSourceIdentities). */
function unpackSources(packed: PackedParseResult): ParsedSource[] {
  const { sourceStrings: strings, sourceExtras: extras } = packed;
  const count = extras.length;
  if (strings.length !== count * SOURCE_STRIDE) throw new Error('The packed sources have the wrong length.');
  const sources = new Array<ParsedSource>(count);
  const ids = new Array<string>(count);
  const contentHashes = new Array<string>(count);
  for (let i = 0; i < count; i += 1) {
    const at = i * SOURCE_STRIDE;
    const key = strings[at] as string;
    const url = strings[at + 3];
    const canonicalUrl = strings[at + 4];
    const extra = extras[i];
    const source: ParsedSource = {
      key,
      title: strings[at + 1] as string,
      publisher: strings[at + 2] as string,
      // Fresh lists: callers may treat a parse result as theirs to change.
      authors: extra ? extra.authors : [],
      published: extra ? extra.published : null,
      url: url === SAME_AS_KEY ? key : (url as string | null),
      canonicalUrl: canonicalUrl === SAME_AS_KEY ? key : (canonicalUrl as string | null),
      language: strings[at + 5] as string | null,
      text: strings[at + 6] as string,
      excerpt: strings[at + 7] as string,
      grade: extra ? extra.grade : null,
      tags: extra ? extra.tags : [],
    };
    sources[i] = source;
    ids[i] = strings[at + 8] as string;
    contentHashes[i] = strings[at + 9] as string;
  }
  // A copy of the list: the identities hold for these objects in these places only.
  attachSourceIdentities(sources, { sources: sources.slice(), ids, contentHashes });
  return sources;
}

/** The parse result a packed one stands for (distinct values shared between events, as the parsers made them). */
export function unpackParseResult(packed: PackedParseResult): ParseResult {
  const { values } = packed;
  const sources = unpackSources(packed);
  const at = <T>(id: number): T => (id < 0 ? null : values[id]) as T;
  const shapes = new Map<number, { key: string; kind: 'number' | 'null' | 'undefined' }[]>();
  const shapeOf = (id: number): { key: string; kind: 'number' | 'null' | 'undefined' }[] => {
    let shape = shapes.get(id);
    if (!shape) {
      const text = (values[id] as string).slice('figures:'.length);
      shape = text
        ? text.split(',').map((entry) => {
            if (entry.endsWith('?')) return { key: entry.slice(0, -1), kind: 'null' as const };
            if (entry.endsWith('!')) return { key: entry.slice(0, -1), kind: 'undefined' as const };
            return { key: entry, kind: 'number' as const };
          })
        : [];
      shapes.set(id, shape);
    }
    return shape;
  };
  // Events naming the same actors share one (never mutated) list, as after a library load.
  const listsByFirst = new Map<number, Map<number, ParsedEvent['actors']>>();
  const actorList = (from: number, to: number): ParsedEvent['actors'] => {
    const first = to > from ? packed.actorIds[from]! : -1;
    const second = to > from + 1 ? packed.actorIds[from + 1]! : -1;
    const shareable = to - from <= 2;
    let inner = shareable ? listsByFirst.get(first) : undefined;
    const known = inner?.get(second);
    if (known) return known;
    const list: ParsedEvent['actors'] = [];
    for (let a = from; a < to; a += 1) list.push(values[packed.actorIds[a]!] as ParsedEvent['actors'][number]);
    if (shareable) {
      if (!inner) listsByFirst.set(first, (inner = new Map()));
      inner.set(second, list);
    }
    return list;
  };
  // Rows citing the same one source share one (never mutated) key list, as the parsers made them.
  const singleLists = new Array<string[] | undefined>(sources.length);
  const keysOf = (code: number): string[] => {
    if (code >= -1) return at<string[] | null>(code) ?? [];
    const index = -2 - code;
    let list = singleLists[index];
    if (!list) singleLists[index] = list = [sources[index]!.key];
    return list;
  };
  const n = packed.dates.length;
  const events: ParsedEvent[] = new Array<ParsedEvent>(n);
  for (let i = 0; i < n; i += 1) {
    const figures: Record<string, number | null | undefined> = {};
    const shape = shapeOf(packed.figureShapes[i]!);
    for (let k = 0; k < shape.length; k += 1) {
      const { key, kind } = shape[k]!;
      figures[key] = kind === 'number' ? packed.figureValues[i * FIGURE_STRIDE + k]! : kind === 'null' ? null : undefined;
    }
    const actors = actorList(packed.actorStarts[i]!, packed.actorStarts[i + 1]!);
    const line = packed.lines[i]!;
    events[i] = {
      externalId: packed.externalIds[i]!,
      date: at(packed.dates[i]!),
      endDate: at(packed.endDates[i]!),
      summary: at(packed.summaries[i]!),
      type: at(packed.types[i]!),
      actors,
      location: at(packed.locations[i]!),
      figures: figures as EventFigures,
      sourceKeys: keysOf(packed.sourceKeys[i]!),
      line: line < 0 ? null : line,
    };
  }
  return { ...packed.rest, events, sources };
}
