import type { ApiError, CallOutput, EventCard, EventDraft, LibraryEvent, Result } from '../../core/index';
import { createStore, type Store } from '../app/store';
import type { ResearchClient } from './research-client';
import { EMPTY_FILTERS, buildEventQuery, type BucketMode, type EventFilters } from './event-query';
import { createPagedList, emptyPagedList, type PagedListFields } from './paged-list';

/** Rows per `events:search` page. */
export const EVENT_PAGE_SIZE = 100;
/**
 * Typing pause before a search runs. Short: a search over 100,000 events answers in a few ms, so
 * the pause only spares work on fast bursts of typing; a longer one would be most of the wait.
 */
export const SEARCH_DEBOUNCE_MS = 40;

type EventDetail = CallOutput<'events:get'>;

/** The Events tab's state: the paged result list and the rest. */
export interface EventsState extends PagedListFields<EventCard> {
  /** What the inputs show (may run ahead of the results while debouncing). */
  filters: EventFilters;
  bucket: BucketMode;
  /** Day counts of all matches (the timeline regroups them). */
  histogram: readonly { start: string; count: number }[] | null;
  tookMs: number | null;
  detailId: string | null;
  detail: EventDetail | null;
  detailError: ApiError | null;
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
    ...emptyPagedList<EventCard>(),
    filters: EMPTY_FILTERS,
    bucket: 'auto',
    histogram: null,
    tookMs: null,
    detailId: null,
    detail: null,
    detailError: null,
    checkedIds: [],
  });
  let detailSeq = 0;

  const list = createPagedList<EventCard, EventFilters, EventsState>(store, {
    pageSize,
    debounceMs,
    query: () => store.getState().filters,
    async fetch(filters, { offset, limit, first }) {
      const result = await client.call('events:search', buildEventQuery(filters, first ? { offset, limit, histogram: true } : { offset, limit }));
      if (!result.ok) return result;
      const { total, events, histogram, tookMs } = result.value;
      return { ok: true, value: { total, rows: events, extra: first ? { histogram, tookMs } : undefined } };
    },
  });

  const api: EventsStore = {
    getState: store.getState,
    subscribe: store.subscribe,
    setFilters(patch, { debounce = false } = {}) {
      store.setState((state) => ({ filters: { ...state.filters, ...patch } }));
      list.searchSoon(debounce);
    },
    resetFilters() {
      store.setState((state) => ({ filters: { ...EMPTY_FILTERS, sort: state.filters.sort } }));
      void list.search();
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
      await Promise.all([list.search(true), open ? api.openDetail(open) : undefined]);
    },
    ensureRows: list.ensureRows,
    rowAt: list.rowAt,
    select: list.select,
    moveSelection: list.moveSelection,
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
    start: list.start,
    dispose: list.dispose,
  };
  return api;
}
