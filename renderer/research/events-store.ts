import type { ApiError, CallOutput, EventCard, EventDraft, LibraryEvent, Result } from '../../core/index';
import { createStore, type Store } from '../app/store';
import type { ResearchClient } from './research-client';
import { EMPTY_FILTERS, buildEventQuery, type BucketMode, type EventFilters } from './event-query';
import { createPageLoader } from './page-loader';

/** Rows per `events:search` page. */
export const EVENT_PAGE_SIZE = 100;
/**
 * Typing pause before a search runs. Short: a search over 100,000 events answers in a few ms, so
 * the pause only spares work on fast bursts of typing; a longer one would be most of the wait.
 */
export const SEARCH_DEBOUNCE_MS = 40;

type EventDetail = CallOutput<'events:get'>;

/** The Events tab's state. */
export interface EventsState {
  /** What the inputs show (may run ahead of the results while debouncing). */
  filters: EventFilters;
  bucket: BucketMode;
  /** Matches of the results shown; null before the first answer. */
  total: number | null;
  /** Day counts of all matches (the timeline regroups them). */
  histogram: readonly { start: string; count: number }[] | null;
  /** Loaded pages of the results shown, by page index. */
  pages: Readonly<Record<number, readonly EventCard[]>>;
  tookMs: number | null;
  loading: boolean;
  error: ApiError | null;
  /** Keyboard/click selection in the list; -1 for none. */
  selectedIndex: number;
  detailId: string | null;
  detail: EventDetail | null;
  detailError: ApiError | null;
  /** Bumped on every new result set, so the list can scroll back to the top. */
  resultsTick: number;
  /** Events picked for a chronology (Ctrl/Cmd+click or the card's checkbox), in picking order. */
  checkedIds: readonly string[];
}

/** The Events tab's store. */
export interface EventsStore extends Pick<Store<EventsState>, 'getState' | 'subscribe'> {
  /** Sets one or more filters; text fields wait for a typing pause, the rest search at once. */
  setFilters(patch: Partial<EventFilters>, options?: { debounce?: boolean }): void;
  resetFilters(): void;
  setBucket(bucket: BucketMode): void;
  /** Sets the date range from the timeline brush (searches at once). */
  brush(from: string, to: string): void;
  clearDates(): void;
  /** Runs the current filters again (after imports and edits), keeping the selection where it can. */
  refresh(): Promise<void>;
  /** Makes sure the rows `first`..`last` are loaded (the list calls it as it scrolls). */
  ensureRows(first: number, last: number): void;
  /** The row at `index`, when its page is loaded. */
  rowAt(index: number): EventCard | undefined;
  select(index: number): void;
  /** Moves the selection by `delta` rows, clamped to the results. */
  moveSelection(delta: number): void;
  openDetail(id: string): Promise<void>;
  closeDetail(): void;
  createEvent(draft: EventDraft): Promise<Result<LibraryEvent>>;
  /** Saves an edit; the open detail shows the saved event. */
  updateEvent(id: string, patch: EventDraft): Promise<Result<LibraryEvent>>;
  deleteEvent(id: string): Promise<Result<{ id: string }>>;
  /** Adds an event to the picked ones, or takes it out. */
  toggleChecked(id: string): void;
  clearChecked(): void;
  /** Runs the first search unless one ran already. */
  start(): void;
  /** Cancels timers (tests, teardown). */
  dispose(): void;
}

/** Creates the Events store around the client. */
export function createEventsStore(client: ResearchClient, options: { debounceMs?: number; pageSize?: number } = {}): EventsStore {
  const debounceMs = options.debounceMs ?? SEARCH_DEBOUNCE_MS;
  const pageSize = options.pageSize ?? EVENT_PAGE_SIZE;
  const store = createStore<EventsState>({
    filters: EMPTY_FILTERS,
    bucket: 'auto',
    total: null,
    histogram: null,
    pages: {},
    tookMs: null,
    loading: false,
    error: null,
    selectedIndex: -1,
    detailId: null,
    detail: null,
    detailError: null,
    resultsTick: 0,
    checkedIds: [],
  });

  let timer: ReturnType<typeof setTimeout> | null = null;
  let started = false;
  // Each search gets a sequence number; answers to older searches are dropped.
  let latestSeq = 0;
  // The filters and sequence number of the results on screen; page fetches use exactly these.
  let shown: { seq: number; filters: EventFilters } = { seq: 0, filters: EMPTY_FILTERS };
  let detailSeq = 0;

  const cancelTimer = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  const search = async (keepSelection = false): Promise<void> => {
    cancelTimer();
    started = true;
    const seq = ++latestSeq;
    const filters = store.getState().filters;
    store.setState({ loading: true });
    const result = await client.call('events:search', buildEventQuery(filters, { offset: 0, limit: pageSize, histogram: true }));
    if (seq !== latestSeq) return;
    if (!result.ok) {
      store.setState({ loading: false, error: result.error });
      return;
    }
    shown = { seq, filters };
    loader.reset();
    const { total, events, histogram, tookMs } = result.value;
    store.setState((state) => ({
      loading: false,
      error: null,
      total,
      histogram,
      tookMs,
      pages: { 0: events },
      selectedIndex: keepSelection ? Math.min(state.selectedIndex, total - 1) : -1,
      resultsTick: keepSelection ? state.resultsTick : state.resultsTick + 1,
    }));
  };

  const fetchPage = async (page: number): Promise<void> => {
    const { seq, filters } = shown;
    const result = await client.call('events:search', buildEventQuery(filters, { offset: page * pageSize, limit: pageSize }));
    if (seq !== shown.seq) return;
    if (!result.ok) {
      store.setState({ error: result.error });
      return;
    }
    store.setState((state) => ({ pages: { ...state.pages, [page]: result.value.events }, total: result.value.total }));
  };

  const loader = createPageLoader({
    pageSize,
    total: () => store.getState().total,
    isLoaded: (page) => Boolean(store.getState().pages[page]),
    fetch: fetchPage,
  });

  const api: EventsStore = {
    getState: store.getState,
    subscribe: store.subscribe,
    setFilters(patch, { debounce = false } = {}) {
      store.setState((state) => ({ filters: { ...state.filters, ...patch } }));
      cancelTimer();
      if (!debounce) {
        void search();
        return;
      }
      timer = setTimeout(() => void search(), debounceMs);
    },
    resetFilters() {
      store.setState((state) => ({ filters: { ...EMPTY_FILTERS, sort: state.filters.sort } }));
      void search();
    },
    setBucket: (bucket) => store.setState({ bucket }),
    brush(from, to) {
      api.setFilters({ from, to });
    },
    clearDates() {
      api.setFilters({ from: '', to: '' });
    },
    async refresh() {
      const open = store.getState().detailId;
      // An import or a reload of the sample may have changed the open event: show it as it is now.
      await Promise.all([search(true), open ? api.openDetail(open) : undefined]);
    },
    ensureRows: (first, last) => loader.want(first, last),
    rowAt(index) {
      const page = store.getState().pages[Math.floor(index / pageSize)];
      return page?.[index % pageSize];
    },
    select(index) {
      const total = store.getState().total ?? 0;
      store.setState({ selectedIndex: total === 0 ? -1 : Math.max(0, Math.min(index, total - 1)) });
    },
    moveSelection(delta) {
      const { selectedIndex } = store.getState();
      api.select(selectedIndex < 0 ? 0 : selectedIndex + delta);
    },
    async openDetail(id) {
      const seq = ++detailSeq;
      store.setState({ detailId: id, detailError: null, detail: store.getState().detail?.event.id === id ? store.getState().detail : null });
      const result = await client.call('events:get', { id });
      if (seq !== detailSeq) return;
      if (!result.ok) {
        store.setState({ detailError: result.error });
        return;
      }
      store.setState({ detail: result.value });
    },
    closeDetail() {
      detailSeq++;
      store.setState({ detailId: null, detail: null, detailError: null });
    },
    createEvent: (draft) => client.call('events:create', draft),
    async updateEvent(id, patch) {
      const result = await client.call('events:update', { id, patch });
      if (result.ok && store.getState().detailId === id) void api.openDetail(id);
      return result;
    },
    async deleteEvent(id) {
      const result = await client.call('events:delete', { id, confirm: true });
      if (result.ok) store.setState((state) => ({ checkedIds: state.checkedIds.filter((checked) => checked !== id) }));
      return result;
    },
    toggleChecked(id) {
      store.setState((state) => ({ checkedIds: state.checkedIds.includes(id) ? state.checkedIds.filter((checked) => checked !== id) : [...state.checkedIds, id] }));
    },
    clearChecked: () => store.setState({ checkedIds: [] }),
    start() {
      if (started) return;
      void search();
    },
    dispose: cancelTimer,
  };
  return api;
}
