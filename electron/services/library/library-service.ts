import { AppError, type CallOutput, type EventDraft, type ParsedInput, type SourceDraft } from '../../../core/index';
import type { CandidateEvent, EventQuery, EventSearchResult, ImportReport, LibraryEvent, Origin, Source } from '../../../core/domain/library';
import type { JsonStore } from '../store/json-store';
import { checkId } from '../store/safe-id';
import type { CitingNotes } from './citing-notes';
import { EventSearchService } from './event-search';
import { extractCandidates } from './extract/extract-candidates';
import type { ParseResult } from './importers/types';
import { datasetNameFor, mergeImport } from './import-merge';
import { newManualEventId, sha256Hex, sourceContentHash, sourceIdOf } from './library-ids';
import { LibraryChanges, type LibraryDelta, type LibraryState, LibraryStore, type PreparedChange } from './library-store';
import { SourceSearchService } from './source-search';

/** What the library is built from. */
export interface LibraryServiceDeps {
  store: JsonStore;
  citing: CitingNotes;
  now: () => Date;
}

/** How a parsed file is stored. */
export interface StoreImportOptions {
  fileName: string;
  /** `--dataset NAME`. */
  dataset?: string;
  originKind?: 'import' | 'sample';
  /** When the import started (for durationMs). */
  startedMs?: number;
  /** Called under the library lock just before anything is written; throwing stops the import. */
  beforeCommit?: () => void;
  /** Take the file's version of events and sources the analyst edited (import-merge.ts). */
  replaceEdited?: boolean;
}

const EXCERPT_CHARS = 300;
/** Events indexed between two turns of the event loop while a commit's files are written (~20 ms). */
const INDEX_SLICE = 8_000;
const MANUAL_ORIGIN: Origin = { kind: 'manual', datasetId: null, file: null };

function eventNotFound(id: string): AppError {
  return new AppError('not_found', `No event with id ${id}; it may have been deleted or its dataset removed.`);
}

function sourceNotFound(id: string): AppError {
  return new AppError('not_found', `No source with id ${id}; it may have been deleted or its dataset removed.`);
}

function excerptOfText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= EXCERPT_CHARS) return flat;
  const cut = flat.slice(0, EXCERPT_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), EXCERPT_CHARS - 40))}…`;
}

/**
 * The event and source library: storage (library-store.ts), search indexes kept in step with every
 * commit, hand edits, dataset deletion, the store step of imports, and candidate extraction.
 */
export class LibraryService {
  readonly events: EventSearchService;
  readonly sources: SourceSearchService;
  private readonly library: LibraryStore;
  /** The state a commit in progress is indexing (see prepareIndexes). */
  private preparing: LibraryState | null = null;
  /** Settles when no commit is half-indexed: searches wait for it, so they never see a change before its commit. */
  private indexesSettled: Promise<void> = Promise.resolve();

  constructor(private readonly deps: LibraryServiceDeps) {
    // While a commit is prepared, its events are indexed with its sources (not yet the library's).
    this.events = new EventSearchService({ sourceOf: (id) => (this.preparing ?? this.library.state).sources.get(id) });
    this.sources = new SourceSearchService();
    this.library = new LibraryStore(deps.store, {
      reloaded: (state) => this.reindex(state),
      prepare: (delta, state) => this.prepareIndexes(delta, state),
    });
  }

  /**
   * Loads the library. A damaged library file does not stop the app from opening: the error is
   * raised again, with what to do, by the first library call.
   */
  async open(): Promise<void> {
    try {
      await this.library.ensureFresh();
    } catch {
      // see above
    }
  }

  /** The current in-memory library after checking the disk for other processes' commits. */
  async state(): Promise<LibraryState> {
    await this.library.ensureFresh();
    return this.library.state;
  }

  /** `library:stats`. */
  async stats(): Promise<CallOutput<'library:stats'>> {
    const state = await this.state();
    return { events: state.events.size, sources: state.sources.size, datasets: [...state.datasets.values()].map((entry) => entry.dataset) };
  }

  /** The store step of an import: merges a parsed file, all or nothing. */
  async storeImport(parsed: ParseResult, options: StoreImportOptions): Promise<ImportReport> {
    const started = options.startedMs ?? Date.now();
    await this.library.ensureFresh();
    const report = await this.library.commit((state) => {
      const merged = mergeImport(state, parsed, {
        fileName: options.fileName,
        datasetName: datasetNameFor(options.dataset, parsed.datasetName, options.fileName),
        originKind: options.originKind ?? 'import',
        now: this.deps.now(),
        replaceEdited: options.replaceEdited ?? false,
      });
      if (!merged.changes.isEmpty()) options.beforeCommit?.();
      return { changes: merged.changes, result: merged.report };
    });
    return { ...report, durationMs: Date.now() - started };
  }

  /** `library:delete-dataset`: its events, and its sources that no other event cites. */
  async deleteDataset(id: string): Promise<CallOutput<'library:delete-dataset'>> {
    // Before the manifest lock: a refused id touches no file (not even the lock).
    checkId('library', id);
    await this.library.ensureFresh();
    return this.library.commit((state) => {
      const entry = state.datasets.get(id);
      if (!entry) throw new AppError('not_found', `No dataset with id ${id}; it may have been deleted already.`);
      const changes = new LibraryChanges();
      changes.datasetDeletes.add(id);
      const stillCited = new Set<string>();
      for (const event of state.events.values()) if (event.datasetId !== id) for (const sourceId of event.sourceIds) stillCited.add(sourceId);
      for (const source of state.sources.values()) if (source.origin.datasetId === id && !stillCited.has(source.id)) changes.sourceDeletes.add(source.id);
      return { changes, result: { id, eventsDeleted: entry.events.size } };
    });
  }

  /** `events:search`. */
  async searchEvents(query: EventQuery): Promise<EventSearchResult> {
    await this.library.ensureFresh();
    await this.indexesSettled;
    return this.events.search(query);
  }

  /** `events:get`: the event and its sources. */
  async getEvent(id: string): Promise<CallOutput<'events:get'>> {
    checkId('library', id);
    const state = await this.state();
    const event = state.events.get(id);
    if (!event) throw eventNotFound(id);
    const sources = event.sourceIds.map((sourceId) => state.sources.get(sourceId)).filter((source): source is Source => source !== undefined);
    return { event, sources };
  }

  /**
   * `events:get-many`: the events in the order asked (each id once), the sources they cite (each
   * once), and the ids with no event. One look at the in-memory library, so a chronology of
   * hundreds of events costs one round trip.
   */
  async getEvents(ids: readonly string[]): Promise<CallOutput<'events:get-many'>> {
    for (const id of ids) checkId('library', id);
    const state = await this.state();
    const events: LibraryEvent[] = [];
    const missing: string[] = [];
    const sources = new Map<string, Source>();
    for (const id of new Set(ids)) {
      const event = state.events.get(id);
      if (!event) {
        missing.push(id);
        continue;
      }
      events.push(event);
      for (const sourceId of event.sourceIds) {
        const source = state.sources.get(sourceId);
        if (source) sources.set(sourceId, source);
      }
    }
    return { events, sources: [...sources.values()], missing };
  }

  /** `events:create`: an event made by hand (or, with an origin, accepted from an article). */
  async createEvent(draft: EventDraft, origin: Origin = MANUAL_ORIGIN): Promise<LibraryEvent> {
    await this.library.ensureFresh();
    return this.library.commit((state) => {
      const sourceIds = this.checkSources(state, draft.sourceIds ?? []);
      const now = this.deps.now().toISOString();
      const event: LibraryEvent = {
        id: newManualEventId(),
        date: draft.date,
        endDate: draft.endDate ?? null,
        summary: draft.summary.trim(),
        type: draft.type ?? { label: 'Event', code: null, taxonomy: null, subType: null },
        actors: draft.actors ?? [],
        location: draft.location ?? null,
        figures: draft.figures ?? {},
        sourceIds,
        datasetId: null,
        datasetVersion: 0,
        externalId: null,
        origin,
        createdAt: now,
        updatedAt: now,
      };
      const changes = new LibraryChanges();
      changes.eventPuts.set(event.id, event);
      return { changes, result: event };
    });
  }

  /** `events:update`: fields given in the patch replace the stored ones. */
  async updateEvent(id: string, patch: Partial<EventDraft>): Promise<LibraryEvent> {
    checkId('library', id);
    await this.library.ensureFresh();
    return this.library.commit((state) => {
      const current = state.events.get(id);
      if (!current) throw eventNotFound(id);
      const next: LibraryEvent = {
        ...current,
        ...(patch.date !== undefined && { date: patch.date }),
        ...(patch.endDate !== undefined && { endDate: patch.endDate }),
        ...(patch.summary !== undefined && { summary: patch.summary.trim() }),
        ...(patch.type !== undefined && { type: patch.type }),
        ...(patch.actors !== undefined && { actors: patch.actors }),
        ...(patch.location !== undefined && { location: patch.location }),
        ...(patch.figures !== undefined && { figures: patch.figures }),
        ...(patch.sourceIds !== undefined && { sourceIds: this.checkSources(state, patch.sourceIds) }),
      };
      const changes = new LibraryChanges();
      if (JSON.stringify(next) === JSON.stringify(current)) return { changes, result: current };
      // A hand edit is a new version of the event too: facts written from the older one get flagged.
      // editedAt marks it as the analyst's: a re-import keeps it (import-merge.ts).
      const now = this.deps.now().toISOString();
      const updated = { ...next, datasetVersion: current.datasetVersion + 1, updatedAt: now, editedAt: now };
      changes.eventPuts.set(id, updated);
      return { changes, result: updated };
    });
  }

  /** `events:delete`. An imported event comes back if a later import of its dataset still has it. */
  async deleteEvent(id: string): Promise<{ id: string }> {
    checkId('library', id);
    await this.library.ensureFresh();
    return this.library.commit((state) => {
      if (!state.events.has(id)) throw eventNotFound(id);
      const changes = new LibraryChanges();
      changes.eventDeletes.add(id);
      return { changes, result: { id } };
    });
  }

  /** `sources:search`. */
  async searchSources(input: ParsedInput<'sources:search'>): Promise<CallOutput<'sources:search'>> {
    await this.library.ensureFresh();
    await this.indexesSettled;
    return this.sources.search(input);
  }

  /** `sources:get`. */
  async getSource(id: string): Promise<Source> {
    checkId('library', id);
    const source = (await this.state()).sources.get(id);
    if (!source) throw sourceNotFound(id);
    return source;
  }

  /** `sources:create`: the id comes from the URL (else the content), so the same article is not added twice. */
  async createSource(draft: SourceDraft): Promise<Source> {
    await this.library.ensureFresh();
    return this.library.commit((state) => {
      const now = this.deps.now().toISOString();
      const text = draft.text ?? '';
      const fields = { title: draft.title.trim(), publisher: draft.publisher?.trim() ?? '', url: draft.url ?? null, text };
      const key = fields.url ?? `hash:${text.trim() ? sha256Hex(text.replace(/\s+/g, ' ').trim()) : sourceContentHash(fields)}`;
      const id = sourceIdOf(key);
      const existing = state.sources.get(id);
      if (existing) {
        throw new AppError('conflict', `This source is in the library already: "${existing.title}" (${existing.id}). Edit that one instead.`);
      }
      const source: Source = {
        id,
        title: fields.title,
        publisher: fields.publisher,
        authors: draft.authors ?? [],
        published: draft.published ?? null,
        url: fields.url,
        canonicalUrl: fields.url,
        language: draft.language ?? null,
        retrievedAt: null,
        text,
        excerpt: excerptOfText(text),
        grade: draft.grade ?? { reliability: null, credibility: null },
        tags: draft.tags ?? [],
        origin: MANUAL_ORIGIN,
        contentHash: sourceContentHash(fields),
        createdAt: now,
        updatedAt: now,
      };
      const changes = new LibraryChanges();
      changes.sourcePuts.set(id, source);
      return { changes, result: source };
    });
  }

  /** `sources:update`. The id stays, even when the URL changes: notes cite it. */
  async updateSource(id: string, patch: Partial<SourceDraft>): Promise<Source> {
    checkId('library', id);
    await this.library.ensureFresh();
    return this.library.commit((state) => {
      const current = state.sources.get(id);
      if (!current) throw sourceNotFound(id);
      const next: Source = {
        ...current,
        ...(patch.title !== undefined && { title: patch.title.trim() }),
        ...(patch.publisher !== undefined && { publisher: patch.publisher.trim() }),
        ...(patch.authors !== undefined && { authors: patch.authors }),
        ...(patch.published !== undefined && { published: patch.published }),
        ...(patch.url !== undefined && { url: patch.url, canonicalUrl: current.canonicalUrl === current.url ? patch.url : current.canonicalUrl }),
        ...(patch.language !== undefined && { language: patch.language }),
        ...(patch.text !== undefined && { text: patch.text, excerpt: excerptOfText(patch.text) }),
        ...(patch.grade !== undefined && { grade: patch.grade }),
        ...(patch.tags !== undefined && { tags: patch.tags }),
      };
      const changes = new LibraryChanges();
      if (JSON.stringify(next) === JSON.stringify(current)) return { changes, result: current };
      const now = this.deps.now().toISOString();
      const updated: Source = { ...next, contentHash: sourceContentHash(next), updatedAt: now, editedAt: now };
      changes.sourcePuts.set(id, updated);
      return { changes, result: updated };
    });
  }

  /** `sources:delete`: also unlinks it from the events that list it. */
  async deleteSource(id: string): Promise<{ id: string }> {
    checkId('library', id);
    await this.library.ensureFresh();
    return this.library.commit((state) => {
      if (!state.sources.has(id)) throw sourceNotFound(id);
      const changes = new LibraryChanges();
      changes.sourceDeletes.add(id);
      const now = this.deps.now().toISOString();
      for (const event of state.events.values()) {
        if (!event.sourceIds.includes(id)) continue;
        changes.eventPuts.set(event.id, { ...event, sourceIds: event.sourceIds.filter((sourceId) => sourceId !== id), updatedAt: now });
      }
      return { changes, result: { id } };
    });
  }

  /** `sources:extract`: candidate events from the article's dated sentences. */
  async extract(id: string): Promise<CandidateEvent[]> {
    checkId('library', id);
    const source = await this.getSource(id);
    // A source known only by name (an ACLED outlet, a GDELT URL) has no text, and its title is no headline.
    if (!source.text.trim()) return [];
    return extractCandidates({ id: source.id, title: source.title, text: source.text, published: source.published, language: source.language }, { today: this.deps.now() });
  }

  /** `sources:accept-candidate`: a new event linked to the source, origin 'extracted'. */
  async acceptCandidate(sourceId: string, draft: EventDraft): Promise<LibraryEvent> {
    checkId('library', sourceId);
    await this.getSource(sourceId);
    const sourceIds = [sourceId, ...(draft.sourceIds ?? []).filter((other) => other !== sourceId)];
    return this.createEvent({ ...draft, sourceIds }, { kind: 'extracted', datasetId: null, file: null });
  }

  /**
   * `library:provenance`: where cited events and sources stand now. Answered from the in-memory
   * library (one stat of the manifest, no file reads), so a note with hundreds of citations can ask
   * on every open. Ids are answered once each, in the order given.
   */
  async provenance(eventIds: readonly string[], sourceIds: readonly string[]): Promise<CallOutput<'library:provenance'>> {
    const state = await this.state();
    const events = [...new Set(eventIds)].map((id) => {
      const event = state.events.get(id);
      if (!event) return { id, status: 'deleted' as const, datasetVersion: 0, updatedAt: null, removedUpstream: false };
      const removedUpstream = event.datasetId !== null && (state.datasets.get(event.datasetId)?.removedUpstream.has(id) ?? false);
      return { id, status: 'current' as const, datasetVersion: event.datasetVersion, updatedAt: event.updatedAt, removedUpstream };
    });
    const sources = [...new Set(sourceIds)].map((id) => {
      const found = state.sources.get(id);
      if (!found) return { id, status: 'deleted' as const, updatedAt: null, source: null };
      const { text: _text, ...source } = found;
      return { id, status: 'current' as const, updatedAt: found.updatedAt, source };
    });
    return { events, sources };
  }

  /** `library:citing-notes`. */
  citingNotes(id: string): Promise<{ noteId: string; title: string }[]> {
    checkId('library', id);
    return this.deps.citing.find(id);
  }

  private checkSources(state: LibraryState, ids: readonly string[]): string[] {
    const unique = [...new Set(ids)];
    const missing = unique.filter((id) => !state.sources.has(id));
    if (missing.length > 0) {
      throw new AppError('not_found', `No source with id ${missing.join(', ')}; add the source first or remove it from the event.`, [
        { path: 'sourceIds', message: `unknown: ${missing.join(', ')}` },
      ]);
    }
    return unique;
  }

  private reindex(state: LibraryState): void {
    this.sources.rebuild(state.sources.values());
    this.events.rebuild(state.events.values());
  }

  /**
   * Indexes a commit's changes while its files are written (library-store.ts). The work is done in
   * slices with the event loop let through between them, so the writes' next steps (sync, rename)
   * are not held up behind the whole index build; searches wait until the commit is applied or
   * discarded. A discarded commit's changes are undone by re-indexing the library as it is.
   */
  private async prepareIndexes(delta: LibraryDelta, state: LibraryState): Promise<PreparedChange> {
    let settle: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const previous = this.indexesSettled;
    this.indexesSettled = settled;
    // Another commit cannot be half-indexed (commits hold the library lock), but its apply may still be on its way.
    await previous;
    this.preparing = state;
    const finish = (): void => {
      this.preparing = null;
      settle();
    };
    const discard = (): void => {
      this.preparing = null;
      this.reindex(this.library.state);
      settle();
    };
    try {
      await this.applyDelta(delta);
    } catch (error) {
      discard();
      throw error;
    }
    return { apply: finish, discard };
  }

  private async applyDelta(delta: LibraryDelta): Promise<void> {
    for (const id of delta.sourcesRemoved) this.sources.remove(id);
    this.sources.putAll(delta.sourcesPut);
    if (delta.sourcesPut.length > 0 || delta.sourcesRemoved.length > 0) this.events.sourcesChanged();
    for (const id of delta.eventsRemoved) this.events.remove(id);
    const { eventsPut } = delta;
    for (let from = 0; from < eventsPut.length; from += INDEX_SLICE) {
      if (from > 0 || delta.sourcesPut.length > INDEX_SLICE) await new Promise<void>((resolve) => setImmediate(resolve));
      this.events.putAll(from === 0 && eventsPut.length <= INDEX_SLICE ? eventsPut : eventsPut.slice(from, from + INDEX_SLICE));
    }
    // Titles and grades of edited sources are part of their events' index entries.
    for (const id of delta.sourcesUpdated) this.events.refreshSource(id);
  }
}
