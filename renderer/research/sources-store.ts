import type { ApiError, CallOutput, CandidateEvent, DatePrecision, EventDraft, Grade, Result, Source, SourceDraft } from '../../core/index';
import { createStore, type Store } from '../app/store';
import { SEARCH_DEBOUNCE_MS } from './events-store';
import { createPageLoader } from './page-loader';
import type { ResearchClient } from './research-client';

/** A source in the list (no text: the reader fetches it). */
export type SourceRow = CallOutput<'sources:search'>['sources'][number];

/** Rows per `sources:search` page. */
export const SOURCE_PAGE_SIZE = 100;

/** The passage the analyst selected in the reader; the cited-facts issue quotes it. */
export interface SelectedPassage {
  sourceId: string;
  quote: string;
}

/** A candidate event while the analyst edits it before accepting. */
export interface CandidateDraft {
  candidate: CandidateEvent;
  date: string;
  precision: DatePrecision;
  summary: string;
  /** Comma-separated, as typed. */
  actors: string;
  state: 'open' | 'accepting' | 'accepted' | 'dismissed';
  error: string | null;
}

/** The Sources tab and the source reader. */
export interface SourcesState {
  query: string;
  total: number | null;
  pages: Readonly<Record<number, readonly SourceRow[]>>;
  loading: boolean;
  error: ApiError | null;
  selectedIndex: number;
  resultsTick: number;
  readerId: string | null;
  reader: Source | null;
  readerError: ApiError | null;
  passage: SelectedPassage | null;
  candidates: readonly CandidateDraft[] | null;
  extracting: boolean;
}

/** The Sources store. */
export interface SourcesStore extends Pick<Store<SourcesState>, 'getState' | 'subscribe'> {
  setQuery(query: string, options?: { debounce?: boolean }): void;
  refresh(): Promise<void>;
  ensureRows(first: number, last: number): void;
  rowAt(index: number): SourceRow | undefined;
  select(index: number): void;
  moveSelection(delta: number): void;
  openReader(id: string): Promise<void>;
  closeReader(): void;
  /** Keeps the analyst's selection in the reader (null or blank clears it). */
  selectPassage(passage: SelectedPassage | null): void;
  /** Sets the grade of the open source (`sources:update`). */
  setGrade(grade: Grade): Promise<ApiError | null>;
  extract(): Promise<void>;
  editCandidate(id: string, patch: Partial<Pick<CandidateDraft, 'date' | 'precision' | 'summary' | 'actors'>>): void;
  acceptCandidate(id: string): Promise<boolean>;
  dismissCandidate(id: string): void;
  createSource(draft: SourceDraft): Promise<Result<Source>>;
  /** Saves an edit; the reader shows the saved source. */
  updateSource(id: string, patch: SourceDraft): Promise<Result<Source>>;
  deleteSource(id: string): Promise<Result<{ id: string }>>;
  start(): void;
  dispose(): void;
}

/** Builds the event an accepted candidate becomes. */
export function candidateToDraft(draft: CandidateDraft): EventDraft {
  const date = normalizeDate(draft.date, draft.precision);
  const { candidate } = draft;
  // A span the extraction found ("this week" → Monday to Sunday) holds while the analyst keeps its start.
  const keepsSpan = candidate.endDate && date === candidate.date.date && draft.precision === candidate.date.precision;
  return {
    date: { date, precision: draft.precision },
    ...(keepsSpan && { endDate: candidate.endDate }),
    ...(candidate.places[0] && { location: { name: candidate.places[0], country: null, admin1: null, latitude: null, longitude: null } }),
    summary: draft.summary.trim(),
    actors: draft.actors
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
      .map((name) => ({ name, role: 'other' as const, countryCode: null })),
    sourceIds: [draft.candidate.sourceId],
  };
}

/** "2025-06" with month precision is stored as 2025-06-01; a year as YYYY-01-01. */
export function normalizeDate(value: string, precision: DatePrecision): string {
  const [year = '', month = '01', day = '01'] = value.trim().split('-');
  if (precision === 'year') return `${year}-01-01`;
  if (precision === 'month') return `${year}-${month.padStart(2, '0')}-01`;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** Creates the Sources store. */
export function createSourcesStore(
  client: ResearchClient,
  options: { debounceMs?: number; pageSize?: number; onEventAdded?: () => void; onLibraryChanged?: () => void } = {},
): SourcesStore {
  const debounceMs = options.debounceMs ?? SEARCH_DEBOUNCE_MS;
  const pageSize = options.pageSize ?? SOURCE_PAGE_SIZE;
  const store = createStore<SourcesState>({
    query: '',
    total: null,
    pages: {},
    loading: false,
    error: null,
    selectedIndex: -1,
    resultsTick: 0,
    readerId: null,
    reader: null,
    readerError: null,
    passage: null,
    candidates: null,
    extracting: false,
  });
  let timer: ReturnType<typeof setTimeout> | null = null;
  let started = false;
  let latestSeq = 0;
  let shown = { seq: 0, query: '' };
  let readerSeq = 0;

  const cancelTimer = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  const searchInput = (query: string, offset: number) => {
    const text = query.trim().slice(0, 500);
    return text ? { query: text, offset, limit: pageSize } : { offset, limit: pageSize };
  };

  const search = async (keepSelection = false): Promise<void> => {
    cancelTimer();
    started = true;
    const seq = ++latestSeq;
    const query = store.getState().query;
    store.setState({ loading: true });
    const result = await client.call('sources:search', searchInput(query, 0));
    if (seq !== latestSeq) return;
    if (!result.ok) {
      store.setState({ loading: false, error: result.error });
      return;
    }
    shown = { seq, query };
    loader.reset();
    store.setState((state) => ({
      loading: false,
      error: null,
      total: result.value.total,
      pages: { 0: result.value.sources },
      selectedIndex: keepSelection ? Math.min(state.selectedIndex, result.value.total - 1) : -1,
      resultsTick: keepSelection ? state.resultsTick : state.resultsTick + 1,
    }));
  };

  const fetchPage = async (page: number): Promise<void> => {
    const { seq, query } = shown;
    const result = await client.call('sources:search', searchInput(query, page * pageSize));
    if (seq !== shown.seq) return;
    if (!result.ok) {
      store.setState({ error: result.error });
      return;
    }
    store.setState((state) => ({ pages: { ...state.pages, [page]: result.value.sources }, total: result.value.total }));
  };

  const loader = createPageLoader({
    pageSize,
    total: () => store.getState().total,
    isLoaded: (page) => Boolean(store.getState().pages[page]),
    fetch: fetchPage,
  });

  const updateCandidate = (id: string, patch: Partial<CandidateDraft>): void => {
    store.setState((state) => ({
      candidates: state.candidates?.map((draft) => (draft.candidate.id === id ? { ...draft, ...patch } : draft)) ?? null,
    }));
  };

  const api: SourcesStore = {
    getState: store.getState,
    subscribe: store.subscribe,
    setQuery(query, { debounce = true } = {}) {
      store.setState({ query });
      cancelTimer();
      if (!debounce) {
        void search();
        return;
      }
      timer = setTimeout(() => void search(), debounceMs);
    },
    refresh: () => search(true),
    ensureRows: (first, last) => loader.want(first, last),
    rowAt(index) {
      return store.getState().pages[Math.floor(index / pageSize)]?.[index % pageSize];
    },
    select(index) {
      const total = store.getState().total ?? 0;
      store.setState({ selectedIndex: total === 0 ? -1 : Math.max(0, Math.min(index, total - 1)) });
    },
    moveSelection(delta) {
      const { selectedIndex } = store.getState();
      api.select(selectedIndex < 0 ? 0 : selectedIndex + delta);
    },
    async openReader(id) {
      const seq = ++readerSeq;
      const keep = store.getState().reader?.id === id;
      store.setState({
        readerId: id,
        readerError: null,
        reader: keep ? store.getState().reader : null,
        candidates: keep ? store.getState().candidates : null,
      });
      const result = await client.call('sources:get', { id });
      if (seq !== readerSeq) return;
      if (!result.ok) {
        store.setState({ readerError: result.error });
        return;
      }
      store.setState({ reader: result.value });
    },
    closeReader() {
      readerSeq++;
      store.setState({ readerId: null, reader: null, readerError: null, candidates: null, extracting: false });
    },
    selectPassage(passage) {
      const quote = passage?.quote.replace(/\s+/g, ' ').trim() ?? '';
      store.setState({ passage: passage && quote ? { sourceId: passage.sourceId, quote } : null });
    },
    async setGrade(grade) {
      const source = store.getState().reader;
      if (!source) return null;
      const result = await client.call('sources:update', { id: source.id, patch: { grade } });
      if (!result.ok) return result.error;
      if (store.getState().reader?.id === source.id) store.setState({ reader: result.value });
      // Notes citing the source show its grade and the Sourcing panel checks it.
      options.onLibraryChanged?.();
      // The list shows grades too.
      store.setState((state) => ({
        pages: Object.fromEntries(
          Object.entries(state.pages).map(([page, rows]) => [page, rows.map((row) => (row.id === source.id ? { ...row, grade: result.value.grade } : row))]),
        ),
      }));
      return null;
    },
    async extract() {
      const source = store.getState().reader;
      if (!source) return;
      store.setState({ extracting: true, readerError: null });
      const result = await client.call('sources:extract', { id: source.id });
      if (store.getState().reader?.id !== source.id) return;
      if (!result.ok) {
        store.setState({ extracting: false, readerError: result.error });
        return;
      }
      store.setState({
        extracting: false,
        candidates: result.value.map((candidate) => ({
          candidate,
          date: candidate.date.date,
          precision: candidate.date.precision,
          summary: candidate.summary,
          actors: candidate.actors.join(', '),
          state: 'open',
          error: null,
        })),
      });
    },
    editCandidate(id, patch) {
      updateCandidate(id, { ...patch, error: null });
    },
    async acceptCandidate(id) {
      const draft = store.getState().candidates?.find((candidate) => candidate.candidate.id === id);
      if (!draft || draft.state !== 'open') return false;
      if (!draft.summary.trim()) {
        updateCandidate(id, { error: 'An event needs a summary.' });
        return false;
      }
      if (!/^\d{4}(-\d{1,2}(-\d{1,2})?)?$/.test(draft.date.trim())) {
        updateCandidate(id, { error: 'Give the date as YYYY-MM-DD.' });
        return false;
      }
      updateCandidate(id, { state: 'accepting', error: null });
      const result = await client.call('sources:accept-candidate', { sourceId: draft.candidate.sourceId, event: candidateToDraft(draft) });
      if (!result.ok) {
        updateCandidate(id, { state: 'open', error: result.error.message });
        return false;
      }
      updateCandidate(id, { state: 'accepted' });
      options.onEventAdded?.();
      return true;
    },
    dismissCandidate(id) {
      updateCandidate(id, { state: 'dismissed' });
    },
    createSource: (draft) => client.call('sources:create', draft),
    async updateSource(id, patch) {
      const result = await client.call('sources:update', { id, patch });
      if (result.ok && store.getState().reader?.id === id) store.setState({ reader: result.value });
      return result;
    },
    deleteSource: (id) => client.call('sources:delete', { id, confirm: true }),
    start() {
      if (started) return;
      void search();
    },
    dispose: cancelTimer,
  };
  return api;
}
