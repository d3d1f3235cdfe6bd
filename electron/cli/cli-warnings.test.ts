import { mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let workspace: string;

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'bd-cli-warn-'));
});

afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<Run> {
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

const warnings = (stderr: string): string[] => stderr.split('\n').filter((line) => line.startsWith('warning: '));

async function loggedProblems(): Promise<{ by: string; problem: { file: string; message: string } }[]> {
  const text = await readFile(join(workspace, 'logs', 'problems.jsonl'), 'utf8');
  return text.trim().split('\n').map((line) => JSON.parse(line) as { by: string; problem: { file: string; message: string } });
}

describe('the CLI says when it repairs a damaged workspace file', () => {
  it('prints a "warning:" line for a rebuilt library manifest, logs it, lists the events and exits 0', async () => {
    const file = join(workspace, 'mine.json');
    const event = (id: string, summary: string) => ({ id, date: '2025-06-09', summary, type: 'Meeting', sources: ['s1'] });
    await writeFile(file, JSON.stringify({ briefingDesk: 'events', version: 1, dataset: 'Mine', sources: [{ id: 's1', title: 'A source', publisher: 'P', url: 'https://example.org/a' }], events: [event('e1', 'Officials met in London'), event('e2', 'Talks resumed')] }));
    const imported = await cli('import', file);
    expect(imported.code).toBe(0);
    expect(warnings(imported.stderr)).toEqual([]);
    await truncate(join(workspace, 'library', 'manifest.json'), 15);

    const run = await cli('events');

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Officials met in London');
    expect(run.stdout).toContain('Talks resumed');
    const [warning, ...more] = warnings(run.stderr);
    expect(more).toEqual([]);
    expect(warning).toMatch(/^warning: The library manifest library\/manifest\.json could not be read: .* It was moved to library\/manifest\.corrupt-\d+T\d+Z\.json\. The library was rebuilt from 2 data files: 1 dataset, 2 events, 1 source\.$/);
    expect(await loggedProblems()).toEqual([{ id: expect.any(String), by: 'cli', problem: expect.objectContaining({ file: 'library/manifest.json', message: warning!.slice('warning: '.length) }) }]);
    // Repaired once: the next command is quiet.
    expect(warnings((await cli('events')).stderr)).toEqual([]);
  });

  it('prints a "warning:" line for a note file it moves aside', async () => {
    const created = await cli('new', '--template', 'situation-brief', '--title', 'Damaged brief');
    expect(created.code).toBe(0);
    const id = created.stdout.trim();
    await writeFile(join(workspace, 'notes', `${id}.json`), '{"schemaVersion":1,"note":{"id":"n-');

    const run = await cli('notes');

    expect(run.code).toBe(0);
    const [warning] = warnings(run.stderr);
    expect(warning).toContain(`notes/${id}.json could not be read`);
    expect(warning).toContain(`It was moved to notes/${id}.corrupt-`);
    expect((await readdir(join(workspace, 'notes'))).filter((name) => name.includes('.corrupt-'))).toHaveLength(1);
    expect((await loggedProblems()).map((entry) => entry.problem.file)).toEqual([`notes/${id}.json`]);
  });
});
