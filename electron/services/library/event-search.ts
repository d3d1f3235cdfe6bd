import { performance } from 'node:perf_hooks';
import type { EventCard, EventQuery, EventSearchResult, LibraryEvent, Source } from '../../../core/domain/library';
import { normalizeForSearch } from '../notes/note-search';
import { TextIndex, queryTerms } from './text-index';
import { topK } from './top-k';

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

/**
 * Full-text search and filters over the library's events (see text-index.ts for the approach).
 * Per event it keeps the filter fields precomputed: the date as yyyymmdd and as a day number,
 * folded actor / country / type strings, the dataset, and a bit mask of its sources' reliability
 * grades. Counting matches never sorts; the page is picked with a bounded heap.
 */
export class EventSearchService {
  private index = new TextIndex([]);
  private readonly slotOf = new Map<string, number>();
  private events: (LibraryEvent | null)[] = [];
  private dateNums: number[] = [];
  private endNums: number[] = [];
  private days: number[] = [];
  private actorTexts: string[] = [];
  private countryTexts: string[] = [];
  private typeTexts: string[] = [];
  private gradeMasks: number[] = [];
  /** Slots citing each source: a small array (most sources have a few events), a Set once it grows. */
  private readonly slotsBySource = new Map<string, number[] | Set<number>>();
  /** Folded filter texts repeat across events (same actors, places, types): one string each. */
  private readonly folded = new Map<string, string>();

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

  /** Removes one event; unknown ids are ignored. */
  remove(id: string): void {
    this.removeSlot(id);
    this.compactIfNeeded();
  }

  /** Re-indexes the events citing a source whose title or grade changed. */
  refreshSource(sourceId: string): void {
    const slots = this.slotsBySource.get(sourceId);
    if (!slots) return;
    for (const slot of [...slots]) {
      const event = this.events[slot];
      if (event) this.put(event);
    }
  }

  /** `events:search`. */
  search(query: EventQuery): EventSearchResult {
    const started = performance.now();
    const terms = queryTerms(query.query);
    const within = query.sourceId ? (this.slotsBySource.get(query.sourceId) ?? []) : undefined;
    const accept = this.compileFilter(query);
    const matched: number[] = [];
    let scores: Float64Array | null = null;
    if (terms.length > 0) {
      const result = this.index.match(terms, within);
      scores = result.scores;
      for (const slot of result.slots) if (accept(slot)) matched.push(slot);
    } else if (within) {
      for (const slot of within) if (this.index.isAlive(slot) && accept(slot)) matched.push(slot);
    } else {
      for (let slot = 0; slot < this.index.size; slot += 1) if (this.index.isAlive(slot) && accept(slot)) matched.push(slot);
    }

    const sort = query.sort ?? (terms.length > 0 ? 'relevance' : 'date-desc');
    const offset = query.offset ?? 0;
    const limit = query.limit ?? DEFAULT_LIMIT;
    const { dateNums } = this;
    const key =
      sort === 'relevance' && scores
        ? (slot: number): number => scores[slot]! * 1e9 + dateNums[slot]!
        : sort === 'date-asc'
          ? (slot: number): number => -(dateNums[slot]! * SLOT_SPACE + slot)
          : (slot: number): number => dateNums[slot]! * SLOT_SPACE + slot;
    const page = topK(matched, offset + limit, key).slice(offset);

    return {
      total: matched.length,
      events: page.map((slot) => eventCard(this.events[slot]!)),
      histogram: query.histogram ? this.histogram(matched, query.histogram) : null,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    };
  }

  private histogram(slots: number[], bucket: 'day' | 'week' | 'month'): { start: string; count: number }[] {
    const counts = new Map<number, number>();
    const { days, dateNums } = this;
    for (const slot of slots) {
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

  /** One predicate for every filter of the query (cheap checks first). */
  private compileFilter(query: EventQuery): (slot: number) => boolean {
    const checks: ((slot: number) => boolean)[] = [];
    if (query.datasetId) {
      const datasetId = query.datasetId;
      checks.push((slot) => this.events[slot]?.datasetId === datasetId);
    }
    if (query.from) {
      const from = lowerBound(query.from);
      checks.push((slot) => this.endNums[slot]! >= from);
    }
    if (query.to) {
      const to = upperBound(query.to);
      checks.push((slot) => this.dateNums[slot]! <= to);
    }
    if (query.reliability && query.reliability.length > 0) {
      const wanted = query.reliability.reduce((mask, grade) => mask | (RELIABILITY_BITS[grade] ?? 0), 0);
      checks.push((slot) => (this.gradeMasks[slot]! & wanted) !== 0);
    }
    for (const [value, texts] of [
      [query.actor, this.actorTexts],
      [query.country, this.countryTexts],
      [query.type, this.typeTexts],
    ] as const) {
      const needle = value ? normalizeForSearch(value.trim()) : '';
      if (needle) checks.push((slot) => texts[slot]!.includes(needle));
    }
    if (checks.length === 0) return () => true;
    return (slot) => checks.every((check) => check(slot));
  }

  private add(event: LibraryEvent): void {
    const sources = event.sourceIds.map((id) => this.deps.sourceOf(id)).filter((source): source is Source => source !== undefined);
    const actorNames = event.actors.map((actor) => actor.name).join(' ');
    const place = event.location ? [event.location.name, event.location.admin1 ?? '', event.location.country ?? ''].join(' ') : '';
    const slot = this.index.add([event.summary, actorNames, place, sources.map((source) => source.title).join(' ')]);
    this.slotOf.set(event.id, slot);
    this.events[slot] = event;
    const end = event.endDate && event.endDate.date > event.date.date ? event.endDate.date : event.date.date;
    this.dateNums[slot] = dateNumber(event.date.date);
    this.endNums[slot] = dateNumber(end);
    this.days[slot] = dayNumber(event.date.date);
    this.actorTexts[slot] = this.fold(event.actors.map((actor) => `${actor.name}\n${actor.code ?? ''}`).join('\n'));
    const countries = event.actors.map((actor) => actor.countryCode ?? '');
    if (event.location) countries.push(event.location.country ?? '', event.location.admin1 ?? '');
    this.countryTexts[slot] = this.fold(countries.join('\n'));
    this.typeTexts[slot] = this.fold(`${event.type.label}\n${event.type.code ?? ''}\n${event.type.subType ?? ''}`);
    let mask = 0;
    for (const source of sources) mask |= source.grade.reliability ? (RELIABILITY_BITS[source.grade.reliability] ?? 0) : 0;
    this.gradeMasks[slot] = mask;
    for (const id of event.sourceIds) {
      const slots = this.slotsBySource.get(id);
      if (!slots) this.slotsBySource.set(id, [slot]);
      else if (slots instanceof Set) slots.add(slot);
      else if (slots.length < 32) slots.push(slot);
      else this.slotsBySource.set(id, new Set([...slots, slot]));
    }
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
    const event = this.events[slot];
    if (event) {
      for (const sourceId of event.sourceIds) {
        const slots = this.slotsBySource.get(sourceId);
        if (!slots) continue;
        if (slots instanceof Set) slots.delete(slot);
        else if (slots.includes(slot)) slots.splice(slots.indexOf(slot), 1);
        if ((slots instanceof Set ? slots.size : slots.length) === 0) this.slotsBySource.delete(sourceId);
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
    this.index = new TextIndex([
      { name: 'summary', boost: 1 },
      { name: 'actors', boost: 2 },
      { name: 'place', boost: 1.5 },
      { name: 'sources', boost: 0.7 },
    ]);
    this.slotOf.clear();
    this.slotsBySource.clear();
    this.folded.clear();
    this.events = [];
    this.dateNums = [];
    this.endNums = [];
    this.days = [];
    this.actorTexts = [];
    this.countryTexts = [];
    this.typeTexts = [];
    this.gradeMasks = [];
  }
}
