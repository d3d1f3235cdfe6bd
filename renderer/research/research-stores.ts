import type { ApiError, CallOutput, LibraryEvent, Result, Source } from '../../core/index';
import { createStore, type Store } from '../app/store';
import { createEventsStore, type EventsStore } from './events-store';
import { createImportStore, type ImportStore } from './import-store';
import type { ResearchClient } from './research-client';
import { createSourcesStore, type SourcesStore } from './sources-store';

/** Tabs of the right-hand panel: the research sidebar's two, then the note's own two. */
export type SidebarTab = 'events' | 'sources' | 'outline' | 'history' | 'sourcing';

/** Width limits of the panel, in CSS pixels. */
export const SIDEBAR_MIN_WIDTH = 320;
export const SIDEBAR_MAX_WIDTH = 760;
export const SIDEBAR_DEFAULT_WIDTH = 440;

/** localStorage keys. */
export const SIDEBAR_WIDTH_KEY = 'briefing-desk.sidebar-width';
export const SAMPLE_DISMISSED_KEY = 'briefing-desk.sample-dismissed';

type Stats = CallOutput<'library:stats'>;

/** A dialog the sidebar shows (one at a time). */
export type SidebarDialog =
  | { kind: 'event-form'; event: LibraryEvent | null }
  | { kind: 'source-form'; source: Source | null }
  | { kind: 'delete'; target: 'event' | 'source'; id: string; label: string };

export interface SidebarState {
  tab: SidebarTab;
  width: number;
  stats: Stats | null;
  statsError: ApiError | null;
  sampleDismissed: boolean;
  loadingSample: boolean;
  dialog: SidebarDialog | null;
  /**
   * Bumped whenever the library changed through this window (imports, the sample, event and source
   * edits and deletes, grades), so notes can re-check what they cite.
   */
  libraryVersion: number;
}

/** Layout, library statistics and the sample offer. */
export interface SidebarStore extends Pick<Store<SidebarState>, 'getState' | 'subscribe'> {
  setTab(tab: SidebarTab): void;
  /** Sets the width (clamped); `persist` writes it to localStorage (at the end of a drag). */
  setWidth(width: number, persist?: boolean): void;
  refreshStats(): Promise<void>;
  /** Loads the sample library, then refreshes every list. */
  loadSample(): Promise<ApiError | null>;
  dismissSample(): void;
  /** Notes that cite a library id (asked before deleting it). */
  citingNotes(id: string): Promise<Result<CallOutput<'library:citing-notes'>>>;
  openDialog(dialog: SidebarDialog): void;
  closeDialog(): void;
  /** Says the library changed (bumps `libraryVersion`). */
  libraryChanged(): void;
}

/** Every store of the research sidebar. */
export interface ResearchStores {
  sidebar: SidebarStore;
  events: EventsStore;
  sources: SourcesStore;
  imports: ImportStore;
  /** Refreshes stats, events and sources (after imports, edits and the sample). */
  refreshAll(): Promise<void>;
}

/** Clamps a width to the panel's limits. */
export function clampWidth(width: number): number {
  if (!Number.isFinite(width)) return SIDEBAR_DEFAULT_WIDTH;
  return Math.round(Math.max(SIDEBAR_MIN_WIDTH, Math.min(SIDEBAR_MAX_WIDTH, width)));
}

function readStorage(storage: Pick<Storage, 'getItem'> | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function writeStorage(storage: Pick<Storage, 'setItem'> | null, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Storage can be disabled; the setting then lasts for this page only.
  }
}

/** Builds the sidebar's stores around the client. */
export function createResearchStores(
  client: ResearchClient,
  options: { storage?: Pick<Storage, 'getItem' | 'setItem'> | null; debounceMs?: number; pollMs?: number } = {},
): ResearchStores {
  const storage = options.storage === undefined ? (typeof localStorage === 'undefined' ? null : localStorage) : options.storage;
  const storedWidth = Number(readStorage(storage, SIDEBAR_WIDTH_KEY));
  const store = createStore<SidebarState>({
    tab: 'events',
    width: storedWidth ? clampWidth(storedWidth) : SIDEBAR_DEFAULT_WIDTH,
    stats: null,
    statsError: null,
    sampleDismissed: readStorage(storage, SAMPLE_DISMISSED_KEY) === '1',
    loadingSample: false,
    dialog: null,
    libraryVersion: 0,
  });
  const libraryChanged = (): void => store.setState((state) => ({ libraryVersion: state.libraryVersion + 1 }));

  const refreshStats = async (): Promise<void> => {
    const result = await client.call('library:stats', {});
    if (!result.ok) {
      store.setState({ statsError: result.error });
      return;
    }
    store.setState({ stats: result.value, statsError: null });
  };

  let refreshAll: () => Promise<void> = async () => undefined;
  const events = createEventsStore(client, { debounceMs: options.debounceMs });
  const sources = createSourcesStore(client, { debounceMs: options.debounceMs, onEventAdded: () => void refreshAll(), onLibraryChanged: libraryChanged });
  const imports = createImportStore(client, { pollMs: options.pollMs, onFinished: () => void refreshAll() });
  refreshAll = async () => {
    // Every path that changes the library ends here (imports, the sample, edits, deletes).
    libraryChanged();
    await Promise.all([refreshStats(), events.refresh(), sources.refresh()]);
  };

  const sidebar: SidebarStore = {
    getState: store.getState,
    subscribe: store.subscribe,
    setTab: (tab) => store.setState({ tab }),
    setWidth(width, persist = false) {
      const clamped = clampWidth(width);
      store.setState({ width: clamped });
      if (persist) writeStorage(storage, SIDEBAR_WIDTH_KEY, String(clamped));
    },
    refreshStats,
    async loadSample() {
      store.setState({ loadingSample: true });
      // Through the import store: a reload that kept the analyst's edits shows it in the import panel.
      const error = await imports.loadSample();
      store.setState({ loadingSample: false });
      if (error) return error;
      await refreshAll();
      return null;
    },
    dismissSample() {
      writeStorage(storage, SAMPLE_DISMISSED_KEY, '1');
      store.setState({ sampleDismissed: true });
    },
    citingNotes: (id) => client.call('library:citing-notes', { id }),
    openDialog: (dialog) => store.setState({ dialog }),
    closeDialog: () => store.setState({ dialog: null }),
    libraryChanged,
  };

  return { sidebar, events, sources, imports, refreshAll: () => refreshAll() };
}
