import type { EventFigures } from '../../../core/domain/library';
import type { ParseResult, ParsedEvent, ParsedSource } from './importers/types';
import { sourceContentHash, sourceIdOf } from './library-ids';

/*
 * A parse result crosses from the import worker to the backend as columns, not as 100,000 event
 * objects: structured clone does not share equal strings (every summary would be copied) and
 * rebuilding a deep object graph costs seconds, while typed arrays move without a copy. Distinct
 * values (dates, types, actors, places, summaries, source key lists) travel once in `values`;
 * events refer to them by number. Unpacking restores the same shapes, key order included.
 */

/** The columns of a ParseResult's events, plus everything else of it as is. */
export interface PackedParseResult {
  rest: Omit<ParseResult, 'events'>;
  /** Distinct values events refer to by number (-1: null). */
  values: unknown[];
  externalIds: (string | null)[];
  /** Per event: numbers into `values`. */
  dates: Int32Array;
  endDates: Int32Array;
  summaries: Int32Array;
  types: Int32Array;
  locations: Int32Array;
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
  /** Per source of `rest.sources`: its library id and content hash, hashed in the worker (see below). */
  sourceIdentities: string[];
}

/** A source's library id and content hash (library-ids.ts): pure functions of the parsed source. */
export interface SourceIdentity {
  id: string;
  contentHash: string;
}

/*
 * Two SHA-256 per source are a large share of an import's store step (a GDELT file brings one
 * source per article URL). They depend on the parsed source only, so the worker computes them
 * beside the parse (in parallel with the backend) and they travel with the packed result; the
 * merge finds them here by the unpacked source object. Held weakly: they go with the result.
 */
const identities = new WeakMap<ParsedSource, SourceIdentity>();

/** The id and content hash the worker computed for a source it sent, if it did. */
export function knownSourceIdentity(source: ParsedSource): SourceIdentity | undefined {
  return identities.get(source);
}

const FIGURE_STRIDE = 5;

/** Packs a parse result; the returned buffers can be transferred. */
export function packParseResult(result: ParseResult): { packed: PackedParseResult; transfer: ArrayBuffer[] } {
  const { events, ...rest } = result;
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
    actorIds: new Int32Array(events.reduce((sum, event) => sum + event.actors.length, 0)),
    figureShapes: new Int32Array(n),
    figureValues: new Float64Array(n * FIGURE_STRIDE),
    // id and hash in one list of strings: plain arrays of strings clone quickly.
    sourceIdentities: rest.sources.flatMap((source) => [sourceIdOf(source.key), sourceContentHash(source)]),
  };
  let actorAt = 0;
  for (let i = 0; i < n; i += 1) {
    const event = events[i]!;
    packed.externalIds[i] = event.externalId;
    packed.dates[i] = ref(event.date);
    packed.endDates[i] = ref(event.endDate);
    packed.summaries[i] = ref(event.summary);
    packed.types[i] = ref(event.type);
    packed.locations[i] = ref(event.location);
    packed.sourceKeys[i] = ref(event.sourceKeys);
    packed.lines[i] = event.line ?? -1;
    packed.actorStarts[i] = actorAt;
    for (const actor of event.actors) packed.actorIds[actorAt++] = ref(actor);
    let shape = '';
    let k = 0;
    for (const [key, value] of Object.entries(event.figures)) {
      if (k === FIGURE_STRIDE) throw new Error(`Event figures have more than ${FIGURE_STRIDE} entries`);
      shape += `${shape ? ',' : ''}${key}${value === null ? '?' : value === undefined ? '!' : ''}`;
      packed.figureValues[i * FIGURE_STRIDE + k] = typeof value === 'number' ? value : 0;
      k += 1;
    }
    packed.figureShapes[i] = ref(`figures:${shape}`);
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

/** The parse result a packed one stands for (distinct values shared between events, as the parsers made them). */
export function unpackParseResult(packed: PackedParseResult): ParseResult {
  const { values } = packed;
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
      sourceKeys: at(packed.sourceKeys[i]!) ?? [],
      line: line < 0 ? null : line,
    };
  }
  const { sources } = packed.rest;
  const known = packed.sourceIdentities;
  if (Array.isArray(known) && known.length === sources.length * 2) {
    for (let i = 0; i < sources.length; i += 1) identities.set(sources[i]!, { id: known[2 * i]!, contentHash: known[2 * i + 1]! });
  }
  return { ...packed.rest, events };
}
