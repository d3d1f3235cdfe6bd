import { copyFile, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreProblem } from '../../../core/index';
import type { Backend } from '../../container';
import { type TestWorkspace, createTestWorkspace, listFiles } from '../testing/fixtures';
import type { ParseResult, ParsedEvent } from './importers/types';

function row(id: string, summary: string): ParsedEvent {
  return {
    externalId: id,
    date: { date: '2025-06-01', precision: 'day' },
    endDate: null,
    summary,
    type: { label: 'Protests', code: null, taxonomy: 'ACLED', subType: null },
    actors: [],
    location: { name: 'Kyiv', country: 'Ukraine', admin1: null, latitude: null, longitude: null },
    figures: {},
    sourceKeys: ['name:Kyiv Independent'],
    line: 2,
  };
}

function parsed(prefix: string, count: number): ParseResult {
  const events = Array.from({ length: count }, (_, i) => row(`${prefix}${i}`, `${prefix} event ${i}`));
  const sources = [{ key: 'name:Kyiv Independent', title: 'Kyiv Independent', publisher: 'Kyiv Independent', authors: [], published: null, url: null, canonicalUrl: null, language: null, text: '', excerpt: '', grade: null, tags: [] }];
  return { format: 'acled', datasetName: null, rows: count, events, sources, warnings: [], rejected: 0, duplicates: 0 };
}

describe('a damaged library is recovered, not emptied', () => {
  let ws: TestWorkspace;
  let backend: Backend;
  const lib = (name = ''): string => join(ws.workspaceDir, 'library', name);

  beforeEach(async () => {
    ws = await createTestWorkspace();
    backend = await ws.open();
  });
  afterEach(() => ws.cleanup());

  async function stats(b: Backend): Promise<{ events: number; datasets: { name: string; eventCount: number }[] }> {
    const result = await b.dispatch('library:stats', {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { events: number; datasets: { name: string; eventCount: number }[] };
  }

  async function problemsOf(b: Backend): Promise<StoreProblem[]> {
    const result = await b.dispatch('workspace:problems', {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value as StoreProblem[];
  }

  async function reopen(): Promise<Backend> {
    await backend.close();
    backend = await ws.open();
    return backend;
  }

  const quarantined = async (): Promise<string[]> => (await listFiles(lib())).filter((file) => file.includes('.corrupt-'));

  it('rebuilds a truncated manifest without a backup from the data files, and moves the damaged one aside', async () => {
    await backend.services.library.storeImport(parsed('A', 3), { fileName: 'alpha.csv' });
    await truncate(lib('manifest.json'), 20);

    const reopened = await reopen();

    expect(await stats(reopened)).toMatchObject({ events: 3, datasets: [{ name: expect.stringContaining('alpha'), eventCount: 3 }] });
    expect(await quarantined()).toEqual([expect.stringMatching(/^manifest\.corrupt-\d{8}T\d+Z\.json$/)]);
    const [problem] = await problemsOf(reopened);
    expect(problem).toMatchObject({ file: 'library/manifest.json', restoredFromBackup: false, quarantinedAs: expect.stringMatching(/^library\/manifest\.corrupt-/) });
    expect(problem!.message).toContain('rebuilt from 2 data files: 1 dataset, 3 events, 1 source');
  });

  it('keeps the last import when the manifest is damaged: the backup plus the newer data files', async () => {
    await backend.services.library.storeImport(parsed('A', 3), { fileName: 'alpha.csv' });
    await backend.services.library.storeImport(parsed('B', 2), { fileName: 'bravo.csv' });
    const made = await backend.dispatch('events:create', { date: { date: '2025-06-09', precision: 'day' }, summary: 'London talks open' });
    expect(made.ok).toBe(true);
    await writeFile(lib('manifest.json'), '{"schemaVersion":1,"generation":');

    const reopened = await reopen();

    expect((await stats(reopened)).events).toBe(6);
    const [problem] = await problemsOf(reopened);
    expect(problem!.message).toMatch(/rebuilt from 4 data files and its backup: 2 datasets, 6 events, 1 source\./);
    // The library works on: a commit after the rebuild, then a clean reopen.
    await reopened.services.library.storeImport(parsed('C', 1), { fileName: 'charlie.csv' });
    const again = await reopen();
    expect((await stats(again)).events).toBe(7);
    expect(await problemsOf(again)).toEqual([]);
  });

  it('restores a damaged manifest from its .bak when the backup names every file there is', async () => {
    await backend.services.library.storeImport(parsed('A', 3), { fileName: 'alpha.csv' });
    await copyFile(lib('manifest.json'), lib('manifest.json.bak'));
    await writeFile(lib('manifest.json'), '');

    const reopened = await reopen();

    expect((await stats(reopened)).events).toBe(3);
    const [problem] = await problemsOf(reopened);
    expect(problem).toMatchObject({ restoredFromBackup: true });
    expect(problem!.message).toContain('restored from its backup (library/manifest.json.bak): 1 dataset, 3 events');
  });

  it('rebuilds from the data files when the manifest and its .bak are both broken, or the manifest was deleted', async () => {
    await backend.services.library.storeImport(parsed('A', 3), { fileName: 'alpha.csv' });
    await backend.services.library.storeImport(parsed('B', 2), { fileName: 'bravo.csv' });
    await writeFile(lib('manifest.json'), 'garbage');
    await writeFile(lib('manifest.json.bak'), '{"schemaVersion":1');
    expect((await stats(await reopen())).events).toBe(5);

    await rm(lib('manifest.json'));
    const reopened = await reopen();
    expect((await stats(reopened)).events).toBe(5);
    const messages = (await problemsOf(reopened)).map((problem) => problem.message);
    expect(messages.at(-1)).toContain('was missing although the library has data files');
  });

  it('opens a library whose data file is missing: an older copy stands in, a dataset with none is named as lost', async () => {
    const alpha = await backend.services.library.storeImport(parsed('A', 3), { fileName: 'alpha.csv' });
    const bravo = await backend.services.library.storeImport(parsed('B', 2), { fileName: 'bravo.csv' });
    // Re-importing alpha writes its generation-3 file; generation 1 stays, named by the .bak.
    await backend.services.library.storeImport(parsed('A', 4), { fileName: 'alpha.csv' });
    const names = await readdir(lib('datasets'));
    expect(names.sort()).toEqual([`${alpha.datasetId}.g1.json`, `${alpha.datasetId}.g3.json`, `${bravo.datasetId}.g2.json`].sort());
    await rm(lib(`datasets/${alpha.datasetId}.g3.json`));
    await writeFile(lib(`datasets/${bravo.datasetId}.g2.json`), '{"schemaVersion":2,"ev');

    const reopened = await reopen();

    expect(await stats(reopened)).toMatchObject({ events: 3, datasets: [{ eventCount: 3 }] });
    const [problem] = await problemsOf(reopened);
    expect(problem!.message).toContain(`datasets/${alpha.datasetId}.g1.json, an older copy`);
    expect(problem!.message).toMatch(/Could not recover dataset "bravo[^"]*" \(no readable data file is left\)/);
    expect(await quarantined()).toEqual([expect.stringMatching(new RegExp(`^datasets/${bravo.datasetId}\\.g2\\.corrupt-`))]);
  });

  it('leaves a library alone whose data file comes from a newer app', async () => {
    const alpha = await backend.services.library.storeImport(parsed('A', 3), { fileName: 'alpha.csv' });
    await writeFile(lib(`datasets/${alpha.datasetId}.g1.json`), '{"schemaVersion":99,"events":{}}');
    const manifest = await readFile(lib('manifest.json'), 'utf8');

    const reopened = await reopen();

    expect(await reopened.dispatch('library:stats', {})).toMatchObject({ ok: false, error: { message: expect.stringContaining('newer version') } });

    expect(await readFile(lib('manifest.json'), 'utf8')).toBe(manifest);
    expect(await quarantined()).toEqual([]);
  });

  it('logs each problem in the workspace, and the app reports one another process met once', async () => {
    await backend.services.library.storeImport(parsed('A', 3), { fileName: 'alpha.csv' });
    await backend.close();
    await truncate(lib('manifest.json'), 10);
    const told: StoreProblem[] = [];
    // Another process (as the CLI opens it) repairs the library and says so at once.
    const cli = await ws.open({ processName: 'cli', onProblem: (problem) => told.push(problem) });
    expect(told).toHaveLength(1);
    await cli.close();
    const log = (await readFile(join(ws.workspaceDir, 'logs', 'problems.jsonl'), 'utf8')).trim().split('\n');
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!)).toMatchObject({ by: 'cli', problem: { file: 'library/manifest.json' } });

    backend = await ws.open();
    const shown = await problemsOf(backend);
    expect(shown).toEqual([expect.objectContaining({ file: 'library/manifest.json', message: told[0]!.message })]);
    // Asked again in the same session (a reload of the page): still there.
    expect(await problemsOf(backend)).toHaveLength(1);
    // The next start has nothing new to show; the log keeps it.
    expect(await problemsOf(await reopen())).toEqual([]);
    expect((await readFile(join(ws.workspaceDir, 'logs', 'problems.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(1);
  });
});
