// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallInput, CallName, EventCard, EventQuery, ImportJob, Result } from '../../core/index';
import { EMPTY_FILTERS, brushRange, buildEventQuery, buildTimeline, formatFuzzyDate, pagesFor } from './event-query';
import { createEventsStore } from './events-store';
import { createImportStore } from './import-store';
import { SAMPLE_DISMISSED_KEY, SIDEBAR_WIDTH_KEY, createResearchStores } from './research-stores';
import type { ResearchClient } from './research-client';
import { candidateToDraft, createSourcesStore } from './sources-store';

function card(index: number): EventCard {
  const day = new Date(Date.UTC(2025, 0, 1) + (index % 200) * 86_400_000).toISOString().slice(0, 10);
  return { id: `ev-${String(index).padStart(6, '0')}`, date: { date: day, precision: 'day' }, summary: `Event ${index} in ${index % 2 ? 'London' : 'Geneva'}`, type: 'Negotiate', actors: ['China'], place: null, sourceCount: 1, datasetId: null };
}

/** A fake backend over `count` events that filters on the query text and the date range; answers after `delay` ms (a number, or per call). */
function fakeClient(count = 100_000, delay: number | ((input: unknown) => number) = 0) {
  const all = Array.from({ length: count }, (_, index) => card(index));
  const calls: { name: CallName; input: unknown }[] = [];
  const handlers: Partial<Record<CallName, (input: never) => unknown>> = {};
  const client: ResearchClient = {
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<never>> {
      calls.push({ name, input });
      const wait = typeof delay === 'function' ? delay(input) : delay;
      if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
      const custom = handlers[name];
      if (custom) return { ok: true, value: custom(input as never) as never };
      if (name === 'events:search') {
        const query = input as EventQuery;
        const words = (query.query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
        const hits = all.filter((event) => words.every((word) => event.summary.toLowerCase().includes(word)) && (!query.from || event.date.date >= query.from) && (!query.to || event.date.date <= query.to));
        const offset = query.offset ?? 0;
        // One pass over the hits (counting per day by filtering the hits again for each day took seconds over 100,000 events).
        const perDay = new Map<string, number>();
        if (query.histogram) for (const event of hits) perDay.set(event.date.date, (perDay.get(event.date.date) ?? 0) + 1);
        const histogram = query.histogram ? [...perDay].map(([start, count]) => ({ start, count })) : null;
        return { ok: true, value: { total: hits.length, events: hits.slice(offset, offset + (query.limit ?? 50)), histogram, tookMs: 1 } as never };
      }
      return { ok: false, error: { code: 'not_found', message: `no fake for ${name}` } };
    },
    openExternal: async () => ({ ok: true, value: null }),
    upload: async (file) => ({ ok: true, value: { uploadId: `up-${file.name.length}-abcdefgh` } }),
  };
  return { client, calls, handlers, searches: () => calls.filter((call) => call.name === 'events:search').map((call) => call.input as EventQuery) };
}

const flush = async (): Promise<void> => {
  for (let index = 0; index < 5; index++) await Promise.resolve();
};

describe('buildEventQuery', () => {
  it('leaves out empty filters and maps the rest', () => {
    expect(buildEventQuery(EMPTY_FILTERS, { offset: 0, limit: 100, histogram: true })).toEqual({ offset: 0, limit: 100, sort: 'date-desc', histogram: 'day' });
    const query = buildEventQuery(
      { ...EMPTY_FILTERS, query: '  rare earths ', from: '2025-06-01', to: 'bad', actor: ' Bessent ', country: 'CHN', type: 'Negotiate', datasetId: 'ds-abcd', sourceId: 'src-abcd', reliability: ['A', 'B'], sort: 'relevance' },
      { offset: 200, limit: 100 },
    );
    expect(query).toEqual({ query: 'rare earths', from: '2025-06-01', actor: 'Bessent', country: 'CHN', type: 'Negotiate', datasetId: 'ds-abcd', sourceId: 'src-abcd', reliability: ['A', 'B'], sort: 'relevance', offset: 200, limit: 100 });
  });
});

describe('timeline', () => {
  it('picks day buckets for a short span and months for a long one, filling empty buckets', () => {
    const short = buildTimeline([{ start: '2025-06-09', count: 3 }, { start: '2025-06-05', count: 1 }], 'auto');
    expect(short.size).toBe('day');
    expect(short.bars.map((bar) => bar.count)).toEqual([1, 0, 0, 0, 3]);
    const long = buildTimeline([{ start: '2023-01-15', count: 2 }, { start: '2025-06-05', count: 1 }, { start: '2025-06-30', count: 4 }], 'auto');
    expect(long.size).toBe('month');
    expect(long.bars[0]).toEqual({ start: '2023-01-01', end: '2023-01-31', count: 2 });
    expect(long.bars.at(-1)).toEqual({ start: '2025-06-01', end: '2025-06-30', count: 5 });
    const weeks = buildTimeline([{ start: '2025-06-11', count: 1 }, { start: '2025-06-15', count: 1 }], 'week');
    expect(weeks.bars).toEqual([{ start: '2025-06-09', end: '2025-06-15', count: 2 }]);
  });

  it('turns a brush over bars into an inclusive date range', () => {
    const { bars } = buildTimeline([{ start: '2025-04-02', count: 1 }, { start: '2025-06-10', count: 1 }], 'month');
    expect(brushRange(bars, 2, 1)).toEqual({ from: '2025-05-01', to: '2025-06-30' });
    expect(brushRange([], 0, 1)).toBeNull();
  });

  it('formats dates as precisely as they are known', () => {
    expect(formatFuzzyDate({ date: '2025-06-01', precision: 'month' })).toBe('Jun 2025');
    expect(formatFuzzyDate({ date: '2025-06-05', precision: 'day' })).toBe('5 Jun 2025');
    expect(formatFuzzyDate({ date: '2025-01-01', precision: 'year' })).toBe('2025');
    expect(pagesFor(95, 230, 100, 1000)).toEqual([0, 1, 2]);
    expect(pagesFor(0, 50, 100, 0)).toEqual([]);
  });
});

describe('events store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('debounces typing into one search with the last text', async () => {
    const fake = fakeClient(1000);
    const events = createEventsStore(fake.client, { debounceMs: 120 });
    events.setFilters({ query: 'L' }, { debounce: true });
    events.setFilters({ query: 'Lon' }, { debounce: true });
    await vi.advanceTimersByTimeAsync(100);
    events.setFilters({ query: 'London' }, { debounce: true });
    await vi.advanceTimersByTimeAsync(119);
    expect(fake.searches()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await flush();
    expect(fake.searches()).toEqual([{ query: 'London', offset: 0, limit: 100, sort: 'relevance', histogram: 'day' }]);
    expect(events.getState().total).toBe(500);
    expect(events.rowAt(0)?.summary).toContain('London');
  });

  it('fetches only the pages the list needs, once each, over 100,000 events', async () => {
    const fake = fakeClient(100_000);
    const events = createEventsStore(fake.client);
    events.start();
    await flush();
    expect(events.getState().total).toBe(100_000);
    events.ensureRows(50_000, 50_020);
    events.ensureRows(50_005, 50_030);
    await flush();
    const paged = fake.searches().slice(1);
    expect(paged.map((query) => query.offset)).toEqual([50_000]);
    expect(paged[0]!.histogram).toBeUndefined();
    expect(events.rowAt(50_010)?.id).toBe('ev-050010');
    expect(events.rowAt(70_000)).toBeUndefined();
    events.ensureRows(99_990, 100_050);
    await flush();
    expect(fake.searches().at(-1)!.offset).toBe(99_900);
  });

  it('a fling through the list fetches the pages where it stops, not every page it passed', async () => {
    // Each answer takes 5 ms of (fake) time: the test decides when answers arrive, so a busy machine cannot reorder them.
    const fake = fakeClient(100_000, 5);
    const events = createEventsStore(fake.client);
    events.start();
    await vi.advanceTimersByTimeAsync(5);
    expect(events.getState().total).toBe(100_000);
    for (let row = 1000; row <= 90_000; row += 1000) events.ensureRows(row, row + 15);
    await vi.advanceTimersByTimeAsync(50);
    const offsets = fake.searches().slice(1).map((query) => query.offset);
    // Two were in flight when the fling began; then only where it stopped.
    expect(offsets).toEqual([1000, 2000, 90_000]);
  });

  it('drops answers to searches that were overtaken', async () => {
    // The older search is the slower one: its answer arrives after London's and must be dropped.
    const fake = fakeClient(1000, (input) => ((input as EventQuery).query === 'Geneva' ? 10 : 5));
    const events = createEventsStore(fake.client);
    events.setFilters({ query: 'Geneva' });
    events.setFilters({ query: 'London' });
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.searches().map((query) => query.query)).toEqual(['Geneva', 'London']);
    expect(events.rowAt(0)?.summary).toContain('London');
    expect(events.getState().total).toBe(500);
  });

  it('a brush sets the date filter and searches at once; clearing removes it', async () => {
    const fake = fakeClient(1000);
    const events = createEventsStore(fake.client);
    events.brush('2025-02-01', '2025-02-28');
    await flush();
    expect(events.getState().filters).toMatchObject({ from: '2025-02-01', to: '2025-02-28' });
    expect(fake.searches().at(-1)).toMatchObject({ from: '2025-02-01', to: '2025-02-28' });
    expect(events.getState().total).toBe(28 * 5);
    events.clearDates();
    await flush();
    expect(fake.searches().at(-1)!.from).toBeUndefined();
    expect(events.getState().total).toBe(1000);
  });

  it('moves the keyboard selection within the results', async () => {
    const fake = fakeClient(3);
    const events = createEventsStore(fake.client);
    events.start();
    await flush();
    events.moveSelection(1);
    expect(events.getState().selectedIndex).toBe(0);
    events.moveSelection(5);
    expect(events.getState().selectedIndex).toBe(2);
    events.moveSelection(-10);
    expect(events.getState().selectedIndex).toBe(0);
  });
});

describe('import store', () => {
  it('uploads, starts, follows the job-progress events until done (no polling), then reports and refreshes', async () => {
    const fake = fakeClient(0);
    const job = (state: ImportJob['state'], percent: number): ImportJob => ({ id: 'job-1', file: 'a.csv', state, rows: percent * 10, percent, report: null, failure: null });
    const done: ImportJob = { ...job('done', 100), report: { file: 'a.csv', format: 'csv', datasetId: null, datasetName: 'a', counts: { imported: 5, updated: 0, unchanged: 0, removedUpstream: 0, duplicatesSkipped: 1, rejected: 0, warnings: 0, sourcesImported: 0 }, removedEventIds: [], warningSamples: [], durationMs: 10 } };
    fake.handlers['import:start'] = () => job('queued', 0);
    const finished = vi.fn();
    const imports = createImportStore(fake.client, { onFinished: finished });
    const seen: number[] = [];
    imports.subscribe(() => seen.push(imports.getState().items[0]?.percent ?? -1));
    const running = imports.importFiles([new File(['x'], 'a.csv')]);
    await vi.waitFor(() => expect(imports.getState().items[0]?.jobId).toBe('job-1'));
    // The backend's events, as the workspace channel delivers them.
    imports.jobUpdated(job('parsing', 30));
    expect(imports.getState().items[0]).toMatchObject({ phase: 'parsing', percent: 30 });
    imports.jobUpdated(done);
    await running;
    const item = imports.getState().items[0]!;
    expect(item.phase).toBe('done');
    expect(item.report?.counts.imported).toBe(5);
    expect(seen).toContain(30);
    expect(finished).toHaveBeenCalledOnce();
    expect(fake.calls.find((call) => call.name === 'import:start')?.input).toEqual({ uploadId: 'up-5-abcdefgh', fileName: 'a.csv' });
    expect(fake.calls.some((call) => call.name === 'import:status')).toBe(false);
  });

  it('takes progress that arrived before import:start answered, and asks once after the channel reconnects', async () => {
    const fake = fakeClient(0);
    const job = (state: ImportJob['state'], percent: number): ImportJob => ({ id: 'job-3', file: 'c.csv', state, rows: 0, percent, report: null, failure: null });
    let imports: ReturnType<typeof createImportStore> | null = null;
    fake.handlers['import:start'] = () => {
      // The event of the job's first step overtakes the answer.
      imports!.jobUpdated(job('parsing', 40));
      return job('queued', 0);
    };
    fake.handlers['import:status'] = () => job('cancelled', 40);
    imports = createImportStore(fake.client);
    const running = imports.importFiles([new File(['x'], 'c.csv')]);
    await vi.waitFor(() => expect(imports!.getState().items[0]).toMatchObject({ phase: 'parsing', percent: 40 }));
    await imports.resync();
    await running;
    expect(imports.getState().items[0]).toMatchObject({ phase: 'cancelled' });
    expect(fake.calls.filter((call) => call.name === 'import:status')).toHaveLength(1);
  });

  it('keeps the failure with file and line', async () => {
    const fake = fakeClient(0);
    fake.handlers['import:start'] = () => ({ id: 'job-2', file: 'b.csv', state: 'failed', rows: 0, percent: 0, report: null, failure: { file: 'b.csv', line: 12, column: null, message: 'expected 61 columns, found 3' } });
    const imports = createImportStore(fake.client);
    await imports.importFiles([new File(['x'], 'b.csv')]);
    expect(imports.getState().items[0]).toMatchObject({ phase: 'failed', failure: { line: 12 } });
  });
});

describe('sources store and sidebar', () => {
  it('keeps the selected passage and turns an edited candidate into an event draft', async () => {
    const fake = fakeClient(0);
    const sources = createSourcesStore(fake.client);
    sources.selectPassage({ sourceId: 'src-abcd', quote: '  China   put seven\nrare earths ' });
    expect(sources.getState().passage).toEqual({ sourceId: 'src-abcd', quote: 'China put seven rare earths' });
    sources.selectPassage({ sourceId: 'src-abcd', quote: '   ' });
    expect(sources.getState().passage).toBeNull();
    const draft = candidateToDraft({
      candidate: { id: 'c1', sourceId: 'src-abcd', date: { date: '2025-06-05', precision: 'day' }, sentence: 's', summary: 's', actors: [], places: [], organizations: [] },
      date: '2025-04',
      precision: 'month',
      summary: ' Trump and Xi speak ',
      actors: 'Donald Trump, Xi Jinping,',
      state: 'open',
      error: null,
    });
    expect(draft).toEqual({ date: { date: '2025-04-01', precision: 'month' }, summary: 'Trump and Xi speak', actors: [{ name: 'Donald Trump', role: 'other', countryCode: null }, { name: 'Xi Jinping', role: 'other', countryCode: null }], sourceIds: ['src-abcd'] });
  });

  it('remembers the width and the dismissed sample offer', () => {
    const storage = new Map<string, string>();
    const fakeStorage = { getItem: (key: string) => storage.get(key) ?? null, setItem: (key: string, value: string) => void storage.set(key, value) };
    const first = createResearchStores(fakeClient(0).client, { storage: fakeStorage });
    first.sidebar.setWidth(9999, true);
    first.sidebar.dismissSample();
    expect(storage.get(SIDEBAR_WIDTH_KEY)).toBe('760');
    expect(storage.get(SAMPLE_DISMISSED_KEY)).toBe('1');
    const second = createResearchStores(fakeClient(0).client, { storage: fakeStorage });
    expect(second.sidebar.getState()).toMatchObject({ width: 760, sampleDismissed: true });
  });
});

describe('library changes and picked events (cited facts)', () => {
  it('bumps libraryVersion on every refresh after a change and on a grade change', async () => {
    const fake = fakeClient(10);
    fake.handlers['library:stats'] = () => ({ events: 10, sources: 1, datasets: [] });
    fake.handlers['sources:search'] = () => ({ total: 0, sources: [] });
    fake.handlers['sources:get'] = () => ({ id: 'src-abcd', grade: { reliability: null, credibility: null } });
    fake.handlers['sources:update'] = () => ({ id: 'src-abcd', grade: { reliability: 'E', credibility: '5' } });
    const stores = createResearchStores(fake.client, { storage: null, debounceMs: 0 });
    expect(stores.sidebar.getState().libraryVersion).toBe(0);
    await stores.refreshAll();
    expect(stores.sidebar.getState().libraryVersion).toBe(1);
    await stores.sources.openReader('src-abcd');
    expect(await stores.sources.setGrade({ reliability: 'E', credibility: '5' })).toBeNull();
    expect(stores.sidebar.getState().libraryVersion).toBe(2);
  });

  it('picks and unpicks events in picking order, and forgets a deleted one', async () => {
    const fake = fakeClient(10);
    fake.handlers['events:delete'] = (input: never) => ({ id: (input as { id: string }).id });
    const events = createEventsStore(fake.client, { debounceMs: 0 });
    events.toggleChecked('ev-000003');
    events.toggleChecked('ev-000001');
    events.toggleChecked('ev-000002');
    events.toggleChecked('ev-000001');
    expect(events.getState().checkedIds).toEqual(['ev-000003', 'ev-000002']);
    await events.deleteEvent('ev-000003');
    expect(events.getState().checkedIds).toEqual(['ev-000002']);
    events.clearChecked();
    expect(events.getState().checkedIds).toEqual([]);
  });
});
