import type { ApiError, Result } from '../../core/index';
import type { Store } from '../app/store';
import { pagesFor } from './event-query';

/** Pages fetched at once; more would queue on the backend behind pages already scrolled past. */
const MAX_INFLIGHT = 2;

/** The fields of a paged result list, kept in the store of the tab that shows it. */
export interface PagedListFields<Row> {
  /** Matches of the results shown; null before the first answer. */
  total: number | null;
  /** Loaded pages of the results shown, by page index. */
  pages: Readonly<Record<number, readonly Row[]>>;
  loading: boolean;
  error: ApiError | null;
  /** Keyboard/click selection in the list; -1 for none. */
  selectedIndex: number;
  /** Bumped on every new result set, so the list can scroll back to the top. */
  resultsTick: number;
}

/** One page of results; the first page's `extra` (a histogram, a timing) goes into the store too. */
export interface PageAnswer<Row, S> {
  total: number;
  rows: readonly Row[];
  extra?: Partial<S>;
}

/** What a paged list asks of its tab. */
export interface PagedListOptions<Row, Q, S> {
  pageSize: number;
  /** Pause after typing before a search runs. */
  debounceMs: number;
  /** The query the inputs show now. */
  query(): Q;
  /** Fetches rows `offset`..`offset + limit` of a query; `first` is the page a new search starts with. */
  fetch(query: Q, page: { offset: number; limit: number; first: boolean }): Promise<Result<PageAnswer<Row, S>>>;
}

/** The list half of the Events and Sources stores: search, pages, selection. */
export interface PagedList<Row> {
  /** Runs the query now; `keepSelection` keeps the selection and scroll (a refresh after an edit). */
  search(keepSelection?: boolean): Promise<void>;
  /** Runs the query after the typing pause (a new call restarts the pause), or now. */
  searchSoon(debounce: boolean): void;
  /** Makes sure the rows `first`..`last` are loaded (the list calls it as it scrolls). */
  ensureRows(first: number, last: number): void;
  /** The row at `index`, when its page is loaded. */
  rowAt(index: number): Row | undefined;
  select(index: number): void;
  /** Moves the selection by `delta` rows, clamped to the results. */
  moveSelection(delta: number): void;
  /** Replaces loaded rows in place (a grade changed). */
  mapRows(change: (row: Row) => Row): void;
  /** Runs the first search unless one ran already. */
  start(): void;
  /** Cancels the typing pause (tests, teardown). */
  dispose(): void;
}

/** The first state of a paged list. */
export function emptyPagedList<Row>(): PagedListFields<Row> {
  return { total: null, pages: {}, loading: false, error: null, selectedIndex: -1, resultsTick: 0 };
}

/**
 * The one paged list behind the Events and Sources tabs. A search fetches the first page; the
 * list then asks for the rows on screen, and their pages are fetched at most two at a time, always
 * for the latest visible range: when the analyst flings the list through 100,000 rows, the pages
 * scrolled past are never requested, and the rows where the scroll stops arrive first. Answers to
 * an overtaken search, and pages of a result set no longer shown, are dropped.
 */
export function createPagedList<Row, Q, S extends PagedListFields<Row>>(store: Store<S>, options: PagedListOptions<Row, Q, S>): PagedList<Row> {
  const { pageSize } = options;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let started = false;
  // Each search gets a sequence number; answers to older searches are dropped.
  let latestSeq = 0;
  // The query and sequence number of the results on screen; page fetches use exactly these.
  let shown: { seq: number; query: Q | null } = { seq: 0, query: null };
  let inflight = new Set<number>();
  let wanted: [number, number] | null = null;

  const cancelTimer = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  const patch = (next: Partial<PagedListFields<Row>> | ((state: S) => Partial<PagedListFields<Row>>)): void => {
    // The paged fields are S's own (S extends PagedListFields<Row>).
    store.setState(next as Partial<S> | ((state: S) => Partial<S>));
  };

  const fetchPage = async (page: number): Promise<void> => {
    const { seq, query } = shown;
    if (query === null) return;
    const result = await options.fetch(query, { offset: page * pageSize, limit: pageSize, first: false });
    if (seq !== shown.seq) return;
    if (!result.ok) return patch({ error: result.error });
    patch((state) => ({ pages: { ...state.pages, [page]: result.value.rows }, total: result.value.total }));
  };

  const pump = (): void => {
    const { total, pages } = store.getState();
    if (!wanted || total === null) return;
    for (const page of pagesFor(wanted[0], wanted[1], pageSize, total)) {
      if (inflight.size >= MAX_INFLIGHT) return;
      if (inflight.has(page) || pages[page]) continue;
      const batch = inflight;
      batch.add(page);
      void fetchPage(page).finally(() => {
        // After a new search this batch is stale; its slot is not ours to free.
        if (batch !== inflight) return;
        batch.delete(page);
        pump();
      });
    }
  };

  const search = async (keepSelection = false): Promise<void> => {
    cancelTimer();
    started = true;
    const seq = ++latestSeq;
    const query = options.query();
    patch({ loading: true });
    const result = await options.fetch(query, { offset: 0, limit: pageSize, first: true });
    if (seq !== latestSeq) return;
    if (!result.ok) return patch({ loading: false, error: result.error });
    shown = { seq, query };
    inflight = new Set();
    const { total, rows, extra } = result.value;
    store.setState((state) => {
      const fields: Partial<PagedListFields<Row>> = {
        loading: false,
        error: null,
        total,
        pages: { 0: rows },
        selectedIndex: keepSelection ? Math.min(state.selectedIndex, total - 1) : -1,
        resultsTick: keepSelection ? state.resultsTick : state.resultsTick + 1,
      };
      // One change for the list and the first page's extras (the timeline's histogram).
      return { ...extra, ...(fields as Partial<S>) };
    });
  };

  const select = (index: number): void => {
    const total = store.getState().total ?? 0;
    patch({ selectedIndex: total === 0 ? -1 : Math.max(0, Math.min(index, total - 1)) });
  };

  return {
    search,
    searchSoon(debounce) {
      cancelTimer();
      if (!debounce) {
        void search();
        return;
      }
      timer = setTimeout(() => void search(), options.debounceMs);
    },
    ensureRows(first, last) {
      wanted = [first, last];
      pump();
    },
    rowAt(index) {
      return store.getState().pages[Math.floor(index / pageSize)]?.[index % pageSize];
    },
    select,
    moveSelection(delta) {
      const { selectedIndex } = store.getState();
      select(selectedIndex < 0 ? 0 : selectedIndex + delta);
    },
    mapRows(change) {
      patch((state) => ({ pages: Object.fromEntries(Object.entries(state.pages).map(([page, rows]) => [page, rows.map(change)])) }));
    },
    start() {
      if (started) return;
      void search();
    },
    dispose: cancelTimer,
  };
}
