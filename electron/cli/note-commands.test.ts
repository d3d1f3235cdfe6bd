import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocNode, EventCard, LibraryEvent, Note, Source } from '../../core/index';
import { createBackend } from '../container';
import { runCli } from './run-cli';

/**
 * `insert` in-process against a temp workspace: the real backend, the real sample library and the
 * real situation-brief template; the note file on disk is what is checked.
 */
interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const TEMPLATES = resolve(__dirname, '..', '..', 'templates');

let workspace: string;

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'bd-cli-insert-'));
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

async function ok(...argv: string[]): Promise<string> {
  const run = await cli(...argv);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

/** The sample library and a new situation brief; the 5 June call and the 6 June announcement. */
async function setUp(): Promise<{ noteId: string; call: EventCard; talks: EventCard }> {
  await ok('sample');
  const noteId = (await ok('new', '--template', 'situation-brief', '--title', 'Rare earths')).trim();
  const events = JSON.parse(await ok('events', '--json', '--limit', '1000')) as EventCard[];
  const call = events.find((event) => event.date.date === '2025-06-05' && /phone/i.test(`${event.type} ${event.summary}`));
  const talks = events.find((event) => event.date.date === '2025-06-06');
  if (!call || !talks) throw new Error('the sample library lacks the 5 June call or the 6 June announcement');
  return { noteId, call, talks };
}

async function noteFile(noteId: string): Promise<Note> {
  return (JSON.parse(await readFile(join(workspace, 'notes', `${noteId}.json`), 'utf8')) as { note: Note }).note;
}

async function eventsById(ids: string[]): Promise<Map<string, { event: LibraryEvent; sources: Source[] }>> {
  const backend = await createBackend({ workspaceDir: workspace, builtinTemplatesDir: TEMPLATES, appVersion: '9.9.9-test' });
  try {
    const found = new Map<string, { event: LibraryEvent; sources: Source[] }>();
    for (const id of ids) {
      const result = await backend.dispatch('events:get', { id });
      if (!result.ok) throw new Error(result.error.message);
      found.set(id, result.value as { event: LibraryEvent; sources: Source[] });
    }
    return found;
  } finally {
    await backend.close();
  }
}

/** Every node under `node` (itself included), depth first. */
function walk(node: DocNode, visit: (node: DocNode) => void): void {
  visit(node);
  for (const child of node.content ?? []) walk(child, visit);
}

function textOf(node: DocNode): string {
  let text = '';
  walk(node, (inner) => (text += inner.text ?? ''));
  return text;
}

/** Event ids of the provenance marks under `node`, in document order. */
function provenanceIds(node: DocNode): string[] {
  const ids: string[] = [];
  walk(node, (inner) => {
    for (const mark of inner.marks ?? []) if (mark.type === 'provenance') ids.push(String(mark.attrs?.eventId));
  });
  return [...new Set(ids)];
}

/** Source ids of the citation nodes under `node`. */
function citedSourceIds(node: DocNode): string[][] {
  const cited: string[][] = [];
  walk(node, (inner) => {
    if (inner.type === 'citation') cited.push((inner.attrs?.sourceIds as string[] | undefined) ?? []);
  });
  return cited;
}

/** Index of the top-level "Sources" heading (the template places it right before the generated list). */
function sourcesHeadingIndex(doc: DocNode): number {
  return (doc.content ?? []).findIndex((node) => node.type === 'heading' && textOf(node).trim() === 'Sources');
}

describe('briefing-desk insert', () => {
  it('inserts events as cited sentences before the Sources heading', async () => {
    const { noteId, call, talks } = await setUp();
    const before = await noteFile(noteId);

    const run = await cli('insert', noteId, '--event', call.id, '--event', talks.id);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Inserted 2 facts into “Rare earths” (${noteId}).\n`);

    const note = await noteFile(noteId);
    expect(note.version).toBe(before.version + 1);
    const blocks = note.content.content ?? [];
    expect(blocks.length).toBe((before.content.content ?? []).length + 2);
    const heading = sourcesHeadingIndex(note.content);
    expect(heading).toBe(sourcesHeadingIndex(before.content) + 2);
    expect(blocks[heading + 1]?.type).toBe('sourcesSection');

    const library = await eventsById([call.id, talks.id]);
    const inserted = blocks.slice(heading - 2, heading);
    inserted.forEach((paragraph, i) => {
      const id = [call.id, talks.id][i]!;
      expect(paragraph.type).toBe('paragraph');
      expect(provenanceIds(paragraph)).toEqual([id]);
      expect(citedSourceIds(paragraph)).toEqual([library.get(id)!.event.sourceIds]);
    });
    expect(textOf(inserted[0]!)).toMatch(/5 June 2025/);
    // Nothing outside the inserted paragraphs changed.
    expect([...blocks.slice(0, heading - 2), ...blocks.slice(heading)]).toEqual(before.content.content);
  });

  it('takes comma-separated ids and writes a chronology oldest first', async () => {
    const { noteId, call, talks } = await setUp();
    const run = await cli('insert', noteId, '--event', `${talks.id},${call.id}`, '--as', 'chronology');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Inserted 2 facts');

    const note = await noteFile(noteId);
    const heading = sourcesHeadingIndex(note.content);
    const before = note.content.content!.slice(0, heading);
    const order: string[] = [];
    for (const block of before) order.push(...provenanceIds(block));
    expect(order).toEqual([call.id, talks.id]);
    const cited = before.flatMap((block) => citedSourceIds(block)).flat();
    const library = await eventsById([call.id, talks.id]);
    for (const id of [call.id, talks.id]) for (const sourceId of library.get(id)!.event.sourceIds) expect(cited).toContain(sourceId);
  });

  it('inserts a bullet list with --as bullet', async () => {
    const { noteId, call } = await setUp();
    expect((await cli('insert', noteId, '--event', call.id, '--as', 'bullet')).stdout).toBe(`Inserted 1 fact into “Rare earths” (${noteId}).\n`);
    const note = await noteFile(noteId);
    const heading = sourcesHeadingIndex(note.content);
    const list = note.content.content![heading - 1]!;
    expect(list.type).toBe('bulletList');
    expect(provenanceIds(list)).toEqual([call.id]);
  });

  it.each([
    ['an unknown note', (ids: { call: string }) => ['insert', 'n-20250101-00000000', '--event', ids.call], /No note|not found|no note/i],
    ['an unknown event', (ids: { noteId: string }) => ['insert', ids.noteId, '--event', 'ev-doesnotexist'], /No event with id ev-doesnotexist/],
    ['a missing --event', (ids: { noteId: string }) => ['insert', ids.noteId], /missing --event/],
    ['a bad --as', (ids: { noteId: string; call: string }) => ['insert', ids.noteId, '--event', ids.call, '--as', 'table'], /--as must be one of sentence, bullet, chronology/],
    ['a missing NOTE_ID', () => ['insert', '--event', 'ev-abcd'], /missing NOTE_ID/],
  ])('refuses %s with one line on stderr, exit 2, and leaves the note alone', async (_label, argv, message) => {
    const { noteId, call } = await setUp();
    const before = await readFile(join(workspace, 'notes', `${noteId}.json`), 'utf8');
    const run = await cli(...argv({ noteId, call: call.id }));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(await readFile(join(workspace, 'notes', `${noteId}.json`), 'utf8')).toBe(before);
  });

  it('is listed in --help and has its own help', async () => {
    expect(await ok('--help')).toContain('  insert NOTE_ID --event ID... [--as MODE]');
    const help = await ok('insert', '--help');
    expect(help).toMatch(/^Usage: briefing-desk insert NOTE_ID --event ID\.\.\. \[--as sentence\|bullet\|chronology\]/);
    expect(help).toContain('--workspace DIR');
  });
});
