import type { ApiError, CallOutput, LibraryEvent, Result, Source } from '../../core/index';
import type { AppClient } from '../api/client';
import { createStore, type Store } from '../app/store';
import type { CitedIds } from './cited-ids';

/** Where one cited source stands now (library:provenance). */
export type SourceStatusEntry = CallOutput<'library:provenance'>['sources'][number];
/** Where one event behind a fact stands now (library:provenance). */
export type EventStatusEntry = CallOutput<'library:provenance'>['events'][number];
/** A citation style as listed by citations:styles. */
export type StyleInfo = CallOutput<'citations:styles'>['styles'][number];

/** What the editor and the Sourcing panel know about the open note's cited ids. */
export interface CitationsState {
  /** Cited sources by id; an id missing here is not known yet (not the same as deleted). */
  sources: ReadonlyMap<string, SourceStatusEntry>;
  events: ReadonlyMap<string, EventStatusEntry>;
  /** Bumped whenever `sources` or `events` change, so views can recompute. */
  provenanceTick: number;
  /** The last provenance request failed: flags may be out of date. */
  provenanceError: ApiError | null;
  styles: readonly StyleInfo[];
  /** The workspace default style id (settings.citationStyle). */
  defaultStyle: string;
  stylesLoaded: boolean;
  stylesError: ApiError | null;
}

/** The citations store: provenance statuses of the open note and the citation styles. */
export interface CitationsStore extends Pick<Store<CitationsState>, 'getState' | 'subscribe'> {
  /** Asks library:provenance about these ids and replaces what is known; false when the answer was dropped or failed. */
  refresh(ids: CitedIds): Promise<boolean>;
  /** Records sources the renderer just fetched (e.g. before inserting them), so they show before the next refresh. */
  primeSources(sources: readonly Source[]): void;
  /** Records events the renderer just fetched (inserted facts). */
  primeEvents(events: readonly LibraryEvent[]): void;
  /** Forgets everything about the previous note. */
  clear(): void;
  loadStyles(): Promise<void>;
  /** Makes sure an added style's CSL is registered in the renderer before it is used. */
  ensureStyle(id: string): Promise<ApiError | null>;
  /** Adds a .csl file (citations:add-style); a broken one comes back as an error with the reason. */
  addStyle(fileName: string, xml: string): Promise<Result<StyleInfo>>;
  /** The style a note uses: its own, else the workspace default, else numeric. */
  styleFor(noteStyle: string | null | undefined): string;
}

/**
 * What the store needs besides the client: registering CSL in the renderer's engine
 * (core/citations/styles, or citation-engine's registerStyleLazily, which loads the engine first).
 */
export interface CitationsStoreOptions {
  registerStyle: (id: string, xml: string) => void | Promise<void>;
}

/** Drops the text of a source: the store keeps only what rendering and checks need. */
function withoutText(source: Source): SourceStatusEntry['source'] {
  const { text, ...rest } = source;
  void text;
  return rest;
}

/** Creates the citations store. */
export function createCitationsStore(client: Pick<AppClient, 'call'>, options: CitationsStoreOptions): CitationsStore {
  const store = createStore<CitationsState>({
    sources: new Map(),
    events: new Map(),
    provenanceTick: 0,
    provenanceError: null,
    styles: [],
    defaultStyle: 'numeric',
    stylesLoaded: false,
    stylesError: null,
  });
  const registered = new Set<string>();
  let seq = 0;

  const api: CitationsStore = {
    getState: store.getState,
    subscribe: store.subscribe,

    async refresh(ids) {
      const mine = ++seq;
      if (ids.sourceIds.length === 0 && ids.eventIds.length === 0) {
        store.setState((state) => ({ sources: new Map(), events: new Map(), provenanceTick: state.provenanceTick + 1, provenanceError: null }));
        return true;
      }
      const result = await client.call('library:provenance', { sourceIds: ids.sourceIds.slice(0, 5000), eventIds: ids.eventIds.slice(0, 5000) });
      // A newer request (another note, a newer library change) wins.
      if (mine !== seq) return false;
      if (!result.ok) {
        store.setState({ provenanceError: result.error });
        return false;
      }
      store.setState((state) => ({
        sources: new Map(result.value.sources.map((entry) => [entry.id, entry])),
        events: new Map(result.value.events.map((entry) => [entry.id, entry])),
        provenanceTick: state.provenanceTick + 1,
        provenanceError: null,
      }));
      return true;
    },

    primeSources(sources) {
      if (sources.length === 0) return;
      store.setState((state) => {
        const next = new Map(state.sources);
        for (const source of sources) next.set(source.id, { id: source.id, status: 'current', updatedAt: source.updatedAt, source: withoutText(source) });
        return { sources: next, provenanceTick: state.provenanceTick + 1 };
      });
    },

    primeEvents(events) {
      if (events.length === 0) return;
      store.setState((state) => {
        const next = new Map(state.events);
        for (const event of events) {
          // An event already known keeps its removed-upstream flag: fetching it says nothing about that.
          const known = next.get(event.id);
          next.set(event.id, { id: event.id, status: 'current', datasetVersion: event.datasetVersion, updatedAt: event.updatedAt, removedUpstream: known?.removedUpstream ?? false });
        }
        return { events: next, provenanceTick: state.provenanceTick + 1 };
      });
    },

    clear() {
      seq++;
      store.setState((state) => ({ sources: new Map(), events: new Map(), provenanceTick: state.provenanceTick + 1, provenanceError: null }));
    },

    async loadStyles() {
      const result = await client.call('citations:styles', {});
      if (!result.ok) {
        store.setState({ stylesError: result.error, stylesLoaded: true });
        return;
      }
      store.setState({ styles: result.value.styles, defaultStyle: result.value.defaultStyle, stylesLoaded: true, stylesError: null });
    },

    async ensureStyle(id) {
      if (registered.has(id)) return null;
      if (!store.getState().stylesLoaded) await api.loadStyles();
      const info = store.getState().styles.find((style) => style.id === id);
      // Built-ins ship with the renderer; an unknown id falls back to the default when formatting.
      if (!info || info.builtIn) return null;
      const result = await client.call('citations:style-xml', { id });
      if (!result.ok) return result.error;
      try {
        await options.registerStyle(id, result.value.xml);
      } catch (error) {
        return { code: 'invalid_input', message: `The style “${info.name}” could not be loaded: ${error instanceof Error ? error.message : String(error)}` };
      }
      registered.add(id);
      return null;
    },

    async addStyle(fileName, xml) {
      const result = await client.call('citations:add-style', { fileName, xml });
      if (!result.ok) return result;
      try {
        await options.registerStyle(result.value.id, xml);
        registered.add(result.value.id);
      } catch (error) {
        return { ok: false, error: { code: 'invalid_input', message: `The style was added but could not be loaded here: ${error instanceof Error ? error.message : String(error)}` } };
      }
      store.setState((state) => ({ styles: [...state.styles.filter((style) => style.id !== result.value.id), result.value] }));
      return result;
    },

    styleFor(noteStyle) {
      return noteStyle || store.getState().defaultStyle || 'numeric';
    },
  };
  return api;
}
