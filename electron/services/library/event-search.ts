import { performance } from 'node:perf_hooks';
import type { Actor, EventCard, EventQuery, EventSearchResult, EventType, LibraryEvent, Location, Source } from '../../../core/domain/library';
import { normalizeForSearch } from '../notes/note-search';
import { TextIndex, queryTerms } from './text-index';
import { topKPositions } from './top-k';

/** What the event index needs from the library. */
export interface EventSearchDeps {
  /** A source by id (for titles and grades of an event's sources). */
  sourceOf: (id: string) => Source | undefined;
}

const DEFAULT_LIMIT = 200;
const RELIABILITY_BITS: Record<string, number> = { A: 1, B: 2, C: 4, D: 8, E: 16, F: 32 };
/** Slots stay below this (the index is compacted long before), so date + slot fit one number exactly. */
const SLOT_SPACE = 1 << 22;
const DAY_MS = 86_400_000;

/** yyyymmdd as an integer. */
function dateNumber(iso: string): number {
  return Number(iso.slice(0, 4)) * 10000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
}

/** Days since 1970-01-01. */
function dayNumber(iso: string): number {
  return Math.floor(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS);
}

/** The lower end of a `from` filter (2025 → 20250101, 2025-06 → 20250601). */
function lowerBound(value: string): number {
  const [y = '0', m = '01', d = '01'] = value.split('-');
  return Number(y) * 10000 + Number(m) * 100 + Number(d);
}

/** The upper end of a `to` filter (2025 → 20251231, 2025-06 → 20250631: comparisons only). */
function upperBound(value: string): number {
  const [y = '9999', m = '12', d = '31'] = value.split('-');
  return Number(y) * 10000 + Number(m) * 100 + Number(d);
}

function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The card of an event, for result lists. */
export function eventCard(event: LibraryEvent): EventCard {
  return {
    id: event.id,
    date: event.date,
    summary: event.summary,
    type: event.type.label,
    actors: event.actors.map((actor) => actor.name),
    place: event.location?.name || null,
    sourceCount: event.sourceIds.length,
    datasetId: event.datasetId,
  };
}

/** A query's filters, compiled against the columns. */
interface CompiledFilter {
  /** -1: any dataset; else the dataset's number (unknown ones get a number that matches nothing). */
  dataset: number;
  from: number;
  to: number;
  /** null: any grade. */
  grades: number | null;
  texts: { ids: Int32Array; table: readonly string[]; needle: string; seen: Uint8Array }[];
}

/** One query's matches, kept so the next page (or the same query again) costs only the page. */
interface CachedMatches {
  version: number;
  /** Matching slots, ascending; only the first `length` entries count (the arrays may be longer). */
  slots: Int32Array;
  /** Sort key of each match (higher first). */
  keys: Float64Array;
  length: number;
  histograms: Map<string, { start: string; count: number }[]>;
}

const MATCH_CACHE_SIZE = 8;
/** Lists shorter than this get arrays of their own; longer ones recycle the arrays of evicted entries. */
const RECYCLE_MIN = 1024;
const SPARES_KEPT = 4;

/**
 * Arrays for cached match lists, recycled from the entries the cache evicts: a broad query keeps
 * tens of thousands of matches, and allocating (and zeroing) fresh typed arrays of that size cost
 * more than filling them. Sizes are powers of two so a spare fits the next list of a similar size.
 */
class MatchArrays {
  private spares: { slots: Int32Array; keys: Float64Array }[] = [];

  /** Arrays for at least `size` matches (contents undefined). */
  take(size: number): { slots: Int32Array; keys: Float64Array } {
    if (size < RECYCLE_MIN) return { slots: new Int32Array(size), keys: new Float64Array(size) };
    let best = -1;
    for (let i = 0; i < this.spares.length; i += 1) {
      const length = this.spares[i]!.slots.length;
      if (length >= size && (best < 0 || length < this.spares[best]!.slots.length)) best = i;
    }
    if (best >= 0) return this.spares.splice(best, 1)[0]!;
    const capacity = 2 ** Math.ceil(Math.log2(size));
    return { slots: new Int32Array(capacity), keys: new Float64Array(capacity) };
  }

  /** Takes back the arrays of an entry nothing refers to any more. */
  give(arrays: { slots: Int32Array; keys: Float64Array }): void {
    if (arrays.slots.length < RECYCLE_MIN) return;
    this.spares.push(arrays);
    if (this.spares.length <= SPARES_KEPT) return;
    // Keep the biggest: they fit the most lists.
    let smallest = 0;
    for (let i = 1; i < this.spares.length; i += 1) if (this.spares[i]!.slots.length < this.spares[smallest]!.slots.length) smallest = i;
    this.spares.splice(smallest, 1);
  }

  clear(): void {
    this.spares = [];
  }
}
/** Stands for "no actor" in the actor-pair cache. */
const NO_ACTOR: Actor = { name: '', role: 'other', countryCode: null, code: null };

/** What the index derives from a list of actors (shared by the events naming them). */
interface ActorsText {
  names: string;
  id: number;
  countries: string;
  /** Country filter text ids by the place text they were combined with (NO_PLACE: none); made on first use. */
  countryIds?: Map<PlaceText, number>;
}

/** What the index derives from a location. */
interface PlaceText {
  text: string;
  countries: string;
}

/** What an event citing no known source adds to the index. */
const NO_SOURCE_TEXT = { titles: '', grades: 0 };

/** Stands for "no place" in the country-id cache. */
const NO_PLACE: PlaceText = { text: '', countries: '' };

function isEmpty(filter: CompiledFilter): boolean {
  return filter.dataset < 0 && filter.from === -Infinity && filter.to === Infinity && filter.grades === null && filter.texts.length === 0;
}
const UNKNOWN = 255;

/** Strings repeated across events, stored once and referred to by number. */
class StringTable {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  clear(): void {
    this.values.length = 0;
    this.ids.clear();
  }
}

/** Records that `slot` cites each of `sourceIds`. */
function addSourceSlots(map: Map<string, number[] | Set<number>>, sourceIds: readonly string[], slot: number): void {
  for (const id of sourceIds) {
    const slots = map.get(id);
    if (!slots) map.set(id, [slot]);
    else if (slots instanceof Set) slots.add(slot);
    else if (slots.length < 32) slots.push(slot);
    else map.set(id, new Set([...slots, slot]));
  }
}

function grownInt32(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= array.length) return array;
  const grown = new Int32Array(Math.max(size, array.length * 2));
  grown.set(array);
  return grown;
}

/**
 * Full-text search and filters over the library's events (see text-index.ts for the approach).
 * Per event it keeps the filter fields precomputed in typed columns: the date as yyyymmdd and as a
 * day number, numbers of its folded actor / country / type strings (each distinct string is tested
 * once per query), its dataset's number, and a bit mask of its sources' reliability grades. Counting
 * matches never sorts; the page is picked with a bounded heap; the matches of the last few queries
 * are kept until the index changes, so paging through one query costs only the page.
 */
export class EventSearchService {
  private index = new TextIndex([]);
  private readonly slotOf = new Map<string, number>();
  private events: (LibraryEvent | null)[] = [];
  private dateNums = new Int32Array(1024);
  private endNums = new Int32Array(1024);
  private days = new Int32Array(1024);
  private actorIds = new Int32Array(1024);
  private countryIds = new Int32Array(1024);
  private typeIds = new Int32Array(1024);
  private datasetIds = new Int32Array(1024);
  private gradeMasks = new Uint8Array(1024);
  private readonly actorTexts = new StringTable();
  private readonly countryTexts = new StringTable();
  private readonly typeTexts = new StringTable();
  private readonly datasets = new StringTable();
  /**
   * Slots citing each source: a small array (most sources have a few events), a Set once it grows.
   * Made on first use (a source's events, a source edit) and kept in step from then on: an import
   * or a load of 100,000 events would otherwise fill ~66,000 lists most sessions never read.
   */
  private slotsBySourceMap: Map<string, number[] | Set<number>> | null = null;
  /** Folded filter texts repeat across events (same actors, places, types): one string each. */
  private readonly folded = new Map<string, string>();
  /**
   * Recent queries' matches by query (LRU). A text query's unfiltered matches are an entry of their
   * own, so the same text with other filters (the sidebar's facets, a date range) only filters them.
   */
  private readonly matchCache = new Map<string, CachedMatches>();
  private readonly matchArrays = new MatchArrays();
  /** Texts derived from objects events share (weakly held: they go with the events). */
  private bySourceList = new WeakMap<readonly string[], { titles: string; grades: number }>();
  private byActors = new WeakMap<Actor, Map<Actor, ActorsText>>();
  private byPlace = new WeakMap<Location, PlaceText>();
  /** Date numbers by ISO date. */
  private readonly dates = new Map<string, { number: number; day: number }>();
  private byType = new WeakMap<EventType, number>();
  private scratch = { slots: new Int32Array(0), keys: new Float64Array(0) };
  /** Bumped by every change: cached matches of an older version are stale. */
  private version = 0;
  /** Live events ending after the day they start: while there are none, date filters read one column. */
  private spans = 0;

  constructor(private readonly deps: EventSearchDeps) {
    this.reset();
  }

  /** Live events in the index. */
  get count(): number {
    return this.index.count;
  }

  /** Replaces the whole index (library load). */
  rebuild(events: Iterable<LibraryEvent>): void {
    this.reset();
    for (const event of events) this.add(event);
  }

  /** Adds or replaces one event. */
  put(event: LibraryEvent): void {
    this.removeSlot(event.id);
    this.add(event);
    this.compactIfNeeded();
  }

  /**
   * Adds or replaces many events: the same as {@link put} for each, compacting once at the end
   * (compaction keeps live events in slot order, so searches answer the same either way).
   */
  putAll(events: readonly LibraryEvent[]): void {
    for (const event of events) {
      if (this.slotOf.has(event.id)) this.removeSlot(event.id);
      this.add(event);
    }
    this.compactIfNeeded();
  }

  /** Removes one event; unknown ids are ignored. */
  remove(id: string): void {
    this.removeSlot(id);
    this.compactIfNeeded();
  }

  /** Sources were added, changed or removed: source titles and grades cached per id list are stale. */
  sourcesChanged(): void {
    this.bySourceList = new WeakMap();
  }

  /** Re-indexes the events citing a source whose title or grade changed. */
  refreshSource(sourceId: string): void {
    const slots = this.sourceSlots().get(sourceId);
    if (!slots) return;
    // Titles and grades are cached per source-id list.
    this.bySourceList = new WeakMap();
    for (const slot of [...slots]) {
      const event = this.events[slot];
      if (event) this.put(event);
    }
  }

  /** `events:search`. */
  search(query: EventQuery): EventSearchResult {
    const started = performance.now();
    const terms = queryTerms(query.query);
    const sort = query.sort ?? (terms.length > 0 ? 'relevance' : 'date-desc');
    const offset = query.offset ?? 0;
    const limit = query.limit ?? DEFAULT_LIMIT;
    const matches = this.matches(query, terms, sort);
    const page = topKPositions(matches.keys, matches.length, offset + limit);
    const events: EventCard[] = [];
    for (let i = offset; i < page.length; i += 1) events.push(eventCard(this.events[matches.slots[page[i]!]!]!));
    let histogram: { start: string; count: number }[] | null = null;
    if (query.histogram) {
      histogram = matches.histograms.get(query.histogram) ?? this.histogram(matches, query.histogram);
      matches.histograms.set(query.histogram, histogram);
    }
    return {
      total: matches.length,
      events,
      histogram,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    };
  }

  /** The matching slots of a query with their sort keys, from the cache when the index has not changed. */
  private matches(query: EventQuery, terms: string[], sort: string): CachedMatches {
    const filter = this.compileFilter(query);
    // Without filters a text query's matches are its unfiltered list: one entry serves both.
    if (terms.length > 0 && isEmpty(filter)) return this.textMatches(terms, sort, query.sourceId);
    const key = JSON.stringify([terms, sort, query.sourceId ?? null, query.datasetId ?? null, query.from ?? null, query.to ?? null, query.reliability ?? null, query.actor ?? null, query.country ?? null, query.type ?? null]);
    const cached = this.cached(key);
    if (cached) return cached;
    let n = 0;
    if (terms.length > 0) {
      // Filter the unfiltered list (cached, or kept for the next filter): its keys are already computed.
      const all = this.textMatches(terms, sort, query.sourceId);
      const into = this.scratchFor(all.length);
      return this.remember(key, into, this.filterInto(filter, all, into));
    }
    const within = query.sourceId ? (this.sourceSlots().get(query.sourceId) ?? []) : undefined;
    const candidates = within ? [...within].sort((a, b) => a - b) : null;
    const total = candidates ? candidates.length : this.index.size;
    const scratch = this.scratchFor(total);
    const { dateNums } = this;
    const sign = sort === 'date-asc' ? -1 : 1;
    for (let i = 0; i < total; i += 1) {
      const slot = candidates ? candidates[i]! : i;
      if (!this.index.isAlive(slot) || !this.passes(filter, slot)) continue;
      scratch.slots[n] = slot;
      scratch.keys[n] = sign * (dateNums[slot]! * SLOT_SPACE + slot);
      n += 1;
    }
    return this.remember(key, scratch, n);
  }

  /** Every match of a text query (within one source's events if given), unfiltered, with sort keys. */
  private textMatches(terms: string[], sort: string, sourceId: string | undefined): CachedMatches {
    const key = JSON.stringify(['text', terms, sort, sourceId ?? null]);
    const cached = this.cached(key);
    if (cached) return cached;
    const within = sourceId ? (this.sourceSlots().get(sourceId) ?? []) : undefined;
    // The index's arrays are scratch, valid until its next query: the keys are computed straight into the entry's own arrays.
    const found = this.index.matchSorted(terms, within);
    const n = found.length;
    const entry = this.newEntry(key, n);
    const { slots, keys } = entry;
    const { dateNums } = this;
    const foundSlots = found.slots;
    const scores = found.scores;
    if (sort === 'relevance') {
      for (let i = 0; i < n; i += 1) {
        const slot = foundSlots[i]!;
        slots[i] = slot;
        keys[i] = scores[i]! * 1e9 + dateNums[slot]!;
      }
    } else {
      const sign = sort === 'date-asc' ? -1 : 1;
      for (let i = 0; i < n; i += 1) {
        const slot = foundSlots[i]!;
        slots[i] = slot;
        keys[i] = sign * (dateNums[slot]! * SLOT_SPACE + slot);
      }
    }
    return entry;
  }

  /** The cached entry under `key` if the index has not changed since; marks it most recently used. */
  private cached(key: string): CachedMatches | null {
    const cached = this.matchCache.get(key);
    if (!cached) return null;
    this.matchCache.delete(key);
    if (cached.version !== this.version) {
      this.matchArrays.give(cached);
      return null;
    }
    this.matchCache.set(key, cached);
    return cached;
  }

  /** A cache entry of `length` matches (arrays to fill), evicting the least recently used beyond the limit. */
  private newEntry(key: string, length: number): CachedMatches {
    const { slots, keys } = this.matchArrays.take(length);
    const entry: CachedMatches = { version: this.version, slots, keys, length, histograms: new Map() };
    this.matchCache.set(key, entry);
    if (this.matchCache.size > MATCH_CACHE_SIZE) {
      const oldest = this.matchCache.keys().next().value!;
      // Only this call and the cache hold entries (searches are synchronous): the evicted arrays are free.
      this.matchArrays.give(this.matchCache.get(oldest)!);
      this.matchCache.delete(oldest);
    }
    return entry;
  }

  /** Caches a copy of the first `n` collected matches under `key`. */
  private remember(key: string, collected: { slots: Int32Array; keys: Float64Array }, n: number): CachedMatches {
    const entry = this.newEntry(key, n);
    entry.slots.set(collected.slots.subarray(0, n));
    entry.keys.set(collected.keys.subarray(0, n));
    return entry;
  }

  /** Reused buffers for collecting matches (a query allocates only what it keeps). */
  private scratchFor(size: number): { slots: Int32Array; keys: Float64Array } {
    if (this.scratch.slots.length < size) {
      const capacity = Math.max(size, this.scratch.slots.length * 2);
      this.scratch = { slots: new Int32Array(capacity), keys: new Float64Array(capacity) };
    }
    return this.scratch;
  }

  private histogram(matches: CachedMatches, bucket: 'day' | 'week' | 'month'): { start: string; count: number }[] {
    const counts = new Map<number, number>();
    const { days, dateNums } = this;
    for (let i = 0; i < matches.length; i += 1) {
      const slot = matches.slots[i]!;
      const day = days[slot]!;
      // Weeks start on Monday; 1970-01-01 was a Thursday.
      const key = bucket === 'day' ? day : bucket === 'week' ? day - ((day + 3) % 7) : Math.floor(dateNums[slot]! / 100);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([key, count]) => ({
        start: bucket === 'month' ? `${String(Math.floor(key / 100)).padStart(4, '0')}-${String(key % 100).padStart(2, '0')}-01` : isoOfDay(key),
        count,
      }));
  }

  /** Every filter of the query as numbers to compare with the columns. */
  private compileFilter(query: EventQuery): CompiledFilter {
    const filter: CompiledFilter = { dataset: -1, from: -Infinity, to: Infinity, grades: null, texts: [] };
    if (query.datasetId) filter.dataset = this.datasets.id(query.datasetId);
    if (query.from) filter.from = lowerBound(query.from);
    if (query.to) filter.to = upperBound(query.to);
    if (query.reliability && query.reliability.length > 0) {
      // Grades outside A–F give a mask of 0, which lets no event through.
      filter.grades = query.reliability.reduce((mask, grade) => mask | (RELIABILITY_BITS[grade] ?? 0), 0);
    }
    for (const [value, ids, table] of [
      [query.actor, this.actorIds, this.actorTexts],
      [query.country, this.countryIds, this.countryTexts],
      [query.type, this.typeIds, this.typeTexts],
    ] as const) {
      const needle = value ? normalizeForSearch(value.trim()) : '';
      // Each distinct text is tested once, when the first event carrying it is checked.
      if (needle) filter.texts.push({ ids, table: table.values, needle, seen: new Uint8Array(table.values.length).fill(UNKNOWN) });
    }
    return filter;
  }

  /**
   * Copies the matches that pass every filter (with their keys, in order) into `into`; returns how
   * many. One tight pass per kind of filter, each over the survivors of the last: a per-slot check
   * of every filter in turn cost several times more on lists of tens of thousands.
   */
  private filterInto(filter: CompiledFilter, from: CachedMatches, into: { slots: Int32Array; keys: Float64Array }): number {
    const { datasetIds, endNums, dateNums, gradeMasks } = this;
    const { dataset, grades } = filter;
    const low = filter.from;
    const high = filter.to;
    const sourceSlots = from.slots;
    const sourceKeys = from.keys;
    const length = from.length;
    const { slots, keys } = into;
    let n = 0;
    if (dataset < 0 && grades === null && this.spans === 0) {
      // Only dates, and every event is one day: the column the sort keys were made from (likely still cached).
      for (let i = 0; i < length; i += 1) {
        const slot = sourceSlots[i]!;
        const date = dateNums[slot]!;
        if (date < low || date > high) continue;
        slots[n] = slot;
        keys[n] = sourceKeys[i]!;
        n += 1;
      }
    } else {
      const anyGrade = grades === null;
      const mask = grades ?? 0;
      for (let i = 0; i < length; i += 1) {
        const slot = sourceSlots[i]!;
        if ((dataset >= 0 && datasetIds[slot] !== dataset) || endNums[slot]! < low || dateNums[slot]! > high || (!anyGrade && (gradeMasks[slot]! & mask) === 0)) continue;
        slots[n] = slot;
        keys[n] = sourceKeys[i]!;
        n += 1;
      }
    }
    for (const { ids, table, needle, seen } of filter.texts) {
      // In place: entry m is written after entry i ≥ m was read.
      let m = 0;
      for (let i = 0; i < n; i += 1) {
        const slot = slots[i]!;
        const id = ids[slot]!;
        let verdict = seen[id]!;
        if (verdict === UNKNOWN) {
          verdict = table[id]!.includes(needle) ? 1 : 0;
          seen[id] = verdict;
        }
        if (verdict === 0) continue;
        slots[m] = slot;
        keys[m] = keys[i]!;
        m += 1;
      }
      n = m;
    }
    return n;
  }

  /** True when the slot passes every filter (cheap checks first). */
  private passes(filter: CompiledFilter, slot: number): boolean {
    if (filter.dataset >= 0 && this.datasetIds[slot] !== filter.dataset) return false;
    if (this.endNums[slot]! < filter.from || this.dateNums[slot]! > filter.to) return false;
    if (filter.grades !== null && (this.gradeMasks[slot]! & filter.grades) === 0) return false;
    for (const text of filter.texts) {
      const id = text.ids[slot]!;
      let verdict = text.seen[id]!;
      if (verdict === UNKNOWN) {
        verdict = text.table[id]!.includes(text.needle) ? 1 : 0;
        text.seen[id] = verdict;
      }
      if (verdict === 0) return false;
    }
    return true;
  }

  private add(event: LibraryEvent): void {
    // Imported events share their actor, place, type and source-id objects: their texts are made once.
    const sources = event.sourceIds.length === 1 ? this.oneSourceText(event.sourceIds[0]!) : this.sourcesText(event.sourceIds);
    const actors = this.actorsText(event.actors);
    const place = event.location ? this.placeText(event.location) : null;
    const slot = this.index.add([event.summary, actors.names, place?.text ?? '', sources.titles]);
    this.version += 1;
    this.ensureCapacity(slot + 1);
    this.slotOf.set(event.id, slot);
    this.events[slot] = event;
    const end = event.endDate && event.endDate.date > event.date.date ? event.endDate.date : event.date.date;
    const start = this.dateOf(event.date.date);
    this.dateNums[slot] = start.number;
    this.endNums[slot] = end === event.date.date ? start.number : this.dateOf(end).number;
    if (this.endNums[slot] !== this.dateNums[slot]) this.spans += 1;
    this.days[slot] = start.day;
    this.datasetIds[slot] = event.datasetId === null ? -2 : this.datasets.id(event.datasetId);
    this.actorIds[slot] = actors.id;
    this.countryIds[slot] = this.countryId(event, actors, place);
    this.typeIds[slot] = this.typeId(event.type);
    this.gradeMasks[slot] = sources.grades;
    if (this.slotsBySourceMap) addSourceSlots(this.slotsBySourceMap, event.sourceIds, slot);
  }

  /** The slots citing each source, made from the live events on first use. */
  private sourceSlots(): Map<string, number[] | Set<number>> {
    if (this.slotsBySourceMap) return this.slotsBySourceMap;
    const map = new Map<string, number[] | Set<number>>();
    const { events } = this;
    // Slot order, as adding them one by one gives.
    for (let slot = 0; slot < events.length; slot += 1) {
      const event = events[slot];
      if (event) addSourceSlots(map, event.sourceIds, slot);
    }
    this.slotsBySourceMap = map;
    return map;
  }

  /** Titles and reliability mask of a list of source ids (cached per list until a source changes). */
  private sourcesText(ids: readonly string[]): { titles: string; grades: number } {
    let found = this.bySourceList.get(ids);
    if (!found) {
      const sources = ids.map((id) => this.deps.sourceOf(id)).filter((source): source is Source => source !== undefined);
      let grades = 0;
      for (const source of sources) grades |= source.grade.reliability ? (RELIABILITY_BITS[source.grade.reliability] ?? 0) : 0;
      found = { titles: sources.map((source) => source.title).join(' '), grades };
      this.bySourceList.set(ids, found);
    }
    return found;
  }

  /**
   * Title and reliability bit of one source: looked up each time (a map lookup), not cached per
   * list — one-source lists are rarely shared by many events, and caching each cost more.
   */
  private oneSourceText(id: string): { titles: string; grades: number } {
    const source = this.deps.sourceOf(id);
    if (!source) return NO_SOURCE_TEXT;
    const { reliability } = source.grade;
    return { titles: source.title, grades: reliability ? (RELIABILITY_BITS[reliability] ?? 0) : 0 };
  }

  /** yyyymmdd and day number of an ISO date (cached: events share few distinct dates). */
  private dateOf(iso: string): { number: number; day: number } {
    let found = this.dates.get(iso);
    if (!found) {
      found = { number: dateNumber(iso), day: dayNumber(iso) };
      if (this.dates.size >= 50_000) this.dates.clear();
      this.dates.set(iso, found);
    }
    return found;
  }

  /** The folded country filter text's id of an event (cached per shared actors and place texts). */
  private countryId(event: LibraryEvent, actors: ActorsText, place: PlaceText | null): number {
    const key = place ?? NO_PLACE;
    let byPlace = actors.countryIds;
    const known = byPlace?.get(key);
    if (known !== undefined) return known;
    const countries = place ? (event.actors.length > 0 ? `${actors.countries}\n${place.countries}` : place.countries) : actors.countries;
    const id = this.countryTexts.id(this.fold(countries));
    if (!byPlace) actors.countryIds = byPlace = new Map();
    byPlace.set(key, id);
    return id;
  }

  /** Searchable names, folded filter text id and country codes of an event's actors. */
  private actorsText(actors: readonly Actor[]): ActorsText {
    // Keyed by the actor objects (most events have one or two, shared between events).
    const first = actors[0];
    const second = actors[1];
    const cacheable = actors.length <= 2;
    let inner = cacheable ? this.byActors.get(first ?? NO_ACTOR) : undefined;
    const cached = inner?.get(second ?? NO_ACTOR);
    if (cached) return cached;
    const found: ActorsText = {
      names: actors.map((actor) => actor.name).join(' '),
      id: this.actorTexts.id(this.fold(actors.map((actor) => `${actor.name}\n${actor.code ?? ''}`).join('\n'))),
      countries: actors.map((actor) => actor.countryCode ?? '').join('\n'),
    };
    if (cacheable) {
      if (!inner) this.byActors.set(first ?? NO_ACTOR, (inner = new Map()));
      inner.set(second ?? NO_ACTOR, found);
    }
    return found;
  }

  private placeText(location: Location): PlaceText {
    let found = this.byPlace.get(location);
    if (!found) {
      found = { text: [location.name, location.admin1 ?? '', location.country ?? ''].join(' '), countries: `${location.country ?? ''}\n${location.admin1 ?? ''}` };
      this.byPlace.set(location, found);
    }
    return found;
  }

  private typeId(type: EventType): number {
    let id = this.byType.get(type);
    if (id === undefined) {
      id = this.typeTexts.id(this.fold(`${type.label}\n${type.code ?? ''}\n${type.subType ?? ''}`));
      this.byType.set(type, id);
    }
    return id;
  }

  private ensureCapacity(size: number): void {
    if (size <= this.dateNums.length) return;
    this.dateNums = grownInt32(this.dateNums, size);
    this.endNums = grownInt32(this.endNums, size);
    this.days = grownInt32(this.days, size);
    this.actorIds = grownInt32(this.actorIds, size);
    this.countryIds = grownInt32(this.countryIds, size);
    this.typeIds = grownInt32(this.typeIds, size);
    this.datasetIds = grownInt32(this.datasetIds, size);
    const grades = new Uint8Array(this.dateNums.length);
    grades.set(this.gradeMasks);
    this.gradeMasks = grades;
  }

  private fold(text: string): string {
    let folded = this.folded.get(text);
    if (folded === undefined) {
      folded = normalizeForSearch(text);
      if (this.folded.size >= 50_000) this.folded.clear();
      this.folded.set(text, folded);
    }
    return folded;
  }

  private removeSlot(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.version += 1;
    if (this.endNums[slot] !== this.dateNums[slot]) this.spans -= 1;
    const event = this.events[slot];
    const bySource = this.slotsBySourceMap;
    if (event && bySource) {
      for (const sourceId of event.sourceIds) {
        const slots = bySource.get(sourceId);
        if (!slots) continue;
        if (slots instanceof Set) slots.delete(slot);
        else if (slots.includes(slot)) slots.splice(slots.indexOf(slot), 1);
        if ((slots instanceof Set ? slots.size : slots.length) === 0) bySource.delete(sourceId);
      }
    }
    this.index.remove(slot);
    this.events[slot] = null;
    this.slotOf.delete(id);
  }

  /** Rebuilds when tombstones outnumber live events (edits and re-imports leave dead slots). */
  private compactIfNeeded(): void {
    if (this.index.dead < 10_000 || this.index.dead < this.index.count) return;
    this.rebuild(this.events.filter((event): event is LibraryEvent => event !== null));
  }

  private reset(): void {
    this.version += 1;
    this.spans = 0;
    this.index = new TextIndex([
      { name: 'summary', boost: 1 },
      { name: 'actors', boost: 2 },
      { name: 'place', boost: 1.5 },
      { name: 'sources', boost: 0.7 },
    ]);
    this.slotOf.clear();
    this.slotsBySourceMap = null;
    this.folded.clear();
    this.dates.clear();
    this.matchCache.clear();
    this.matchArrays.clear();
    this.bySourceList = new WeakMap();
    this.byActors = new WeakMap();
    this.byPlace = new WeakMap();
    this.byType = new WeakMap();
    this.actorTexts.clear();
    this.countryTexts.clear();
    this.typeTexts.clear();
    this.datasets.clear();
    this.events = [];
    this.dateNums = new Int32Array(1024);
    this.endNums = new Int32Array(1024);
    this.days = new Int32Array(1024);
    this.actorIds = new Int32Array(1024);
    this.countryIds = new Int32Array(1024);
    this.typeIds = new Int32Array(1024);
    this.datasetIds = new Int32Array(1024);
    this.gradeMasks = new Uint8Array(1024);
  }
}
