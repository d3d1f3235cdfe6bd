import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventCard, ImportReport, LibraryEvent, Source } from '../../core/index';
import { createBackend } from '../container';
import { formatReport } from './library-commands';
import { runCli } from './run-cli';

/**
 * The library commands in-process against a temp workspace, the real backend (importers, store,
 * search, sample) and the real sample files of test-fixtures/real/.
 */
interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const FIXTURES = resolve(__dirname, '..', '..', 'test-fixtures', 'real');
const GDELT = join(FIXTURES, 'gdelt2-sample-head50.export.CSV');

let workspace: string;

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'bd-cli-lib-'));
});

afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<Run> {
  return cliWith({}, ...argv);
}

/** Runs the CLI with a terminal-like stderr or an abort signal (Ctrl+C). */
async function cliWith(options: { tty?: boolean; signal?: AbortSignal }, ...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY: options.tty },
    env: { BRIEFING_DESK_WORKSPACE: workspace },
    homedir: workspace,
    signal: options.signal,
  });
  return { code, stdout, stderr };
}

/** The counts of a printed report, by label. */
function reportCounts(stdout: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const match of stdout.matchAll(/^ {2}([a-z ]+?)\s+(\d+)$/gm)) counts[match[1]!] = Number(match[2]);
  return counts;
}

/**
 * The GDELT sample with rows `from` (1-based) to `to` cut to their first 20 of 61 fields. With most
 * rows broken the importer rejects the whole file at the first bad row; with a few it imports the
 * others and counts those as rejected rows.
 */
async function gdeltWithTruncatedRows(from: number, to = 50): Promise<string> {
  const rows = (await readFile(GDELT, 'utf8')).split('\n');
  for (let line = from; line <= to; line += 1) rows[line - 1] = rows[line - 1]!.split('\t').slice(0, 20).join('\t');
  const file = join(workspace, 'broken.export.CSV');
  await writeFile(file, rows.join('\n'));
  return file;
}

describe('briefing-desk library commands: usage', () => {
  it('lists the library commands in --help', async () => {
    const run = await cli('--help');
    expect(run.code).toBe(0);
    for (const command of ['sample', 'import FILE...', 'events', 'sources', 'extract SOURCE_ID']) expect(run.stdout).toContain(`  ${command}`);
  });

  it.each(['sample', 'import', 'events', 'sources', 'extract'])('%s --help prints its usage, exit 0', async (command) => {
    const run = await cli(command, '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: briefing-desk ${command}`));
    expect(run.stdout).toContain('--workspace DIR');
  });

  it.each([
    [['import'], /missing FILE for "import"/],
    [['import', 'a.csv', '--format', 'xml'], /--format must be one of gdelt, gdelt1, acled, csv, json, csl, html, text, rss, auto \(got "xml"\)/],
    [['import', 'a.csv', '--dataset', '  '], /--dataset needs a name/],
    [['events', '--limit', '0'], /--limit must be a whole number/],
    [['events', '--limit', 'ten'], /--limit must be a whole number/],
    [['events', '--from', '05/06/2025'], /--from must be a date as YYYY, YYYY-MM or YYYY-MM-DD/],
    [['events', 'extra'], /unexpected argument "extra" for "events"/],
    [['sources', '--bogus'], /unknown option "--bogus" for "sources"/],
    [['extract'], /missing SOURCE_ID for "extract"/],
    [['extract', 'src-aaaa', 'src-bbbb'], /unexpected argument "src-bbbb" for "extract"/],
    [['extract', 'not an id'], /id/i],
    [['extract', 'src-doesnotexist'], /./],
  ])('bad input %j → one line on stderr, exit 2', async (argv, message) => {
    const run = await cli(...argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('formats a report with every count', () => {
    const report: ImportReport = {
      file: 'acled.csv',
      format: 'acled',
      datasetId: 'ds-abcdef',
      datasetName: 'ACLED Sahel',
      counts: { imported: 3, updated: 2, unchanged: 1, removedUpstream: 4, duplicatesSkipped: 5, rejected: 0, warnings: 7, sourcesImported: 8 },
      removedEventIds: [],
      warningSamples: [],
      durationMs: 1234,
    };
    const text = formatReport('data/acled.csv', report);
    expect(text.split('\n')[0]).toBe('data/acled.csv: acled into dataset "ACLED Sahel", 1.2 s');
    expect(reportCounts(text)).toEqual({
      imported: 3,
      updated: 2,
      unchanged: 1,
      'removed upstream': 4,
      'duplicates skipped': 5,
      rejected: 0,
      warnings: 7,
      'sources imported': 8,
    });
  });

  it('adds one line for edited records an import kept or replaced, and none when there were none', () => {
    const base: ImportReport = {
      file: 'acled.csv',
      format: 'acled',
      datasetId: 'ds-abcdef',
      datasetName: null,
      counts: { imported: 0, updated: 0, unchanged: 3, removedUpstream: 0, duplicatesSkipped: 0, rejected: 0, warnings: 0, sourcesImported: 0 },
      removedEventIds: [],
      warningSamples: [],
      durationMs: 100,
    };
    const plain = formatReport('acled.csv', base);
    expect(formatReport('acled.csv', { ...base, keptEdited: { events: [], sources: [] }, replacedEdited: { events: [], sources: [] } })).toBe(plain);
    const kept = formatReport('acled.csv', { ...base, keptEdited: { events: ['ev-aaaa1111'], sources: [] } });
    expect(kept).toBe(`${plain}  kept 1 event you edited (use --replace-edited to take the file's version)\n`);
    expect(reportCounts(kept)).toEqual(reportCounts(plain));
    const both = formatReport('acled.csv', { ...base, keptEdited: { events: ['ev-aaaa1111', 'ev-bbbb2222'], sources: ['src-cccc3333'] } });
    expect(both.split('\n').at(-2)).toBe("  kept 2 events and 1 source you edited (use --replace-edited to take the file's version)");
    const replaced = formatReport('acled.csv', { ...base, replacedEdited: { events: [], sources: ['src-cccc3333', 'src-dddd4444'] } });
    expect(replaced.split('\n').at(-2)).toBe("  took the file's version of 2 sources you edited");
  });
});

/** Edits a sample event and source through the contract, as the app does, on the CLI's workspace. */
async function editSample(workspaceDir: string): Promise<{ event: LibraryEvent; source: Source }> {
  const backend = await createBackend({ workspaceDir, builtinTemplatesDir: resolve(__dirname, '..', '..', 'templates'), appVersion: '9.9.9-test' });
  try {
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      const result = await backend.dispatch(name, input);
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      return result.value as T;
    };
    const { events } = await call<{ events: EventCard[] }>('events:search', { query: 'London', sort: 'date-asc', limit: 1 });
    const { event } = await call<{ event: LibraryEvent }>('events:get', { id: events[0]!.id });
    const edited = await call<LibraryEvent>('events:update', { id: event.id, patch: { summary: 'London talks: my own summary' } });
    const source = await call<Source>('sources:update', { id: event.sourceIds[0]!, patch: { grade: { reliability: 'F', credibility: '6' } } });
    return { event: edited, source };
  } finally {
    await backend.close();
  }
}

describe('briefing-desk library commands on the real backend', () => {
  it('keeps the sample events and sources you edited when the sample is loaded again, and --replace-edited takes the sample\'s version', async () => {
    expect((await cli('sample')).code).toBe(0);
    const { event } = await editSample(workspace);
    const edited = (await cli('events', '--query', 'my own summary')).stdout;
    expect(edited).toContain(`\t${event.id}\n`);

    const again = await cli('sample');
    expect(again.code).toBe(0);
    expect(again.stdout).toBe("The sample library is already loaded; nothing was added.\nkept 1 event and 1 source you edited (use --replace-edited to take the file's version)\n");
    expect((await cli('events', '--query', 'my own summary')).stdout).toBe(edited);

    const replaced = await cli('sample', '--replace-edited');
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toBe("The sample library is already loaded; nothing was added.\ntook the file's version of 1 event and 1 source you edited\n");
    expect((await cli('events', '--query', 'my own summary')).stdout).toBe('');
    expect((await cli('sample')).stdout).toBe('The sample library is already loaded; nothing was added.\n');
  });

  it('import keeps an edited event of a re-imported file, prints one line about it, and --replace-edited replaces it', async () => {
    const file = join(workspace, 'mine.json');
    const eventOf = (summary: string) => ({ id: 'e1', date: '2025-06-09', summary, type: 'Meeting', sources: ['s1'] });
    const write = (summary: string) =>
      writeFile(file, JSON.stringify({ briefingDesk: 'events', version: 1, dataset: 'Mine', sources: [{ id: 's1', title: 'A source', publisher: 'P', url: 'https://example.org/a' }], events: [eventOf(summary), { ...eventOf('Other event'), id: 'e2' }] }));
    await write('Officials met in London');
    expect((await cli('import', file)).code).toBe(0);
    const id = (await cli('events', '--query', 'officials')).stdout.trim().split('\t').at(-1)!;
    const backend = await createBackend({ workspaceDir: workspace, builtinTemplatesDir: resolve(__dirname, '..', '..', 'templates'), appVersion: '9.9.9-test' });
    expect(await backend.dispatch('events:update', { id, patch: { summary: 'Negotiators met at Lancaster House' } })).toMatchObject({ ok: true });
    await backend.close();

    await write('Officials met in London for two days');
    const run = await cli('import', file);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').at(-2)).toBe("  kept 1 event you edited (use --replace-edited to take the file's version)");
    expect(reportCounts(run.stdout)).toMatchObject({ imported: 0, updated: 0, unchanged: 2 });
    expect((await cli('events', '--query', 'lancaster')).stdout).toContain(id);

    const replaced = await cli('import', file, '--replace-edited');
    expect(replaced.code).toBe(0);
    expect(replaced.stdout.split('\n').at(-2)).toBe("  took the file's version of 1 event you edited");
    expect(reportCounts(replaced.stdout)).toMatchObject({ updated: 1, unchanged: 1 });
    expect((await cli('events', '--query', 'lancaster')).stdout).toBe('');
    expect((await cli('events', '--query', 'two days')).stdout).toContain(id);
  });

  it('imports the GDELT sample, prints the report, and lists the events', async () => {
    const run = await cli('import', GDELT);
    expect(run.stderr.split('\n').filter((line) => !line.includes('warning'))).toEqual(['']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(new RegExp(`^${GDELT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: gdelt`));
    const counts = reportCounts(run.stdout);
    for (const label of ['imported', 'updated', 'unchanged', 'removed upstream', 'duplicates skipped', 'rejected', 'warnings']) expect(counts).toHaveProperty([label]);
    expect(counts.imported).toBeGreaterThan(0);
    expect(counts.imported! + counts['duplicates skipped']! + counts.rejected!).toBe(50);

    const listed = await cli('events', '--limit', '1000');
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(counts.imported!);
    for (const line of lines) {
      const fields = line.split('\t');
      expect(fields).toHaveLength(5);
      expect(fields[0]).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      expect(fields[4]).toMatch(/^ev-/);
    }

    const json = await cli('events', '--json', '--limit', '1000');
    expect(json.code).toBe(0);
    const records = JSON.parse(json.stdout) as LibraryEvent[];
    expect(records.map((record) => record.id)).toEqual(lines.map((line) => line.split('\t')[4]));

    const limited = await cli('events', '--limit', '5');
    expect(limited.stdout.trim().split('\n')).toHaveLength(5);
    expect(limited.stderr).toMatch(/showing 5 of \d+ events/);

    // Each distinct SOURCEURL became a source.
    const sources = await cli('sources');
    expect(sources.code).toBe(0);
    expect(sources.stdout.trim().split('\n').length).toBeGreaterThan(0);
    for (const line of sources.stdout.trim().split('\n')) expect(line.split('\t')[0]).toMatch(/^src-/);
  });

  it('draws progress on a terminal and clears it before the report', async () => {
    const run = await cliWith({ tty: true }, 'import', GDELT);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('\r\u001b[K');
    expect(run.stderr.endsWith('\r\u001b[K')).toBe(true);
    expect(reportCounts(run.stdout).imported).toBe(50);
    // Without a terminal, stderr stays free of control sequences.
    expect((await cli('import', GDELT)).stderr).not.toContain('\u001b');
  });

  it('cancels the import on Ctrl+C (an aborted signal), exit 1, library unchanged', async () => {
    const stop = new AbortController();
    stop.abort();
    const run = await cliWith({ signal: stop.signal }, 'import', GDELT, GDELT);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${GDELT}: import cancelled; the library is unchanged\n`);
    expect((await cli('events')).stdout).toBe('');
  });

  it('re-importing the same file adds nothing', async () => {
    expect((await cli('import', GDELT)).code).toBe(0);
    const before = (await cli('events', '--limit', '1000')).stdout;
    const again = await cli('import', GDELT);
    expect(again.code).toBe(0);
    expect(reportCounts(again.stdout).imported).toBe(0);
    expect((await cli('events', '--limit', '1000')).stdout).toBe(before);
  });

  it('rejects a broken file with FILE:LINE: reason and exit 2, leaving the library unchanged', async () => {
    expect((await cli('import', GDELT)).code).toBe(0);
    const before = (await cli('events', '--json', '--limit', '1000')).stdout;
    const sourcesBefore = (await cli('sources', '--json')).stdout;
    const broken = await gdeltWithTruncatedRows(17);
    // The file as given on the command line: here relative to the working directory.
    const given = relative(process.cwd(), broken);

    const run = await cli('import', given, '--format', 'gdelt', '--dataset', 'Broken');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr.startsWith(`${given}:17: `)).toBe(true);
    expect((await cli('events', '--json', '--limit', '1000')).stdout).toBe(before);
    expect((await cli('sources', '--json')).stdout).toBe(sourcesBefore);
  });

  it('imports a file with one bad row, counts it as rejected and names its line, exit 0', async () => {
    const broken = await gdeltWithTruncatedRows(3, 3);
    const run = await cli('import', broken, '--format', 'gdelt');
    expect(run.code).toBe(0);
    expect(reportCounts(run.stdout)).toMatchObject({ imported: 49, rejected: 1 });
    expect(run.stderr).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: warning: .*61`, 'm'));
  });

  it('imports the good files of a mixed batch and still exits 2', async () => {
    const broken = await gdeltWithTruncatedRows(3);
    const missing = join(workspace, 'missing.csv');
    const run = await cli('import', broken, GDELT, missing);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${broken}:3: `);
    expect(run.stderr).toContain(`${missing}: no such file`);
    expect(reportCounts(run.stdout).imported).toBeGreaterThan(0);
    expect((await cli('events', '--limit', '1000')).stdout.trim().split('\n').length).toBe(reportCounts(run.stdout).imported);
  });

  it('loads the sample once; a second run adds nothing', async () => {
    const first = await cli('sample');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Loaded the sample library: (\d+) events, (\d+) sources\.\n$/);
    const events = (await cli('events', '--limit', '1000')).stdout;
    const eventLines = events.trim().split('\n');
    expect(eventLines.length).toBeGreaterThanOrEqual(15);

    const second = await cli('sample');
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('The sample library is already loaded; nothing was added.\n');
    expect((await cli('events', '--limit', '1000')).stdout).toBe(events);

    const sources = (await cli('sources')).stdout.trim().split('\n');
    expect(sources.length).toBeGreaterThanOrEqual(6);
    const london = sources.find((line) => line.includes('rareearthexchanges') || line.includes('Rare Earths Dominate'));
    expect(london).toMatch(/^src-[a-z0-9-]+\t2025-06-10\t/);

    const searched = await cli('events', '--query', 'London', '--from', '2025-06', '--to', '2025-06-30');
    expect(searched.code).toBe(0);
    const hits = searched.stdout.trim().split('\n');
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.split('\t')[0]! >= '2025-06').toBe(true);

    const query = await cli('sources', '--query', 'rare earths', '--json');
    expect(JSON.parse(query.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ publisher: expect.any(String) })]));
  });

  it('extracts dated candidate events from a sample article', async () => {
    expect((await cli('sample')).code).toBe(0);
    const sources = (await cli('sources')).stdout.trim().split('\n');
    const id = sources.find((line) => line.includes('Rare Earths Dominate'))?.split('\t')[0] ?? sources[0]!.split('\t')[0]!;
    const run = await cli('extract', id);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?\t\S.*$/);
    const json = JSON.parse((await cli('extract', id, '--json')).stdout) as { sourceId: string; sentence: string }[];
    expect(json).toHaveLength(lines.length);
    expect(json.every((candidate) => candidate.sourceId === id)).toBe(true);
  });
});
