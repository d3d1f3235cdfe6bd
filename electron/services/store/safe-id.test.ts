import { type FSWatcher, watch, writeFileSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, type Note, type RevisionSummary } from '../../../core/index';
import { type Backend, createBackend } from '../../container';
import { makeTempDir, removeDir } from '../testing/fixtures';
import { checkId, insideRoot } from './safe-id';

/** Ids shaped like paths: each must be refused before any file, folder or lock is touched. */
const PATH_LIKE_IDS: [string, string][] = [
  ['parent of parent', '../../x'],
  ['Windows parent', '..\\x'],
  ['absolute', '/etc/passwd'],
  ['with a folder', 'a/b'],
  ['with NUL', 'x\u0000y'],
  ['dot', '.'],
  ['dot dot', '..'],
  ['very long', 'a'.repeat(100_000)],
  ['long and escaping', `${'../'.repeat(500)}x`],
];

describe('checkId and insideRoot', () => {
  it.each(PATH_LIKE_IDS)('refuses a %s id for every kind with invalid_input', (_label, id) => {
    for (const kind of ['note', 'revision', 'template', 'style', 'upload', 'library'] as const) {
      expect(() => checkId(kind, id), kind).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
  });

  it('keeps ids of the shapes Briefing Desk makes', () => {
    const valid: [Parameters<typeof checkId>[0], string][] = [
      ['note', 'n-20250610-ab12cd34'],
      ['revision', 'r-20250610101500123-ab12cd'],
      ['template', 'situation-brief'],
      ['style', 'apa'],
      ['style', 'my-agency-v2-3'],
      ['upload', 'up-0123456789abcdef01234567'],
      ['library', 'ds-0123abcd'],
    ];
    for (const [kind, id] of valid) expect(checkId(kind, id)).toBe(id);
  });

  it('quotes a refused id short and escaped', () => {
    const error = (() => {
      try {
        checkId('note', `x\u0000${'y'.repeat(10_000)}`);
      } catch (caught) {
        return caught as AppError;
      }
      throw new Error('not refused');
    })();
    expect(error.message.length).toBeLessThan(250);
    expect(error.message).toContain('"x\\u0000yyy');
  });

  it.each([
    ['..', false],
    ['../x', false],
    ['notes/../../x.json', false],
    ['/etc/passwd', false],
    ['notes/a\u0000b.json', false],
    ['.', true],
    ['notes/n-1.json', true],
    ['notes/../settings.json', true],
  ])('insideRoot(%j) is allowed: %s', (relPath, allowed) => {
    const root = resolve('/tmp/ws-root');
    const outcome = (): string => {
      try {
        return insideRoot(root, relPath).startsWith(root) ? 'inside the root' : 'outside the root';
      } catch (error) {
        return `refused: ${(error as { code?: string }).code ?? String(error)}`;
      }
    };
    expect(outcome()).toBe(allowed ? 'inside the root' : 'refused: forbidden');
  });
});

/** Every entry (folders too) under `dir`, relative and sorted, with sizes of files. */
async function snapshot(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const rows = await Promise.all(
    entries.map(async (entry) => {
      const path = join(entry.parentPath, entry.name);
      return entry.isDirectory() ? `${relative(dir, path)}/` : `${relative(dir, path)} ${(await stat(path)).size}`;
    }),
  );
  return rows.filter((row) => !row.startsWith('.probe-')).sort();
}

/**
 * Watches every folder under `root` (one non-recursive watcher each), so a file created and removed
 * again (a lock) is seen too. `settle` writes a probe file and waits for its event: the kernel
 * queues events in order, so every earlier change has been reported by then.
 */
async function watchTree(root: string): Promise<{ changes: string[]; settle(): Promise<void>; close(): void }> {
  const changes: string[] = [];
  const dirs = [root, ...(await readdir(root, { recursive: true, withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => join(entry.parentPath, entry.name))];
  let waiting: { name: string; resolve: () => void } | null = null;
  let probes = 0;
  const watchers: FSWatcher[] = dirs.map((dir) =>
    watch(dir, (_type, name) => {
      const file = String(name);
      if (dir === root && waiting && file === waiting.name) {
        waiting.resolve();
        waiting = null;
        return;
      }
      if (!file.startsWith('.probe-')) changes.push(join(relative(root, dir), file));
    }),
  );
  return {
    changes,
    settle: async () => {
      const name = `.probe-${(probes += 1)}`;
      await new Promise<void>((resolveProbe) => {
        waiting = { name, resolve: resolveProbe };
        writeFileSync(join(root, name), '');
      });
      await rm(join(root, name), { force: true });
    },
    close: () => watchers.forEach((watcher) => watcher.close()),
  };
}

describe('every service refuses path-like ids before touching a file', () => {
  let outer: string;
  let backend: Backend;
  let note: Note;
  let revision: RevisionSummary;

  beforeAll(async () => {
    // The workspace sits deep inside a temp parent, so `../../x` from any of its folders lands in the parent, where the watchers see it.
    outer = await makeTempDir('bd-ids-');
    const workspaceDir = join(outer, 'a', 'b', 'workspace');
    await mkdir(workspaceDir, { recursive: true });
    backend = await createBackend({ workspaceDir, builtinTemplatesDir: resolve(__dirname, '..', '..', '..', 'templates'), appVersion: '0.0.0-test' });
    const { notes, revisions, settings, citationStyles, library } = backend.services;
    note = await notes.create({ templateId: 'blank' });
    revision = await notes.snapshot(note.id);
    // Everything a refused call might read lazily is read once now, so the run itself writes nothing.
    await Promise.all([settings.get(), citationStyles.list(), library.stats(), revisions.list(note.id), notes.list({})]);
    await backend.services.uploads.sweep();
  });

  afterAll(async () => {
    await backend.close();
    await removeDir(outer);
  });

  type Case = [string, (id: string) => Promise<unknown>];
  const cases = (): Case[] => {
    const { notes, revisions, templates, citationStyles, library, uploads, imports, exports, facts } = backend.services;
    const draft = { date: { date: '2025-06-10', precision: 'day' as const }, summary: 'x' };
    return [
      ['notes.get', (id) => notes.get(id)],
      ['notes.read', (id) => notes.read(id)],
      ['notes.create (template id)', (id) => notes.create({ templateId: id })],
      ['notes.save', (id) => notes.save({ id, meta: { title: 'x' } })],
      ['notes.snapshot', (id) => notes.snapshot(id)],
      ['notes.duplicate', (id) => notes.duplicate(id)],
      ['notes.trash', (id) => notes.trash(id)],
      ['notes.restore', (id) => notes.restore(id)],
      ['notes.delete', (id) => notes.delete(id)],
      ['notes.restoreRevision (note id)', (id) => notes.restoreRevision(id, revision.id)],
      ['notes.restoreRevision (revision id)', (id) => notes.restoreRevision(note.id, id)],
      ['revisions.list', (id) => revisions.list(id)],
      ['revisions.get (note id)', (id) => revisions.get(id, revision.id)],
      ['revisions.get (revision id)', (id) => revisions.get(note.id, id)],
      ['revisions.removeAll', (id) => revisions.removeAll(id)],
      ['templates.get', (id) => templates.get(id)],
      ['templates.rename', (id) => templates.rename(id, 'x')],
      ['templates.duplicate', (id) => templates.duplicate(id)],
      ['templates.delete', (id) => templates.delete(id)],
      ['citationStyles.xml', (id) => citationStyles.xml(id)],
      ['citationStyles.delete', (id) => citationStyles.delete(id)],
      ['library.deleteDataset', (id) => library.deleteDataset(id)],
      ['library.getEvent', (id) => library.getEvent(id)],
      ['library.updateEvent', (id) => library.updateEvent(id, { summary: 'x' })],
      ['library.deleteEvent', (id) => library.deleteEvent(id)],
      ['library.getSource', (id) => library.getSource(id)],
      ['library.updateSource', (id) => library.updateSource(id, { title: 'x' })],
      ['library.deleteSource', (id) => library.deleteSource(id)],
      ['library.extract', (id) => library.extract(id)],
      ['library.acceptCandidate', (id) => library.acceptCandidate(id, draft)],
      ['library.citingNotes', (id) => library.citingNotes(id)],
      ['uploads.read', (id) => uploads.read(id)],
      ['uploads.remove', (id) => uploads.remove(id)],
      ['imports.start (upload id)', async (id) => imports.start({ uploadId: id, fileName: 'x.csv' })],
      ['exports.preview', (id) => exports.preview(id, 'a4')],
      ['exports.start', (id) => exports.start(id, 'md', 'a4')],
      ['exports.exportBytes', (id) => exports.exportBytes(id, 'md', 'a4')],
      ['facts.insertEvents (note id)', (id) => facts.insertEvents({ id, eventIds: [], as: 'sentence' })],
    ];
  };

  it('answers invalid_input for each service and id, and nothing is created or deleted in or around the workspace', async () => {
    const before = await snapshot(outer);
    const watcher = await watchTree(outer);
    try {
      await watcher.settle();
      watcher.changes.length = 0;
      const wrong: string[] = [];
      for (const [service, run] of cases()) {
        for (const [label, id] of PATH_LIKE_IDS) {
          // Some services refuse synchronously (citingNotes, imports.start): a throw counts like a rejection.
          const error = await Promise.resolve()
            .then(() => run(id))
            .then(
            () => null,
            (caught: unknown) => caught,
          );
          await watcher.settle();
          const code = error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
          if (code !== 'invalid_input') wrong.push(`${service} with ${label}: ${code}`);
          if (watcher.changes.length > 0) wrong.push(`${service} with ${label} touched ${watcher.changes.splice(0).join(', ')}`);
        }
      }
      expect(wrong).toEqual([]);
    } finally {
      watcher.close();
    }
    expect(await snapshot(outer)).toEqual(before);
  });

  it('refuses the same ids at the contract, for every call that takes an id', async () => {
    const inputs: [string, (id: string) => unknown][] = [
      ['notes:get', (id) => ({ id })],
      ['notes:save', (id) => ({ id, meta: { title: 'x' } })],
      ['notes:delete', (id) => ({ id, confirm: true })],
      ['notes:create', (id) => ({ templateId: id })],
      ['revisions:list', (id) => ({ noteId: id })],
      ['revisions:get', (id) => ({ noteId: note.id, revisionId: id })],
      ['revisions:restore', (id) => ({ noteId: note.id, revisionId: id })],
      ['templates:rename', (id) => ({ id, name: 'x' })],
      ['templates:delete', (id) => ({ id })],
      ['citations:style-xml', (id) => ({ id })],
      ['citations:delete-style', (id) => ({ id })],
      ['library:delete-dataset', (id) => ({ id, confirm: true })],
      ['events:get', (id) => ({ id })],
      ['events:get-many', (id) => ({ ids: [id] })],
      ['sources:get', (id) => ({ id })],
      ['import:start', (id) => ({ uploadId: id, fileName: 'x.csv' })],
      ['export:start', (id) => ({ id, format: 'md' })],
      ['notes:insert-events', (id) => ({ id, eventIds: ['ev-0000000000000000'] })],
    ];
    const wrong: string[] = [];
    for (const [name, inputOf] of inputs) {
      for (const [label, id] of PATH_LIKE_IDS) {
        const result = await backend.dispatch(name, inputOf(id));
        if (result.ok || result.error.code !== 'invalid_input') wrong.push(`${name} with ${label}: ${result.ok ? 'ok' : result.error.code}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
