import { describe, expect, it } from 'vitest';
import type { LibraryEvent, Source } from '../../../core/domain/library';
import { EventSearchService } from './event-search';

const ORIGIN = { kind: 'import' as const, datasetId: 'ds-1', file: 'x.csv' };

function event(id: string, date: string, summary: string, country: string, sourceIds: string[] = []): LibraryEvent {
  return {
    id,
    date: { date, precision: 'day' },
    endDate: null,
    summary,
    type: { label: 'Protest', code: '14', taxonomy: 'CAMEO', subType: null },
    actors: [{ name: 'Police', role: 'initiator', countryCode: country, code: null }],
    location: null,
    figures: {},
    sourceIds,
    datasetId: 'ds-1',
    datasetVersion: 1,
    externalId: id,
    origin: ORIGIN,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  } as LibraryEvent;
}

function source(id: string, reliability: 'A' | 'F' | null): Source {
  return { id, title: `Report ${id}`, grade: { reliability, credibility: null } } as unknown as Source;
}

describe('EventSearchService', () => {
  const sources = new Map([
    ['src-a', source('src-a', 'A')],
    ['src-f', source('src-f', 'F')],
  ]);
  const build = (): EventSearchService => {
    const search = new EventSearchService({ sourceOf: (id) => sources.get(id) });
    // 300 equal events (same words, same date) and a few others: ties must page without overlap.
    const events = Array.from({ length: 300 }, (_, i) => event(`ev-${i}`, '2025-03-01', 'Protest in Lviv', 'UKR', i % 2 ? ['src-a'] : ['src-f']));
    events.push(event('ev-usa', '2024-01-05', 'Protest in Texas', 'USA'));
    search.rebuild(events);
    return search;
  };

  it('pages through tied results without repeats or gaps, the same way each time', () => {
    const search = build();
    const seen = new Set<string>();
    for (let offset = 0; offset < 301; offset += 50) {
      const page = search.search({ query: 'protest', offset, limit: 50 });
      expect(page.total).toBe(301);
      for (const card of page.events) seen.add(card.id);
      expect(search.search({ query: 'protest', offset, limit: 50 }).events.map((card) => card.id)).toEqual(page.events.map((card) => card.id));
    }
    expect(seen.size).toBe(301);
  });

  it('applies country, date and reliability filters; unknown grades match nothing', () => {
    const search = build();
    expect(search.search({ query: 'protest', country: 'usa' }).events.map((card) => card.id)).toEqual(['ev-usa']);
    expect(search.search({ query: 'protest', from: '2025', to: '2025-03' }).total).toBe(300);
    expect(search.search({ query: 'protest', reliability: ['A'] }).total).toBe(150);
    expect(search.search({ query: 'protest', reliability: ['A', 'F'] }).total).toBe(300);
    expect(search.search({ query: 'protest', reliability: ['Z' as 'A'] }).total).toBe(0);
    expect(search.search({ sort: 'date-asc', limit: 1 }).events[0]!.id).toBe('ev-usa');
  });

  it('forgets cached results when events change', () => {
    const search = build();
    expect(search.search({ query: 'texas' }).total).toBe(1);
    expect(search.search({ query: 'lviv protest' }).total).toBe(300);
    search.put(event('ev-new', '2025-04-01', 'Rally in Texas', 'USA'));
    expect(search.search({ query: 'texas' }).total).toBe(2);
    search.remove('ev-usa');
    search.remove('ev-0');
    expect(search.search({ query: 'texas' }).events.map((card) => card.id)).toEqual(['ev-new']);
    expect(search.search({ query: 'lviv protest' }).total).toBe(299);
  });
});

describe('EventSearchService caches', () => {
  const words = ['protest', 'police', 'rally', 'strike', 'march'];
  const places = ['Lviv', 'Kyiv', 'Texas', 'Paris'];
  /** 3,000 events (lists long enough for the recycled arrays) with varied words, places, dates and countries. */
  const corpus = (): LibraryEvent[] =>
    Array.from({ length: 3000 }, (_, i) =>
      event(`ev-${i}`, `2025-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`, `${words[i % 5]} ${words[(i * 7) % 5]} in ${places[i % 4]}`, i % 3 ? 'UKR' : 'USA'),
    );
  const fresh = (events: LibraryEvent[]): EventSearchService => {
    const search = new EventSearchService({ sourceOf: () => undefined });
    search.rebuild(events);
    return search;
  };
  const ids = (search: EventSearchService, query: Parameters<EventSearchService['search']>[0]): { total: number; ids: string[] } => {
    const result = search.search(query);
    return { total: result.total, ids: result.events.map((card) => card.id) };
  };
  const queries = [
    { query: 'protest' },
    { query: 'protest', country: 'usa' },
    { query: 'protest', from: '2025-03', to: '2025-06' },
    { query: 'police rally' },
    { query: 'police rally', country: 'ukr', sort: 'date-asc' as const },
    { query: 'pol' },
    { query: 'marhc lviv' },
    { query: 'strike', sort: 'date-desc' as const, offset: 100, limit: 50 },
    { query: 'texas' },
    { query: 'kyiv', from: '2025-02' },
    { query: 'paris protest', country: 'usa' },
  ];

  it('answers the same as a fresh index whatever ran before (text lists shared by filters, arrays recycled)', () => {
    const events = corpus();
    const search = fresh(events);
    // Twice round: the second pass reads cached and evicted-then-recomputed entries.
    for (let pass = 0; pass < 2; pass += 1) {
      for (const query of queries) expect(ids(search, query)).toEqual(ids(fresh(events), query));
    }
  });

  it('sees an edit in the filtered variant of a cached text query', () => {
    const events = corpus();
    const search = fresh(events);
    expect(ids(search, { query: 'protest' }).total).toBeGreaterThan(0);
    const before = ids(search, { query: 'protest', country: 'usa' });
    // ev-1 is a Ukrainian "police" event: make it an American protest.
    search.put(event('ev-1', '2025-05-05', 'protest in Boston', 'USA'));
    const after = ids(search, { query: 'protest', country: 'usa' });
    expect(after.total).toBe(before.total + 1);
    expect(ids(search, { query: 'boston', country: 'usa' }).ids).toEqual(['ev-1']);
    search.remove('ev-1');
    expect(ids(search, { query: 'protest', country: 'usa' })).toEqual(before);
    expect(ids(search, { query: 'boston' }).total).toBe(0);
  });

  it('filters by date ranges overlapping events that last several days', () => {
    const search = fresh(corpus());
    const long = { ...event('ev-long', '2024-12-30', 'protest camp', 'UKR'), endDate: { date: '2025-01-03', precision: 'day' as const } };
    search.put(long as LibraryEvent);
    expect(ids(search, { query: 'camp', from: '2025-01-02' }).ids).toEqual(['ev-long']);
    expect(ids(search, { query: 'protest', from: '2025-01-02', to: '2025-01-02' }).ids).toContain('ev-long');
    search.remove('ev-long');
    expect(ids(search, { query: 'camp', from: '2025-01-02' }).total).toBe(0);
  });
});

describe('EventSearchService, events by source', () => {
  const sources = new Map([
    ['src-a', source('src-a', 'A')],
    ['src-f', source('src-f', 'F')],
  ]);
  const build = (): EventSearchService => {
    const search = new EventSearchService({ sourceOf: (id) => sources.get(id) });
    search.rebuild(Array.from({ length: 300 }, (_, i) => event(`ev-${i}`, '2025-03-01', 'Protest in Lviv', 'UKR', i % 2 ? ['src-a'] : ['src-f'])));
    return search;
  };

  it('answers a source\'s events the same whether its list of slots was made before or after the changes', () => {
    const changes = (search: EventSearchService): void => {
      search.putAll(Array.from({ length: 40 }, (_, i) => event(`more-${i}`, '2025-04-01', 'Strike in Kyiv', 'UKR', i % 3 ? ['src-a', 'src-f'] : ['src-a'])));
      search.remove('ev-1');
      search.put(event('ev-3', '2025-03-02', 'Protest moved', 'UKR', ['src-f']));
    };
    const queries = [{ sourceId: 'src-a', limit: 500 }, { sourceId: 'src-f', query: 'protest', limit: 500 }, { sourceId: 'src-f', from: '2025-03-02', limit: 500 }];
    const answers = (search: EventSearchService): unknown[] => queries.map((query) => (({ tookMs: _took, ...result }) => result)(search.search(query)));
    const early = build();
    answers(early);
    changes(early);
    const late = build();
    changes(late);
    expect(answers(late)).toEqual(answers(early));
    expect(answers(late)[0]).toMatchObject({ total: 150 - 2 + 40 }); // ev-1 removed, ev-3 moved to src-f
  });
});
