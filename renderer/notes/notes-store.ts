import type { ApiError, Note, NoteMetaPatch, NoteStatus, NoteSummary } from '../../core/index';
import type { AppClient } from '../api/client';
import { createStore, type Store } from '../app/store';

/** The note list's filters. */
export interface NoteFilters {
  /** Words matched against title and body. */
  query: string;
  tag: string | null;
  status: NoteStatus | null;
  /** Show the trash instead of the notes. */
  trashed: boolean;
}

/** State of the note list. */
export interface NotesState {
  filters: NoteFilters;
  /** The text typed in the search box (the query follows it after a short debounce). */
  searchText: string;
  notes: NoteSummary[];
  total: number;
  tags: string[];
  loading: boolean;
  /** True once the first list arrived. */
  loaded: boolean;
  error: ApiError | null;
  selectedId: string | null;
}

/** Result of an action: the value, or the error already turned into words. */
export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The notes store: the note list, its filters and the note actions. */
export interface NotesStore extends Pick<Store<NotesState>, 'getState' | 'subscribe'> {
  /** Search box input; the list follows ~150 ms after typing stops. */
  setSearchText(text: string): void;
  setTag(tag: string | null): void;
  setStatus(status: NoteStatus | null): void;
  setTrashed(trashed: boolean): void;
  select(id: string | null): void;
  refresh(): Promise<void>;
  /** A note was saved: update its row locally instead of reloading 5,000 rows. */
  noteSaved(id: string, meta: NoteMetaPatch | null, updatedAt: string): void;
  /** A note was created or duplicated: show it at the top. */
  noteAdded(note: Note): void;
  trash(id: string): Promise<ActionResult<NoteSummary>>;
  restore(id: string): Promise<ActionResult<NoteSummary>>;
  deleteForever(id: string): Promise<ActionResult<{ id: string }>>;
  emptyTrash(): Promise<ActionResult<{ deleted: number }>>;
  dispose(): void;
}

/** Options, mostly for tests. */
export interface NotesOptions {
  searchDebounceMs?: number;
  /** Most rows fetched at once; the contract allows 10,000. */
  limit?: number;
}

/** Builds a list row from a full note, for notes that are not in the list yet. */
export function summaryOf(note: Note): NoteSummary {
  return {
    id: note.id,
    title: note.meta.title,
    author: note.meta.author,
    date: note.meta.date,
    status: note.meta.status,
    marking: note.meta.marking,
    tags: note.meta.tags,
    createdAt: note.createdAt,
    updatedAt: note.updatedAt,
    trashedAt: note.trashedAt,
    excerpt: '',
    words: 0,
  };
}

/** Does a row still pass the filters after a local change? (Text matching is left to the server.) */
function passesFilters(row: NoteSummary, filters: NoteFilters): boolean {
  if (filters.trashed !== (row.trashedAt !== null)) return false;
  if (filters.status && row.status !== filters.status) return false;
  if (filters.tag && !row.tags.includes(filters.tag)) return false;
  return true;
}

/**
 * The note list with its filters and the note actions. Requests carry a sequence number so a
 * slow answer to an old filter never replaces the answer to the current one.
 */
export function createNotesStore(client: Pick<AppClient, 'call'>, options: NotesOptions = {}): NotesStore {
  const debounceMs = options.searchDebounceMs ?? 150;
  const limit = options.limit ?? 10000;
  const store = createStore<NotesState>({
    filters: { query: '', tag: null, status: null, trashed: false },
    searchText: '',
    notes: [],
    total: 0,
    tags: [],
    loading: false,
    loaded: false,
    error: null,
    selectedId: null,
  });
  let sequence = 0;
  let searchTimer: ReturnType<typeof setTimeout> | null = null;

  const refresh = async (): Promise<void> => {
    const request = ++sequence;
    const { filters } = store.getState();
    store.setState({ loading: true });
    const result = await client.call('notes:list', {
      ...(filters.query.trim() ? { query: filters.query.trim() } : {}),
      ...(filters.tag ? { tag: filters.tag } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      trashed: filters.trashed,
      limit,
    });
    if (request !== sequence) return;
    if (!result.ok) {
      store.setState({ loading: false, error: result.error });
      return;
    }
    store.setState({ loading: false, loaded: true, error: null, notes: result.value.notes, total: result.value.total, tags: result.value.tags });
  };

  const setFilters = (patch: Partial<NoteFilters>): void => {
    store.setState((state) => ({ filters: { ...state.filters, ...patch } }));
    void refresh();
  };

  const removeRow = (id: string): void => {
    store.setState((state) => ({ notes: state.notes.filter((row) => row.id !== id), total: Math.max(0, state.total - 1) }));
  };

  /**
   * Runs a change that moves a note out of the list shown (trash, restore, delete) and takes its row
   * out. A list asked for while the change was in flight may have been answered from before it (the
   * server listed the notes first: opening the trash right after "Move to trash" showed it empty,
   * and it stayed so), so the list is asked for again then; `refreshAfter` asks for it in any case.
   */
  const changeNote = async <T>(id: string, call: () => Promise<ActionResult<T>>, refreshAfter = false): Promise<ActionResult<T>> => {
    const asked = sequence;
    const result = await call();
    if (!result.ok) return result;
    removeRow(id);
    if (refreshAfter || sequence !== asked || store.getState().loading) void refresh();
    return result;
  };

  return {
    getState: store.getState,
    subscribe: store.subscribe,

    setSearchText(text) {
      store.setState({ searchText: text });
      if (searchTimer) clearTimeout(searchTimer);
      searchTimer = setTimeout(() => {
        searchTimer = null;
        if (store.getState().filters.query === text) return;
        setFilters({ query: text });
      }, debounceMs);
    },
    setTag: (tag) => setFilters({ tag }),
    setStatus: (status) => setFilters({ status }),
    setTrashed: (trashed) => setFilters({ trashed }),
    select: (id) => store.setState({ selectedId: id }),
    refresh,

    noteSaved(id, meta, updatedAt) {
      store.setState((state) => {
        const index = state.notes.findIndex((row) => row.id === id);
        if (index < 0) return {};
        const row = state.notes[index]!;
        const updated: NoteSummary = {
          ...row,
          updatedAt,
          ...(meta?.title !== undefined ? { title: meta.title } : {}),
          ...(meta?.status ? { status: meta.status } : {}),
          ...(meta?.marking ? { marking: meta.marking } : {}),
          ...(meta?.author !== undefined ? { author: meta.author } : {}),
          ...(meta?.date ? { date: meta.date } : {}),
          ...(meta?.tags ? { tags: meta.tags } : {}),
        };
        const rest = state.notes.filter((_, i) => i !== index);
        // The list sorts by last update: a saved note moves to the top.
        return { notes: passesFilters(updated, state.filters) ? [updated, ...rest] : rest };
      });
    },

    noteAdded(note) {
      store.setState((state) => {
        const row = summaryOf(note);
        if (!passesFilters(row, state.filters)) return { selectedId: note.id };
        return { notes: [row, ...state.notes.filter((other) => other.id !== note.id)], total: state.total + 1, selectedId: note.id };
      });
      // The excerpt and word count come from the server.
      void refresh();
    },

    trash: (id) => changeNote(id, () => client.call('notes:trash', { id })),

    // Restored from the trash while the library is shown: the note comes back into the list.
    restore: (id) => changeNote(id, () => client.call('notes:restore', { id }), !store.getState().filters.trashed),

    deleteForever: (id) => changeNote(id, () => client.call('notes:delete', { id, confirm: true })),

    async emptyTrash() {
      const result = await client.call('notes:empty-trash', { confirm: true });
      if (result.ok) void refresh();
      return result;
    },

    dispose() {
      if (searchTimer) clearTimeout(searchTimer);
    },
  };
}
