import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventSearchResult, ImportReport, LibraryEvent, Source } from '../../../core/domain/library';
import type { Backend } from '../../container';
import { type TestWorkspace, createTestWorkspace, docOf, listFiles } from '../testing/fixtures';
import type { ParseResult, ParsedEvent, ParsedSource } from './importers/types';
import { datasetIdOf } from './library-ids';

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

function outlet(name: string, grade: ParsedSource['grade'] = null): ParsedSource {
  return { key: `name:${name}`, title: name, publisher: name, authors: [], published: null, url: null, canonicalUrl: null, language: null, text: '', excerpt: '', grade, tags: [] };
}

function parsed(events: ParsedEvent[], sources: ParsedSource[] = [outlet('Kyiv Independent', { reliability: 'B', credibility: '2' })]): ParseResult {
  return { format: 'acled', datasetName: null, rows: events.length, events, sources, warnings: [{ line: 3, message: 'no fatalities' }], rejected: 0, duplicates: 0 };
}

/** Every file under library/ with the SHA-256 of its contents. */
async function snapshot(dir: string): Promise<string[]> {
  const files = await listFiles(dir).catch(() => [] as string[]);
  return Promise.all(files.map(async (file) => `${file} ${createHash('sha256').update(await readFile(join(dir, file))).digest('hex')}`));
}

describe('the library service', () => {
  let ws: TestWorkspace;
  let backend: Backend;

  beforeEach(async () => {
    ws = await createTestWorkspace();
    backend = await ws.open();
  });
  afterEach(() => ws.cleanup());

  async function call<T>(name: string, input: unknown): Promise<T> {
    const result = await backend.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as T;
  }

  const v1 = parsed([row('UKR1', '2025-06-01', 'Protest in Kyiv over tariffs'), row('UKR2', '2025-06-02', 'Second protest'), row('UKR3', '2025-06-03', 'Third protest')]);
  const v2 = parsed([
    row('UKR1', '2025-06-01', 'Protest in Kyiv over tariffs'),
    row('UKR2', '2025-06-02', 'Second protest, revised: 2 fatalities', { figures: { fatalities: 2 } }),
    row('UKR4', '2025-06-04', 'Fourth protest'),
  ]);

  it('re-imports a changed file of the same dataset in place and reports events removed upstream', async () => {
    const first = await backend.services.library.storeImport(v1, { fileName: 'acled-ukraine.csv' });
    expect(first.counts).toMatchObject({ imported: 3, updated: 0, unchanged: 0, sourcesImported: 1, warnings: 1 });
    const before = (await call<EventSearchResult>('events:search', { sort: 'date-asc' })).events;

    const second: ImportReport = await backend.services.library.storeImport(v2, { fileName: 'acled-ukraine.csv' });
    expect(second.counts).toMatchObject({ imported: 1, updated: 1, unchanged: 1, removedUpstream: 1, sourcesImported: 0 });
    expect(second.datasetId).toBe(first.datasetId);
    const ukr3 = before[2]!.id;
    expect(second.removedEventIds).toEqual([ukr3]);

    const after = await call<EventSearchResult>('events:search', { sort: 'date-asc' });
    expect(after.total).toBe(4);
    expect(after.events.slice(0, 3).map((card) => card.id)).toEqual(before.map((card) => card.id));
    const revised = await call<{ event: LibraryEvent; sources: Source[] }>('events:get', { id: before[1]!.id });
    expect(revised.event).toMatchObject({ summary: 'Second protest, revised: 2 fatalities', datasetVersion: 2, figures: { fatalities: 2 } });
    expect(revised.sources.map((source) => source.title)).toEqual(['Kyiv Independent']);
    const unchanged = await call<{ event: LibraryEvent }>('events:get', { id: before[0]!.id });
    expect(unchanged.event.datasetVersion).toBe(1);

    const stats = await call<{ datasets: { version: number; eventCount: number }[] }>('library:stats', {});
    expect(stats.datasets).toEqual([expect.objectContaining({ version: 2, eventCount: 4 })]);

    // The same file again changes nothing on disk.
    const files = await snapshot(join(ws.workspaceDir, 'library'));
    const third = await backend.services.library.storeImport(v2, { fileName: 'acled-ukraine.csv' });
    expect(third.counts).toMatchObject({ imported: 0, updated: 0, unchanged: 3, removedUpstream: 1 });
    expect(await snapshot(join(ws.workspaceDir, 'library'))).toEqual(files);
  });

  it('keeps an event and a source the analyst edited on re-import, says so, and replaces them only when asked', async () => {
    const first = await backend.services.library.storeImport(v1, { fileName: 'acled-ukraine.csv' });
    expect(first.keptEdited).toEqual({ events: [], sources: [] });
    const ids = (await call<EventSearchResult>('events:search', { sort: 'date-asc' })).events.map((card) => card.id);
    const [ukr1, ukr2] = [ids[0]!, ids[1]!];
    const outletId = (await call<{ sources: Source[] }>('events:get', { id: ukr2 })).sources[0]!.id;
    const edited = await call<LibraryEvent>('events:update', { id: ukr2, patch: { summary: 'Second protest, as the analyst reads it' } });
    expect(edited).toMatchObject({ editedAt: expect.any(String), datasetVersion: 2 });
    const graded = await call<Source>('sources:update', { id: outletId, patch: { grade: { reliability: 'C', credibility: '3' } } });
    expect(graded.editedAt).toEqual(expect.any(String));

    // The newer file changes UKR2 (edited: kept) and UKR1 (not edited: updated as before); the
    // outlet's grade in the file differs from the analyst's (kept).
    const v3 = parsed([row('UKR1', '2025-06-01', 'Protest in Kyiv over tariffs, revised'), row('UKR2', '2025-06-02', 'Second protest, revised: 2 fatalities', { figures: { fatalities: 2 } }), row('UKR3', '2025-06-03', 'Third protest')]);
    const second = await backend.services.library.storeImport(v3, { fileName: 'acled-ukraine.csv' });
    expect(second.keptEdited).toEqual({ events: [ukr2], sources: [outletId] });
    expect(second.replacedEdited).toEqual({ events: [], sources: [] });
    expect(second.counts).toMatchObject({ imported: 0, updated: 1, unchanged: 2, removedUpstream: 0 });
    const kept = await call<{ event: LibraryEvent; sources: Source[] }>('events:get', { id: ukr2 });
    expect(kept.event).toEqual(edited);
    expect(kept.sources[0]).toEqual(graded);
    expect((await call<{ event: LibraryEvent }>('events:get', { id: ukr1 })).event).toMatchObject({ summary: 'Protest in Kyiv over tariffs, revised', datasetVersion: 2 });
    // Facts written from the kept edit are not flagged: its version is the one they were written from.
    const standing = await call<{ events: { datasetVersion: number; updatedAt: string }[]; sources: { updatedAt: string }[] }>('library:provenance', { eventIds: [ukr2], sourceIds: [outletId] });
    expect(standing.events[0]).toMatchObject({ datasetVersion: edited.datasetVersion, updatedAt: edited.updatedAt });
    expect(standing.sources[0]!.updatedAt).toBe(graded.updatedAt);

    // The edit marks survive a restart (the data files' later column).
    const reopened = await ws.open();
    const again = await reopened.services.library.storeImport(v3, { fileName: 'acled-ukraine.csv' });
    expect(again.keptEdited).toEqual({ events: [ukr2], sources: [outletId] });

    // The analyst chooses the file's version: replaced, no longer marked edited, and a new version (facts get flagged).
    const replaced = await backend.services.library.storeImport(v3, { fileName: 'acled-ukraine.csv', replaceEdited: true });
    expect(replaced.keptEdited).toEqual({ events: [], sources: [] });
    expect(replaced.replacedEdited).toEqual({ events: [ukr2], sources: [outletId] });
    expect(replaced.counts).toMatchObject({ updated: 1, unchanged: 2 });
    const taken = await call<{ event: LibraryEvent; sources: Source[] }>('events:get', { id: ukr2 });
    expect(taken.event).toMatchObject({ summary: 'Second protest, revised: 2 fatalities', datasetVersion: edited.datasetVersion + 1 });
    expect(taken.event.editedAt).toBeUndefined();
    expect(taken.sources[0]).toMatchObject({ id: outletId, grade: { reliability: 'B', credibility: '2' }, createdAt: graded.createdAt });
    expect(taken.sources[0]!.editedAt).toBeUndefined();
    const moved = await call<{ events: { datasetVersion: number }[] }>('library:provenance', { eventIds: [ukr2], sourceIds: [] });
    expect(moved.events[0]!.datasetVersion).toBe(edited.datasetVersion + 1);

    // Now unedited, the next newer file updates it as any other event.
    const v4 = parsed([row('UKR1', '2025-06-01', 'Protest in Kyiv over tariffs, revised'), row('UKR2', '2025-06-02', 'Second protest: 3 fatalities', { figures: { fatalities: 3 } }), row('UKR3', '2025-06-03', 'Third protest')]);
    const fourth = await backend.services.library.storeImport(v4, { fileName: 'acled-ukraine.csv' });
    expect(fourth.keptEdited).toEqual({ events: [], sources: [] });
    expect(fourth.counts).toMatchObject({ updated: 1, unchanged: 2 });
  });

  it('reports nothing kept when the edited record and the file agree, or the edit is undone by the same file', async () => {
    await backend.services.library.storeImport(v1, { fileName: 'acled-ukraine.csv' });
    const id = (await call<EventSearchResult>('events:search', { sort: 'date-asc' })).events[0]!.id;
    // An edit to the same text (trimmed) changes nothing and marks nothing.
    const same = await call<LibraryEvent>('events:update', { id, patch: { summary: ' Protest in Kyiv over tariffs ' } });
    expect(same.editedAt).toBeUndefined();
    await call('events:update', { id, patch: { summary: 'Protest in Kyiv' } });
    await call('events:update', { id, patch: { summary: 'Protest in Kyiv over tariffs' } });
    const report = await backend.services.library.storeImport(v1, { fileName: 'acled-ukraine.csv' });
    expect(report.keptEdited).toEqual({ events: [], sources: [] });
    expect(report.counts).toMatchObject({ updated: 0, unchanged: 3 });
  });

  it('counts duplicates within a file and across datasets', async () => {
    await backend.services.library.storeImport(v1, { fileName: 'a.csv' });
    const report = await backend.services.library.storeImport(
      parsed([row('X1', '2025-06-01', 'One', { externalId: null }), row('X1', '2025-06-01', 'One', { externalId: null }), row('X2', '2025-06-02', 'Two')]),
      { fileName: 'b.csv' },
    );
    expect(report.counts).toMatchObject({ imported: 2, duplicatesSkipped: 2 }); // a repeated row and the outlet a.csv brought
  });

  it('leaves the library and its search exactly as they were when writing a data file fails', async () => {
    await backend.services.library.storeImport(v1, { fileName: 'a.csv' });
    const libraryDir = join(ws.workspaceDir, 'library');
    const before = await snapshot(libraryDir);
    const searches = async (): Promise<unknown[]> =>
      Promise.all(['protest', 'fourth', ''].map(async (query) => (({ tookMs: _took, ...result }) => result)(await call<EventSearchResult>('events:search', { query }))));
    const found = await searches();
    // The next commit's dataset file cannot be renamed into place: a folder (not empty) holds its name.
    const blocked = join(libraryDir, 'datasets', `${datasetIdOf('b.csv')}.g2.json`);
    await mkdir(blocked, { recursive: true });
    await writeFile(join(blocked, 'keep'), '');
    const failing = backend.services.library.storeImport(parsed([row('F1', '2025-06-04', 'Fourth protest')], [outlet('Other outlet')]), { fileName: 'b.csv' });
    // A search during the commit waits for it, and then sees the library as it stays.
    const during = searches();
    await expect(failing).rejects.toThrow();
    expect(await during).toEqual(found);
    expect(await searches()).toEqual(found);
    expect(await call('library:stats', {})).toMatchObject({ events: 3, sources: 1 });
    expect((await snapshot(libraryDir)).filter((line) => !line.includes(blocked.slice(libraryDir.length + 1)))).toEqual(before);
  });

  it('is loaded again by a second backend on the same workspace (and sees its commits)', async () => {
    await backend.services.library.storeImport(v1, { fileName: 'acled-ukraine.csv' });
    const other = await ws.open();
    expect((await other.dispatch('library:stats', {})) as unknown).toMatchObject({ ok: true, value: { events: 3, sources: 1 } });
    await other.services.library.storeImport(v2, { fileName: 'acled-ukraine.csv' });
    expect(((await call<EventSearchResult>('events:search', {})).total)).toBe(4);
  });

  it('searches with filters, sorts, and builds histograms', async () => {
    await backend.services.library.storeImport(v1, { fileName: 'ukraine.csv' });
    await backend.services.library.storeImport(
      parsed(
        [
          row('C1', '2025-04-04', 'China puts seven rare earths under export licensing', {
            type: { label: 'Export controls', code: null, taxonomy: 'custom', subType: null },
            actors: [{ name: 'Ministry of Commerce', role: 'initiator', countryCode: 'CHN' }],
            location: { name: 'Beijing', country: 'China', admin1: null, latitude: null, longitude: null },
            sourceKeys: ['name:Reuters'],
          }),
          row('C2', '2025-05-12', 'Geneva talks agree 90-day tariff cut', {
            type: { label: 'Agreement', code: null, taxonomy: 'custom', subType: null },
            actors: [{ name: 'United States', role: 'initiator', countryCode: 'USA' }, { name: 'China', role: 'target', countryCode: 'CHN' }],
            location: { name: 'Geneva', country: 'Switzerland', admin1: null, latitude: null, longitude: null },
            sourceKeys: ['name:Rumour Mill'],
          }),
        ],
        [outlet('Reuters', { reliability: 'A', credibility: '2' }), outlet('Rumour Mill', { reliability: 'E', credibility: '5' })],
      ),
      { fileName: 'trade.csv' },
    );
    const search = (query: object): Promise<EventSearchResult> => call<EventSearchResult>('events:search', query);
    const summaries = async (query: object): Promise<string[]> => (await search(query)).events.map((card) => card.summary);

    expect(await summaries({ query: 'rare earth' })).toEqual(['China puts seven rare earths under export licensing']);
    expect(await summaries({ query: 'protst' })).toHaveLength(3); // typo
    expect((await search({ query: 'kyiv protest' })).total).toBe(3); // all three happened in Kyiv (location)…
    expect((await search({ query: 'kyiv tariffs' })).total).toBe(1); // …but every term must match (AND)
    expect((await search({ query: 'geneva tariff' })).total).toBe(1);
    expect(await summaries({ from: '2025-05', to: '2025-05' })).toEqual(['Geneva talks agree 90-day tariff cut']);
    expect(await summaries({ from: '2025-06-02', sort: 'date-asc' })).toEqual(['Second protest', 'Third protest']);
    expect(await summaries({ actor: 'ministry of COMMERCE' })).toHaveLength(1);
    expect(await summaries({ country: 'chn', sort: 'date-asc' })).toEqual(['China puts seven rare earths under export licensing', 'Geneva talks agree 90-day tariff cut']);
    expect(await summaries({ country: 'switzerland' })).toEqual(['Geneva talks agree 90-day tariff cut']);
    expect((await search({ type: 'protests' })).total).toBe(3);
    expect(await summaries({ reliability: ['A'] })).toEqual(['China puts seven rare earths under export licensing']);
    expect((await search({ reliability: ['A', 'B'] })).total).toBe(4);
    const stats = await call<{ datasets: { id: string; name: string }[] }>('library:stats', {});
    const trade = stats.datasets.find((dataset) => dataset.name === 'trade.csv')!;
    expect((await search({ datasetId: trade.id })).total).toBe(2);
    const reuters = (await call<{ sources: { id: string; title: string }[] }>('sources:search', { query: 'reuters' })).sources[0]!;
    expect(await summaries({ sourceId: reuters.id })).toEqual(['China puts seven rare earths under export licensing']);
    expect(await summaries({ sort: 'date-desc', limit: 2 })).toEqual(['Third protest', 'Second protest']);
    expect(await summaries({ sort: 'date-desc', offset: 4 })).toEqual(['China puts seven rare earths under export licensing']);

    const monthly = await search({ histogram: 'month' });
    expect(monthly.histogram).toEqual([
      { start: '2025-04-01', count: 1 },
      { start: '2025-05-01', count: 1 },
      { start: '2025-06-01', count: 3 },
    ]);
    const weekly = await search({ histogram: 'week', from: '2025-06' });
    expect(weekly.histogram).toEqual([
      { start: '2025-05-26', count: 1 }, // Sunday 1 June is in the week of Monday 26 May
      { start: '2025-06-02', count: 2 },
    ]);
    expect((await search({ histogram: 'day', query: 'protest' })).histogram).toHaveLength(3);
  });

  it('creates, edits and deletes events and sources by hand, keeping the index in step', async () => {
    const source = await call<Source>('sources:create', {
      title: 'Rare Earths Dominate U.S.-China Talks',
      publisher: 'Rare Earth Exchanges',
      url: 'https://rareearthexchanges.com/news/rare-earths-dominate-u-s-china-talks-as-trump-xi-call-spurs-high-stakes-london-negotiations',
      published: { date: '2025-06-10', precision: 'day' },
      text: 'On June 9, 2025 officials met in London. Scott Bessent led the US side.',
    });
    expect(source.id).toMatch(/^src-[0-9a-f]{16}$/);
    const again = await backend.dispatch('sources:create', { title: 'Same URL', url: source.url });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const event = await call<LibraryEvent>('events:create', { date: { date: '2025-06-09', precision: 'day' }, summary: 'London talks open', sourceIds: [source.id] });
    expect(event.origin.kind).toBe('manual');
    expect((await call<EventSearchResult>('events:search', { query: 'london' })).total).toBe(1);
    expect((await call<EventSearchResult>('events:search', { query: 'dominate' })).total).toBe(1); // source title

    await call('events:update', { id: event.id, patch: { summary: 'Talks in London begin' } });
    expect((await call<EventSearchResult>('events:search', { query: 'begin' })).total).toBe(1);
    await call('sources:update', { id: source.id, patch: { grade: { reliability: 'B', credibility: '2' }, title: 'Rare earths at the centre' } });
    expect((await call<EventSearchResult>('events:search', { reliability: ['B'] })).total).toBe(1);
    expect((await call<EventSearchResult>('events:search', { query: 'centre' })).total).toBe(1);

    const candidates = await call<{ date: { date: string }; sentence: string }[]>('sources:extract', { id: source.id });
    expect(candidates.map((candidate) => candidate.date.date)).toContain('2025-06-09');
    const accepted = await call<LibraryEvent>('sources:accept-candidate', { sourceId: source.id, event: { date: { date: '2025-06-09', precision: 'day' }, summary: 'Officials met in London' } });
    expect(accepted).toMatchObject({ sourceIds: [source.id], origin: { kind: 'extracted' } });

    const unknown = await backend.dispatch('events:create', { date: { date: '2025-06-09', precision: 'day' }, summary: 'x', sourceIds: ['src-0000000000000000'] });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });

    await call('sources:delete', { id: source.id, confirm: true });
    expect((await call<{ event: LibraryEvent }>('events:get', { id: event.id })).event.sourceIds).toEqual([]);
    await call('events:delete', { id: event.id, confirm: true });
    const gone = await backend.dispatch('events:get', { id: event.id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('may have been deleted') } });
    expect((await call<EventSearchResult>('events:search', {})).total).toBe(1);

    // Everything survives a restart.
    const reopened = await ws.open();
    expect(await reopened.dispatch('events:get', { id: accepted.id })).toMatchObject({ ok: true });
  });

  it.each(['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:msgbox', 'file:///etc/passwd', '/relative'])(
    'refuses a source URL %j on sources:create and sources:update with invalid_input, writing nothing',
    async (url) => {
      const source = await call<Source>('sources:create', { title: 'Plain source', url: 'https://example.org/plain' });
      const before = await snapshot(join(ws.workspaceDir, 'library'));
      expect(await backend.dispatch('sources:create', { title: 'Hostile', url })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('url') } });
      expect(await backend.dispatch('sources:update', { id: source.id, patch: { url } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await snapshot(join(ws.workspaceDir, 'library'))).toEqual(before);
      expect((await call<Source>('sources:get', { id: source.id })).url).toBe('https://example.org/plain');
    },
  );

  it('keeps a first import and later changes apart in memory (one map serves the library and the dataset)', async () => {
    const report = await backend.services.library.storeImport(v1, { fileName: 'acled.csv' });
    const manual = await call<LibraryEvent>('events:create', { date: { date: '2025-06-09', precision: 'day' }, summary: 'London talks open' });
    const [first] = (await call<EventSearchResult>('events:search', { query: 'tariffs' })).events;
    await call('events:delete', { id: first!.id, confirm: true });
    await backend.services.library.storeImport(parsed([row('OTHER1', '2025-06-05', 'Another protest')]), { fileName: 'other.csv' });
    const state = await backend.services.library.state();
    expect(state.events.size).toBe(4);
    expect(state.events.has(manual.id)).toBe(true);
    expect(state.events.has(first!.id)).toBe(false);
    expect(state.datasets.get(report.datasetId ?? '')!.events.size).toBe(2);
    expect(state.manual.size).toBe(1);
    // The same library read back from disk.
    const reopened = await ws.open();
    expect((await reopened.dispatch('library:stats', {})) as unknown).toMatchObject({ ok: true, value: { events: 4 } });
  });

  it('deletes a dataset with its own sources', async () => {
    const report = await backend.services.library.storeImport(v1, { fileName: 'acled.csv' });
    const deleted = await call<{ eventsDeleted: number }>('library:delete-dataset', { id: report.datasetId, confirm: true });
    expect(deleted.eventsDeleted).toBe(3);
    expect(await call('library:stats', {})).toEqual({ events: 0, sources: 0, datasets: [] });
    const files = await listFiles(join(ws.workspaceDir, 'library'));
    expect(files.filter((file) => file.startsWith('datasets/'))).toEqual(expect.arrayContaining([expect.stringMatching(/^datasets\/ds-/)]));
    // Only the previous generation's files (named by manifest.json.bak) remain besides the manifest.
    expect(files.filter((file) => file.startsWith('datasets/'))).toHaveLength(1);
  });

  it('lists the notes that cite an id', async () => {
    const report = await backend.services.library.storeImport(v1, { fileName: 'acled.csv' });
    const eventId = (await call<EventSearchResult>('events:search', {})).events[0]!.id;
    const note = await call<{ id: string }>('notes:create', { templateId: 'situation-brief', title: 'Kyiv brief' });
    expect(await call('library:citing-notes', { id: eventId })).toEqual([]);
    await call('notes:save', { id: note.id, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `See ${eventId}.` }] }] } });
    expect(await call('library:citing-notes', { id: eventId })).toEqual([{ noteId: note.id, title: 'Kyiv brief' }]);
    await call('notes:save', { id: note.id, content: docOf('nothing') });
    expect(await call('library:citing-notes', { id: eventId })).toEqual([]);
    expect(report.datasetId).toMatch(/^ds-/);
  });
});
