import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallOutput } from '../../../core/index';
import type { EventSearchResult, LibraryEvent, Source } from '../../../core/domain/library';
import type { Backend } from '../../container';
import { type TestWorkspace, createTestWorkspace, testClock } from '../testing/fixtures';
import type { ParseResult, ParsedEvent, ParsedSource } from './importers/types';

/** An ACLED-like row. */
function row(id: string, date: string, summary: string, extra: Partial<ParsedEvent> = {}): ParsedEvent {
  return {
    externalId: id,
    date: { date, precision: 'day' },
    endDate: null,
    summary,
    type: { label: 'Protests', code: null, taxonomy: 'ACLED', subType: 'Peaceful protest' },
    actors: [{ name: 'Protesters (Ukraine)', role: 'initiator', countryCode: 'UKR' }],
    location: { name: 'Kyiv', country: 'Ukraine', admin1: 'Kyiv City', latitude: 50.45, longitude: 30.52 },
    figures: { fatalities: 0 },
    sourceKeys: ['name:Kyiv Independent'],
    line: 2,
    ...extra,
  };
}

function outlet(name: string): ParsedSource {
  return { key: `name:${name}`, title: name, publisher: name, authors: [], published: null, url: null, canonicalUrl: null, language: null, text: 'Body text.', excerpt: '', grade: null, tags: [] };
}

function parsed(events: ParsedEvent[]): ParseResult {
  return { format: 'acled', datasetName: null, rows: events.length, events, sources: [outlet('Kyiv Independent')], warnings: [], rejected: 0, duplicates: 0 };
}

type Provenance = CallOutput<'library:provenance'>;

describe('library:provenance', () => {
  let ws: TestWorkspace;
  let backend: Backend;
  const clock = testClock();

  beforeEach(async () => {
    ws = await createTestWorkspace();
    backend = await ws.open({ now: clock.now });
  });
  afterEach(() => ws.cleanup());

  async function call<T>(name: string, input: unknown): Promise<T> {
    const result = await backend.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as T;
  }

  async function importV1(): Promise<{ ids: string[]; sourceId: string }> {
    await backend.services.library.storeImport(parsed([row('UKR1', '2025-06-01', 'First protest'), row('UKR2', '2025-06-02', 'Second protest'), row('UKR3', '2025-06-03', 'Third protest')]), {
      fileName: 'acled-ukraine.csv',
    });
    const cards = (await call<EventSearchResult>('events:search', { sort: 'date-asc' })).events;
    const first = await call<{ event: LibraryEvent; sources: Source[] }>('events:get', { id: cards[0]!.id });
    return { ids: cards.map((card) => card.id), sourceId: first.sources[0]!.id };
  }

  it('reports current events and sources, the source without its text', async () => {
    const { ids, sourceId } = await importV1();
    const answer = await call<Provenance>('library:provenance', { eventIds: ids, sourceIds: [sourceId] });
    expect(answer.events.map((event) => event.id)).toEqual(ids);
    for (const event of answer.events) expect(event).toMatchObject({ status: 'current', datasetVersion: 1, removedUpstream: false });
    expect(answer.events[0]!.updatedAt).toEqual(expect.any(String));
    const [source] = answer.sources;
    expect(source).toMatchObject({ id: sourceId, status: 'current', source: { id: sourceId, title: 'Kyiv Independent' } });
    expect(source!.source).not.toHaveProperty('text');
    expect(source!.updatedAt).toBe(source!.source!.updatedAt);
  });

  it('shows an edit in updatedAt and datasetVersion, a changed re-import in datasetVersion, and events dropped upstream', async () => {
    const { ids } = await importV1();
    const [ukr1, ukr2, ukr3] = ids as [string, string, string];
    const before = await call<Provenance>('library:provenance', { eventIds: ids, sourceIds: [] });

    clock.advance(60_000);
    await call('events:update', { id: ukr1, patch: { summary: 'First protest, corrected' } });
    const edited = await call<Provenance>('library:provenance', { eventIds: [ukr1], sourceIds: [] });
    expect(edited.events[0]!.updatedAt).not.toBe(before.events[0]!.updatedAt);
    expect(edited.events[0]!.status).toBe('current');
    // A hand edit is a new version of the event, so facts written from version 1 are flagged as stale.
    expect(edited.events[0]!.datasetVersion).toBe(before.events[0]!.datasetVersion + 1);

    // The same file again, UKR2 changed and UKR3 gone.
    await backend.services.library.storeImport(parsed([row('UKR1', '2025-06-01', 'First protest'), row('UKR2', '2025-06-02', 'Second protest, revised')]), {
      fileName: 'acled-ukraine.csv',
    });
    const after = await call<Provenance>('library:provenance', { eventIds: [ukr2, ukr3], sourceIds: [] });
    expect(after.events[0]).toMatchObject({ id: ukr2, status: 'current', datasetVersion: 2, removedUpstream: false });
    expect(after.events[0]!.updatedAt).not.toBe(before.events[1]!.updatedAt);
    expect(after.events[1]).toMatchObject({ id: ukr3, status: 'current', datasetVersion: 1, removedUpstream: true });
  });

  it('reports deleted events and sources, and answers each id once', async () => {
    const { ids, sourceId } = await importV1();
    await call('events:delete', { id: ids[0], confirm: true });
    await call('sources:delete', { id: sourceId, confirm: true });
    const answer = await call<Provenance>('library:provenance', { eventIds: [ids[0], ids[0], ids[1]], sourceIds: [sourceId, 'src-never-there'] });
    expect(answer.events).toEqual([
      { id: ids[0], status: 'deleted', datasetVersion: 0, updatedAt: null, removedUpstream: false },
      expect.objectContaining({ id: ids[1], status: 'current' }),
    ]);
    expect(answer.sources).toEqual([
      { id: sourceId, status: 'deleted', updatedAt: null, source: null },
      { id: 'src-never-there', status: 'deleted', updatedAt: null, source: null },
    ]);
  });

  it('answers for a manual event (no dataset)', async () => {
    const event = await call<LibraryEvent>('events:create', { date: { date: '2025-06-05', precision: 'day' }, summary: 'A call' });
    const answer = await call<Provenance>('library:provenance', { eventIds: [event.id], sourceIds: [] });
    expect(answer.events).toEqual([{ id: event.id, status: 'current', datasetVersion: 0, updatedAt: event.updatedAt, removedUpstream: false }]);
  });
});
