import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventSchema, SourceSchema, type LibraryEvent, type Source } from '../../core/index';
import { runCli } from './run-cli';

/**
 * `events --json`, `sources --json`, `event ID` and `source ID`: the real CLI on a temp workspace
 * holding the real GDELT 2.0 sample (test-fixtures/real/) and an ACLED file in ACLED's own column
 * layout. The JSON must be the contract's Event and Source records exactly: parsed by their zod
 * schemas (strict: no field added) and equal to what was printed (no field dropped).
 */
const GDELT = resolve(__dirname, '..', '..', 'test-fixtures', 'real', 'gdelt2-sample-head50.export.CSV');
const ACLED = resolve(__dirname, '..', 'services', 'library', 'importers', 'fixtures', 'acled-sample.csv');

const Events = z.array(EventSchema.strict());
const Sources = z.array(SourceSchema.strict());

let workspace: string;

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: { BRIEFING_DESK_WORKSPACE: workspace },
    homedir: workspace,
  });
  return { code, stdout, stderr };
}

let events: LibraryEvent[];
let sources: Source[];

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'bd-cli-records-'));
  const imported = await cli('import', GDELT, ACLED);
  if (imported.code !== 0) throw new Error(imported.stderr);
  const listed = await cli('events', '--json', '--limit', '1000');
  expect(listed).toMatchObject({ code: 0, stderr: '' });
  const raw: unknown = JSON.parse(listed.stdout);
  events = Events.parse(raw);
  expect(events).toEqual(raw);
  const listedSources = await cli('sources', '--json');
  expect(listedSources.code).toBe(0);
  const rawSources: unknown = JSON.parse(listedSources.stdout);
  sources = Sources.parse(rawSources);
  expect(sources).toEqual(rawSources);
  // Two imports in a worker thread: allow for a loaded machine.
}, 60_000);

afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

describe('events --json and sources --json print whole records', () => {
  it('keeps GDELT’s GLOBALEVENTID, its location, figures, dataset and version', async () => {
    const globalIds = (await readFile(GDELT, 'utf8')).trim().split('\n').map((line) => line.split('\t')[0]);
    const gdelt = events.filter((event) => event.origin.file === 'gdelt2-sample-head50.export.CSV');
    expect(gdelt.length).toBeGreaterThan(0);
    for (const event of gdelt) {
      expect(globalIds).toContain(event.externalId);
      expect(event).toMatchObject({ datasetId: expect.stringMatching(/^ds-/), datasetVersion: 1, type: { taxonomy: 'CAMEO' } });
      expect(event.figures).toEqual(expect.objectContaining({ goldstein: expect.any(Number), numArticles: expect.any(Number) }));
    }
    expect(gdelt.some((event) => event.location !== null && event.location.latitude !== null)).toBe(true);
  });

  it('keeps ACLED’s event_id_cnty, fatalities and place', () => {
    const sudan = events.find((event) => event.externalId === 'SDN31002');
    expect(sudan).toMatchObject({
      figures: { fatalities: 4 },
      location: { name: 'Al Nuhud', admin1: 'West Kordofan', country: 'SDN', latitude: 12.7, longitude: 28.4333 },
      type: { taxonomy: 'ACLED', subType: 'Air/drone strike' },
    });
    expect(sudan!.sourceIds.length).toBeGreaterThan(0);
    for (const id of sudan!.sourceIds) expect(sources.map((source) => source.id)).toContain(id);
  });
});

describe('event ID and source ID', () => {
  it('event ID --json prints the same record as events --json', async () => {
    const event = events.find((candidate) => candidate.externalId === 'SDN31002')!;
    const run = await cli('event', event.id, '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(EventSchema.strict().parse(JSON.parse(run.stdout))).toEqual(event);
  });

  it('source ID --json prints the same record as sources --json, text included', async () => {
    const source = sources[0]!;
    const run = await cli('source', source.id, '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(SourceSchema.strict().parse(JSON.parse(run.stdout))).toEqual(source);
  });

  it('event ID prints a readable form: every field that has a value, then the sources it cites', async () => {
    const event = events.find((candidate) => candidate.externalId === 'SDN31002')!;
    const run = await cli('event', event.id);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`Event ${event.id}`);
    expect(run.stdout).toMatch(/^Date +2025-06-02$/m);
    expect(run.stdout).toMatch(/^Type +Explosions\/Remote violence \[ACLED\] — Air\/drone strike$/m);
    expect(run.stdout).toMatch(/^Location +Al Nuhud, West Kordofan, SDN \(12\.7, 28\.4333\)$/m);
    expect(run.stdout).toMatch(/^Figures +fatalities 4$/m);
    expect(run.stdout).toMatch(new RegExp(`^Dataset +acled-sample\\.csv \\(${event.datasetId}\\), version 1$`, 'm'));
    expect(run.stdout).toMatch(/^External id +SDN31002$/m);
    expect(run.stdout).toMatch(/^Sources\n {2}src-\S+ {2}Sudan Tribune$/m);
  });

  it('source ID prints a readable form', async () => {
    const source = sources.find((candidate) => candidate.title === 'Sudan Tribune')!;
    const run = await cli('source', source.id);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(`Source ${source.id}`);
    expect(run.stdout).toMatch(/^Title +Sudan Tribune$/m);
    expect(run.stdout).toMatch(/^Grade +not graded$/m);
    expect(run.stdout).toMatch(/^Origin +import, acled-sample\.csv$/m);
  });

  it.each([
    ['event', 'ev-0000000000000000'],
    ['event', '../settings'],
    ['event', 'src-0000000000000000'],
    ['source', 'src-0000000000000000'],
    ['source', 'not an id'],
  ])('%s %s: a clear error, exit 2, nothing on stdout', async (command, id) => {
    const run = await cli(command, id, '--json');
    expect(run).toEqual({ code: 2, stdout: '', stderr: `briefing-desk: no ${command} with id "${id}" — run "briefing-desk ${command}s" to list them\n` });
  });

  it('lists event and source in --help, each with its own usage', async () => {
    const help = await cli('--help');
    expect(help.stdout).toMatch(/^ {2}event EVENT_ID \[--json\] +print one event/m);
    expect(help.stdout).toMatch(/^ {2}source SOURCE_ID \[--json\] +print one source/m);
    const event = await cli('event', '--help');
    expect(event).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: briefing-desk event EVENT_ID [--json]') });
    expect((await cli('event')).stderr).toBe('briefing-desk: missing EVENT_ID for "event" — run "briefing-desk event --help"\n');
  });
});
