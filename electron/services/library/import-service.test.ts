import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventSearchResult, ImportJob, ImportReport, LibraryEvent, Source } from '../../../core/domain/library';
import type { Backend, BackendOptions } from '../../container';
import { type TestWorkspace, createTestWorkspace, listFiles } from '../testing/fixtures';

const GDELT = join(__dirname, '..', '..', '..', 'test-fixtures', 'real', 'gdelt2-sample-head50.export.CSV');
const ACLED = join(__dirname, 'importers', 'fixtures', 'acled-sample.csv');
const WORKER = { path: join(__dirname, 'import-worker.ts'), typescript: true };

/** Every file under library/ (and the uploads) with the SHA-256 of its contents. */
async function snapshot(dir: string): Promise<string[]> {
  const files = await listFiles(dir).catch(() => [] as string[]);
  return Promise.all(files.map(async (file) => `${file} ${createHash('sha256').update(await readFile(join(dir, file))).digest('hex')}`));
}

describe('import jobs through dispatch', () => {
  let ws: TestWorkspace;
  let backend: Backend;

  async function open(options: Partial<BackendOptions> = {}): Promise<void> {
    backend = await ws.open(options);
  }

  beforeEach(async () => {
    ws = await createTestWorkspace();
    await open();
  });
  afterEach(() => ws.cleanup());

  async function call<T>(name: string, input: unknown): Promise<T> {
    // Paths on this machine: the CLI's (trusted) entry point.
    const result = await backend.trustedDispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as T;
  }

  /** Starts an import and polls import:status until it has finished. */
  async function importAndWait(input: Record<string, unknown>): Promise<ImportJob> {
    let job = await call<ImportJob>('import:start', input);
    for (let i = 0; i < 2000 && !['done', 'failed', 'cancelled'].includes(job.state); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      job = await call<ImportJob>('import:status', { jobId: job.id });
    }
    return job;
  }

  const libraryDir = (): string => join(ws.workspaceDir, 'library');

  it('imports the real GDELT sample end to end, finds its events, and keeps ids on re-import', async () => {
    const job = await importAndWait({ path: GDELT, fileName: 'gdelt2-sample-head50.export.CSV' });
    expect(job.state, JSON.stringify(job.failure)).toBe('done');
    expect(job.report).toMatchObject({ format: 'gdelt', counts: { updated: 0, unchanged: 0, removedUpstream: 0 } });
    // The file's 50 rows are 50 distinct, well-formed GLOBALEVENTIDs (588604779 to 588604828) citing
    // 21 distinct SOURCEURLs: every row is imported, none skipped or rejected, no warnings.
    expect(job.rows).toBe(50);
    expect(job.report!.counts).toEqual({
      imported: 50,
      updated: 0,
      unchanged: 0,
      removedUpstream: 0,
      duplicatesSkipped: 0,
      rejected: 0,
      warnings: 0,
      sourcesImported: 21,
    });
    expect(job.report!.warningSamples).toEqual([]);
    const imported = job.report!.counts.imported;

    const all = await call<EventSearchResult>('events:search', { limit: 1000 });
    expect(all.total).toBe(imported);
    const ids = all.events.map((card) => card.id).sort();
    // Row 588604786 is the only one that names Changchun (its Actor1Name): search finds that row alone.
    const changchun = await call<EventSearchResult>('events:search', { query: 'Changchun' });
    expect(changchun.total).toBe(1);
    const found = await call<{ event: LibraryEvent }>('events:get', { id: changchun.events[0]!.id });
    expect(found.event.externalId).toBe('588604786');
    expect(found.event.actors.map((actor) => actor.name)).toEqual(['Changchun', 'European']);

    const again = await importAndWait({ path: GDELT, fileName: 'gdelt2-sample-head50.export.CSV' });
    expect(again.report?.counts).toMatchObject({ imported: 0, updated: 0, unchanged: imported });
    const after = await call<EventSearchResult>('events:search', { limit: 1000 });
    expect(after.events.map((card) => card.id).sort()).toEqual(ids);
    expect(await call<ImportJob[]>('import:list', {})).toHaveLength(2);
  });

  it('parses in a worker thread (the TypeScript entry under tsx) with the same result', async () => {
    await open({ importWorker: WORKER });
    const job = await importAndWait({ path: GDELT, fileName: 'gdelt2-sample-head50.export.CSV' });
    expect(job.state, JSON.stringify(job.failure)).toBe('done');
    expect(job.rows).toBe(50);
    expect(job.report!.counts).toMatchObject({ imported: 50, duplicatesSkipped: 0, rejected: 0, warnings: 0, sourcesImported: 21 });
  });

  it('writes a big GDELT file from the parse workers\' segments, and the library reads back exactly as imported', async () => {
    await open({ importWorker: WORKER });
    const rows = (await readFile(GDELT, 'utf8')).trimEnd().split('\n').map((line) => line.replace(/\r$/, ''));
    // Sources already in the library come before the new ones in the sources file: other URLs, other ids.
    const small = join(ws.root, 'small.export.CSV');
    await writeFile(small, rows.slice(0, 10).map((line, i) => line.replace(/^\d+/, String(800_000_000 + i)).replace(/(https?:\/\/[^\t]*)$/, '$1#earlier')).join('\n'));
    expect((await importAndWait({ path: small, fileName: 'small.export.CSV' })).state).toBe('done');
    const big = join(ws.root, 'big.export.CSV');
    const lines = Array.from({ length: 24_000 }, (_, i) => {
      const fields = rows[i % rows.length]!.split('\t');
      fields[0] = String(900_000_000 + i);
      // Five rows per article, so the halves share an article at the cut (its source is the first half's).
      if (fields[60]) fields[60] = `${fields[60]}${fields[60].includes('?') ? '&' : '?'}n=${Math.floor(i / 5)}`;
      return fields.join('\t');
    });
    await writeFile(big, `${lines.join('\n')}\n`);
    const job = await importAndWait({ path: big, fileName: 'big.export.CSV' });
    expect(job.state, JSON.stringify(job.failure)).toBe('done');
    const files = await listFiles(libraryDir());
    const versions = await Promise.all(files.filter((file) => file.endsWith('.json') && !file.startsWith('manifest')).map(async (file) => (JSON.parse(await readFile(join(libraryDir(), file), 'utf8')) as { schemaVersion: number }).schemaVersion));
    expect(versions.filter((version) => version === 3)).toHaveLength(2);

    const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
    const searches = async (target: Backend): Promise<unknown[]> =>
      Promise.all(
        [{ query: 'united states' }, { query: 'police', from: '2015-01-01' }, { country: 'USA', limit: 500 }, {}].map(async (query) => {
          const result = await target.dispatch('events:search', query);
          if (!result.ok) throw new Error(result.error.message);
          const { tookMs: _took, ...rest } = result.value as EventSearchResult;
          return rest;
        }),
      );
    const imported = await backend.services.library.state();
    const found = await searches(backend);
    const reopened = await ws.open();
    const loaded = await reopened.services.library.state();
    expect(loaded.events.size).toBe(imported.events.size);
    expect(plain([...loaded.events.values()])).toEqual(plain([...imported.events.values()]));
    expect(plain([...loaded.sources.values()])).toEqual(plain([...imported.sources.values()]));
    expect(plain([...loaded.datasets.values()].map((entry) => entry.dataset))).toEqual(plain([...imported.datasets.values()].map((entry) => entry.dataset)));
    expect(await searches(reopened)).toEqual(found);

    const again = await importAndWait({ path: big, fileName: 'big.export.CSV' });
    expect(again.report?.counts).toMatchObject({ imported: 0, updated: 0, unchanged: job.report!.counts.imported });
  }, 60_000);

  it('re-imports a changed ACLED file in place and reports the event that disappeared', async () => {
    const first = await importAndWait({ path: ACLED, fileName: 'acled-sudan.csv' });
    expect(first.state, JSON.stringify(first.failure)).toBe('done');
    const lines = (await readFile(ACLED, 'utf8')).split('\n');
    // Drop one row (deleted upstream) and edit another (fatalities revised). Rows may span lines.
    const dropped = 'USA20001';
    const editedIndex = lines.findIndex((line) => line.startsWith('MMR77001,'));
    const edited = lines[editedIndex]!.replace(/,(\d+),([^,]*),(\d+)\s*$/, (_m, fatalities: string, tags: string, stamp: string) => `,${Number(fatalities) + 5},${tags},${stamp}`);
    expect(edited).not.toBe(lines[editedIndex]);
    const newer = join(ws.root, 'acled-newer.csv');
    await writeFile(newer, lines.map((line, i) => (i === editedIndex ? edited : line)).filter((line) => !line.startsWith(`${dropped},`)).join('\n'));
    const second = await importAndWait({ path: newer, fileName: 'acled-newer.csv', dataset: 'acled-sudan.csv' });
    expect(second.state, JSON.stringify(second.failure)).toBe('done');
    expect(second.report!.datasetId).toBe(first.report!.datasetId);
    expect(second.report!.counts).toMatchObject({ imported: 0, updated: 1, removedUpstream: 1, unchanged: first.report!.counts.imported - 2 });
    const removed = await call<{ event: { externalId: string } }>('events:get', { id: second.report!.removedEventIds[0] });
    expect(removed.event.externalId).toBe(dropped);
  });

  it('keeps an edited ACLED event on re-import of a changed row, reports it, and takes the file\'s version with replaceEdited', async () => {
    const first = await importAndWait({ path: ACLED, fileName: 'acled-sudan.csv' });
    expect(first.state, JSON.stringify(first.failure)).toBe('done');
    const lines = (await readFile(ACLED, 'utf8')).split('\n');
    // Revise the fatalities of two rows: one the analyst edits, one left alone.
    const revise = (line: string): string => line.replace(/,(\d+),([^,]*),(\d+)\s*$/, (_m, fatalities: string, tags: string, stamp: string) => `,${Number(fatalities) + 5},${tags},${stamp}`);
    const editedRow = lines.findIndex((line) => line.startsWith('MMR77001,'));
    const otherRow = lines.findIndex((line, i) => i > 0 && i !== editedRow && revise(line) !== line);
    expect(otherRow).toBeGreaterThan(0);
    const newer = join(ws.root, 'acled-newer.csv');
    await writeFile(newer, lines.map((line, i) => (i === editedRow || i === otherRow ? revise(line) : line)).join('\n'));
    const byExternalId = async (externalId: string): Promise<LibraryEvent> => {
      const all = await call<EventSearchResult>('events:search', { limit: 1000 });
      for (const card of all.events) {
        const { event } = await call<{ event: LibraryEvent }>('events:get', { id: card.id });
        if (event.externalId === externalId) return event;
      }
      throw new Error(`no event ${externalId}`);
    };
    const target = await byExternalId('MMR77001');
    const otherId = lines[otherRow]!.split(',')[0]!;
    const edited = await call<LibraryEvent>('events:update', { id: target.id, patch: { summary: 'Clashes near Mandalay, as the analyst reads them' } });

    const second = await importAndWait({ path: newer, fileName: 'acled-newer.csv', dataset: 'acled-sudan.csv' });
    expect(second.state, JSON.stringify(second.failure)).toBe('done');
    expect(second.report!.keptEdited).toEqual({ events: [target.id], sources: [] });
    expect(second.report!.counts).toMatchObject({ imported: 0, updated: 1, removedUpstream: 0 });
    expect((await call<{ event: LibraryEvent }>('events:get', { id: target.id })).event).toEqual(edited);
    expect((await byExternalId(otherId)).datasetVersion).toBe(2);

    const replaced = await importAndWait({ path: newer, fileName: 'acled-newer.csv', dataset: 'acled-sudan.csv', replaceEdited: true });
    expect(replaced.state, JSON.stringify(replaced.failure)).toBe('done');
    expect(replaced.report!.keptEdited).toEqual({ events: [], sources: [] });
    expect(replaced.report!.replacedEdited).toEqual({ events: [target.id], sources: [] });
    const taken = (await call<{ event: LibraryEvent }>('events:get', { id: target.id })).event;
    expect(taken.summary).toBe(target.summary);
    expect(taken.figures.fatalities).toBe((target.figures.fatalities ?? 0) + 5);
    expect(taken.datasetVersion).toBe(edited.datasetVersion + 1);
    expect(taken.editedAt).toBeUndefined();
  });

  it('keeps the sample\'s events and sources the analyst edited when the sample is loaded again, and says so', async () => {
    await call('library:load-sample', {});
    const { events } = await call<EventSearchResult>('events:search', { sort: 'date-asc', limit: 1 });
    const { event, sources } = await call<{ event: LibraryEvent; sources: Source[] }>('events:get', { id: events[0]!.id });
    const edited = await call<LibraryEvent>('events:update', { id: event.id, patch: { summary: 'My own reading of the day' } });
    const source = sources[0]!;
    const graded = await call<Source>('sources:update', { id: source.id, patch: { grade: { reliability: 'E', credibility: '5' }, title: 'My title' } });

    const again = await call<{ added: boolean; report: ImportReport }>('library:load-sample', {});
    expect(again.added).toBe(false);
    expect(again.report.keptEdited).toEqual({ events: [event.id], sources: [source.id] });
    expect((await call<{ event: LibraryEvent }>('events:get', { id: event.id })).event).toEqual(edited);
    expect(await call<Source>('sources:get', { id: source.id })).toEqual(graded);

    const replaced = await call<{ added: boolean; report: ImportReport }>('library:load-sample', { replaceEdited: true });
    expect(replaced.report.replacedEdited).toEqual({ events: [event.id], sources: [source.id] });
    expect((await call<{ event: LibraryEvent }>('events:get', { id: event.id })).event).toMatchObject({ summary: event.summary, datasetVersion: edited.datasetVersion + 1 });
    expect(await call<Source>('sources:get', { id: source.id })).toMatchObject({ title: source.title, grade: source.grade });
    const third = await call<{ added: boolean; report: ImportReport }>('library:load-sample', {});
    expect(third).toMatchObject({ added: false, report: { keptEdited: { events: [], sources: [] } } });
  });

  it('leaves the library byte for byte as it was when a file is broken or the import is cancelled', async () => {
    await importAndWait({ path: GDELT, fileName: 'gdelt.CSV' });
    const before = await snapshot(libraryDir());
    expect(before.length).toBeGreaterThan(0);

    const broken = join(ws.root, 'broken.json');
    await writeFile(broken, '{ "dataset": "x", "events": [ { "id": "1", ');
    const failed = await importAndWait({ path: broken, fileName: 'broken.json', format: 'json' });
    expect(failed.state).toBe('failed');
    expect(failed.failure).toMatchObject({ file: 'broken.json', message: expect.any(String) });
    expect(await snapshot(libraryDir())).toEqual(before);

    const missing = await importAndWait({ path: join(ws.root, 'nope.csv'), fileName: 'nope.csv' });
    expect(missing).toMatchObject({ state: 'failed', failure: { message: expect.stringContaining('no such file') } });

    // A bigger file, cancelled while the worker parses it.
    await open({ importWorker: WORKER });
    const rows = (await readFile(GDELT, 'utf8')).trimEnd().split('\n');
    const big = rows.length > 0 ? Array.from({ length: 40_000 }, (_, i) => rows[i % rows.length]!.replace(/^\d+/, String(900_000_000 + i))).join('\n') : '';
    const bigPath = join(ws.root, 'big.export.CSV');
    await writeFile(bigPath, big);
    const started = await call<ImportJob>('import:start', { path: bigPath, fileName: 'big.export.CSV' });
    const cancelled = await call<ImportJob>('import:cancel', { jobId: started.id });
    expect(cancelled.state).toBe('cancelled');
    await backend.services.imports.wait(started.id);
    expect((await call<ImportJob>('import:status', { jobId: started.id })).state).toBe('cancelled');
    expect(await snapshot(libraryDir())).toEqual(before);
  });

  it('runs imports one at a time, in the order they were started, and skips a job cancelled while it waited', async () => {
    // Three big files (or zip bombs) started together once held three files, three parse workers
    // and three merges in memory at once.
    await open({ importWorker: WORKER });
    const rows = (await readFile(GDELT, 'utf8')).trimEnd().split('\n');
    const big = Array.from({ length: 20_000 }, (_, i) => rows[i % rows.length]!.replace(/^\d+/, String(800_000_000 + i))).join('\n');
    const bigPath = join(ws.root, 'first.export.CSV');
    await writeFile(bigPath, big);
    const first = await call<ImportJob>('import:start', { path: bigPath, fileName: 'first.export.CSV' });
    const skipped = await call<ImportJob>('import:start', { path: GDELT, fileName: 'skipped.export.CSV' });
    const small = await call<ImportJob>('import:start', { path: GDELT, fileName: 'small.export.CSV' });
    expect((await call<ImportJob>('import:cancel', { jobId: skipped.id })).state).toBe('cancelled');
    expect((await call<ImportJob>('import:status', { jobId: small.id })).state).toBe('queued');
    const smallDone = await backend.services.imports.wait(small.id);
    expect(smallDone.state, JSON.stringify(smallDone.failure)).toBe('done');
    // The small file came last, so the big one (20,000 rows) had finished before it started.
    expect((await call<ImportJob>('import:status', { jobId: first.id })).state).toBe('done');
    expect((await call<ImportJob>('import:status', { jobId: skipped.id })).state).toBe('cancelled');
  });

  it('imports a staged upload and removes it afterwards', async () => {
    const uploadId = await backend.services.uploads.stage('gdelt.CSV', await readFile(GDELT));
    // A slow disk: the job must not say "done" before its upload is gone (it once did, and this
    // test failed whenever the poll came between the two).
    const uploads = backend.services.uploads;
    const remove = uploads.remove.bind(uploads);
    uploads.remove = async (id: string): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      await remove(id);
    };
    const job = await importAndWait({ uploadId, fileName: 'gdelt.CSV' });
    expect(job.state, JSON.stringify(job.failure)).toBe('done');
    expect(await listFiles(join(ws.workspaceDir, '.uploads'))).toEqual([]);
    const reused = await importAndWait({ uploadId, fileName: 'gdelt.CSV' });
    expect(reused).toMatchObject({ state: 'failed', failure: { message: expect.stringContaining('Choose the file again') } });
  });

  it('loads the sample library once: a second load adds nothing', async () => {
    const first = await call<{ events: number; sources: number; added: boolean }>('library:load-sample', {});
    expect(first.added).toBe(true);
    expect(first.events).toBeGreaterThanOrEqual(15);
    expect(first.sources).toBeGreaterThanOrEqual(6);
    const before = await snapshot(libraryDir());
    expect(await call('library:load-sample', {})).toMatchObject({ events: first.events, sources: first.sources, added: false, report: { keptEdited: { events: [], sources: [] } } });
    expect(await snapshot(libraryDir())).toEqual(before);
    const found = await call<EventSearchResult>('events:search', { query: 'rare earth' });
    expect(found.total).toBeGreaterThan(0);
  });
});
